/**
 * Sums up the register on real data, on both databases. The registered-unemployed export has every level
 * (gminy, powiaty, województwa, Polska), so the gminy's sums can be checked against the source's own rows:
 * they agree for Poland and every województwo in every year 2003–2024, and for every powiat except four
 * whose gminy changed (their old gminy are not in today's register, so their sums lack them; the source
 * value wins and the difference is reported). The population export has gminy only: powiat wielicki,
 * Małopolska and Poland get derived sums, checked against the file read here independently (csv-parse).
 */
import { readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureUnitsRegister } from '../src/pipeline/bundled-register.js';
import { computeIndicators } from '../src/pipeline/compute.js';
import type { AggregationStats } from '../src/pipeline/aggregate.js';
import { runIngest, type IngestJobSpec } from '../src/pipeline/ingest.js';
import { parseMapping, prepareTableJob } from '../src/pipeline/table-ingest.js';
import { loadCatalog } from '../src/sources/catalog/load-catalog.js';
import { migrate } from '../src/store/migrate.js';
import { liveReleaseId } from '../src/store/releases-store.js';
import { observationsIn } from '../src/store/observations-store.js';
import { DATABASE_KINDS, openTestDatabase, type TestDatabase } from './databases.js';
import { repoRoot, sharedFile } from './shared-data.js';

const UNEMPLOYED = 'bdl-exports/RYNE_1944_CTAB_20250616184618_registered_unemployed.csv';
const POPULATION = 'bdl-exports/ludnosc-ekonomiczne-grupy-wieku-gminy-2010-2019.csv';
const FILES = [
  [UNEMPLOYED, 'bezrobotni-zarejestrowani'],
  [POPULATION, 'ludnosc-ekonomiczne-grupy-wieku-gminy'],
] as const;

/** Population 2019 of gminy (kinds 1–3) by code, read independently: the sum of the three age groups. */
function population2019(): Map<string, number> {
  const rows = parse(readFileSync(sharedFile(POPULATION), 'utf-8'), {
    delimiter: ';',
    columns: true,
    bom: true,
  }) as Array<Record<string, string>>;
  const out = new Map<string, number>();
  for (const row of rows) {
    if (!/^\d{6}[123]$/.test(row.Kod ?? '')) continue;
    const groups = ['przedprodukcyjnym', 'produkcyjnym', 'poprodukcyjnym'].map((g) =>
      Number(row[`w wieku ${g};ogółem;2019;[osoba]`]),
    );
    if (groups.every((g) => g > 0))
      out.set(
        row.Kod as string,
        groups.reduce((a, b) => a + b, 0),
      );
  }
  return out;
}

describe.each(DATABASE_KINDS)('aggregation up the register on %s', (kind) => {
  let test: TestDatabase;
  let aggregation: AggregationStats;
  const value = async (variableId: string, unitCode: string, year: number) => {
    const release = (await liveReleaseId(test.db)) as number;
    const [row] = await observationsIn(test.db, release, {
      variableIds: [variableId],
      unitCodes: [unitCode],
      years: [year],
    });
    return row;
  };

  beforeAll(async () => {
    test = await openTestDatabase(kind);
    await migrate(test.db);
    await ensureUnitsRegister(test.db);
    const jobs: IngestJobSpec[] = [];
    for (const [file, mapping] of FILES) {
      const { job } = await prepareTableJob(test.db, {
        bytes: readFileSync(sharedFile(file)),
        fileName: file,
        mapping: parseMapping(readFileSync(`${repoRoot}/mappings/${mapping}.yaml`, 'utf-8'), mapping),
      });
      jobs.push(job);
    }
    await runIngest(test.db, jobs, { description: 'test: aggregation' });
    ({ aggregation } = await computeIndicators(test.db, loadCatalog().indicators, { publish: true }));
  });
  afterAll(() => test.drop());

  it('finds the gminy summing exactly to the Polska and województwo rows of the unemployment file', async () => {
    // The file's own Polska row is stored as the country (unit "0"): shared/data/README.md, 2024 786,179.
    expect(await value('gus-bdl-portal:bezrobotni-zarejestrowani', '0', 2024)).toMatchObject({
      value: 786_179,
      note: null,
    });
    const differing = aggregation.differences.filter((d) =>
      d.variableId.endsWith('bezrobotni-zarejestrowani'),
    );
    expect(differing.filter((d) => d.unitCode.length < 4)).toEqual([]);
    // Powiaty whose sums differ: only where a gmina of the time is not in today's register (Wałbrzych, a gmina
    // of powiat wałbrzyski until 2012; gmina Zielona Góra, joined to the city in 2015; Ostrowice, abolished
    // 2019), and all in years before the change.
    const byPowiat = new Map<string, number[]>();
    for (const d of differing) byPowiat.set(d.unitCode, [...(byPowiat.get(d.unitCode) ?? []), d.year]);
    const ranges = Object.fromEntries(
      [...byPowiat].map(([code, years]) => [code, [Math.min(...years), Math.max(...years)]]),
    );
    expect(ranges).toEqual({
      '0221': [2003, 2012],
      '0606': [2003, expect.any(Number)],
      '0809': [2003, 2014],
      '3203': [2003, 2018],
    });
    // Compared: Poland and 16 województwa × 22 years at least, plus the powiaty.
    expect(aggregation.compared).toBeGreaterThan(17 * 22 + 300 * 22);
  });

  it('derives powiat wielicki, Małopolska and Poland from gminy with their provenance', async () => {
    const gminy = population2019();
    const sumOf = (prefix: string) =>
      [...gminy].filter(([code]) => code.startsWith(prefix)).reduce((a, [, v]) => a + v, 0);
    const row = await value('ind:kontekst.ludnosc', '1219', 2019);
    expect(row?.value).toBe(sumOf('1219'));
    // The input variable itself carries the provenance: 5 gminy of powiat wielicki, none missing.
    expect(await value('bdl:152', '1219', 2019)).toMatchObject({ flag: null, note: 'sum of 5 gminy' });
    expect((await value('ind:kontekst.ludnosc', '12', 2019))?.value).toBe(sumOf('12'));
    expect((await value('ind:kontekst.ludnosc', '0', 2019))?.value).toBe(sumOf(''));
    expect(await value('bdl:152', '0', 2019)).toMatchObject({ flag: null, note: 'sum of 16 województwa' });
  });

  it('recomputes ratios from summed numerators and denominators, never averaging them', async () => {
    // Share of the post-working-age population of Poland = Σ post-working ÷ Σ population, not a mean of shares.
    const post = (await value('bdl:155', '0', 2019))?.value as number;
    const total = (await value('ind:kontekst.ludnosc', '0', 2019))?.value as number;
    expect((await value('ind:kontekst.udzial_poprodukcyjnych', '0', 2019))?.value).toBeCloseTo(
      (post / total) * 100,
      10,
    );
  });
});
