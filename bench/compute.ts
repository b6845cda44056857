/**
 * Compute benchmark: every catalogue indicator for every unit and year of the bundled release (the real
 * BDL exports, CKE results and GUGiK areas of data/release), on PGlite (in a folder, as `npm start` runs)
 * and on the PostgreSQL server. Prints, per database: loading the inputs and evaluating the formulas
 * (prepare), merging the results into the draft (merge), and a recompute on unchanged inputs.
 *
 *   npm run bench:compute
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ensureUnitsRegister } from '../src/pipeline/bundled-register.js';
import { bundledReleaseJobs } from '../src/pipeline/bundled-release.js';
import { prepareComputeJob } from '../src/pipeline/compute.js';
import { runIngest } from '../src/pipeline/ingest.js';
import { loadCatalog } from '../src/sources/catalog/load-catalog.js';
import type { Database } from '../src/store/database.js';
import { migrate } from '../src/store/migrate.js';
import { openPglite } from '../src/store/pglite-database.js';
import { openPostgres } from '../src/store/postgres-database.js';
import { createPostgresDatabase } from '../test/databases.js';

const { indicators } = loadCatalog();

async function run(label: string, db: Database): Promise<void> {
  await migrate(db);
  await ensureUnitsRegister(db);
  let started = performance.now();
  await runIngest(db, await bundledReleaseJobs(db), { description: 'bench: bundled data', publish: true });
  const ingestMs = performance.now() - started;

  started = performance.now();
  const first = await prepareComputeJob(db, indicators);
  const prepareMs = performance.now() - started;
  started = performance.now();
  const report = await runIngest(db, [first.job], { description: 'bench: compute', publish: true });
  const mergeMs = performance.now() - started;

  started = performance.now();
  const again = await prepareComputeJob(db, indicators);
  const report2 = await runIngest(db, [again.job], { description: 'bench: recompute', publish: false });
  const recomputeMs = performance.now() - started;

  const s = first.stats;
  const evaluations = s.indicators; // per indicator: units × years evaluated inside prepare
  console.log(
    [
      `${label}: bundled inputs ingested in ${(ingestMs / 1000).toFixed(1)} s`,
      `  compute of ${evaluations} indicators (${s.unavailable.length} without inputs in the bundle): ` +
        `${s.cells} cells stored (${s.values} values, ${s.missing} missing with a reason)`,
      `  prepare (load inputs + evaluate): ${(prepareMs / 1000).toFixed(2)} s`,
      `  merge into the draft + publish:   ${(mergeMs / 1000).toFixed(2)} s ` +
        `(${Math.round(s.cells / (mergeMs / 1000))} cells/s; added ${report.jobs[0]?.stats?.added ?? 0})`,
      `  full compute:                     ${((prepareMs + mergeMs) / 1000).toFixed(2)} s`,
      `  recompute, nothing changed:       ${(recomputeMs / 1000).toFixed(2)} s ` +
        `(unchanged ${report2.jobs[0]?.stats?.unchanged ?? 0})`,
    ].join('\n'),
  );
}

const dir = mkdtempSync(join(tmpdir(), 'smup-bench-compute-'));
try {
  const pglite = await openPglite(dir);
  try {
    await run('PGlite (folder)', pglite);
  } finally {
    await pglite.close();
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}

const database = await createPostgresDatabase();
try {
  const postgres = await openPostgres(database.url);
  try {
    await run('PostgreSQL 127.0.0.1', postgres);
  } finally {
    await postgres.close();
  }
} finally {
  await database.drop();
}
