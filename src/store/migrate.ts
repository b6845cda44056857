import type { Database } from './database.js';
import { MIGRATIONS } from './migrations/index.js';
import type { Migration } from './migrations/migration.js';

// Any constant shared by all SMUP processes: two app replicas starting together on one PostgreSQL server
// take turns instead of both creating the same tables.
const MIGRATION_LOCK = 7_302_001;

/** Applies the migrations not yet applied, each in its own transaction; returns the ids it applied. */
export async function migrate(
  db: Database,
  migrations: readonly Migration[] = MIGRATIONS,
): Promise<string[]> {
  await db.query(`CREATE TABLE IF NOT EXISTS schema_migration (
    id text PRIMARY KEY,
    applied_at timestamptz NOT NULL DEFAULT now()
  )`);
  const applied: string[] = [];
  for (const migration of migrations) {
    const done = await db.transaction(async (tx) => {
      await tx.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK]);
      const existing = await tx.query('SELECT 1 FROM schema_migration WHERE id = $1', [migration.id]);
      if (existing.length > 0) return false;
      for (const statement of migration.statements) await tx.query(statement);
      await tx.query('INSERT INTO schema_migration (id) VALUES ($1)', [migration.id]);
      return true;
    });
    if (done) applied.push(migration.id);
  }
  return applied;
}

/** SQLSTATE 42P01 undefined_table: the same code from PostgreSQL and PGlite. */
const isUndefinedTable = (error: unknown): boolean =>
  typeof error === 'object' && error !== null && (error as { code?: unknown }).code === '42P01';

/** Migration ids known to the code but not applied to the database. */
export async function pendingMigrations(db: Database): Promise<string[]> {
  const rows = await db.query<{ id: string }>('SELECT id FROM schema_migration').catch((error: unknown) => {
    // A database never migrated has no table yet: then every migration is pending. Anything else (a lost
    // connection, a missing permission) is a failure to report, not an answer.
    if (isUndefinedTable(error)) return [] as Array<{ id: string }>;
    throw error;
  });
  const done = new Set(rows.map((r) => r.id));
  return MIGRATIONS.map((m) => m.id).filter((id) => !done.has(id));
}
