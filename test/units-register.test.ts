/** The units register on both databases: migrations, bundled snapshot, TERC imports, history, atomicity. */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureUnitsRegister } from '../src/pipeline/bundled-register.js';
import {
  importUnitsRegister,
  RegisterConflictError,
  type RegisterInput,
} from '../src/pipeline/units-import.js';
import { readTercFile } from '../src/sources/teryt/terc-reader.js';
import type { Database } from '../src/store/database.js';
import { migrate, pendingMigrations } from '../src/store/migrate.js';
import { MIGRATIONS } from '../src/store/migrations/index.js';
import { listSnapshots, searchUnits, unitVersions } from '../src/store/units-store.js';
import { DATABASE_KINDS, openTestDatabase, type TestDatabase } from './databases.js';
import { sharedFile, TERC_2024 } from './shared-data.js';

function terc2024(): RegisterInput {
  const terc = readTercFile(readFileSync(sharedFile(TERC_2024)), 'TERC_Urzedowy_2024-01-01.csv');
  return {
    stateDate: terc.stateDate,
    records: terc.records,
    sourceFile: 'TERC_Urzedowy_2024-01-01.csv',
    provenance: {},
  };
}

async function tableCounts(db: Database): Promise<Record<string, number>> {
  const [row] = await db.query<Record<string, number>>(
    `SELECT (SELECT count(*) FROM register_snapshot)::int AS snapshots,
            (SELECT count(*) FROM register_snapshot_unit)::int AS snapshot_units,
            (SELECT count(*) FROM unit_version)::int AS versions,
            (SELECT count(*) FROM unit_change)::int AS changes,
            (SELECT count(*) FROM unit_link)::int AS links`,
  );
  return row ?? {};
}

describe.each(DATABASE_KINDS)('units register on %s', (kind) => {
  let test: TestDatabase;
  let db: Database;
  beforeAll(async () => {
    test = await openTestDatabase(kind);
    db = test.db;
  });
  afterAll(async () => {
    await test?.drop();
  });

  it('creates the schema once; a second migrate applies nothing', async () => {
    expect(await migrate(db)).toEqual(MIGRATIONS.map((m) => m.id));
    expect(await migrate(db)).toEqual([]);
    expect(await pendingMigrations(db)).toEqual([]);
  });

  it('loads the bundled registers (TERC 2024, then 2026) on first start only', async () => {
    const first = await ensureUnitsRegister(db);
    expect(first?.status).toBe('imported');
    expect(first?.unitsByLevel).toMatchObject({
      wojewodztwo: 16,
      powiat: 380,
      gmina: 2479,
      czesc_gminy: 1485,
    });
    expect(first?.snapshots).toEqual(['2024-01-01', '2026-01-01']);
    // shared/data/README.md: 13 gminy changed kind 2→3 between the two registers, and two gminy are new.
    expect(first?.changesByType).toMatchObject({ code_changed: 13, kind_changed: 13 });
    expect(await ensureUnitsRegister(db)).toBeNull();
    const gminy = await searchUnits(db, { level: 'gmina', offset: 0, limit: 1 });
    expect(gminy.total).toBe(2479);
    // Poland is a unit of the register too (level kraj, code "0"), though TERC has no code for it.
    expect(await unitVersions(db, '0')).toMatchObject([{ level: 'kraj', name: 'Polska', validTo: null }]);
  });

  it('changes nothing when the same register is loaded again, from the official CSV', async () => {
    const before = await tableCounts(db);
    const terc = readTercFile(
      readFileSync(sharedFile('teryt/TERC_Urzedowy_2026-01-01.csv')),
      'TERC_Urzedowy_2026-01-01.csv',
    );
    const again = await importUnitsRegister(db, {
      ...terc,
      sourceFile: 'TERC_Urzedowy_2026-01-01.csv',
      provenance: {},
    });
    expect(again.status).toBe('unchanged');
    expect(await tableCounts(db)).toEqual(before);
  });

  it('leaves everything as it was when an import fails halfway', async () => {
    const before = await tableCounts(db);
    // A database whose transaction fails at the last write of the import (the links of the history).
    const failing: Database = {
      ...db,
      transaction: (fn) =>
        db.transaction((tx) =>
          fn({
            query: (sql, params) =>
              sql.includes('INSERT INTO unit_link')
                ? Promise.reject(new Error('disk full'))
                : tx.query(sql, params),
          }),
        ),
    };
    // A register of a state date not loaded yet (the 2024 content under another date), so the import runs.
    await expect(importUnitsRegister(failing, { ...terc2024(), stateDate: '2025-01-01' })).rejects.toThrow(
      'disk full',
    );
    expect(await tableCounts(db)).toEqual(before);
  });

  it('records the changes between TERC 2024 and 2026 when the older register is loaded later', async () => {
    // Order does not matter: a fresh database given the newer register first, then the older one.
    const fresh = await openTestDatabase(kind);
    try {
      await migrate(fresh.db);
      const terc2026 = readTercFile(
        readFileSync(sharedFile('teryt/TERC_Urzedowy_2026-01-01.csv')),
        'TERC_Urzedowy_2026-01-01.csv',
      );
      await importUnitsRegister(fresh.db, { ...terc2026, sourceFile: 'TERC 2026', provenance: {} });
      const later = await importUnitsRegister(fresh.db, terc2024());
      expect(later.status).toBe('imported');
      expect(later.snapshots).toEqual(['2024-01-01', '2026-01-01']);
      expect(later.changesByType).toMatchObject({ code_changed: 13, kind_changed: 13 });
      expect(await tableCounts(fresh.db)).toEqual(await tableCounts(db));
    } finally {
      await fresh.drop();
    }
    const created = await db.query<{ code: string }>(
      `SELECT code FROM unit_change WHERE change_type = 'created' AND code IN (SELECT code FROM unit_version WHERE level = 'gmina')`,
    );
    expect(created.map((r) => r.code).sort()).toEqual(['1207132', '2002162']);
    // Janów Podlaski: 0601052 (wiejska) until 2026-01-01, then 0601053 (miejsko-wiejska); the old code is kept.
    expect(await unitVersions(db, '0601052')).toMatchObject([
      { kind: 'wiejska', validFrom: '2024-01-01', validTo: '2026-01-01' },
    ]);
    expect(await unitVersions(db, '0601053')).toMatchObject([
      { kind: 'miejsko-wiejska', validFrom: '2026-01-01', validTo: null },
    ]);
    // The register on a 2024 date still has 2477 gminy, the current one 2479.
    expect((await searchUnits(db, { level: 'gmina', date: '2024-06-30', offset: 0, limit: 1 })).total).toBe(
      2477,
    );
    expect((await searchUnits(db, { level: 'gmina', offset: 0, limit: 1 })).total).toBe(2479);
  });

  it('refuses a different register with a state date already loaded, and keeps the loaded one', async () => {
    const before = await tableCounts(db);
    const input = terc2024();
    const altered = {
      ...input,
      records: input.records.map((r) => (r.code === '12' ? { ...r, name: 'INNE' } : r)),
    };
    await expect(importUnitsRegister(db, altered)).rejects.toBeInstanceOf(RegisterConflictError);
    expect(await tableCounts(db)).toEqual(before);
    expect((await listSnapshots(db)).map((s) => s.stateDate)).toEqual(['2024-01-01', '2026-01-01']);
  });
});
