import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { sharedFile } from '../../../test/shared-data.js';
import { SHAPES, checkShape } from './api-types.js';

/** A recorded sample file: responses keyed by pyBDL function name. */
function sample(name: string): Record<string, unknown> {
  return JSON.parse(readFileSync(sharedFile(`bdl-api-samples/samples_raw_${name}.json`), 'utf-8')) as Record<
    string,
    unknown
  >;
}

/** pyBDL records the `results` of paged lists; the API wraps them like this. */
const page = (results: unknown) => ({
  totalRecords: (results as unknown[]).length,
  page: 0,
  pageSize: 100,
  results,
});

describe('checkShape on the recorded BDL responses', () => {
  it('accepts data by variable (string years, val, attrId)', () => {
    const result = checkShape(page(sample('data').get_data_by_variable), SHAPES.dataByVariable);
    expect(result.ok).toBe(true);
    if (result.ok) expect(result.value.results[0]?.values[0]).toEqual({ year: '1995', val: 168, attrId: 1 });
  });

  it('accepts a variable with its years, and pages of variables from list and search', () => {
    const variables = sample('variables');
    expect(checkShape(variables.get_variable, SHAPES.variable)).toMatchObject({
      ok: true,
      value: { id: 10, n2: '25-29' },
    });
    expect(checkShape(page(variables.list_variables), SHAPES.variablePage).ok).toBe(true);
    expect(checkShape(page(variables.search_variables), SHAPES.variablePage).ok).toBe(true);
  });

  it('accepts subjects (with and without parentId), measures and levels', () => {
    const subjects = sample('subjects');
    expect(checkShape(subjects.get_subject, SHAPES.subject).ok).toBe(true);
    for (const subject of subjects.list_subjects as unknown[])
      expect(checkShape(subject, SHAPES.subject).ok).toBe(true);
    expect(checkShape(sample('measures').get_measure, SHAPES.measure)).toMatchObject({
      ok: true,
      value: { name: 'zł' },
    });
    expect(checkShape(page(sample('levels').list_levels), SHAPES.levelPage).ok).toBe(true);
  });

  it('names the field that is wrong and what it found', () => {
    const bad = page([
      { id: '011212161011', name: 'Kraków', values: [{ year: 2020, val: '12', attrId: 1 }] },
    ]);
    const result = checkShape(bad, SHAPES.dataByVariable);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.problems.join('\n')).toMatch(/results\/0\/values\/0\/val: .*found "12"/);
    const missing = checkShape({ results: [] }, SHAPES.dataByVariable);
    expect(missing.ok ? [] : missing.problems).toContainEqual(
      expect.stringMatching(/^totalRecords: .*found nothing/),
    );
  });
});
