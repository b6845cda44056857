/**
 * First start of a fresh clone, as the README's `npm start` runs it (the built program on embedded PGlite,
 * in an empty folder): seconds until the server logs "ready" (data loaded, first pages answered), peak
 * resident memory (VmHWM), and health polled every 250 ms throughout (answers, slowest answer, how many
 * took over a second). Then a later start on the same folder. Reference in the same run: the release
 * built job by job through the database (the path before issue 14, still used to resume an older draft),
 * in process; the two releases' counts and checksums must be equal.
 *
 *   npm run bench:first-start       (needs `npm run build`; BENCH_REFERENCE=0 skips the reference)
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ensureUnitsRegister } from '../src/pipeline/bundled-register.js';
import { bundledReleaseJobs } from '../src/pipeline/bundled-release.js';
import { computeIndicators } from '../src/pipeline/compute.js';
import { runIngest } from '../src/pipeline/ingest.js';
import { loadCatalog } from '../src/sources/catalog/load-catalog.js';
import { migrate } from '../src/store/migrate.js';
import { openPglite } from '../src/store/pglite-database.js';
import { releaseChecksum, type ReleaseChecksum } from '../test/release-checksum.js';

const peakMiB = (pid: number): number => {
  try {
    const kb = Number(/VmHWM:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf-8'))?.[1] ?? NaN);
    return kb / 1024;
  } catch {
    return NaN;
  }
};

interface StartResult {
  readyS: number;
  peakMiB: number;
  health: { polls: number; answered: number; slowestMs: number; overOneSecond: number; statuses: string };
}

async function start(dataDir: string): Promise<StartResult> {
  const started = performance.now();
  const child = spawn(process.execPath, ['bin/smup.js', 'serve'], {
    env: { ...process.env, PORT: '0', HOST: '127.0.0.1', SMUP_DATA_DIR: dataDir, SMUP_RATE_LIMIT: '0' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const pid = child.pid as number;
  let output = '';
  let url: string | null = null;
  let ready = false;
  let peak = 0;
  child.stdout.on('data', (chunk: Buffer) => {
    output += chunk.toString();
    url ??= /Server listening at (http:\/\/127\.0\.0\.1:\d+)/.exec(output)?.[1] ?? null;
    if (/"msg":"SMUP [^"]* ready"/.test(output)) ready = true;
  });
  const exited = new Promise<void>((resolve) => child.on('exit', () => resolve()));
  const statuses = new Map<number | string, number>();
  let polls = 0;
  let answered = 0;
  let slowest = 0;
  let overOneSecond = 0;
  while (!ready) {
    if (child.exitCode !== null) throw new Error(`server exited:\n${output}`);
    if (performance.now() - started > 600_000) throw new Error('no ready in 600 s');
    peak = Math.max(peak, peakMiB(pid));
    if (url) {
      polls++;
      const t = performance.now();
      try {
        const response = await fetch(`${url}/api/v1/health`, { signal: AbortSignal.timeout(10_000) });
        await response.arrayBuffer();
        answered++;
        statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1);
      } catch {
        statuses.set('timeout', (statuses.get('timeout') ?? 0) + 1);
      }
      const ms = performance.now() - t;
      slowest = Math.max(slowest, ms);
      if (ms > 1000) overOneSecond++;
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  const readyS = (performance.now() - started) / 1000;
  peak = Math.max(peak, peakMiB(pid));
  child.kill('SIGTERM');
  await exited;
  return {
    readyS,
    peakMiB: peak,
    health: {
      polls,
      answered,
      slowestMs: slowest,
      overOneSecond,
      statuses: [...statuses].map(([status, n]) => `${n}×${status}`).join(', '),
    },
  };
}

/** The release as the job-by-job path built it before issue 14 (runIngest per job, then computeIndicators). */
async function referenceRelease(
  dataDir: string,
): Promise<{ seconds: number; peakMiB: number; sum: ReleaseChecksum }> {
  const started = performance.now();
  const db = await openPglite(dataDir);
  try {
    await migrate(db);
    await ensureUnitsRegister(db);
    const { indicators, rules } = loadCatalog();
    await runIngest(db, await bundledReleaseJobs(db), {
      description: 'bundled release: official data shipped with SMUP (data/release/manifest.json)',
    });
    await computeIndicators(db, indicators, { publish: true, rules });
    const seconds = (performance.now() - started) / 1000;
    return { seconds, peakMiB: peakMiB(process.pid), sum: await releaseChecksum(db) };
  } finally {
    await db.close();
  }
}

async function checksumOf(dataDir: string): Promise<ReleaseChecksum> {
  const db = await openPglite(dataDir);
  try {
    return await releaseChecksum(db);
  } finally {
    await db.close();
  }
}

const root = mkdtempSync(join(tmpdir(), 'smup-first-start-'));
try {
  const dir = join(root, 'serve');
  const first = await start(dir);
  const later = await start(dir);
  const sum = await checksumOf(dir);
  const row = (label: string, r: StartResult) =>
    `| ${label} | ${r.readyS.toFixed(1)} | ${r.peakMiB.toFixed(0)} | ${r.health.answered}/${r.health.polls} (${r.health.statuses}) | ${r.health.slowestMs.toFixed(0)} | ${r.health.overOneSecond} |`;
  console.log('# First start (npm start on an empty folder, PGlite)\n');
  console.log(
    '| start | s to ready | peak RSS MiB | health answered (status) | slowest health ms | health > 1 s |',
  );
  console.log('|---|---|---|---|---|---|');
  console.log(row('first (fresh folder)', first));
  console.log(row('later (same folder)', later));
  console.log(`\nrelease: ${sum.observations} observations, ${sum.variables} variables, ${sum.jobs} jobs`);
  if (process.env.BENCH_REFERENCE !== '0') {
    const reference = await referenceRelease(join(root, 'reference'));
    console.log(
      `reference (job by job through the database, in process, no server): ${reference.seconds.toFixed(1)} s, ` +
        `peak RSS ${reference.peakMiB.toFixed(0)} MiB; first start / reference: ${(first.readyS / reference.seconds).toFixed(2)} × time, ` +
        `${(first.peakMiB / reference.peakMiB).toFixed(2)} × memory`,
    );
    const same = JSON.stringify({ ...sum }) === JSON.stringify({ ...reference.sum });
    console.log(`same release content as the reference: ${same ? 'yes' : 'NO'}`);
    if (!same) console.log(JSON.stringify({ firstStart: sum, reference: reference.sum }, null, 2));
  }
} finally {
  rmSync(root, { recursive: true, force: true });
}
