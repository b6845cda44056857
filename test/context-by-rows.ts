/**
 * The benchmark context loaded the way it was before the aggregated cell query (one observation row per
 * cell, four indicators per query): the reference the new loader must equal (benchmark-context.test.ts)
 * and be compared against (bench/context-load.ts). Kept as it was, not for production use.
 */
import { readFileSync } from 'node:fs';
import { typologyConfigFromYaml } from '../src/domain/benchmark/typology.js';
import type { StructureIndicators } from '../src/domain/catalog/schema.js';
import { BenchmarkContext, TYPOLOGY_FILE, type IndicatorSeries } from '../src/pipeline/benchmark-context.js';
import { INDICATOR_PREFIX } from '../src/pipeline/compute.js';
import type { Database } from '../src/store/database.js';
import { observationsIn } from '../src/store/observations-store.js';
import { currentUnits } from '../src/store/units-store.js';

export async function loadBenchmarkContextByRows(
  db: Database,
  release: number,
  indicatorIds: readonly string[],
  structure: StructureIndicators | null,
): Promise<BenchmarkContext> {
  const units = (await currentUnits(db)).map((u) => ({ ...u }));
  const index = new Map(units.map((u, i) => [u.code, i]));
  const series = new Map<string, IndicatorSeries>();
  for (let start = 0; start < indicatorIds.length; start += 4) {
    const rows = await observationsIn(db, release, {
      variableIds: indicatorIds.slice(start, start + 4).map((id) => INDICATOR_PREFIX + id),
    });
    for (const row of rows) {
      const i = index.get(row.unitCode);
      if (i === undefined) continue;
      const id = row.variableId.slice(INDICATOR_PREFIX.length);
      let s = series.get(id);
      if (!s) {
        s = { values: new Map(), flags: new Map(), notes: new Map() };
        series.set(id, s);
      }
      let values = s.values.get(row.year);
      if (!values) {
        values = new Float64Array(units.length).fill(NaN);
        s.values.set(row.year, values);
        s.flags.set(row.year, new Int16Array(units.length).fill(-1));
        s.notes.set(row.year, new Map());
      }
      values[i] = row.value ?? NaN;
      (s.flags.get(row.year) as Int16Array)[i] = row.flag ?? -1;
      if (row.note !== null) (s.notes.get(row.year) as Map<number, string>).set(i, row.note);
    }
    await new Promise((resolve) => setImmediate(resolve));
  }
  const typology = typologyConfigFromYaml(readFileSync(TYPOLOGY_FILE, 'utf-8'), TYPOLOGY_FILE);
  return new BenchmarkContext(release, units, series, typology, structure);
}

/**
 * Every difference between two contexts, as text (empty: equal): the same units in the same order, and
 * for every indicator the same years, and per unit index the same value (bit for bit), flag and note.
 */
export function contextDifferences(
  a: BenchmarkContext,
  b: BenchmarkContext,
  indicatorIds: readonly string[],
  limit = 20,
): string[] {
  const found: string[] = [];
  const codes = a.units.map((u) => u.code);
  if (JSON.stringify(a.units) !== JSON.stringify(b.units)) found.push('units differ');
  if (a.bytes !== b.bytes) found.push(`bytes ${a.bytes} ≠ ${b.bytes}`);
  for (const id of indicatorIds) {
    const years = a.years(id);
    if (JSON.stringify(years) !== JSON.stringify(b.years(id))) found.push(`${id}: years differ`);
    for (const year of years) {
      const [va, vb] = [a.values(id, year, codes), b.values(id, year, codes)];
      const [fa, fb] = [a.flags(id, year, codes), b.flags(id, year, codes)];
      codes.forEach((code, i) => {
        const note = [a.note(id, year, code), b.note(id, year, code)];
        if (!Object.is(va[i], vb[i])) found.push(`${id} ${year} ${code}: value ${va[i]} ≠ ${vb[i]}`);
        if (fa[i] !== fb[i]) found.push(`${id} ${year} ${code}: flag ${fa[i]} ≠ ${fb[i]}`);
        if (note[0] !== note[1]) found.push(`${id} ${year} ${code}: note ${note[0]} ≠ ${note[1]}`);
      });
      if (found.length >= limit) return found.slice(0, limit);
    }
  }
  return found;
}
