/**
 * SMUP-scale bench (issue 14, point 7): a synthetic release of ~2,870 units (the real register's gminy,
 * powiaty, województwa) × 15 years × 306 input variables, and 1,300 indicators made from the real
 * catalogue's formula shapes (bench/scale/synthetic-release.ts), generated in the run (never stored).
 *
 *   (a) SMUP: the inputs into an ObservationCube (typed arrays) ─► every indicator for every unit and year
 *       through the real compiled formulas and compute's own cell loop (pipeline/compute-cells.ts) ─► the
 *       statistics the distribution and benchmarking endpoints compute per indicator × year × level
 *       (describeDistribution: min, max, mean, quartiles, deciles; positionInDistribution: rank and
 *       percentile of every unit) ─► published into PostgreSQL with binary COPY (observation rows as the
 *       real table has them, plus the statistics), one indicator at a time so the server stores one while
 *       the next is computed; then the real table's key, indexes and constraints, timed on their own.
 *   (b) DuckDB, in the same process and run: the same input table, the same formulas translated to SQL
 *       (bench/scale/formula-sql.ts), the same statistics (quantile_cont = R-7, RANK()), and the results
 *       compared with SMUP's (counts, checksums, the largest relative difference).
 *
 *   npm run bench:scale                      full scale (a few GB of PostgreSQL writes; minutes on a busy machine)
 *   SMUP_SCALE=0.05 npm run bench:scale      1/20 of the gminy, to develop
 *   SMUP_SCALE_INDICATORS=… SMUP_SCALE_SKIP=duckdb|publish   fewer indicators; leave a part out
 *
 * Peak memory is this process's maxRSS (process.resourceUsage); the PostgreSQL server's memory is another
 * process and not in it. DuckDB's own allocations are in this process: its figure is measured after SMUP's.
 */
import { execSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateRelease } from './scale/synthetic-release.js';
import { runSmup, type SmupResult } from './scale/smup-side.js';
import { runDuckdb, writeInputCsv, type DuckdbResult } from './scale/duckdb-side.js';

const scale = Number(process.env.SMUP_SCALE ?? '1');
const indicatorCount = Number(process.env.SMUP_SCALE_INDICATORS ?? '1300');
const skip = new Set((process.env.SMUP_SCALE_SKIP ?? '').split(',').filter(Boolean));
const load = () =>
  loadavg()
    .map((l) => l.toFixed(1))
    .join(' ');
const mib = (bytes: number) => `${Math.round(bytes / 1024 / 1024)} MiB`;
const rss = () => process.resourceUsage().maxRSS * 1024;
const s = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

console.log(
  `machine: ${cpus().length} cores, load ${load()} (1/5/15 min) at start; ` +
    `numbers under load are pessimistic — the machine is shared`,
);
let started = performance.now();
const release = generateRelease({ unitFraction: scale, indicators: indicatorCount });
const cells = release.indicators.reduce(
  (n, i) => n + release.units.filter((u) => i.levels.includes(u.level)).length * release.years.length,
  0,
);
console.log(
  `synthetic release (scale ${scale}): ${release.units.length} units × ${release.years.length} years, ` +
    `${release.columns.size} input variables (${release.observations.toLocaleString('en')} observations), ` +
    `${release.indicators.length} indicators = ${cells.toLocaleString('en')} indicator cells; ` +
    `generated in ${s(performance.now() - started)} (not counted), maxRSS ${mib(rss())}`,
);

started = performance.now();
const smup = await runSmup(release, { publish: !skip.has('publish') });
const smupMs = performance.now() - started;
const smupRss = rss();
const p = smup.phases;
const c = smup.cpu;
const cpuOf = (ms: number) => `CPU ${s(ms)}`;
console.log(
  [
    `SMUP (load ${load()}):`,
    `  load inputs into the cube:   ${s(p.load)}  (${cpuOf(c.load)})`,
    `  compute ${smup.indicators} indicators:     ${s(p.compute)}  (${cpuOf(c.compute)}; ${smup.values.toLocaleString('en')} values, ` +
      `${smup.missing.toLocaleString('en')} missing with a reason; ` +
      `${Math.round((smup.values + smup.missing) / (p.compute / 1000)).toLocaleString('en')} cells/s)`,
    `  statistics + positions:      ${s(p.statistics)}  (${cpuOf(c.statistics)}; ${smup.distributions.toLocaleString('en')} ` +
      `indicator × year × level distributions, ${smup.positions.toLocaleString('en')} ranked units)`,
    `  publish (binary COPY):       ${skip.has('publish') ? 'skipped' : `${s(p.publish)}  (${cpuOf(c.publish)} here + ${smup.serverCpu === null ? '?' : s(smup.serverCpu)} in the PostgreSQL backend; ${smup.rowsPublished.toLocaleString('en')} observation rows, ${mib(smup.bytesPublished)} sent)`}`,
    `  compute + statistics + publish, one indicator at a time (the backend stores one while the next is`,
    `  computed): ${s(p.overlapped)} wall (goal ≤ 60 s); CPU ${s(c.compute + c.statistics + c.publish + (smup.serverCpu ?? 0))} with the backend's`,
    `  then the real table's key, indexes and constraints (store/observation-indexes.ts) + COMMIT: ${skip.has('publish') ? 'skipped' : s(p.keys)}; ` +
      `in all, queryable as the real table: ${s(p.overlapped + p.keys)}`,
    ...smup.keyParts.map((k) => `    ${s(k.ms).padStart(7)}  ${k.statement}`),
    `  total with loading the cube:  ${s(smupMs)}`,
    `  peak RSS of this process:    ${mib(smupRss)} (goal ≤ 2 GiB; the PostgreSQL server is another process, not counted)`,
  ].join('\n'),
);

