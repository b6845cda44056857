/**
 * Loading a TERC register snapshot: all or nothing, idempotent, history rebuilt in the same transaction.
 *
 *   records ──► content hash ──► same state date loaded? ── same hash → "unchanged", nothing written
 *                                        │                └─ other hash → refused (RegisterConflictError)
 *                                        └─ no → insert snapshot ─► rebuild history from all snapshots
 */
import { createHash } from 'node:crypto';
import {
  buildRegisterHistory,
  registerProblems,
  withCountry,
  type ChangeType,
} from '../domain/units/register-history.js';
import { UNIT_LEVELS, type UnitLevel, type UnitRecord } from '../domain/units/unit.js';
import type { Database } from '../store/database.js';
import {
  insertSnapshot,
  listChanges,
  listSnapshots,
  loadSnapshots,
  replaceHistory,
} from '../store/units-store.js';

export interface RegisterInput {
  readonly stateDate: string;
  readonly records: readonly UnitRecord[];
  readonly sourceFile: string;
  readonly provenance: object;
}

export interface RegisterImportResult {
  readonly status: 'imported' | 'unchanged';
  readonly stateDate: string;
  readonly unitsByLevel: Record<UnitLevel, number>;
  /**
   * Changes the import added to the recorded history, by type: against the register before it and, when an
   * older register is loaded after a newer one, those dated at the newer one.
   */
  readonly changesByType: Partial<Record<ChangeType, number>>;
  readonly snapshots: readonly string[];
}

export class RegisterConflictError extends Error {
  constructor(stateDate: string, loadedFrom: string) {
    super(
      `a TERC register with state date ${stateDate} is already loaded (from ${loadedFrom}) with different content; ` +
        'nothing was imported. Two registers cannot share a state date: check that the file is the official one.',
    );
    this.name = 'RegisterConflictError';
  }
}

// Serialises imports on a PostgreSQL server shared by several processes (any constant unique to this use).
const REGISTER_LOCK = 7_302_002;

export function contentHash(records: readonly UnitRecord[]): string {
  const canonical = [...records]
    .sort((a, b) => a.code.localeCompare(b.code))
    .map((r) => [r.code, r.level, r.kind, r.name, r.description, r.parentCode ?? '']);
  return createHash('sha256').update(JSON.stringify(canonical)).digest('hex');
}

export async function importUnitsRegister(db: Database, input: RegisterInput): Promise<RegisterImportResult> {
  const problems = registerProblems(input.records);
  if (problems.length > 0) throw new Error(`${input.sourceFile}: ${problems.slice(0, 5).join('; ')}`);
  const hash = contentHash(input.records);
  const unitsByLevel = Object.fromEntries(
    UNIT_LEVELS.map((level) => [level, input.records.filter((r) => r.level === level).length]),
  ) as Record<UnitLevel, number>;

  return db.transaction(async (tx) => {
    await tx.query('SELECT pg_advisory_xact_lock($1)', [REGISTER_LOCK]);
    const existing = (await listSnapshots(tx)).find((s) => s.stateDate === input.stateDate);
    if (existing && existing.contentSha256 !== hash)
      throw new RegisterConflictError(input.stateDate, existing.sourceFile);
    if (existing) {
      const snapshots = (await listSnapshots(tx)).map((s) => s.stateDate);
      return { status: 'unchanged', stateDate: input.stateDate, unitsByLevel, changesByType: {}, snapshots };
    }
    await insertSnapshot(
      tx,
      {
        stateDate: input.stateDate,
        contentSha256: hash,
        sourceFile: input.sourceFile,
        provenance: input.provenance,
      },
      input.records,
    );
    const key = (c: { date: string; type: string; code: string; previousCode: string | null }): string =>
      `${c.date}|${c.type}|${c.code}|${c.previousCode ?? ''}`;
    const before = new Set((await listChanges(tx, null)).map(key));
    const history = withCountry(buildRegisterHistory(await loadSnapshots(tx)));
    await replaceHistory(tx, history);
    const changesByType: Partial<Record<ChangeType, number>> = {};
    for (const change of history.changes.filter((c) => !before.has(key(c)))) {
      changesByType[change.type] = (changesByType[change.type] ?? 0) + 1;
    }
    const snapshots = (await listSnapshots(tx)).map((s) => s.stateDate);
    return { status: 'imported', stateDate: input.stateDate, unitsByLevel, changesByType, snapshots };
  });
}
