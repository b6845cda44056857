/**
 * SMUP's side of bench/scale.ts: the real engine over a synthetic release, then COPY into PostgreSQL.
 * Each phase is timed on its own; the results stay in typed columns (one Float64Array + Int16Array per
 * indicator), as 55 M observation objects would need ~6 GB.
 */
import { readFileSync } from 'node:fs';
import pg from 'pg';
import { describeDistribution, positionInDistribution } from '../../src/domain/benchmark/statistics.js';
import { ObservationCube } from '../../src/domain/observations/observation-cube.js';
import { CellEvaluator } from '../../src/pipeline/compute-cells.js';
import { INDICATOR_PREFIX, type ComputableIndicator } from '../../src/pipeline/compute.js';
import { createPostgresDatabase } from '../../test/databases.js';
import { copyBinary } from './copy-binary.js';
import type { Level, SyntheticRelease } from './synthetic-release.js';

export interface Checksum {
  count: number;
  sum: number;
  sumAbs: number;
  ranks: number;
}

export interface SmupResult {
  readonly phases: { load: number; compute: number; statistics: number; publish: number };
  /** CPU time of this process per phase (user + system, ms): what the load of the machine does not inflate. */
  readonly cpu: { load: number; compute: number; statistics: number; publish: number };
  /** CPU time of the PostgreSQL backend that ran the COPY (from /proc), ms; null when not readable. */
  readonly serverCpu: number | null;
  readonly indicators: number;
  readonly values: number;
  readonly missing: number;
  readonly distributions: number;
  readonly positions: number;
  readonly rowsPublished: number;
  readonly bytesPublished: number;
  /** Per indicator: count and sums of its values, sum of its units' ranks (compared with DuckDB's). */
  readonly checksums: Map<string, Checksum>;
  /** `indicator|year|level` → n, min, max, mean, q1, median, q3, D1…D9. */
  readonly statistics: Map<string, number[]>;
}

export interface IndicatorColumns {
  readonly values: Float64Array;
  readonly flags: Int16Array;
  /** 1 where compute stores a cell (a value, or a missing one with its reason). */
  readonly stored: Uint8Array;
  readonly notes: Map<number, string>;
}

