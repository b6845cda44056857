/**
 * Benchmarks of the foundation, printed as numbers (never asserted in tests):
 *  - start-up of `smup serve` (the built program, as `npm start` runs it): first start on an empty database
 *    (schema + bundled register) and a later start, on PGlite and on the PostgreSQL server;
 *  - resident memory of the server process after start and after the load below;
 *  - request latency over loopback HTTP for the units endpoints: sequential and with 10 clients at once.
 *
 *   npm run bench:server     (BENCH_REQUESTS=500 by default)
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createPostgresDatabase } from '../test/databases.js';
import { startServer, type ServerProcess } from '../test/server-process.js';

const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 500);
const CONCURRENCY = 10;
const ENDPOINTS = {
  'list gminy (page 1 of 50)': '/api/v1/units?level=gmina',
  'search q=krak': '/api/v1/units?level=gmina&q=krak',
  'search q=lodz (all levels)': '/api/v1/units?q=lodz',
  'unit 1261011 (Kraków)': '/api/v1/units/1261011',
  health: '/api/v1/health',
};

function rssMiB(pid: number | undefined): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf-8');
  const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? NaN);
  return Math.round(kb / 1024);
}

const quantile = (sorted: readonly number[], q: number): number =>
  sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? NaN;

async function timeRequests(base: string, path: string, concurrency: number) {
  const latencies: number[] = [];
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < REQUESTS) {
        next++;
        const t = performance.now();
        const response = await fetch(base + path);
        await response.arrayBuffer();
        if (response.status !== 200) throw new Error(`${path} answered ${response.status}`);
        latencies.push(performance.now() - t);
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  return { rps: REQUESTS / seconds, p50: quantile(latencies, 0.5), p99: quantile(latencies, 0.99) };
}

async function measure(label: string, env: Record<string, string>): Promise<void> {
  const first = await startServer(env);
  const firstRss = rssMiB(first.child.pid);
  await first.stop();
  const server: ServerProcess = await startServer(env);
  console.log(`\n## ${label}`);
  console.log(
    `first start (schema + bundled register): ${first.startupMs} ms to listening, RSS ${firstRss} MiB`,
  );
  console.log(
    `later start:                             ${server.startupMs} ms to listening, RSS ${rssMiB(server.child.pid)} MiB`,
  );
  console.log(`\n| endpoint | clients | req/s | p50 ms | p99 ms |\n|---|---|---|---|---|`);
  try {
    for (const [name, path] of Object.entries(ENDPOINTS)) {
      for (const clients of [1, CONCURRENCY]) {
        const r = await timeRequests(server.url, path, clients);
        console.log(
          `| ${name} | ${clients} | ${r.rps.toFixed(0)} | ${r.p50.toFixed(2)} | ${r.p99.toFixed(2)} |`,
        );
      }
    }
    console.log(
      `RSS after ${Object.keys(ENDPOINTS).length * 2 * REQUESTS} requests: ${rssMiB(server.child.pid)} MiB`,
    );
  } finally {
    await server.stop();
  }
}

const dataDir = mkdtempSync(join(tmpdir(), 'smup-bench-'));
try {
  console.log(`# SMUP foundation benchmark (node ${process.version}, ${REQUESTS} requests per row)`);
  await measure('embedded PGlite', { SMUP_DATA_DIR: dataDir, SMUP_LOG_LEVEL: 'info' });
  const database = await createPostgresDatabase();
  try {
    await measure('PostgreSQL server (127.0.0.1:5432)', {
      DATABASE_URL: database.url,
      SMUP_LOG_LEVEL: 'info',
    });
  } finally {
    await database.drop();
  }
} finally {
  rmSync(dataDir, { recursive: true, force: true });
}
