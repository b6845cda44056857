/**
 * Benchmarking benchmark (issue 5), on the bundled release in PostgreSQL:
 *   (a) precompute: statistics and every member's position for all indicators × years × comparison groups,
 *       in memory (domain/benchmark), against PostgreSQL computing the same quartiles with percentile_cont
 *       and ranks with window functions over a membership table — and the numbers are compared;
 *   (b) a profile on the fly against a 50-unit custom set (HTTP inject, warm), against one SQL query
 *       computing the same statistics for that set over all indicators of the year.
 *
 *   npm run bench:benchmark
 */
import { quantileSorted } from 'd3-array';
import { buildServer } from '../src/server.js';
import { describeDistribution, positionInDistribution } from '../src/domain/benchmark/statistics.js';
import { loadBenchmarkContext } from '../src/pipeline/benchmark-context.js';
import { ensureUnitsRegister } from '../src/pipeline/bundled-register.js';
import { bundledReleaseJobs } from '../src/pipeline/bundled-release.js';
import { computeIndicators } from '../src/pipeline/compute.js';
import { runIngest } from '../src/pipeline/ingest.js';
import { loadCatalog } from '../src/sources/catalog/load-catalog.js';
import { bulkInsert } from '../src/store/bulk-insert.js';
import { migrate } from '../src/store/migrate.js';
import { openPostgres } from '../src/store/postgres-database.js';
import { liveReleaseId } from '../src/store/releases-store.js';
import { createPostgresDatabase } from '../test/databases.js';

const ms = (from: number) => performance.now() - from;
const fmt = (x: number) => `${x.toFixed(1)} ms`;
const median = (xs: number[]) =>
  quantileSorted(
    [...xs].sort((a, b) => a - b),
    0.5,
  ) as number;