let duck: DuckdbResult | null = null;
let duckCpu = 0;
if (!skip.has('duckdb')) {
  const dir = mkdtempSync(join(tmpdir(), 'smup-bench-scale-'));
  try {
    started = performance.now();
    const csv = writeInputCsv(release, dir);
    console.log(`input table written as CSV for DuckDB in ${s(performance.now() - started)} (not counted)`);
    started = performance.now();
    const cpu = process.cpuUsage();
    duck = await runDuckdb(release, csv);
    const used = process.cpuUsage(cpu);
    duckCpu = (used.user + used.system) / 1000;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  const d = duck.phases;
  console.log(
    [
      `DuckDB ${duck.version} (load ${load()}):`,
      `  load the input table (read_csv): ${s(d.load)}`,
      `  pivot to unit × year:            ${s(d.pivot)}`,
      `  formulas in SQL:                 ${s(d.compute)}  (${duck.values.toLocaleString('en')} values)`,
      `  statistics + ranks in SQL:       ${s(d.statistics)}`,
      `  total:                           ${s(performance.now() - started)}  (CPU ${s(duckCpu)}, all its threads)`,
      `  peak RSS (both, this process):   ${mib(rss())}`,
    ].join('\n'),
  );
  compare(smup, duck);
}

function compare(a: SmupResult, b: DuckdbResult): void {
  const smupCompute = a.phases.compute + a.phases.statistics;
  const duckCompute = b.phases.pivot + b.phases.compute + b.phases.statistics;
  console.log(
    `ratio, compute + statistics: SMUP ${s(smupCompute)} vs DuckDB (pivot + formulas + statistics) ` +
      `${s(duckCompute)} = ${(smupCompute / duckCompute).toFixed(2)}× DuckDB's time`,
  );
  let countDiffs = 0;
  let maxRel = 0;
  let worst = '';
  const rel = (x: number, y: number) => (x === y ? 0 : Math.abs(x - y) / Math.max(Math.abs(x), Math.abs(y)));
  for (const [id, ours] of a.checksums) {
    const theirs = b.checksums.get(id);
    // DuckDB has no row, so no checksum, for an indicator without values; SMUP's says 0.
    if ((theirs?.count ?? 0) !== ours.count) {
      countDiffs++;
      if (countDiffs <= 3)
        console.log(`  values differ in number: ${id} SMUP ${ours.count}, DuckDB ${theirs?.count ?? 0}`);
      continue;
    }
    if (!theirs) continue;
    for (const [x, y, what] of [
      [ours.sum, theirs.sum, 'sum'],
      [ours.sumAbs, theirs.sumAbs, 'sum of |value|'],
      [ours.ranks, theirs.ranks, 'sum of ranks'],
    ] as const) {
      const r = rel(x, y);
      if (r > maxRel) [maxRel, worst] = [r, `${id} ${what}: ${x} vs ${y}`];
    }
  }
  let statRel = 0;
  let statWorst = '';
  let statMissing = 0;
  for (const [key, ours] of a.statistics) {
    const theirs = b.statistics.get(key);
    if (!theirs || theirs.length !== ours.length) {
      statMissing++;
      continue;
    }
    ours.forEach((x, i) => {
      const r = rel(x, theirs[i] as number);
      if (r > statRel) [statRel, statWorst] = [r, `${key} statistic ${i}: ${x} vs ${theirs[i]}`];
    });
  }
  console.log(
    `agreement: ${a.checksums.size - countDiffs} of ${a.checksums.size} indicators with the same number of values; ` +
      `largest relative difference of per-indicator checksums ${maxRel.toExponential(2)}${worst ? ` (${worst})` : ''}; ` +
      `${a.statistics.size - statMissing} of ${a.statistics.size} distributions found in both, largest relative ` +
      `difference of n, min, max, mean, quartiles, deciles ${statRel.toExponential(2)}${statWorst ? ` (${statWorst})` : ''}`,
  );
  const ok = countDiffs === 0 && statMissing === 0 && maxRel < 1e-9 && statRel < 1e-9;
  console.log(ok ? 'results agree' : 'RESULTS DIFFER');
  if (!ok) process.exitCode = 1;
}

console.log(`load at the end: ${load()}; ${execSync('uptime').toString().trim()}`);
