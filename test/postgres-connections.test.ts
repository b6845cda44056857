/**
 * The PostgreSQL store outlives a server that closes its idle connections (a restart, an administrator's
 * pg_terminate_backend): the next query opens a new connection, and the process does not crash on the
 * pool's error event.
 */
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPostgres } from '../src/store/postgres-database.js';
import type { Database } from '../src/store/database.js';
import { createPostgresDatabase, POSTGRES_ADMIN_URL } from './databases.js';

describe('PostgreSQL connections', () => {
  let created: Awaited<ReturnType<typeof createPostgresDatabase>>;
  let db: Database;

  beforeAll(async () => {
    created = await createPostgresDatabase();
    db = await openPostgres(created.url, { maxConnections: 2 });
  });
  afterAll(async () => {
    await db?.close();
    await created?.drop();
  });

  it('answers again after the server terminated its idle connections', async () => {
    const name = new URL(created.url).pathname.slice(1);
    const [before] = await db.query<{ pid: number }>('SELECT pg_backend_pid() AS pid');
    const admin = new pg.Client({ connectionString: POSTGRES_ADMIN_URL });
    await admin.connect();
    try {
      const killed = await admin.query(
        'SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()',
        [name],
      );
      expect(killed.rowCount).toBeGreaterThan(0);
    } finally {
      await admin.end();
    }
    // Let the terminated connection's error reach the pool (an unhandled one would fail this run).
    await new Promise((resolve) => setTimeout(resolve, 200));
    const [after] = await db.query<{ pid: number; one: number }>('SELECT pg_backend_pid() AS pid, 1 AS one');
    expect(after?.one).toBe(1);
    expect(after?.pid).not.toBe(before?.pid);
  });
});
