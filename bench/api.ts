/**
 * API benchmark (issue 6) with autocannon on loopback, on the bundled release in PostgreSQL: requests per
 * second and p50/p99 latency at 50 concurrent clients for (1) an indicator-year of all gminy and (2) a unit
 * profile against its comparison group, each next to the same JSON bytes served as a static file by a
 * plain node:http server on the same machine (the ceiling); prints the ratios. SMUP is measured twice: as it
 * runs (published answers cached in memory per release) and with the cache off (every request computed).
 *
 *   npm run bench:api            (BENCH_SECONDS=10 by default)
 *   BENCH_WORKERS=0              the load generated in the servers' own thread (how it was measured before)
 *   BENCH_ONLY=indicator         only the cases whose label begins with it
 *   BENCH_WARMUP=2               seconds of unmeasured load before each measured run
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import autocannon from 'autocannon';
import { buildServer } from '../src/server.js';
import { ensureUnitsRegister } from '../src/pipeline/bundled-register.js';
import { ensureBundledRelease } from '../src/pipeline/bundled-release.js';
import { loadCatalog } from '../src/sources/catalog/load-catalog.js';
import { migrate } from '../src/store/migrate.js';
import { openPostgres } from '../src/store/postgres-database.js';
import { createPostgresDatabase } from '../test/databases.js';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const CONNECTIONS = 50;
/**
 * autocannon's own threads (its workers mode): with 0 the load generator shares the event loop of the
 * servers it measures (this process), so it slows what it measures, the static ceiling included.
 */
const WORKERS = Number(process.env.BENCH_WORKERS ?? 1);
const ONLY = process.env.BENCH_ONLY; // a case's label begins with it: one case only

interface Result {
  rps: number;
  p50: number;
  p99: number;
  errors: number;
}

/**
 * Seconds of load before each measured run, not counted: V8 compiles a route's hot functions only after
 * it has run them for a while, and without it the first measured server paid for that (uncached
 * indicator-year: 153 req/s, p99 2.1 s cold against 312 req/s, p99 0.25 s warm, 1 December).
 */
const WARMUP_SECONDS = Number(process.env.BENCH_WARMUP ?? 2);

async function load(url: string): Promise<Result> {
  const options = { url, connections: CONNECTIONS, ...(WORKERS > 0 ? { workers: WORKERS } : {}) };
  if (WARMUP_SECONDS > 0) await autocannon({ ...options, duration: WARMUP_SECONDS });
  const result = await autocannon({ ...options, duration: SECONDS });
  return {
    rps: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    errors: result.errors + result.non2xx,
  };
}

function staticServer(body: Buffer): Promise<Server> {
  const server = createServer((_request, response) => {
    response.writeHead(200, {
      'content-type': 'application/json; charset=utf-8',
      'content-length': body.length,
    });
    response.end(body);
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

const line = (label: string, r: Result) =>
  `  ${label.padEnd(34)} ${r.rps.toFixed(0).padStart(7)} req/s   p50 ${String(r.p50).padStart(4)} ms   p99 ${String(r.p99).padStart(4)} ms${r.errors ? `   ${r.errors} errors` : ''}`;

const catalog = loadCatalog();
const database = await createPostgresDatabase();
const db = await openPostgres(database.url);
try {
  await migrate(db);
  await ensureUnitsRegister(db);
  await ensureBundledRelease(db); // the first start's release (bundled files, check, sums, catalogue)
  const app = await buildServer({ db, version: 'bench', logLevel: 'silent', catalog });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
  // The same server without the answer cache: every request runs the route (a first visit of each URL).
  const uncached = await buildServer({
    db,
    version: 'bench',
    logLevel: 'silent',
    catalog,
    responseCacheBytes: 0,
  });
  await uncached.listen({ port: 0, host: '127.0.0.1' });
  const uncachedBase = `http://127.0.0.1:${(uncached.server.address() as AddressInfo).port}`;
  const cases = [
    ['indicator-year, all 2,479 gminy', '/api/v1/indicators/kontekst.ludnosc/data?year=2019&level=gmina'],
    ['profile of Kraków vs its group', '/api/v1/units/1261011/profile?year=2019&against=group'],
    [
      'compare 10 cities × 3 indicators × 10 years',
      '/api/v1/compare?units=1261011,1465011,0264011,3064011,2262011,1061011,3262011,0663011,2469011,2061011&indicators=kontekst.ludnosc,kontekst.gestosc_zaludnienia,kontekst.zmiana_ludnosci&years=2010-2019',
    ],
    ['one unit, every indicator it has', '/api/v1/units/1261011/data'],
  ] as const;
  console.log(
    `autocannon, ${CONNECTIONS} connections, ${SECONDS} s each, ${WORKERS > 0 ? `${WORKERS} load thread(s)` : "load in the servers' thread"}, PostgreSQL, loopback`,
  );
  for (const [label, path] of cases) {
    if (ONLY && !label.startsWith(ONLY)) continue;
    const body = Buffer.from(await (await fetch(base + path)).arrayBuffer()); // also warms the caches
    const ours = await load(base + path);
    const computed = await load(uncachedBase + path);
    const server = await staticServer(body);
    const ceiling = await load(`http://127.0.0.1:${(server.address() as AddressInfo).port}/`);
    server.close();
    console.log(
      [
        `${label} (${(body.length / 1024).toFixed(0)} KiB JSON):`,
        line('SMUP API (answer cache)', ours),
        line('SMUP API, every request computed', computed),
        line('same bytes, static node:http', ceiling),
        `  ratio SMUP / static: ${(ours.rps / ceiling.rps).toFixed(2)} of the throughput, p99 ${(ours.p99 / Math.max(ceiling.p99, 1)).toFixed(1)}×`,
      ].join('\n'),
    );
  }
  await app.close();
  await uncached.close();
} finally {
  await db.close();
  await database.drop();
}
