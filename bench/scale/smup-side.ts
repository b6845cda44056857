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
import type { Queryable } from '../../src/store/database.js';
import { migrate } from '../../src/store/migrate.js';
import { suspendObservationIndexes, type RestoredPart } from '../../src/store/observation-indexes.js';
import { openPostgres } from '../../src/store/postgres-database.js';
import { createPostgresDatabase } from '../../test/databases.js';
import { BinaryCopy } from './copy-binary.js';
import type { Level, SyntheticRelease } from './synthetic-release.js';

export interface Checksum {
  count: number;
  sum: number;
  sumAbs: number;
  ranks: number;
}

export interface SmupResult {
  /**
   * Wall time per phase (ms). Compute, statistics and publish interleave per indicator, so `overlapped` is
   * the wall time of the three together (to the COMMIT); `keys` builds the table's key and indexes after it.
   */
  readonly phases: {
    load: number;
    compute: number;
    statistics: number;
    publish: number;
    overlapped: number;
    keys: number;
  };
  /** Each statement that made the table's key, indexes and constraints again, with its wall time. */
  readonly keyParts: readonly RestoredPart[];
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
  const cpu = process.cpuUsage();
  const started = performance.now();
  const cube = new ObservationCube(
    units.map((u) => u.code),
    firstYear,
    years.at(-1) as number,
  );
  for (const [id, column] of release.columns) cube.setColumn(id, column);
  const evaluator = new CellEvaluator(cube, cube.coverage());
  const load = performance.now() - started;
  const loadCpu = cpuMs(cpu);

  const target = publish ? await openTarget(release) : null;
  const stats = new StatisticsPass(release);
  const phases = { compute: 0, statistics: 0, publish: 0 };
  const cpuUsed = { compute: 0, statistics: 0, publish: 0 };
  const timed = async <T>(phase: keyof typeof phases, work: () => T | Promise<T>): Promise<T> => {
    const from = process.cpuUsage();
    const at = performance.now();
    const result = await work();
    phases[phase] += performance.now() - at;
    cpuUsed[phase] += cpuMs(from);
    return result;
  };
  let missing = 0;
  let values = 0;
  // One indicator at a time through compute, statistics and the COPY stream: the PostgreSQL backend stores
  // indicator n while this process computes n + 1, and only one indicator's columns are held at once.
  const overlappedFrom = performance.now();
  try {
    // In the table's key order (indicator id, then unit code and year as the columns hold them), as the
    // first start writes: PostgreSQL's sort finds the input presorted and the key is built without sorting.
    const inKeyOrder = [...release.indicators].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    for (const indicator of inKeyOrder) {
      const columns = await timed('compute', () => {
        const out: IndicatorColumns = {
          values: new Float64Array(size).fill(NaN),
          flags: new Int16Array(size).fill(-1),
          stored: new Uint8Array(size),
          notes: new Map(),
        };
        missing += evaluator.each(
          computableOf(indicator),
          units,
          years,
          (unitCode, year, value, flag, note) => {
            const slot = (cube.unitIndex.get(unitCode) as number) * span + (year - firstYear);
            out.stored[slot] = 1;
            if (value !== null) {
              out.values[slot] = value;
              values++;
            }
            if (flag !== null) out.flags[slot] = flag;
            if (note !== null) out.notes.set(slot, note);
          },
        );
        return out;
      });
      await timed('statistics', () => stats.add(indicator, columns));
      if (target) await timed('publish', () => target.copy.add(indicator.id, columns));
    }
    const published = target ? await timed('publish', () => target.finish(stats.statistics)) : null;
    const overlapped = performance.now() - overlappedFrom;
    const built = target ? await target.buildKeys() : { ms: 0, parts: [] };
    return {
      phases: { load, ...phases, overlapped, keys: built.ms },
      keyParts: built.parts,
      cpu: { load: loadCpu, ...cpuUsed },
      serverCpu: published?.serverCpu ?? null,
      indicators: release.indicators.length,
      values,
      missing,
      distributions: stats.distributions,
      positions: stats.positions,
      rowsPublished: target?.copy.rows ?? 0,
      bytesPublished: target?.copy.bytes ?? 0,
      checksums: stats.checksums,
      statistics: stats.statistics,
    };
  } finally {
    await target?.close();
  }
}

function computableOf(indicator: SyntheticRelease['indicators'][number]): ComputableIndicator {
  return {
    id: indicator.id,
    name: indicator.id,
    nameEn: null,
    measureUnit: null,
    levels: indicator.levels,
    inputs: indicator.compiled.inputs,
    evaluate: (context) => indicator.compiled.evaluate(context),
  };
}

