/**
 * Fresh databases for integration tests: PGlite in a new temporary folder (as `npm start` runs it; PGlite's
 * in-memory file system writes large tables many times slower), and a new database on the PostgreSQL server
 * (SMUP_TEST_DATABASE_URL, default postgres://postgres@127.0.0.1:5432/test) created for the test and
 * dropped after it (or a copy of a template database, test/release-cache.ts). Every integration suite runs against both (`describe.each(DATABASE_KINDS)`).
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
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

/** Runs one statement as the administrator of the test server (create and drop databases). */
export async function adminQuery(sql: string): Promise<void> {
  const admin = new pg.Client({ connectionString: POSTGRES_ADMIN_URL });
  await admin.connect();
  try {
    await admin.query(sql);
  } finally {
    await admin.end();
  }
}

/** The URL of database `name` on the test server. */
export function databaseUrl(name: string): string {
  const url = new URL(POSTGRES_ADMIN_URL);
  url.pathname = `/${name}`;
  return url.toString();
}

/**
 * A new PostgreSQL database on the test server — empty, or a copy of `template` — with its URL and a function
 * that drops it.
 */
export async function createPostgresDatabase(
  template?: string,
): Promise<{ url: string; drop: () => Promise<void> }> {
  const name = `smup_test_${process.pid}_${randomBytes(4).toString('hex')}`;
  // PostgreSQL refuses a copy while another session is connected to the template (55006); two copies at once
  // can meet that briefly, so try again.
  for (let attempt = 1; ; attempt++) {
    try {
      await adminQuery(template ? `CREATE DATABASE ${name} TEMPLATE ${template}` : `CREATE DATABASE ${name}`);
      break;
    } catch (error) {
      if (!template || (error as { code?: string }).code !== '55006' || attempt >= 40) throw error;
      await sleep(250);
    }
  }
  return { url: databaseUrl(name), drop: () => adminQuery(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`) };
}

/** PGlite on `folder` (a new or copied data folder), which is removed when the database is dropped. */
export async function openPgliteFolder(folder: string): Promise<TestDatabase> {
  try {
    const db = await openPglite(folder);
    return {
      db,
      url: null,
      drop: async () => {
        try {
          await db.close();
        } finally {
          rmSync(folder, { recursive: true, force: true });
        }
      },
    };
  } catch (error) {
    rmSync(folder, { recursive: true, force: true });
    throw error;
  }
}

export async function openTestDatabase(kind: DatabaseKind, template?: string): Promise<TestDatabase> {
  if (kind === 'pglite') return openPgliteFolder(mkdtempSync(join(tmpdir(), 'smup-test-pglite-')));
  const { url, drop } = await createPostgresDatabase(template);
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
