import { describe, expect, it } from 'vitest';
import { fullPrecisionText, roundedText } from './number-text.js';

describe('fullPrecisionText', () => {
  it('keeps 16 significant digits, drops the binary noise of the 17th', () => {
    expect(fullPrecisionText(779_115 / 327)).toBe('2382.614678899083');
    expect(fullPrecisionText(0.1 + 0.2)).toBe('0.3');
    expect(fullPrecisionText(1_790_658)).toBe('1790658');
    expect(fullPrecisionText(-12.5, true)).toBe('-12,5');
  });

  it('never writes an exponent', () => {
    expect(fullPrecisionText(1.5e-7)).toBe('0.00000015');
    expect(fullPrecisionText(-2.25e-9)).toBe('-0.00000000225');
    expect(fullPrecisionText(3e21)).toBe('3000000000000000000000');
    expect(fullPrecisionText(1.234e22)).toBe('12340000000000000000000');
  });
});

describe('roundedText', () => {
  it('rounds as the pages show, with a decimal comma when asked', () => {
    expect(roundedText(2382.6146788990827, 1)).toBe('2382.6');
    expect(roundedText(2382.6146788990827, 2, true)).toBe('2382,61');
    expect(roundedText(779_115, 0)).toBe('779115');
    expect(roundedText(-0.04, 1)).toBe('0.0');
    expect(roundedText(0.125, null)).toBe('0.125');
  });
});
