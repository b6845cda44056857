/**
 * DuckDB's side of bench/scale.ts: the same input table (variable, unit, year, value, flag; from a CSV), the same
 * formulas in SQL (formula-sql.ts) and the same statistics, in memory in this process (2 threads).
 *
 *   input (long) ─PIVOT─► w: one row per unit × year, "<id>_v" usable value, "<id>_c" confidential
 *     ─SELECT 1,300 expressions (joined with w of year − k for lags) + UNPIVOT─► results (long)
 *     ─GROUP BY indicator, year, level: quantile_cont, min, max, avg; RANK() per direction
 */
import { closeSync, openSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { FLAGS } from '../../src/domain/observations/flags.js';
import { formulaToSql } from './formula-sql.js';
import type { Checksum } from './smup-side.js';
import type { SyntheticRelease } from './synthetic-release.js';

export interface DuckdbResult {
  readonly version: string;
  readonly phases: { load: number; pivot: number; compute: number; statistics: number };
  readonly values: number;
  readonly checksums: Map<string, Checksum>;
  readonly statistics: Map<string, number[]>;
}

export async function runDuckdb(release: SyntheticRelease, csv: string): Promise<DuckdbResult> {
  const instance = await DuckDBInstance.create(':memory:', { threads: '2' });
  const db = await instance.connect();
  try {
    const version = String((await db.runAndReadAll('SELECT version()')).getRows()[0]?.[0]);
    let started = performance.now();
    await load(db, release, csv);
    const loadMs = performance.now() - started;

    started = performance.now();
    const confidential = [...FLAGS.values()].filter((f) => f.confidential).map((f) => f.id);
    const missing = [...FLAGS.values()].filter((f) => f.missing).map((f) => f.id);
    await db.run(`CREATE TABLE cells AS SELECT variable_id, unit_code, year,
      CASE WHEN flag IN (${[...confidential, ...missing].join(',')}) OR NOT isfinite(value) THEN NULL ELSE value END AS v,
      flag IN (${confidential.join(',')}) AS c FROM input`);
    await db.run(
      `CREATE TABLE w AS PIVOT cells ON variable_id USING max(v) AS v, bool_or(c) AS c GROUP BY unit_code, year`,
    );
    // A variable with no observation at all would have no column: the formulas read only existing ones.
    const pivotMs = performance.now() - started;

    started = performance.now();
    const env = {
      variables: release.variables,
      definitions: release.definitions,
      population: 'ludnosc',
      area: 's_area',
    };
    const lags = new Set<number>();
    const expressions = release.indicators.map((indicator) => {
      const sql = formulaToSql(indicator.formula, env);
      for (const lag of sql.lags) lags.add(lag);
      const levels = indicator.levels.map((l) => `'${l}'`).join(', ');
      return `CASE WHEN u.level IN (${levels}) THEN ${sql.sql} END AS "${indicator.id}"`;
    });
    const joins = [...lags]
      .filter((k) => k > 0)
      .map((k) => `LEFT JOIN w AS l${k} ON l${k}.unit_code = w.unit_code AND l${k}.year = w.year - ${k}`)
      .join('\n');
    await db.run(`CREATE TABLE results AS UNPIVOT (
        SELECT w.unit_code, w.year, u.level, ${expressions.join(',\n')}
        FROM w JOIN units AS u ON u.unit_code = w.unit_code ${joins}
      ) ON COLUMNS(* EXCLUDE (unit_code, year, level)) INTO NAME indicator VALUE value`);
    const computeMs = performance.now() - started;

    started = performance.now();
    const directions = release.indicators.map((i) => `('${i.id}', '${i.direction}')`).join(',');
    await db.run(`CREATE TABLE directions (indicator VARCHAR, direction VARCHAR)`);
    await db.run(`INSERT INTO directions VALUES ${directions}`);
    const statsReader =
      await db.runAndReadAll(`SELECT indicator, year, level, count(*)::DOUBLE, min(value), max(value),
        avg(value), quantile_cont(value, [0.25, 0.5, 0.75, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9])
      FROM results GROUP BY ALL`);
    const ranksReader =
      await db.runAndReadAll(`SELECT indicator, count(*)::DOUBLE, sum(value), sum(abs(value)),
        sum(rank)::DOUBLE FROM (
          SELECT r.indicator, r.value, RANK() OVER (PARTITION BY r.indicator, r.year, r.level
            ORDER BY CASE WHEN d.direction = 'lower_is_better' THEN r.value ELSE -r.value END) AS rank
          FROM results AS r JOIN directions AS d ON d.indicator = r.indicator)
      GROUP BY indicator`);
    const statisticsMs = performance.now() - started;

    const statistics = new Map<string, number[]>();
    for (const row of statsReader.getRowsJS()) {
      const [indicator, year, level, n, min, max, mean, q] = row as [
        string,
        number,
        string,
        number,
        number,
        number,
        number,
        number[],
      ];
      statistics.set(`${indicator}|${year}|${level}`, [
        n,
        min,
        max,
        mean,
        q[0],
        q[1],
        q[2],
        ...q.slice(3),
      ] as number[]);
    }
    const checksums = new Map<string, Checksum>();
    let values = 0;
    for (const row of ranksReader.getRowsJS()) {
      const [indicator, count, sum, sumAbs, ranks] = row as [string, number, number, number, number];
      checksums.set(indicator, { count, sum, sumAbs, ranks });
      values += count;
    }
    return {
      version,
      phases: { load: loadMs, pivot: pivotMs, compute: computeMs, statistics: statisticsMs },
      values,
      checksums,
      statistics,
    };
  } finally {
    db.closeSync();
    instance.closeSync();
  }
}

/**
 * The input table (variable, unit, year, value, flag) as CSV in a temporary folder, written before the
 * clock starts; DuckDB's own parallel reader then loads it (the appender took 10 s per million rows).
 */
export function writeInputCsv(release: SyntheticRelease, dir: string): string {
  const path = join(dir, 'input.csv');
  const fd = openSync(path, 'w');
  const span = release.years.length;
  const firstYear = release.years[0] as number;
  try {
    writeSync(fd, 'variable_id,unit_code,year,value,flag\n');
    for (const [id, { values, flags, present }] of release.columns) {
      const lines: string[] = [];
      for (let slot = 0; slot < present.length; slot++) {
        if (present[slot] !== 1) continue;
        const value = values[slot] as number;
        const flag = flags[slot] as number;
        const unit = (release.units[Math.floor(slot / span)] as { code: string }).code;
        lines.push(
          `${id},${unit},${firstYear + (slot % span)},${Number.isNaN(value) ? '' : value},${flag === -1 ? '' : flag}\n`,
        );
      }
      writeSync(fd, lines.join(''));
    }
  } finally {
    closeSync(fd);
  }
  return path;
}

async function load(db: DuckDBConnection, release: SyntheticRelease, csv: string): Promise<void> {
  await db.run(`CREATE TABLE input AS SELECT * FROM read_csv('${csv}', header = true, columns = {
    'variable_id': 'VARCHAR', 'unit_code': 'VARCHAR', 'year': 'INTEGER', 'value': 'DOUBLE', 'flag': 'SMALLINT'})`);
  await db.run(`CREATE TABLE units (unit_code VARCHAR, level VARCHAR)`);
  const units = await db.createAppender('units');
  for (const unit of release.units) {
    units.appendVarchar(unit.code);
    units.appendVarchar(unit.level);
    units.endRow();
  }
  units.closeSync();
}
