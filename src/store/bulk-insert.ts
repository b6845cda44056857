import type { Queryable } from './database.js';

/** One column of a bulk insert: its name, its SQL type, and how to read its value from a row. */
export type BulkColumn<T> = readonly [column: string, sqlType: string, value: (row: T) => unknown];

/**
 * Inserts many rows in one statement: one array parameter per column, unpacked by `unnest`. This is the
 * fastest portable form on both PGlite and PostgreSQL (no COPY in PGlite's query API), and a single
 * statement is atomic on its own. Rows go in chunks so no parameter grows without bound.
 */
export async function bulkInsert<T>(
  db: Queryable,
  table: string,
  columns: readonly BulkColumn<T>[],
  rows: readonly T[],
  {
    chunkSize = 50_000,
    onConflict = '',
  }: {
    chunkSize?: number;
    /** An ON CONFLICT clause, e.g. to let a re-staged page replace its earlier values. */
    onConflict?: string;
  } = {},
): Promise<void> {
  const names = columns.map(([column]) => column).join(', ');
  const arrays = columns.map(([, type], i) => `$${i + 1}::${type}[]`).join(', ');
  const sql = `INSERT INTO ${table} (${names}) SELECT * FROM unnest(${arrays}) ${onConflict}`;
  for (let start = 0; start < rows.length; start += chunkSize) {
    const chunk = rows.slice(start, start + chunkSize);
    await db.query(
      sql,
      columns.map(([, , value]) => chunk.map(value)),
    );
  }
}
