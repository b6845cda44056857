/**
 * The one interface every query goes through, so the same SQL runs on embedded PGlite and on a
 * PostgreSQL server. Parameters are positional ($1, $2, …) in both.
 *
 * Type mapping is pinned the same way on both drivers (see TYPE_PARSERS): `date` stays a 'yyyy-mm-dd'
 * string (a JS Date would shift it by the time zone), bigint counts become numbers.
 */
export interface Queryable {
  query<T extends object>(sql: string, params?: readonly unknown[]): Promise<T[]>;
  /**
   * `COPY table (…) FROM '/dev/blob' …` with `data` as the file (CSV text, or bytes for FORMAT binary),
   * where the driver can read it from memory (PGlite); absent on the PostgreSQL server (bulkInsert is used
   * there instead).
   */
  copyFrom?(sql: string, data: string | Uint8Array): Promise<void>;
}

export interface Database extends Queryable {
  readonly kind: 'pglite' | 'postgres';
  /** Where the data lives, for logs and /health (no password). */
  readonly location: string;
  /** Runs `fn` in one transaction: all of it is committed, or none of it if `fn` throws. */
  transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T>;
  /** Runs several statements separated by `;` (migrations). */
  exec(sql: string): Promise<void>;
  close(): Promise<void>;
}

/** PostgreSQL type OIDs (pg_type.oid) whose text form we keep or convert identically on both drivers. */
export const OID = { INT8: 20, DATE: 1082, NUMERIC: 1700 } as const;

/**
 * How each pinned type's text becomes a JS value, as data: PGlite may run in a worker thread
 * (pglite-thread.ts), which gets this map, not functions.
 */
export const TYPE_PARSING: Readonly<Record<number, 'number' | 'text'>> = {
  [OID.INT8]: 'number',
  [OID.DATE]: 'text',
  [OID.NUMERIC]: 'number',
};

export const TYPE_PARSERS: Record<number, (value: string) => unknown> = Object.fromEntries(
  Object.entries(TYPE_PARSING).map(([oid, kind]) => [
    oid,
    kind === 'number' ? Number : (value: string) => value,
  ]),
);
