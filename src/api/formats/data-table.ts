/**
 * One shape for every downloadable data answer: rows of unit × indicator (or variable) × year with value,
 * flag and reason, plus the metadata a reader needs beside the numbers (definitions, units of measure,
 * sources, flags legend, release). CSV, XLSX and JSON-stat are written from it (csv.ts, xlsx.ts,
 * jsonstat.ts), so every format carries the same numbers and the same metadata (CONVENTIONS.md).
 */
import type { PositionClass } from '../../domain/benchmark/statistics.js';
import { flagInfo } from '../../domain/observations/flags.js';

export interface DataTableSeries {
  readonly id: string;
  readonly name: { readonly pl: string; readonly en: string };
  readonly measureUnit: string | null;
  readonly definition: string | null;
  readonly citation: string;
  /** The terms of reuse: SMUP's own (CC BY 4.0) and each source's. */
  readonly licence: string;
  readonly decimals: number | null;
}

export interface DataTableRow {
  readonly unitCode: string;
  readonly unitName: string;
  readonly series: string;
  readonly year: number;
  readonly value: number | null;
  /** BDL attrId and its symbol, or null for a plain value. */
  readonly flag: { readonly id: number; readonly symbol: string } | null;
  /** Why the value is missing (missing-input, not-in-release…), null when there is a value. */
  readonly reason: string | null;
  /** Where the row stands in the table's set (DataTable.standing); absent or null: nothing to say. */
  readonly standing?: DataTableStanding | null;
}

/** A row's place in a set of units: the set's median in the row's indicator and year, the rank, their n. */
export interface DataTableStanding {
  readonly median: number | null;
  /** 1 = best by the indicator's direction; null when not ranked. */
  readonly rank: number | null;
  /**
   * `compared`: the units whose values the median and ranks come from; `set`: the values the rank is among
   * (the n of "rank 3 of 27"), with the unit's own when it is not a member.
   */
  readonly count: number | null;
  /** `set` only: the set's quartiles, the position class (statistics.ts PositionClass) and the set's name. */
  readonly q1?: number | null;
  readonly q3?: number | null;
  readonly position?: PositionClass | null;
  readonly set?: { readonly pl: string; readonly en: string } | null;
}

export interface DataTable {
  readonly title: string;
  readonly release: number;
  /** The request that made it, for the metadata sheet and JSON-stat `link`. */
  readonly url: string;
  readonly series: readonly DataTableSeries[];
  readonly rows: readonly DataTableRow[];
  /**
   * The set the rows' standing is in, when the table has those columns: `compared`, the compared units
   * themselves (GET /compare, as the compare page's table shows them); `set`, a unit's reference set in the
   * year its page compares (GET /units/{teryt}/data, as the unit page shows it). Absent: no such columns.
   */
  readonly standing?: 'compared' | 'set';
  /** Flags used in the rows: id → symbol and meaning. */
  readonly flags: ReadonlyArray<{ id: number; symbol: string; pl: string; en: string }>;
}

export const FORMATS = ['json', 'csv', 'xlsx', 'jsonstat'] as const;
export type DataFormat = (typeof FORMATS)[number];

export const CONTENT_TYPES: Record<Exclude<DataFormat, 'json'>, string> = {
  csv: 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  jsonstat: 'application/json; charset=utf-8',
};

/** The format asked for: `format=` first, else the Accept header, else JSON. */
export function negotiateFormat(query: string | undefined, accept: string | undefined): DataFormat {
  if (query && (FORMATS as readonly string[]).includes(query)) return query as DataFormat;
  const header = (accept ?? '').toLowerCase();
  if (header.includes('text/csv')) return 'csv';
  if (header.includes('spreadsheetml')) return 'xlsx';
  if (header.includes('jsonstat') || header.includes('json-stat')) return 'jsonstat';
  return 'json';
}

/** The flags legend of a table: each flag id of its rows once, in id order, with its symbol and labels. */
export function flagLegend(ids: Iterable<number | null | undefined>): DataTable['flags'] {
  const distinct = [...new Set(ids)].filter((id): id is number => typeof id === 'number');
  return distinct
    .sort((a, b) => a - b)
    .map((id) => {
      const info = flagInfo(id);
      return {
        id,
        symbol: info?.symbol ?? '?',
        pl: info?.pl ?? `atrybut ${id}`,
        en: info?.en ?? `attribute ${id}`,
      };
    });
}
