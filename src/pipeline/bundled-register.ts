import { readBundledSnapshots } from '../sources/teryt/units-snapshot.js';
import type { Database } from '../store/database.js';
import { listSnapshots } from '../store/units-store.js';
import { importUnitsRegister, type RegisterImportResult } from './units-import.js';

/**
 * On first start the database has no register: load the bundled snapshots (data/units/: TERC 2024 and
 * 2026), oldest first, so the history knows which gminy are new (created between them) and which changed
 * their code. A database that already holds any register is left as it is, so a register imported by an
 * operator is never replaced. Returns the result of the last (newest) import.
 */
export async function ensureUnitsRegister(db: Database): Promise<RegisterImportResult | null> {
  if ((await listSnapshots(db)).length > 0) return null;
  let result: RegisterImportResult | null = null;
  for (const bundled of readBundledSnapshots()) {
    result = await importUnitsRegister(db, {
      stateDate: bundled.provenance.stateDate,
      records: bundled.records,
      sourceFile: bundled.provenance.sourceFile,
      provenance: bundled.provenance,
    });
  }
  return result;
}
