/**
 * The live release under requests pinning old ones (issue 19): four published releases of synthetic
 * indicator values for every gmina (PGlite in memory), and the benchmark context cache asked, in turn, for
 * the live release and for each old one — the pattern of permalinks (`release=`) beside live traffic.
 * Printed: what a live request waits for its context with the pinned cache, against the reference in the
 * same run: loading the live context anew, which is what every live request after two old ones paid when
 * the cache kept only the two most recent entries.
 *
 *   npm run bench:context-cache
 */
import type { Observation, VariableMeta } from '../src/domain/observations/observation.js';
import { loadBenchmarkContext } from '../src/pipeline/benchmark-context.js';
import { BenchmarkContextCache } from '../src/pipeline/benchmark-context-cache.js';
import { ensureUnitsRegister } from '../src/pipeline/bundled-register.js';
import { runIngest, type IngestJobSpec } from '../src/pipeline/ingest.js';
import { migrate } from '../src/store/migrate.js';
import { openPglite } from '../src/store/pglite-database.js';
import { currentUnits } from '../src/store/units-store.js';

const INDICATORS = 8;
const YEARS = [2015, 2016, 2017, 2018, 2019];
const RELEASES = 4;
const ROUNDS = 40;

const db = await openPglite(null);
await migrate(db);
await ensureUnitsRegister(db);
const gminy = (await currentUnits(db)).filter((u) => u.level === 'gmina').map((u) => u.code);
const ids = Array.from({ length: INDICATORS }, (_, i) => `bench.i${i}`);
const variables: VariableMeta[] = ids.map((id) => ({
  id: `ind:${id}`,
  sourceId: 'ind',
  sourceCode: id,
  name: id,
  nameEn: null,
  subjectPath: null,
  measureUnit: null,
  levels: ['gmina'],
  metadata: {},
}));

function job(release: number): IngestJobSpec {
  return {
    source: { id: 'ind', name: 'bench', citation: 'bench', licence: 'bench', url: null },
    jobKey: `bench:${release}`,
    description: `bench release ${release}`,
    scope: { variables: variables.map((v) => v.id), years: YEARS, unitCodeLengths: [7] },
    variables,
    async *pages() {
      for (const [v, variable] of variables.entries()) {
        const observations: Observation[] = [];
        for (const year of YEARS) {
          gminy.forEach((unitCode, u) => {
            const value = ((u * 31 + v * 7 + year) % 997) + release; // every release changes every value
            observations.push({ variableId: variable.id, unitCode, year, value, flag: null, note: null });
          });
        }
        yield { requestKey: `${release}:${variable.id}`, observations };
      }
    },
  };
}

let started = performance.now();
for (let r = 1; r <= RELEASES; r++)
  await runIngest(db, [job(r)], { description: `bench ${r}`, publish: true });
console.log(
  `${RELEASES} releases of ${INDICATORS} indicators × ${YEARS.length} years × ${gminy.length} gminy written in ${((performance.now() - started) / 1000).toFixed(1)} s`,
);

const live = RELEASES;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;

// Reference: a cold load of the live context (what a live request waited for after an eviction).
const loads: number[] = [];
for (let i = 0; i < 5; i++) {
  started = performance.now();
  await loadBenchmarkContext(db, live, ids, null);
  loads.push(performance.now() - started);
}

// The pinned cache: live, then an old release, in turn; every old release is asked for.
const cache = new BenchmarkContextCache(db, ids, null);
await cache.get(live);
const liveWaits: number[] = [];
const oldWaits: number[] = [];
for (let round = 0; round < ROUNDS; round++) {
  started = performance.now();
  await cache.get(live);
  liveWaits.push(performance.now() - started);
  const old = 1 + (round % (RELEASES - 1));
  started = performance.now();
  await cache.get(old);
  oldWaits.push(performance.now() - started);
}
const load = median(loads);
const pinned = median(liveWaits);
console.log(`cold load of the live context (reference): median ${load.toFixed(1)} ms of ${loads.length}`);
console.log(
  `live request with old releases asked for in between: median ${(pinned * 1000).toFixed(1)} µs of ${ROUNDS}, max ${Math.max(...liveWaits).toFixed(2)} ms — ${(load / pinned).toFixed(0)}× less than the reference`,
);
console.log(
  `old-release requests: median ${median(oldWaits).toFixed(2)} ms (loaded once each, then kept: ${cache.releases().others.join(', ')})`,
);
await db.close();
