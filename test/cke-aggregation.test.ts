/**
 * CKE school results → gmina (issue 8): the mapping mappings/egzamin-osmoklasisty-gminy.yaml folds the town
 * (4) and rural (5) parts of a gmina miejsko-wiejska into the gmina and weights each school's mean by its
 * pupils who sat the exam. Checked here against a gmina mean computed by hand from the raw CSV (csv-parse,
 * not the SMUP reader): Białobrzegi, gmina miejsko-wiejska 1401013, whose schools are filed under its town
 * 1401014 and its rural area 1401015.
 */
import { readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { loadMapping } from '../src/sources/tabular/mapping-schema.js';
import { readTable } from '../src/sources/tabular/reader.js';
import { makeUnitResolver } from '../src/sources/tabular/unit-resolver.js';
import { readBundledSnapshot } from '../src/sources/teryt/units-snapshot.js';
import { repoRoot, sharedFile } from './shared-data.js';

const FILE = 'education/egzamin-osmoklasisty-2025-mazowieckie.csv';
const MAPPING = 'egzamin-osmoklasisty-gminy.yaml';

/** A Polish number cell ("63,35714286") → number; empty → null. */
const num = (text: string | undefined): number | null =>
  text === undefined || text.trim() === '' ? null : Number(text.replace(',', '.'));

describe('CKE results aggregated to a gmina', () => {
  it('gives Białobrzegi the pupil-weighted mean of the schools of its town and rural area', async () => {
    const rows = parse(readFileSync(sharedFile(FILE), 'utf-8'), {
      columns: true,
      skip_empty_lines: true,
    }) as Array<Record<string, string>>;
    const schools = rows.filter((r) => (r['Kod teryt gminy'] ?? '').startsWith('140101'));
    // Both parts are there: the folding is really exercised.
    expect(new Set(schools.map((r) => r['Kod teryt gminy']))).toEqual(new Set(['1401014', '1401015']));

    // By hand: Σ(mean × pupils) / Σ pupils over the schools with a published mean; pupils summed over all.
    let pupils = 0;
    let weighted = 0;
    let weights = 0;
    for (const school of schools) {
      const n = num(school['liczba_zdających_matematyka']) ?? 0;
      const mean = num(school['mean_matematyka']);
      pupils += n;
      if (mean !== null && n > 0) {
        weighted += mean * n;
        weights += n;
      }
    }
    const expectedMean = weighted / weights;

    const mapping = loadMapping(readFileSync(`${repoRoot}/mappings/${MAPPING}`, 'utf-8'), MAPPING);
    const read = await readTable(readFileSync(sharedFile(FILE)), 'egzamin.csv', mapping, {
      resolveUnit: makeUnitResolver(readBundledSnapshot().records),
    });
    const value = (variable: string) =>
      read.observations.find((o) => o.variableId === variable && o.unitCode === '1401013' && o.year === 2025);
    expect(value('cke-egzamin-osmoklasisty:e8-matematyka-zdajacy')?.value).toBe(pupils);
    expect(value('cke-egzamin-osmoklasisty:e8-matematyka-wynik-sredni')?.value).toBeCloseTo(expectedMean, 9);
    // Not the unweighted mean of the school means (that would differ whenever school sizes differ).
    const unweighted =
      schools.reduce((s, r) => s + (num(r['mean_matematyka']) ?? 0), 0) /
      schools.filter((r) => num(r['mean_matematyka']) !== null).length;
    expect(Math.abs(expectedMean - unweighted)).toBeGreaterThan(0.01);
    // Neither part is stored as a unit of its own.
    expect(read.observations.some((o) => o.unitCode === '1401014' || o.unitCode === '1401015')).toBe(false);
  });
});
