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
    const error = (() => {
      try {
        parseYearsParam('20x9');
        return null;
      } catch (thrown) {
        return thrown as PageError;
      }
    })();
    expect(error?.status).toBe(400);
    expect(error?.messages).toEqual({
      pl: 'Parametr „lata”: oczekiwano roku lub zakresu lat, np. 2019 albo 2015-2019; otrzymano „20x9”.',
      en: 'Parameter "lata": expected a year or a range of years, e.g. 2019 or 2015-2019; got "20x9".',
    });
  });
});
