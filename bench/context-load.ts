/**
 * Loading the benchmark context of the bundled release (the 499-indicator catalogue, ~980,000 cells), what
 * the first profile after a start waits for, on embedded PGlite and on PostgreSQL. Printed per database:
 * the load with aggregated cells (store/observation-cells-store.ts) against the reference in the same run,
 * the row-by-row loader it replaced (test/context-by-rows.ts); the longest time the event loop got no turn
 * during each (health checks wait that long); and whether both contexts hold the same values, flags and notes.
 *
 *   npm run bench:context-load
 *   BENCH_PGLITE_DIR=<a started server's SMUP_DATA_DIR>   reuse its release instead of building one (~1 min)
 *   BENCH_DATABASES=pglite | postgres                     one of them only
 */
import { ensureUnitsRegister } from '../src/pipeline/bundled-register.js';
import { ensureBundledRelease } from '../src/pipeline/bundled-release.js';
import { loadBenchmarkContext, type BenchmarkContext } from '../src/pipeline/benchmark-context.js';
import { loadCatalog } from '../src/sources/catalog/load-catalog.js';
import type { Database } from '../src/store/database.js';
import { migrate } from '../src/store/migrate.js';
import { openPglite } from '../src/store/pglite-database.js';
import { openPostgres } from '../src/store/postgres-database.js';
import { liveReleaseId } from '../src/store/releases-store.js';
import { contextDifferences, loadBenchmarkContextByRows } from '../test/context-by-rows.js';
import { createPostgresDatabase } from '../test/databases.js';

const ROUNDS = 3;
const catalog = loadCatalog();
const ids = catalog.indicators.map((i) => i.id);
const structure = catalog.catalog.config.structure ?? null;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;
const kinds = (process.env.BENCH_DATABASES ?? 'pglite,postgres').split(',');

type Loader = (db: Database, release: number) => Promise<BenchmarkContext>;

/** One load: its time, and the longest gap between turns of a 5 ms timer meanwhile. */
async function timed(load: Loader, db: Database, release: number) {
  let last = performance.now();
  let longestGap = 0;
  const ticker = setInterval(() => {
    const now = performance.now();
    longestGap = Math.max(longestGap, now - last);
    last = now;
  }, 5);
  const started = performance.now();
  const context = await load(db, release);
  const ms = performance.now() - started;
  clearInterval(ticker);
  return { ms, longestGap: Math.max(longestGap, performance.now() - last), context };
}

async function measure(kind: string, db: Database): Promise<void> {
  const release = (await liveReleaseId(db)) as number;
  const [{ cells }] = (await db.query<{ cells: number }>(
    `SELECT count(*)::int AS cells FROM observation
     WHERE variable_id LIKE 'ind:%' AND first_release <= $1 AND (last_release IS NULL OR last_release > $1)`,
    [release],
  )) as [{ cells: number }];
  const loaders: Record<'cells' | 'rows', Loader> = {
    cells: (d, r) => loadBenchmarkContext(d, r, ids, structure),
    rows: (d, r) => loadBenchmarkContextByRows(d, r, ids, structure),
  };
  const runs: Record<'cells' | 'rows', Array<{ ms: number; longestGap: number }>> = { cells: [], rows: [] };
  const contexts = new Map<'cells' | 'rows', BenchmarkContext>();
  // Alternating, so a busy moment of the machine falls on both alike.
  for (let round = 0; round < ROUNDS; round++) {
    for (const name of ['rows', 'cells'] as const) {
      const { context, ...run } = await timed(loaders[name], db, release);
      runs[name].push(run);
      contexts.set(name, context);
    }
  }
  const [ours, reference] = [contexts.get('cells'), contexts.get('rows')] as [
    BenchmarkContext,
    BenchmarkContext,
  ];
  const differences = contextDifferences(ours, reference, ids);
  contexts.clear();
  const line = (name: 'cells' | 'rows') =>
    `median ${(median(runs[name].map((r) => r.ms)) / 1000).toFixed(2)} s of ${ROUNDS} ` +
    `(${runs[name].map((r) => (r.ms / 1000).toFixed(2)).join(', ')}), event loop blocked at most ` +
    `${Math.max(...runs[name].map((r) => r.longestGap)).toFixed(0)} ms`;
  console.log(
    `${kind}: release ${release}, ${cells.toLocaleString('en')} indicator cells, ${ids.length} indicators`,
  );
  console.log(`  row by row (reference):  ${line('rows')}`);
  console.log(`  aggregated cells:        ${line('cells')}`);
  const ratio = median(runs.rows.map((r) => r.ms)) / median(runs.cells.map((r) => r.ms));
  console.log(`  ${ratio.toFixed(1)}× faster; contexts ${differences.length === 0 ? 'equal' : 'DIFFER'}`);
  for (const d of differences) console.log(`    ${d}`);
  if (differences.length > 0) process.exitCode = 1;
}

/** The first start's release: the bundled files, their check, sums and every catalogue indicator. */
async function build(db: Database): Promise<void> {
  const started = performance.now();
  await migrate(db);
  await ensureUnitsRegister(db);
  await ensureBundledRelease(db);
  console.log(`  (bundled release built in ${((performance.now() - started) / 1000).toFixed(0)} s)`);
}

if (kinds.includes('pglite')) {
  const dir = process.env.BENCH_PGLITE_DIR ?? null;
  const db = await openPglite(dir);
  try {
    if (!dir) await build(db);
    await measure(dir ? `PGlite (${dir})` : 'PGlite (in memory)', db);
  } finally {
    await db.close();
  }
}
if (kinds.includes('postgres')) {
  const database = await createPostgresDatabase();
  const db = await openPostgres(database.url);
  try {
    await build(db);
    await measure('PostgreSQL', db);
  } finally {
    await db.close();
    await database.drop();
  }
}
