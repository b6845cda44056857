import { describe, expect, it } from 'vitest';
import { formatNumber } from './format.js';

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
