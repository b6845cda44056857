import { describe, expect, it } from 'vitest';
import { neutraliseFormula } from './csv-cell.js';

describe('neutraliseFormula', () => {
  it('prefixes a quote to text that a spreadsheet would run as a formula (OWASP: = + - @ tab CR)', () => {
    expect(neutraliseFormula('=HYPERLINK("http://x","y")')).toBe(`'=HYPERLINK("http://x","y")`);
    expect(neutraliseFormula('+1+cmd|/C calc!A0')).toBe(`'+1+cmd|/C calc!A0`);
    expect(neutraliseFormula('-2+3')).toBe(`'-2+3`);
    expect(neutraliseFormula('@SUM(A1)')).toBe(`'@SUM(A1)`);
    expect(neutraliseFormula('\t=1')).toBe(`'\t=1`);
    expect(neutraliseFormula('\r=1')).toBe(`'\r=1`);
  });

  it('leaves every other text as it is', () => {
    for (const text of ['Kraków', 'osoby na km²', '', ' =1', "'=1", 'GUS, Bank Danych Lokalnych', '—']) {
      expect(neutraliseFormula(text)).toBe(text);
    }
  });
});
