import { describe, expect, it } from 'vitest';
import { checkEntries, parseSubmittedNumber } from './check-entries.js';
import type { JstVariable } from './jst-variables.js';

const COST: JstVariable = {
  id: 'jst:koszt-dowozu-uczniow',
  name: 'koszt_dowozu_uczniow',
  label: { pl: 'koszt dowozu uczniów', en: 'cost of school transport' },
  measureUnit: 'zł',
  levels: ['gmina'],
  decimals: 2,
};
const WAITING: JstVariable = {
  ...COST,
  id: 'jst:oczekujacy-na-mieszkanie-komunalne',
  label: { pl: 'oczekujący', en: 'waiting' },
  measureUnit: 'gospodarstwo domowe',
  decimals: 0,
};
const context = { unitCode: '1219053', variables: [COST, WAITING], minYear: 2010, maxYear: 2026 };

describe('submitted numbers', () => {
  it('reads Polish and English decimals and space-grouped thousands, and nothing else', () => {
    expect(parseSubmittedNumber('1 234 567,89')).toBe(1234567.89);
    expect(parseSubmittedNumber('1\u00a0234.5')).toBe(1234.5);
    expect(parseSubmittedNumber(' 42 ')).toBe(42);
    expect(parseSubmittedNumber('-3')).toBe(-3);
    for (const bad of ['1.234,5', '12a', '', '1,2,3', 'NaN', '1e5'])
      expect(parseSubmittedNumber(bad)).toBeNull();
  });
});

describe('checking a submission', () => {
  it('keeps valid rows, skips empty ones, and names each problem with its line', () => {
    const { values, problems } = checkEntries(
      [
        {
          line: 2,
          unitCode: '1219053',
          variableId: COST.id,
          year: '2024',
          value: '1 250 000,50',
          measureUnit: 'zł',
        },
        { line: 3, unitCode: '1219053', variableId: WAITING.id, year: 2024, value: '' },
        { line: 4, unitCode: '1219053', variableId: WAITING.id, year: 2023, value: '12,5' },
        {
          line: 5,
          unitCode: '1219053',
          variableId: COST.id,
          year: 2023,
          value: '900',
          measureUnit: 'tys. zł',
        },
        { line: 6, unitCode: '1261011', variableId: COST.id, year: 2023, value: '1' },
        { line: 7, unitCode: '1219053', variableId: 'jst:nieznana', year: 2023, value: '1' },
        { line: 8, unitCode: '1219053', variableId: COST.id, year: 2031, value: '1' },
        { line: 9, unitCode: '1219053', variableId: COST.id, year: 2024, value: '7' },
        { line: 10, unitCode: '1219053', variableId: COST.id, year: 2022, value: 'dużo' },
      ],
      context,
    );
    expect(values).toEqual([{ line: 2, variableId: COST.id, year: 2024, value: 1250000.5 }]);
    expect(problems.map((p) => [p.line, p.field])).toEqual([
      [4, 'value'],
      [5, 'measureUnit'],
      [6, 'unit'],
      [7, 'variable'],
      [8, 'year'],
      [9, 'year'],
      [10, 'value'],
    ]);
    expect(problems[0]?.message.pl).toContain('liczbą całkowitą');
    expect(problems[1]?.message.en).toContain('expected "zł"');
    expect(problems[5]?.message.en).toContain('given twice (also line 2)');
    expect(problems.every((p) => p.severity === 'error')).toBe(true);
  });

  it('refuses a submission with no value at all', () => {
    const { problems } = checkEntries([{ line: 2, variableId: COST.id, year: 2024, value: ' ' }], context);
    expect(problems).toHaveLength(1);
    expect(problems[0]?.message.en).toBe('The submission holds no value.');
  });
});
