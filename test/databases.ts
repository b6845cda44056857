/**
 * Fresh databases for integration tests: an in-memory PGlite, and a new database on the PostgreSQL server
 * (SMUP_TEST_DATABASE_URL, default postgres://postgres@127.0.0.1:5432/test) created for the test and
 * dropped after it. Every integration suite runs against both (`describe.each(DATABASE_KINDS)`).
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import type { Database } from '../src/store/database.js';
import { openPglite } from '../src/store/pglite-database.js';
import { openPostgres } from '../src/store/postgres-database.js';

export const DATABASE_KINDS = ['pglite', 'postgres'] as const;
export type DatabaseKind = (typeof DATABASE_KINDS)[number];

export const POSTGRES_ADMIN_URL =
  process.env.SMUP_TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

export interface TestDatabase {
  readonly db: Database;
  /** URL of the fresh PostgreSQL database (null for PGlite), for tests that start a server process. */
  readonly url: string | null;
  drop(): Promise<void>;
}

/** A new, empty PostgreSQL database on the test server; returns its URL and a function that drops it. */
export async function createPostgresDatabase(): Promise<{ url: string; drop: () => Promise<void> }> {
  const name = `smup_test_${process.pid}_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: POSTGRES_ADMIN_URL });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${name}`);
  } finally {
    await admin.end();
  }
  const url = new URL(POSTGRES_ADMIN_URL);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: async () => {
      const client = new pg.Client({ connectionString: POSTGRES_ADMIN_URL });
      await client.connect();
      try {
        await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      } finally {
        await client.end();
      }
    },
  };
}

export async function openTestDatabase(kind: DatabaseKind): Promise<TestDatabase> {
  if (kind === 'pglite') {
    const db = await openPglite(null);
    return { db, url: null, drop: () => db.close() };
  }
  const { url, drop } = await createPostgresDatabase();
  const db = await openPostgres(url, { maxConnections: 4 });
  return {
    db,
    url,
    drop: async () => {
      await db.close();
      await drop();
    },
  };
}
