/**
 * The first release built in memory and written once (pipeline/first-release.ts, the first start) holds
 * exactly what the job-by-job path through the database writes (runIngest per job, then check, sums and
 * indicators by computeIndicators): same observations, variables, jobs with their stats, release stats. On
 * both databases (COPY on PGlite, unnest batches on PostgreSQL), on a lean part of the bundle.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureUnitsRegister } from '../src/pipeline/bundled-register.js';
import { prepareBundledRelease } from '../src/pipeline/bundled-release.js';
import { computeIndicators } from '../src/pipeline/compute.js';
import { buildFirstRelease } from '../src/pipeline/first-release.js';
import { runIngest } from '../src/pipeline/ingest.js';
import { readBundleManifest } from '../src/sources/bundle/release-bundle.js';
import { loadCatalog } from '../src/sources/catalog/load-catalog.js';
import { loadBenchmarkContext } from '../src/pipeline/benchmark-context.js';
import { migrate } from '../src/store/migrate.js';
import { observationCellsIn, type CellColumns } from '../src/store/observation-cells-store.js';
import { contextDifferences } from './context-by-rows.js';
import { DATABASE_KINDS, openTestDatabase, type TestDatabase } from './databases.js';
import { releaseChecksum, type ReleaseChecksum } from './release-checksum.js';

const ENTRIES = ['ludnosc-5l-gminy-2020', 'ludnosc-5l-powiaty-2020', 'psp-zdarzenia', 'rejestr-zlobkow-2025'];
const INDICATORS = [
  'opieka_przedszkolna.udzial_dzieci_0_4_2020',
  'bezpieczenstwo.zdarzenia_psp_plik_na_1000',
  'opieka_przedszkolna.miejsca_zlobki_rejestr_na_1000_dzieci_0_4',
];
const DESCRIPTION = 'test: first release';

describe.each(DATABASE_KINDS)('the first release built in memory on %s', (kind) => {
  const databases: TestDatabase[] = [];
  let jobByJob: ReleaseChecksum;
  let inMemory: ReleaseChecksum;
  let indexesBefore: string[];
  let indexesAfter: string[];
  let handedOver: CellColumns[];
  let stored: CellColumns[];
  let contextGap: string[];
  const indexesOf = async (test: TestDatabase) =>
    (
      await test.db.query<{ definition: string }>(
        `SELECT indexdef AS definition FROM pg_indexes WHERE tablename = 'observation'
         UNION ALL SELECT pg_get_constraintdef(oid) FROM pg_constraint WHERE conrelid = 'observation'::regclass
         ORDER BY 1`,
      )
    ).map((r) => r.definition);

  beforeAll(async () => {
    const catalog = loadCatalog();
    const indicators = catalog.indicators.filter((i) => INDICATORS.includes(i.id));
    const entries = readBundleManifest().entries.filter((e) => ENTRIES.includes(e.id));
    expect(entries).toHaveLength(ENTRIES.length);
    const open = async () => {
      const test = await openTestDatabase(kind);
      databases.push(test);
      await migrate(test.db);
      await ensureUnitsRegister(test.db);
      return test;
    };
    const reference = await open();
    const { jobs } = await prepareBundledRelease(reference.db, entries);
    await runIngest(reference.db, jobs, { description: DESCRIPTION });
    await computeIndicators(reference.db, indicators, { publish: true, rules: catalog.rules });
    jobByJob = await releaseChecksum(reference.db);

    const fast = await open();
    indexesBefore = await indexesOf(fast);
    async function* oneByOne() {
      for (const entry of entries) yield* (await prepareBundledRelease(fast.db, [entry])).jobs;
    }
    const report = await buildFirstRelease(fast.db, oneByOne(), {
      description: DESCRIPTION,
      indicators,
      rules: catalog.rules,
    });
    inMemory = await releaseChecksum(fast.db);
    const variableIds = (await fast.db.query<{ id: string }>('SELECT id FROM variable ORDER BY id')).map(
      (r) => r.id,
    );
    handedOver = await report.cells(variableIds);
    stored = await observationCellsIn(fast.db, report.releaseId as number, variableIds);
    const ids = indicators.map((i) => i.id);
    const structure = catalog.catalog.config.structure ?? null;
    contextGap = contextDifferences(
      await loadBenchmarkContext(
        fast.db,
        report.releaseId as number,
        ids,
        structure,
        undefined,
        report.cells,
      ),
      await loadBenchmarkContext(fast.db, report.releaseId as number, ids, structure),
      ids,
    );
    indexesAfter = await indexesOf(fast);
  }, 240_000);
  afterAll(async () => {
    for (const test of databases) await test.drop();
  });

  it('holds the same observations, variables, jobs, release stats and coverage as the job-by-job path', () => {
    expect(jobByJob.observations).toBeGreaterThan(30_000);
    expect(jobByJob.jobs).toBeGreaterThan(ENTRIES.length); // the files, the sums and the indicators
    // Coverage counted in memory (the first release) equals the count over the table (publish).
    expect(jobByJob.coverage).toBeGreaterThan(20);
    expect(inMemory).toEqual(jobByJob);
  });

  it('hands over its cells in memory as the database reads them, and the benchmark context built from them', () => {
    const cells = handedOver.reduce((n, c) => n + c.unitCodes.length, 0);
    expect(cells).toBe(inMemory.observations);
    expect(handedOver.flatMap((c) => [...c.flags]).some((f) => f !== -1)).toBe(true); // flagged cells among them
    // Cells in unit code order on both sides (the database aggregates them in no set order).
    const sorted = (columns: CellColumns[]) =>
      columns.map((c) => {
        const order = c.unitCodes
          .map((_, i) => i)
          .sort((a, b) => (c.unitCodes[a]! < c.unitCodes[b]! ? -1 : 1));
        return {
          ...c,
          unitCodes: order.map((i) => c.unitCodes[i]),
          values: order.map((i) => c.values[i]),
          flags: order.map((i) => c.flags[i]),
          notes: [...c.notes].sort(),
        };
      });
    expect(sorted(handedOver)).toEqual(sorted(stored));
    expect(contextGap).toEqual([]);
  });

  it('leaves the observation table with the indexes and constraints the migrations made', () => {
    // Three indexes (key, first_release, partial last_release) and four constraints (key, two references,
    // check) since migration 018.
    expect(indexesAfter.length).toBeGreaterThanOrEqual(7);
    expect(indexesAfter).toEqual(indexesBefore);
  });
});
