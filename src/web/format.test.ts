import { describe, expect, it } from 'vitest';
import { countOf, formatNumber, UNITS_WORD } from './format.js';

describe('formatNumber', () => {
  it('writes Polish numbers with a no-break space between thousands and a decimal comma', () => {
    expect(formatNumber(1790658, 0, 'pl')).toBe('1\u00a0790\u00a0658');
    expect(formatNumber(3463.5551, 1, 'pl')).toBe('3\u00a0463,6');
    expect(formatNumber(-2.5, 1, 'pl')).toBe('−2,5');
    expect(formatNumber(1790658, 0, 'en')).toBe('1,790,658');
  });

  it('shows a dash, never 0 or NaN, for a missing value', () => {
    expect(formatNumber(null, 1, 'pl')).toBe('—');
    expect(formatNumber(Number.NaN, 1, 'pl')).toBe('—');
  });
});

describe('counts', () => {
  it('uses the three Polish plural forms and the two English ones', () => {
    expect([1, 3, 5, 12, 22, 25, 1000].map((n) => countOf(n, 'pl', UNITS_WORD))).toEqual([
      '1 jednostka',
      '3 jednostki',
      '5 jednostek',
      '12 jednostek',
      '22 jednostki',
      '25 jednostek',
      '1\u00a0000 jednostek',
    ]);
    expect(countOf(1, 'en', UNITS_WORD)).toBe('1 unit');
    expect(countOf(2, 'en', UNITS_WORD)).toBe('2 units');
  });
});
