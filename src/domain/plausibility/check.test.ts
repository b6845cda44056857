import { describe, expect, it } from 'vitest';
import type { FormulaEnvironment } from '../formula/compiler.js';
import type { InputCell } from '../formula/evaluation.js';
import { checkPlausibility, compileRules, type CompiledRule } from './check.js';
import type { PlausibilityRule } from './rules.js';
import { suspectRules, withSuspectMark, withoutSuspectMark } from './suspect-note.js';

const ENV: FormulaEnvironment = {
  variables: new Map([
    ['dochody', 'v:dochody'],
    ['podatek', 'v:podatek'],
    ['uslugi', 'v:uslugi'],
    ['ludnosc', 'v:ludnosc'],
  ]),
  definitions: new Map(),
  population: 'ludnosc',
  area: null,
};
const text = { pl: 'opis', en: 'description' };
const compile = (rules: PlausibilityRule[]): CompiledRule[] => {
  const result = compileRules(rules, ENV);
  expect(result.problems).toEqual([]);
  return result.rules;
};
/** A tiny store: variable|unit|year → value. */
const store = (cells: Record<string, number>) => {
  const get = (variableId: string, unit: string, year: number): InputCell | undefined => {
    const value = cells[`${variableId}|${unit}|${year}`];
    return value === undefined ? undefined : { value, flag: null };
  };
  const rows = Object.entries(cells).map(([key, value]) => {
    const [variableId, unitCode, year] = key.split('|') as [string, string, string];
    return { variableId, unitCode, year: Number(year), value };
  });
  return { get, rows };
};

describe('compileRules and checkPlausibility', () => {
  it('judges a range, strictly above zero and per resident, at the levels asked', () => {
    const rules = compile([
      {
        id: 'niezerowe',
        severity: 'hard',
        check: 'range',
        variable: 'dochody',
        above: 0,
        levels: ['gmina'],
        description: text,
      },
      {
        id: 'na-mieszkanca',
        severity: 'hard',
        check: 'range',
        variable: 'dochody',
        expression: 'per_capita(dochody)',
        min: 100,
        max: 100000,
        levels: ['gmina'],
        description: text,
      },
    ]);
    const { get, rows } = store({
      'v:dochody|0221011|2019': 0, // zero: breaks both rules (0 zł per resident is below 100)
      'v:ludnosc|0221011|2019': 16_000,
      'v:dochody|1261011|2019': 3_833_361_744, // Kraków: 4,920 zł per resident, fine
      'v:ludnosc|1261011|2019': 779_115,
      'v:dochody|0221|2019': 0, // a powiat: gmina-level rules do not apply
    });
    const found = checkPlausibility(rules, rows, get);
    expect(found.map((v) => [v.ruleId, v.unitCode, v.detail])).toEqual([
      ['niezerowe', '0221011', 'dochody = 0, not above 0'],
      ['na-mieszkanca', '0221011', 'per_capita(dochody) = 0, below the minimum 100'],
    ]);
  });

  it('leaves a rule whose input is missing unjudged, never treating missing as 0', () => {
    const rules = compile([
      {
        id: 'pc',
        severity: 'hard',
        check: 'range',
        variable: 'dochody',
        expression: 'per_capita(dochody)',
        min: 100,
        description: text,
      },
    ]);
    const { get, rows } = store({ 'v:dochody|0221011|2019': 5 }); // no population: cannot judge per resident
    expect(checkPlausibility(rules, rows, get)).toEqual([]);
  });

  it('finds a jump beyond the factor, up or down, and a fall to zero', () => {
    const rules = compile([
      {
        id: 'skok',
        severity: 'warning',
        check: 'year-on-year',
        variable: 'dochody',
        factor: 3,
        description: text,
      },
    ]);
    const { get, rows } = store({
      'v:dochody|a|2017': 100,
      'v:dochody|a|2018': 299, // 2.99×: fine
      'v:dochody|a|2019': 0, // to zero: infinitely down
      'v:dochody|b|2018': 100,
      'v:dochody|b|2019': 301, // 3.01×: up
    });
    expect(checkPlausibility(rules, rows, get).map((v) => [v.unitCode, v.year, v.severity])).toEqual([
      ['a', 2019, 'warning'],
      ['b', 2019, 'warning'],
    ]);
  });

  it('finds parts above their total, allowing the rounding of the files', () => {
    const rules = compile([
      {
        id: 'czesci',
        severity: 'hard',
        check: 'parts-within-total',
        variable: 'dochody',
        parts: ['podatek', 'uslugi'],
        description: text,
      },
    ]);
    const { get, rows } = store({
      'v:dochody|a|2019': 100,
      'v:podatek|a|2019': 60,
      'v:uslugi|a|2019': 40.5, // 100.5: within 1 of the total (rounding)
      'v:dochody|b|2019': 100,
      'v:podatek|b|2019': 102, // one part alone above the total
    });
    const found = checkPlausibility(rules, rows, get);
    expect(found.map((v) => v.unitCode)).toEqual(['b']);
    expect(found[0]?.detail).toBe('its parts (podatek + uslugi) add up to 102, more than the total 100');
  });

  it('names an unknown variable, a formula that does not compile and a range without bounds', () => {
    const { problems } = compileRules(
      [
        { id: 'a', severity: 'hard', check: 'range', variable: 'nie_ma', min: 0, description: text },
        {
          id: 'b',
          severity: 'hard',
          check: 'range',
          variable: 'dochody',
          expression: 'per_capita(',
          min: 0,
          description: text,
        },
        { id: 'c', severity: 'hard', check: 'range', variable: 'dochody', description: text },
        {
          id: 'c',
          severity: 'hard',
          check: 'parts-within-total',
          variable: 'dochody',
          parts: ['nie_ma'],
          description: text,
        },
      ],
      ENV,
    );
    expect(problems.map((p) => [p.index, p.field])).toEqual([
      [0, 'variable'],
      [1, 'expression'],
      [2, 'min'],
      [3, 'id'],
      [3, 'parts[0]'],
    ]);
    expect(problems[0]?.message).toBe('nie_ma is not a variable of variables.yaml');
  });
});

describe('the suspect mark', () => {
  it('keeps the source flag and note, and gives them back when lifted', () => {
    const source = { flag: 3, note: 'input flags: 3, 9' };
    const marked = withSuspectMark(source, ['b-rule', 'a-rule']);
    expect(marked).toEqual({
      flag: 201,
      note: 'suspect: a-rule, b-rule | was: flag=3; note=input flags: 3, 9',
    });
    expect(suspectRules(marked)).toEqual(['a-rule', 'b-rule']);
    expect(withoutSuspectMark(marked)).toEqual(source);
    // Marking again replaces the rules, never nests the note.
    expect(withoutSuspectMark(withSuspectMark(marked, ['c-rule']))).toEqual(source);
    const plain = withSuspectMark({ flag: null, note: null }, ['r']);
    expect(plain.note).toBe('suspect: r | was: flag=-');
    expect(withoutSuspectMark(plain)).toEqual({ flag: null, note: null });
  });
});