/** Per indicator × year × level, what the distribution and benchmarking endpoints compute. */
class StatisticsPass {
  readonly checksums = new Map<string, Checksum>();
  /** `indicator|year|level` → n, min, max, mean, q1, median, q3, D1…D9. */
  readonly statistics = new Map<string, number[]>();
  distributions = 0;
  positions = 0;
  private readonly byLevel = new Map<Level, number[]>();

  constructor(private readonly release: SyntheticRelease) {
    release.units.forEach((u, i) => {
      const list = this.byLevel.get(u.level) ?? [];
      list.push(i);
      this.byLevel.set(u.level, list);
    });
  }

  add(indicator: SyntheticRelease['indicators'][number], columns: IndicatorColumns): void {
    const { units, years } = this.release;
    const span = years.length;
    const sum: Checksum = { count: 0, sum: 0, sumAbs: 0, ranks: 0 };
    for (const level of indicator.levels) {
      const members = this.byLevel.get(level) ?? [];
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
        this.distributions++;
        if (d.countWithData === 0) continue;
        this.statistics.set(`${indicator.id}|${years[y]}|${level}`, [
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
          this.positions++;
          sum.count++;
          sum.sum += value;
          sum.sumAbs += Math.abs(value);
          sum.ranks += position?.rank ?? 0;
        }
      }
    }
    this.checksums.set(indicator.id, sum);
  }
}

/**
 * A fresh PostgreSQL database with the real schema (every migration, as `smup` makes it) and a draft release,
 * and a COPY stream open into `observation` in one transaction. As the first start does for an empty table
 * (store/observation-indexes.ts, the same code), the table's key, references and full indexes are dropped
 * before the load and made again after it: one sort each instead of 29 M index inserts.
 */
async function openTarget(release: SyntheticRelease) {
  const database = await createPostgresDatabase();
  const db = await openPostgres(database.url, { maxConnections: 1 });
  let releaseId: number;
  try {
    await migrate(db);
    const [draft] = await db.query<{ id: number }>(
      `INSERT INTO release (status, description) VALUES ('draft', 'bench:scale') RETURNING id`,
    );
    releaseId = draft?.id as number;
  } finally {
    await db.close();
  }
  const client = new pg.Client({ connectionString: database.url });
  await client.connect();
  const tx: Queryable = {
    query: async <T extends object>(sql: string, params?: readonly unknown[]) =>
      (await client.query<T>(sql, params as unknown[])).rows,
  };
  const backend = (await client.query<{ pid: number }>('SELECT pg_backend_pid() AS pid')).rows[0]?.pid;
  const serverBefore = backendCpu(backend);
  await client.query('BEGIN');
  const restore = await suspendObservationIndexes(tx);
  await client.query('TRUNCATE observation');
  // Not a table of the product: the statistics live in the benchmark context in memory there. Stored here
  // so the bench writes what a precomputed-statistics design would.
  await client.query(`CREATE TABLE indicator_statistics (
    variable_id text NOT NULL, year smallint NOT NULL, level text NOT NULL,
    count_with_data integer NOT NULL, min double precision, max double precision, mean double precision,
    q1 double precision, median double precision, q3 double precision, deciles double precision[])`);
  const copy = new BinaryCopy(client, release, releaseId);
  return {
    copy,
    /** Ends the COPY and stores the statistics; the backend's CPU time for all of it. */
    async finish(statistics: ReadonlyMap<string, number[]>) {
      await copy.end();
      const statRows = [...statistics].map(([key, v]) => {
        const [id, year, level] = key.split('|');
        return `${INDICATOR_PREFIX}${id}\t${year}\t${level}\t${v.slice(0, 7).join('\t')}\t{${v.slice(7).join(',')}}\n`;
      });
      await copyText(client, 'COPY indicator_statistics FROM STDIN', statRows);
      const serverAfter = backendCpu(backend);
      return { serverCpu: serverBefore === null || serverAfter === null ? null : serverAfter - serverBefore };
    },
    /** The real table's key, references and full indexes made again, then the COMMIT; wall time in ms. */
    async buildKeys() {
      const at = performance.now();
      // The server's maintenance_work_mem as it is (64 MB by default): 512 MB made each build 30-40 % slower
      // here (PostgreSQL 15, 5 M rows: the key 5.8 s against 4.2 s), as larger in-memory sorts fit the CPU's
      // caches worse than merging 64 MB runs.
      const parts = await restore();
      await client.query('COMMIT');
      return { ms: performance.now() - at, parts };
    },
    async close() {
      await client.end().catch(() => undefined);
      await database.drop();
    },
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
