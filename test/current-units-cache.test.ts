import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestDatabase, type TestDatabase } from './databases.js';
import { sharedFile, TERC_2024 } from './shared-data.js';
import { importUnitsRegister } from '../src/pipeline/units-import.js';
import { readTercFile } from '../src/sources/teryt/terc-reader.js';
import { currentUnitsCached } from '../src/store/current-units-cache.js';
import { migrate } from '../src/store/migrate.js';
import { currentUnits } from '../src/store/units-store.js';

function terc(path: string) {
  const file = readTercFile(readFileSync(sharedFile(path)), path);
  return { stateDate: file.stateDate, records: file.records, sourceFile: path, provenance: {} };
}

describe('the current register kept in memory', () => {
  let test: TestDatabase;
  beforeAll(async () => {
    test = await openTestDatabase('pglite');
    await migrate(test.db);
  });
  afterAll(async () => {
    await test?.drop();
  });

  it('answers what the database holds, and sees a register loaded after it was cached', async () => {
    expect(await currentUnitsCached(test.db)).toEqual([]);
    await importUnitsRegister(test.db, terc(TERC_2024));
    const before = await currentUnitsCached(test.db);
    expect(before).toEqual(await currentUnits(test.db));
    // Janów Podlaski is 0601052 (a rural gmina) in TERC 2024 and 0601053 from 2026-01-01.
    expect(before.some((u) => u.code === '0601052')).toBe(true);
    expect(await currentUnitsCached(test.db)).toBe(before); // the same array: nothing read again

    await importUnitsRegister(test.db, terc('teryt/TERC_Urzedowy_2026-01-01.csv'));
    const after = await currentUnitsCached(test.db);
    expect(after).not.toBe(before);
    expect(after).toEqual(await currentUnits(test.db));
    expect(after.some((u) => u.code === '0601052')).toBe(false);
    expect(after.some((u) => u.code === '0601053')).toBe(true);
  });
});
