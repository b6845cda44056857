/**
 * Report benchmark (issue 15), on the bundled release in PostgreSQL: seconds and peak memory (this process's
 * RSS, sampled every 10 ms; Chromium's own memory is a separate process and not included) for one report of
 * Wieliczka in each format, then a batch of 100 gminy of Małopolska as PDF and as XLSX with 1 and 2 reports
 * at once (in-process: the route's bounded builds, no job queue), with the speed-up of 2 over 1.
 *
 *   npm run bench:reports          (BENCH_RUNS=3 runs per format by default)
 */
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

const catalog = loadCatalog();
const database = await createPostgresDatabase();
const db = await openPostgres(database.url);
try {
  await migrate(db);
  await ensureUnitsRegister(db);
  await runIngest(db, await bundledReleaseJobs(db), { description: 'bench', publish: false });
  await computeIndicators(db, catalog.indicators, { publish: true });
  // No answer cache: every request builds its report (what a first request of each report costs).
  const app = await buildServer({ db, version: 'bench', logLevel: 'silent', catalog, responseCacheBytes: 0 });
  const report = async (code: string, format: string) => {
    const response = await app.inject(`/api/v1/units/${code}/report?format=${format}`);
    if (response.statusCode !== 200)
      throw new Error(`${code} ${format}: ${response.statusCode} ${response.body.slice(0, 200)}`);
    return response.rawPayload.length;
  };
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
  const gminy = (await app.inject('/api/v1/units?level=gmina&parent=12&pageSize=200')).json() as {
    items: Array<{ code: string }>;
  };
  const batch = gminy.items.slice(0, 100).map((u) => u.code);
  console.log(`batch of ${batch.length} gminy of Małopolska`);
  for (const format of ['xlsx', 'pdf']) {
    const timings: number[] = [];
    for (const workers of [1, 2]) {
      const queue = [...batch];
      const result = await measure(() =>
        Promise.all(
          Array.from({ length: workers }, async () => {
            for (let code = queue.shift(); code; code = queue.shift()) await report(code, format);
          }),
        ),
      );
      timings.push(result.seconds);
      console.log(
        `  ${format.padEnd(5)} ${workers} at once: ${result.seconds.toFixed(1).padStart(6)} s (${(result.seconds / batch.length).toFixed(2)} s per report)   peak RSS +${result.peakMiB.toFixed(0)} MiB`,
      );
    }
    console.log(
      `  ${format.padEnd(5)} speed-up of 2 over 1: ${((timings[0] as number) / (timings[1] as number)).toFixed(2)}×`,
    );
  }
  await app.close();
} finally {
  await db.close();
  await database.drop();
}
