import { describe, expect, it } from 'vitest';
import { parseDecimal } from './number-format.js';

describe('parseDecimal', () => {
  it('reads the decimal comma and the thousands spaces Polish files use', () => {
    expect(parseDecimal('1234,5', ',')).toEqual({ ok: true, value: 1234.5 });
    // Intl.NumberFormat('pl') groups with U+00A0; some exports use U+202F or a plain space.
    expect(parseDecimal('1\u00a0790\u00a0658', ',')).toEqual({ ok: true, value: 1790658 });
    expect(parseDecimal('12\u202f345,25', ',')).toEqual({ ok: true, value: 12345.25 });
    expect(parseDecimal('779 115', ',')).toEqual({ ok: true, value: 779115 });
    expect(parseDecimal('\u22123,9', ',')).toEqual({ ok: true, value: -3.9 });
    expect(parseDecimal('-3.9', '.')).toEqual({ ok: true, value: -3.9 });
    expect(parseDecimal('63,35714286', ',')).toEqual({ ok: true, value: 63.35714286 });
    expect(parseDecimal('0', ',')).toEqual({ ok: true, value: 0 });
  });
  it('refuses junk instead of guessing', () => {
    for (const junk of ['12,3,4', '1.234,5', '12 34', 'abc', '12a', '1 2345', ',', '-', '12%']) {
      expect(parseDecimal(junk, ',').ok, junk).toBe(false);
    }
    expect(parseDecimal('12,3', '.')).toMatchObject({
      ok: false,
      reason: expect.stringContaining('file.decimal'),
    });
  });
});
