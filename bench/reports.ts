/**
 * Report benchmark (issue 15), on the bundled release in PostgreSQL: seconds and peak memory (this process's
 * RSS, sampled every 10 ms; Chromium's own memory is a separate process and not included) for one report of
 * Wieliczka in each format, then a batch of 100 gminy of Małopolska as XLSX and as PDF through the job queue
 * (src/reports/batch) with 1 and 2 `smup report-worker` processes, with the speed-up of 2 over 1: the
 * seconds from putting the jobs in to the last file (the workers started and connected beforehand), and the
 * peak RSS of the workers with their Chromium (the sum over their process trees, sampled every 100 ms).
 *
 *   npm run bench:reports          (BENCH_RUNS=3 runs per format by default; BENCH_ONLY=batch: the batch only;
 *                                  BENCH_DATABASE_URL: a database that already holds the bundled release)
 */
import { fork, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { planBatch } from '../src/reports/batch/plan.js';
import { runOnQueue } from '../src/reports/batch/run.js';
import { buildServer } from '../src/server.js';
import { ensureUnitsRegister } from '../src/pipeline/bundled-register.js';
import { bundledReleaseJobs } from '../src/pipeline/bundled-release.js';
import { computeIndicators } from '../src/pipeline/compute.js';
import { runIngest } from '../src/pipeline/ingest.js';
import { loadCatalog } from '../src/sources/catalog/load-catalog.js';
import { migrate } from '../src/store/migrate.js';
import { openPostgres } from '../src/store/postgres-database.js';
import { createPostgresDatabase } from '../test/databases.js';

const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const MiB = 2 ** 20;

/** Runs fn while sampling RSS; returns seconds and the peak RSS above the RSS at the start. */
async function measure<T>(fn: () => Promise<T>): Promise<{ seconds: number; peakMiB: number; value: T }> {
  const base = process.memoryUsage().rss;
  let peak = base;
  const timer = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss);
  }, 10);
  const started = performance.now();
  try {
    const value = await fn();
    peak = Math.max(peak, process.memoryUsage().rss);
    return { seconds: (performance.now() - started) / 1000, peakMiB: (peak - base) / MiB, value };
  } finally {
    clearInterval(timer);
  }
}

const median = (values: number[]) =>
  [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] as number;

/** `smup report-worker` processes, resolved once each has connected to the queue (pg_stat_activity). */
async function startWorkers(count: number, url: string): Promise<ChildProcess[]> {
  const children = Array.from({ length: count }, () =>
    fork('src/cli/main.ts', ['report-worker'], {
      execArgv: ['--import', 'tsx'],
      env: { ...process.env, DATABASE_URL: url, SMUP_REPORT_BATCH_CHILD: '1', SMUP_LOG_LEVEL: 'silent' },
      stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
    }),
  );
  const admin = await openPostgres(url);
  try {
    for (;;) {
      const [row] = await admin.query<{ n: number }>(
        "SELECT count(DISTINCT application_name)::int AS n FROM pg_stat_activity WHERE application_name LIKE 'smup-report-worker %'",
      );
      if ((row?.n ?? 0) >= count) return children;
      await sleep(200);
    }
  } finally {
    await admin.close();
  }
}

async function stopWorkers(children: ChildProcess[]): Promise<void> {
  const exits = children.map((c) => new Promise((done) => c.once('exit', done)));
  for (const child of children) child.disconnect();
  await Promise.all(exits);
}