export async function runSmup(release: SyntheticRelease, { publish = true } = {}): Promise<SmupResult> {
  const { units, years } = release;
  const span = years.length;
  const size = units.length * span;
  const firstYear = years[0] as number;

  const cpuMs = (from: NodeJS.CpuUsage) => {
    const used = process.cpuUsage(from);
    return (used.user + used.system) / 1000;
  };
  let cpu = process.cpuUsage();
  let started = performance.now();
  const cube = new ObservationCube(
    units.map((u) => u.code),
    firstYear,
    years.at(-1) as number,
  );
  for (const [id, column] of release.columns) cube.setColumn(id, column);
  const evaluator = new CellEvaluator(cube, cube.coverage());
  const load = performance.now() - started;
  const loadCpu = cpuMs(cpu);
  cpu = process.cpuUsage();

  // ── compute: compute's own cell loop, each cell into the indicator's typed columns ────────────────────
  started = performance.now();
  const results = new Map<string, IndicatorColumns>();
  let missing = 0;
  let values = 0;
  for (const indicator of release.indicators) {
    const columns: IndicatorColumns = {
      values: new Float64Array(size).fill(NaN),
      flags: new Int16Array(size).fill(-1),
      stored: new Uint8Array(size),
      notes: new Map(),
    };
    const computable: ComputableIndicator = {
      id: indicator.id,
      name: indicator.id,
      nameEn: null,
      measureUnit: null,
      levels: indicator.levels,
      inputs: indicator.compiled.inputs,
      evaluate: (context) => indicator.compiled.evaluate(context),
    };
    missing += evaluator.each(computable, units, years, (unitCode, year, value, flag, note) => {
      const slot = (cube.unitIndex.get(unitCode) as number) * span + (year - firstYear);
      columns.stored[slot] = 1;
      if (value !== null) {
        columns.values[slot] = value;
        values++;
      }
      if (flag !== null) columns.flags[slot] = flag;
      if (note !== null) columns.notes.set(slot, note);
    });
    results.set(indicator.id, columns);
  }
  const compute = performance.now() - started;
  const computeCpu = cpuMs(cpu);
  cpu = process.cpuUsage();

  // ── statistics: per indicator × year × level, as the distribution and benchmarking endpoints do ──────
  started = performance.now();
  const byLevel = new Map<Level, number[]>();
  units.forEach((u, i) => {
    const list = byLevel.get(u.level) ?? [];
    list.push(i);
    byLevel.set(u.level, list);
  });
  const checksums = new Map<string, Checksum>();
  const statistics = new Map<string, number[]>();
  let distributions = 0;
  let positions = 0;
  for (const indicator of release.indicators) {
    const columns = results.get(indicator.id) as IndicatorColumns;
    const sum: Checksum = { count: 0, sum: 0, sumAbs: 0, ranks: 0 };
    for (const level of indicator.levels) {
      const members = byLevel.get(level) ?? [];
      const codes = members.map((i) => (units[i] as { code: string }).code);
      const memberValues = new Float64Array(members.length);
      const memberFlags = new Int16Array(members.length);
      for (let y = 0; y < span; y++) {
        for (let m = 0; m < members.length; m++) {
          const slot = (members[m] as number) * span + y;
          memberValues[m] = columns.values[slot] as number;
          memberFlags[m] = columns.flags[slot] as number;
        }
        const d = describeDistribution({ codes, values: memberValues, flags: memberFlags });
        distributions++;
        if (d.countWithData === 0) continue;
        statistics.set(`${indicator.id}|${years[y]}|${level}`, [
          d.countWithData,
          d.min as number,
          d.max as number,
          d.mean as number,
          d.q1 as number,
          d.median as number,
          d.q3 as number,
          ...d.deciles,
        ]);
        for (let m = 0; m < members.length; m++) {
          const value = memberValues[m] as number;
          if (Number.isNaN(value)) continue;
          const position = positionInDistribution({
            distribution: d,
            value,
            direction: indicator.direction,
            unitInSet: true,
          });
          positions++;
          sum.count++;
          sum.sum += value;
          sum.sumAbs += Math.abs(value);
          sum.ranks += position?.rank ?? 0;
        }
      }
    }
    checksums.set(indicator.id, sum);
  }
  const statisticsMs = performance.now() - started;
  const statisticsCpu = cpuMs(cpu);

  // ── publish: binary COPY into a fresh PostgreSQL database, observation rows as the real table has them ─
  let publishMs = 0;
  let rowsPublished = 0;
  let bytesPublished = 0;
  let publishCpu = 0;
  let serverCpu: number | null = null;
  if (publish) {
    const database = await createPostgresDatabase();
    const client = new pg.Client({ connectionString: database.url });
    await client.connect();
    try {
      const backend = (await client.query<{ pid: number }>('SELECT pg_backend_pid() AS pid')).rows[0]?.pid;
      const serverBefore = backendCpu(backend);
      cpu = process.cpuUsage();
      started = performance.now();
      await client.query('BEGIN');
      // The columns of src/store/migrations/002's observation (keys and indexes left out: see the README).
      await client.query(`CREATE TABLE observation (
        variable_id text NOT NULL, unit_code text NOT NULL, year smallint NOT NULL,
        value double precision, flag smallint, note text,
        first_release integer NOT NULL, last_release integer)`);
      await client.query(`CREATE TABLE indicator_statistics (
        variable_id text NOT NULL, year smallint NOT NULL, level text NOT NULL,
        count_with_data integer NOT NULL, min double precision, max double precision, mean double precision,
        q1 double precision, median double precision, q3 double precision, deciles double precision[])`);
      const copied = await copyBinary(client, release, results);
      rowsPublished = copied.rows;
      bytesPublished = copied.bytes;
      const statRows = [...statistics].map(([key, v]) => {
        const [id, year, level] = key.split('|');
        return `${INDICATOR_PREFIX}${id}\t${year}\t${level}\t${v.slice(0, 7).join('\t')}\t{${v.slice(7).join(',')}}\n`;
      });
      await copyText(client, 'COPY indicator_statistics FROM STDIN', statRows);
      await client.query('COMMIT');
      publishMs = performance.now() - started;
      publishCpu = cpuMs(cpu);
      const serverAfter = backendCpu(backend);
      serverCpu = serverBefore === null || serverAfter === null ? null : serverAfter - serverBefore;
    } finally {
      await client.end();
      await database.drop();
    }
  }
  return {
    phases: { load, compute, statistics: statisticsMs, publish: publishMs },
    cpu: { load: loadCpu, compute: computeCpu, statistics: statisticsCpu, publish: publishCpu },
    serverCpu,
    indicators: release.indicators.length,
    values,
    missing,
    distributions,
    positions,
    rowsPublished,
    bytesPublished,
    checksums,
    statistics,
  };
}

/** utime + stime of a process on this machine (Linux /proc), in ms; null elsewhere. */
function backendCpu(pid: number | undefined): number | null {
  if (pid === undefined) return null;
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf-8').split(') ')[1]?.split(' ') ?? [];
    // Fields 14 and 15 of stat (utime, stime) are the 12th and 13th after the command name, in clock ticks.
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / CLOCK_TICKS;
  } catch {
    return null;
  }
}

const CLOCK_TICKS = 100;

async function copyText(client: pg.Client, sql: string, rows: readonly string[]): Promise<void> {
  const { from } = await import('pg-copy-streams');
  const stream = client.query(from(sql));
  const done = new Promise<void>((resolve, reject) => {
    stream.on('finish', resolve);
    stream.on('error', reject);
  });
  for (let i = 0; i < rows.length; i += 10000) stream.write(rows.slice(i, i + 10000).join(''));
  stream.end();
  await done;
}
