import { readBundledSnapshot } from '../sources/teryt/units-snapshot.js';
import type { Database } from '../store/database.js';
import { listSnapshots } from '../store/units-store.js';
import { importUnitsRegister, type RegisterImportResult } from './units-import.js';

/**
 * On first start the database has no register: load the bundled snapshot (data/units/). A database that
 * already holds any register is left as it is, so a register imported by an operator is never replaced.
 */
export async function ensureUnitsRegister(db: Database): Promise<RegisterImportResult | null> {
  if ((await listSnapshots(db)).length > 0) return null;
  const bundled = readBundledSnapshot();
  return importUnitsRegister(db, {
    stateDate: bundled.provenance.stateDate,
    records: bundled.records,
    sourceFile: bundled.provenance.sourceFile,
    provenance: bundled.provenance,
  });
}
