/**
 * Suspending the observation table's key, references and full indexes for a bulk write, on both database
 * kinds with the real migrations: what is dropped, what stays (CHECK, partial index), and that making them
 * again leaves the catalogue exactly as the migrations made it, enforcing again.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { DATABASE_KINDS, openTestDatabase, type TestDatabase } from '../../test/databases.js';
import type { Queryable } from './database.js';
import { migrate } from './migrate.js';
import { suspendObservationIndexes } from './observation-indexes.js';

/** The observation table's indexes and constraints as the catalogue defines them, sorted. */
async function catalogue(db: Queryable): Promise<string[]> {
  const rows = await db.query<{ item: string }>(
    `SELECT 'index ' || pg_get_indexdef(indexrelid) AS item FROM pg_index WHERE indrelid = 'observation'::regclass
     UNION ALL
     SELECT 'constraint ' || conname || ' ' || pg_get_constraintdef(oid) FROM pg_constraint
     WHERE conrelid = 'observation'::regclass`,
  );
  return rows.map((r) => r.item).sort();
}

describe.each(DATABASE_KINDS)('suspendObservationIndexes (%s)', (kind) => {
  let database: TestDatabase | null = null;
  afterEach(async () => {
    await database?.drop();
    database = null;
  });

  /** A migrated database with a draft release, and the observation table's catalogue as migrated. */
  async function migratedWithDraft() {
    database = await openTestDatabase(kind);
    const { db } = database;
    await migrate(db);
    const [release] = await db.query<{ id: number }>(
      `INSERT INTO release (status, description) VALUES ('draft', 'test') RETURNING id`,
    );
    return { db, release, before: await catalogue(db) };
  }

  it('drops the key, references and full indexes, keeps the check and partial index, and makes them again', async () => {
    const { db, release, before } = await migratedWithDraft();
    expect(before.some((i) => i.includes('PRIMARY KEY (variable_id, unit_code, year, first_release)'))).toBe(
      true,
    );

    await db.transaction(async (tx) => {
      const restore = await suspendObservationIndexes(tx);
      const during = await catalogue(tx);
      expect(during.filter((i) => !before.includes(i))).toEqual([]);
      const dropped = before.filter((i) => !during.includes(i));
      expect(dropped.some((i) => i.includes('PRIMARY KEY'))).toBe(true);
      expect(dropped.some((i) => i.includes('FOREIGN KEY (first_release)'))).toBe(true);
      expect(dropped.some((i) => i.includes('observation_first_release ON'))).toBe(true);
      expect(during.some((i) => i.startsWith('constraint') && i.includes('CHECK'))).toBe(true);
      expect(during.some((i) => i.includes('WHERE (last_release IS NOT NULL)'))).toBe(true);

      // Rows the key would refuse are accepted while it is suspended.
      await tx.query(
        `INSERT INTO observation (variable_id, unit_code, year, value, first_release)
         VALUES ('v', '12', 2020, 1, $1), ('v', '12', 2021, 2, $1)`,
        [release?.id],
      );
      const parts = await restore();
      // One statement per dropped item, the key's own index coming with the key.
      expect(parts).toHaveLength(dropped.filter((i) => !i.includes('observation_pkey ON')).length);
      expect(parts.every((p) => p.ms >= 0)).toBe(true);
    });
    expect(await catalogue(db)).toEqual(before);

    // Enforced again: a duplicate key and a release that does not exist are refused.
    await expect(
      db.query(
        `INSERT INTO observation (variable_id, unit_code, year, value, first_release) VALUES ('v', '12', 2020, 3, $1)`,
        [release?.id],
      ),
    ).rejects.toMatchObject({ code: '23505' });
    await expect(
      db.query(
        `INSERT INTO observation (variable_id, unit_code, year, value, first_release) VALUES ('v', '12', 2022, 3, 999)`,
      ),
    ).rejects.toMatchObject({ code: '23503' });
  });

  it('refuses to make the key again over duplicate rows, and the transaction leaves everything as it was', async () => {
    const { db, release, before } = await migratedWithDraft();
    await expect(
      db.transaction(async (tx) => {
        const restore = await suspendObservationIndexes(tx);
        await tx.query(
          `INSERT INTO observation (variable_id, unit_code, year, value, first_release)
           VALUES ('v', '12', 2020, 1, $1), ('v', '12', 2020, 2, $1)`,
          [release?.id],
        );
        await restore();
      }),
    ).rejects.toMatchObject({ code: '23505' });
    expect(await catalogue(db)).toEqual(before);
    expect(await db.query('SELECT 1 FROM observation')).toEqual([]);
  });
});
