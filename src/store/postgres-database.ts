import pg from 'pg';
import { TYPE_PARSERS, type Database, type Queryable } from './database.js';
import { isDatabaseUnavailable } from './unavailable.js';

const types = {
  getTypeParser: (oid: number, format?: string) =>
    TYPE_PARSERS[oid] ?? pg.types.getTypeParser(oid, format as 'text'),
};

/** A PostgreSQL server through a connection pool (node-postgres), with the same type mapping as PGlite. */
export async function openPostgres(
  url: string,
  options: { maxConnections?: number } = {},
): Promise<Database> {
  const pool = new pg.Pool({ connectionString: url, max: options.maxConnections ?? 10, types });
  // An idle connection closed by the server (a restart, pg_terminate_backend, DROP DATABASE … FORCE) is
  // reported as an 'error' event of the pool; without a listener it would crash the process. The pool has
  // already dropped that connection and opens a new one for the next query, so there is nothing to do; a
  // query that was running gets its own error as usual.
  pool.on('error', () => undefined);
  // Fail at start with a clear message rather than at the first request.
  const client = await pool.connect().catch((error: Error) => {
    void pool.end();
    throw new Error(`cannot connect to PostgreSQL at ${redact(url)}: ${error.message}`);
  });
  client.release();
  const run =
    (target: Pick<pg.Pool, 'query'>, retry = false) =>
    async <T extends object>(sql: string, params: readonly unknown[] = []): Promise<T[]> => {
      try {
        return (await target.query<T>(sql, params as unknown[])).rows;
      } catch (error) {
        // A connection the server closed in a restart fails the first query sent on it; a read is safe to
        // send once more, on a fresh connection (a write might have been applied, so it is not retried).
        if (!retry || !isDatabaseUnavailable(error) || !/^\s*(SELECT|WITH)\b/i.test(sql)) throw error;
        return (await target.query<T>(sql, params as unknown[])).rows;
      }
    };
  return {
    kind: 'postgres',
    location: redact(url),
    query: run(pool, true),
    async transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T> {
      const conn = await pool.connect();
      try {
        await conn.query('BEGIN');
        const result = await fn({ query: run(conn) });
        await conn.query('COMMIT');
        return result;
      } catch (error) {
        await conn.query('ROLLBACK').catch(() => undefined);
        throw error;
      } finally {
        conn.release();
      }
    },
    exec: async (sql) => {
      await pool.query(sql);
    },
    close: () => pool.end(),
  };
}

/** The URL without its password, for logs and error messages. */
export function redact(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return 'postgres://(unparseable url)';
  }
}