/** Resident memory of a process and its descendants (Linux /proc), in bytes. */
function treeRss(pid: number): number {
  try {
    const rss =
      Number(/VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf-8'))?.[1] ?? 0) * 1024;
    const children = readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf-8').split(' ').filter(Boolean);
    return rss + children.reduce((sum, child) => sum + treeRss(Number(child)), 0);
  } catch {
    return 0;
  }
}

/** Samples the summed RSS of the trees every 100 ms; stop() gives the peak. */
function sampleTrees(pids: number[]): { stop: () => number } {
  let peak = 0;
  const sample = () =>
    (peak = Math.max(
      peak,
      pids.reduce((sum, pid) => sum + treeRss(pid), 0),
    ));
  const timer = setInterval(sample, 100);
  return {
    stop() {
      clearInterval(timer);
      sample();
      return peak;
    },
  };
}

const catalog = loadCatalog();
const given = process.env.BENCH_DATABASE_URL;
const database = given ? { url: given, drop: async () => {} } : await createPostgresDatabase();
const db = await openPostgres(database.url);
try {
  if (!given) {
    await migrate(db);
    await ensureUnitsRegister(db);
    await runIngest(db, await bundledReleaseJobs(db), { description: 'bench', publish: false });
    await computeIndicators(db, catalog.indicators, { publish: true });
  }
  // No answer cache: every request builds its report (what a first request of each report costs).
  const app = await buildServer({ db, version: 'bench', logLevel: 'silent', catalog, responseCacheBytes: 0 });
  const report = async (code: string, format: string) => {
    const response = await app.inject(`/api/v1/units/${code}/report?format=${format}`);
    if (response.statusCode !== 200)
      throw new Error(`${code} ${format}: ${response.statusCode} ${response.body.slice(0, 200)}`);
    return response.rawPayload.length;
  };
  if (process.env.BENCH_ONLY !== 'batch') {
    await report('1219053', 'pdf'); // starts Chromium and warms the release's benchmark context
    console.log(
      `one report of Wieliczka (1219053), every area, latest years; median of ${RUNS} runs, PostgreSQL`,
    );
    const perFormat = new Map<string, number>();
    for (const format of ['json', 'xlsx', 'docx', 'pptx', 'pdf']) {
      const runs = [];
      for (let i = 0; i < RUNS; i++) runs.push(await measure(() => report('1219053', format)));
      const seconds = median(runs.map((r) => r.seconds));
      perFormat.set(format, seconds);
      console.log(
        `  ${format.padEnd(5)} ${seconds.toFixed(2).padStart(6)} s   peak RSS +${Math.max(
          ...runs.map((r) => r.peakMiB),
        )
          .toFixed(0)
          .padStart(
            4,
          )} MiB   ${(runs[0]!.value / 1024).toFixed(0).padStart(5)} KiB   (${(seconds / perFormat.get('json')!).toFixed(1)}× the JSON model)`,
      );
    }
  }
  const out = mkdtempSync(join(tmpdir(), 'smup-bench-batch-'));
  try {
    for (const format of ['xlsx', 'pdf'] as const) {
      const timings: number[] = [];
      for (const workers of [1, 2]) {
        const dir = join(out, `${format}-${workers}`);
        const planned = await planBatch(app, db, {
          level: 'gmina',
          voivodeship: '12',
          year: null,
          against: 'group',
          areas: null,
          formats: [format],
          lang: 'pl',
          out: dir,
        });
        const batch = { ...planned, units: planned.units.slice(0, 100) };
        if (format === 'xlsx' && workers === 1)
          console.log(`batch of ${batch.units.length} gminy of Małopolska through the job queue`);
        const children = await startWorkers(workers, database.url);
        const memory = sampleTrees(children.map((c) => c.pid!));
        const started = performance.now();
        const result = await runOnQueue(batch, { databaseUrl: database.url, onProgress: () => {} });
        const seconds = (performance.now() - started) / 1000;
        const peakMiB = memory.stop() / MiB;
        await stopWorkers(children);
        timings.push(seconds);
        console.log(
          `  ${format.padEnd(5)} ${workers} worker${workers > 1 ? 's' : ' '}: ${seconds.toFixed(1).padStart(6)} s (${(seconds / batch.units.length).toFixed(2)} s per report)   peak RSS of the workers ${peakMiB.toFixed(0)} MiB   ${result.done} done, ${result.failures.length} failed`,
        );
      }
      console.log(
        `  ${format.padEnd(5)} speed-up of 2 over 1: ${((timings[0] as number) / (timings[1] as number)).toFixed(2)}×`,
      );
    }
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
  await app.close();
} finally {
  await db.close();
  await database.drop();
}
