/**
 * Which migrations are pending, on a real PGlite database: all of them before the first migrate, none
 * after, and a failure (here a closed database) is reported, not read as "everything pending" (issue 19).
 */
import { describe, expect, it } from 'vitest';
import { migrate, pendingMigrations } from './migrate.js';
import { MIGRATIONS } from './migrations/index.js';
import { openPglite } from './pglite-database.js';

describe('pendingMigrations', () => {
  it('lists every migration of a new database and none once migrated', async () => {
    const db = await openPglite(null);
    try {
      expect(await pendingMigrations(db)).toEqual(MIGRATIONS.map((m) => m.id));
      await migrate(db);
      expect(await pendingMigrations(db)).toEqual([]);
    } finally {
      await db.close();
    }
  });

  it('reports a database it cannot read instead of calling every migration pending', async () => {
    const db = await openPglite(null);
    await migrate(db);
    await db.close();
    await expect(pendingMigrations(db)).rejects.toThrow();
  });
});