const catalog = loadCatalog();
const database = await createPostgresDatabase();
const db = await openPostgres(database.url);
try {
  await migrate(db);
  await ensureUnitsRegister(db);
  await runIngest(db, await bundledReleaseJobs(db), { description: 'bench', publish: false });
  await computeIndicators(db, catalog.indicators, { publish: true });
  const release = (await liveReleaseId(db)) as number;
  let started = performance.now();
  const context = await loadBenchmarkContext(
    db,
    release,
    catalog.indicators.map((i) => i.id),
    catalog.catalog.config.structure ?? null,
  );
  console.log(`context of release ${release} loaded in ${fmt(ms(started))}`);

  // ── (a) precompute for all indicators × years × groups ───────────────────────────────────────────
  const indicators = catalog.indicators.filter((i) => context.years(i.id).length > 0);
  const membership: Array<{ year: number; groupId: string; code: string }> = [];
  started = performance.now();
  let sets = 0;
  let positions = 0;
  const ours = new Map<string, { q1: number | null; median: number | null; q3: number | null }>();
  for (const indicator of indicators) {
    for (const year of context.years(indicator.id)) {
      const structure = context
        .populationYears()
        .filter((y) => y <= year)
        .at(-1);
      if (structure === undefined) continue;
      for (const group of context.groups(structure).groups) {
        const values = context.values(indicator.id, year, group.members);
        const distribution = describeDistribution({ codes: group.members, values });
        for (const value of values) {
          positionInDistribution({ distribution, value, direction: 'higher_is_better', unitInSet: true });
          positions++;
        }
        ours.set(`${indicator.id}|${year}|${group.id}`, {
          q1: distribution.q1,
          median: distribution.median,
          q3: distribution.q3,
        });
        sets++;
      }
    }
  }
  const precomputeMs = ms(started);
  for (const year of new Set(indicators.flatMap((i) => context.years(i.id)))) {
    const structure = context
      .populationYears()
      .filter((y) => y <= year)
      .at(-1);
    if (structure === undefined) continue;
    for (const group of context.groups(structure).groups) {
      for (const code of group.members) membership.push({ year, groupId: group.id, code });
    }
  }
  await db.query('CREATE TEMP TABLE bench_member (year int, group_id text, unit_code text)');
  await bulkInsert(
    db,
    'bench_member',
    [
      ['year', 'int', (m: (typeof membership)[number]) => m.year],
      ['group_id', 'text', (m: (typeof membership)[number]) => m.groupId],
      ['unit_code', 'text', (m: (typeof membership)[number]) => m.code],
    ],
    membership,
  );
  const sql = `
    WITH v AS (
      SELECT o.variable_id, o.year::int AS year, m.group_id, o.unit_code, o.value
      FROM observation o JOIN bench_member m ON m.unit_code = o.unit_code AND m.year = o.year
      WHERE o.variable_id LIKE 'ind:%' AND o.value IS NOT NULL
        AND o.first_release <= $1 AND (o.last_release IS NULL OR o.last_release > $1)
    ), ranked AS (
      SELECT *, rank() OVER w AS rank, percent_rank() OVER w AS pr FROM v
      WINDOW w AS (PARTITION BY variable_id, year, group_id ORDER BY value DESC)
    )
    SELECT variable_id, year, group_id, count(*)::int AS n, max(rank)::int AS max_rank,
           percentile_cont(0.25) WITHIN GROUP (ORDER BY value) AS q1,
           percentile_cont(0.5) WITHIN GROUP (ORDER BY value) AS median,
           percentile_cont(0.75) WITHIN GROUP (ORDER BY value) AS q3
    FROM ranked GROUP BY 1, 2, 3`;
  await db.query(sql, [release]); // warm-up (plans, caches)
  started = performance.now();
  const reference = await db.query<{
    variable_id: string;
    year: number;
    group_id: string;
    median: number;
    q1: number;
    q3: number;
  }>(sql, [release]);
  const sqlMs = ms(started);
  let mismatches = 0;
  for (const row of reference) {
    const mine = ours.get(`${row.variable_id.slice(4)}|${row.year}|${row.group_id}`);
    const close = (a: number | null | undefined, b: number) =>
      a != null && Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(b));
    if (!mine || !close(mine.median, row.median) || !close(mine.q1, row.q1) || !close(mine.q3, row.q3))
      mismatches++;
  }
  console.log(
    [
      `(a) precompute, ${indicators.length} indicators with data × their years × groups = ${sets} sets, ${positions} positions`,
      `    in memory (domain/benchmark):              ${fmt(precomputeMs)}`,
      `    PostgreSQL percentile_cont + rank() OVER:  ${fmt(sqlMs)} (${reference.length} sets)`,
      `    ratio SQL / ours: ${(sqlMs / precomputeMs).toFixed(1)}×; sets whose quartiles differ: ${mismatches}`,
    ].join('\n'),
  );

  // ── (b) a profile on the fly against a 50-unit custom set ────────────────────────────────────────
  const app = await buildServer({ db, version: 'bench', logLevel: 'silent', catalog });
  const fifty = context
    .unitsOfLevel(7)
    .filter((c) => c.startsWith('12'))
    .slice(0, 50);
  const saved = await app.inject({
    method: 'POST',
    url: '/api/v1/sets',
    payload: { name: 'bench', units: fifty },
  });
  const setId = (saved.json() as { id: string }).id;
  const url = `/api/v1/units/${fifty[0]}/profile?year=2019&against=set:${setId}`;
  await app.inject(url);
  const times: number[] = [];
  for (let i = 0; i < 50; i++) {
    started = performance.now();
    const response = await app.inject(url);
    times.push(ms(started));
    if (response.statusCode !== 200) throw new Error(`profile: ${response.statusCode} ${response.body}`);
  }
  const profileSql = `
    WITH v AS (
      SELECT o.variable_id, o.unit_code, o.value FROM observation o
      WHERE o.variable_id LIKE 'ind:%' AND o.year = 2019 AND o.unit_code = ANY($2::text[]) AND o.value IS NOT NULL
        AND o.first_release <= $1 AND (o.last_release IS NULL OR o.last_release > $1)
    ), ranked AS (
      SELECT *, rank() OVER w AS rank, percent_rank() OVER w AS pr FROM v
      WINDOW w AS (PARTITION BY variable_id ORDER BY value DESC)
    )
    SELECT variable_id, count(*)::int AS n, min(value), max(value), avg(value),
           percentile_cont(ARRAY[0.1,0.2,0.25,0.3,0.4,0.5,0.6,0.7,0.75,0.8,0.9]) WITHIN GROUP (ORDER BY value) AS q,
           max(rank) FILTER (WHERE unit_code = $3) AS unit_rank, max(pr) FILTER (WHERE unit_code = $3) AS unit_pr
    FROM ranked GROUP BY 1`;
  await db.query(profileSql, [release, fifty, fifty[0]]);
  const sqlTimes: number[] = [];
  for (let i = 0; i < 50; i++) {
    started = performance.now();
    await db.query(profileSql, [release, fifty, fifty[0]]);
    sqlTimes.push(ms(started));
  }
  console.log(
    [
      `(b) profile of ${fifty[0]} against a saved 50-unit set (${catalog.indicators.length} indicators, 2019), 50 runs warm`,
      `    HTTP inject (route + statistics + JSON):   p50 ${fmt(median(times))}, max ${fmt(Math.max(...times))}`,
      `    PostgreSQL window functions, statistics only: p50 ${fmt(median(sqlTimes))}`,
      `    ratio ours / SQL: ${(median(times) / median(sqlTimes)).toFixed(2)}×`,
    ].join('\n'),
  );
  await app.close();
} finally {
  await db.close();
  await database.drop();
}
