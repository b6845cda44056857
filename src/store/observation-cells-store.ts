/**
 * Every cell of some variables in a release, one row per variable and year instead of one per cell: what
 * loading a benchmark context reads (pipeline/benchmark-context.ts). Read row by row, the ~980,000 cells of
 * the bundled release were as many JS objects built by the driver (PGlite parses every column of every row
 * in JS), about 10 s on PGlite; aggregated, the database sends a few thousand rows of long strings, split
 * here.
 *
 * Encoding, one string per (variable, year): cells separated by ',', each `code;value;flag` with an empty
 * field for NULL. Unit codes are TERYT digits and float8/smallint text has neither ',' nor ';', so the
 * separators cannot occur inside a field. One aggregate carries the code with its value and flag, so no
 * ordering has to agree between aggregates. Values are float8's own text output (shortest exact since
 * PostgreSQL 12, as the driver reads a plain float8 column), so they round-trip exactly. Notes are free
 * text and few: a JSON object code → note, only of the cells that have one.
 */
import type { Queryable } from './database.js';
import { visibleIn } from './release-visibility.js';

export interface CellColumns {
  readonly variableId: string;
  readonly year: number;
  /** The units of the cells, aligned with values and flags. */
  readonly unitCodes: readonly string[];
  /** NaN where the value is NULL. */
  readonly values: Float64Array;
  /** -1 where the flag is NULL. */
  readonly flags: Int16Array;
  /** unit code → note, only cells with a note. */
  readonly notes: ReadonlyMap<string, string>;
}

/**
 * Reads the cells of some variables of one release: observationCellsIn over the database, or the rows of
 * a release still in memory (pipeline/memory-draft.ts), in the same form and order.
 */
export type CellReader = (variableIds: readonly string[]) => Promise<CellColumns[]>;

interface AggregatedRow {
  readonly variableId: string;
  readonly year: number;
  readonly cells: string;
  readonly notes: Record<string, string> | null;
}

/** The cells of `variableIds` visible in release `releaseId`, one entry per variable and year (sorted). */
export async function observationCellsIn(
  db: Queryable,
  releaseId: number,
  variableIds: readonly string[],
): Promise<CellColumns[]> {
  const rows = await db.query<AggregatedRow>(
    `SELECT o.variable_id AS "variableId", o.year::int AS year,
       string_agg(o.unit_code || ';' || coalesce(o.value::text, '') || ';' || coalesce(o.flag::text, ''), ',')
         AS cells,
       json_object_agg(o.unit_code, o.note) FILTER (WHERE o.note IS NOT NULL) AS notes
     FROM observation o
     WHERE o.variable_id = ANY($2::text[]) AND ${visibleIn('o', '$1')}
     GROUP BY o.variable_id, o.year
     ORDER BY o.variable_id, o.year`,
    [releaseId, [...variableIds]],
  );
  return rows.map(decodeRow);
}

function decodeRow(row: AggregatedRow): CellColumns {
  const cells = row.cells.split(',');
  const unitCodes = new Array<string>(cells.length);
  const values = new Float64Array(cells.length);
  const flags = new Int16Array(cells.length);
  for (let i = 0; i < cells.length; i++) {
    const cell = cells[i] as string;
    const first = cell.indexOf(';');
    const second = cell.indexOf(';', first + 1);
    unitCodes[i] = cell.slice(0, first);
    // Number() rather than parseFloat: the same number for every float8 text ('1e-05', 'Infinity', 'NaN').
    values[i] = second === first + 1 ? NaN : Number(cell.slice(first + 1, second));
    flags[i] = second === cell.length - 1 ? -1 : Number(cell.slice(second + 1));
  }
  return {
    variableId: row.variableId,
    year: row.year,
    unitCodes,
    values,
    flags,
    notes: new Map(Object.entries(row.notes ?? {})),
  };
}
