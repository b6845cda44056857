import { describe, expect, it } from 'vitest';
import { coverageOf, outsideCoverage } from './coverage.js';

describe('coverageOf', () => {
  it('names the województwa a partial source covers and counts its units', () => {
    const coverage = coverageOf([
      { code: '1465011', hasRow: true, hasValue: true },
      { code: '1401011', hasRow: true, hasValue: false }, // a row without a value still counts as covered
      { code: '1261011', hasRow: false, hasValue: false },
      { code: '0264011', hasRow: false, hasValue: false },
    ]);
    expect(coverage).toEqual({ units: 2, of: 4, values: 1, complete: false, voivodeships: ['14'] });
    expect(outsideCoverage(coverage, '1261011')).toBe(true);
    expect(outsideCoverage(coverage, '1401011')).toBe(false);
  });

  it('is complete when every województwo has a row, or nothing has one', () => {
    const full = coverageOf([
      { code: '1465011', hasRow: true, hasValue: true },
      { code: '1261011', hasRow: false, hasValue: false }, // one missing gmina in a covered województwo
      { code: '1201011', hasRow: true, hasValue: true },
    ]);
    expect(full.complete).toBe(true);
    expect(outsideCoverage(full, '1261011')).toBe(false);
    expect(coverageOf([{ code: '12', hasRow: false, hasValue: false }]).complete).toBe(true);
  });
});
