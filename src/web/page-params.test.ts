import { describe, expect, it } from 'vitest';
import { PageError } from './page-error.js';
import { parseAgainst, parseYearsParam } from './page-params.js';

describe('portal parameters', () => {
  it('accepts every saved set id the API accepts (up to 64 characters, not 40)', () => {
    const id = `set:${'Q'.repeat(64)}`;
    expect(parseAgainst(id)).toBe(id);
    expect(() => parseAgainst(`set:${'Q'.repeat(65)}`)).toThrow(PageError);
  });

  it('reads `lata` by the API’s rule', () => {
    expect(parseYearsParam('2015-2019')).toEqual({ from: 2015, to: 2019 });
    expect(parseYearsParam('')).toBeNull();
    expect(() => parseYearsParam('2019-2015')).toThrow(PageError);
  });
});
