/**
 * The bundled units snapshot: a compact, reviewed copy of one TERC register with its provenance, so that
 * `npm start` has every unit without network or an external file. Written by
 * scripts/build-units-snapshot.ts from the official file; read on first start and by `smup units import`.
 *
 * Format (JSON, one unit per line so a register change shows as a readable diff):
 *   { "format": "smup-units-snapshot/1", "provenance": {...}, "columns": [...], "rows": [[code, level, kind,
 *     name, description, parentCode], ...] }
 */
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { isUnitKind, isUnitLevel, type UnitRecord } from '../../domain/units/unit.js';
import { registerProblems } from '../../domain/units/register-history.js';
import { FileFormatError } from '../files/file-problem.js';

export const SNAPSHOT_FORMAT = 'smup-units-snapshot/1';
const COLUMNS = ['code', 'level', 'kind', 'name', 'description', 'parentCode'] as const;

export interface SnapshotProvenance {
  /** Who publishes the register, as it is cited. */
  readonly source: string;
  readonly stateDate: string;
  /** Name and SHA-256 of the official file the snapshot was made from. */
  readonly sourceFile: string;
  readonly sourceFileSha256: string;
  /** Where that file was obtained. */
  readonly obtainedFrom: string;
  readonly licence: string;
  readonly generatedBy: string;
}

export interface UnitsSnapshot {
  readonly provenance: SnapshotProvenance;
  readonly records: readonly UnitRecord[];
}

export function serializeSnapshot(snapshot: UnitsSnapshot): string {
  const rows = snapshot.records.map((r) =>
    JSON.stringify([r.code, r.level, r.kind, r.name, r.description, r.parentCode ?? '']),
  );
  return [
    '{',
    `"format": ${JSON.stringify(SNAPSHOT_FORMAT)},`,
    `"provenance": ${JSON.stringify(snapshot.provenance, null, 1)},`,
    `"columns": ${JSON.stringify(COLUMNS)},`,
    '"rows": [',
    rows.join(',\n'),
    ']',
    '}',
    '',
  ].join('\n');
}

export function parseSnapshot(text: string, file: string): UnitsSnapshot {
  const fail = (expected: string, found: string | null): never => {
    throw new FileFormatError(file, [{ file, line: null, column: null, expected, found }]);
  };
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    return fail('a JSON units snapshot', (error as Error).message);
  }
  const body = data as { format?: unknown; provenance?: SnapshotProvenance; rows?: unknown };
  if (body.format !== SNAPSHOT_FORMAT) fail(`"format": "${SNAPSHOT_FORMAT}"`, String(body.format));
  if (!body.provenance || !/^\d{4}-\d{2}-\d{2}$/.test(body.provenance.stateDate)) {
    fail('provenance with a stateDate (yyyy-mm-dd)', null);
  }
  if (!Array.isArray(body.rows)) return fail('"rows": an array of units', typeof body.rows);
  const records = body.rows.map((row: unknown, index): UnitRecord => {
    const [code, level, kind, name, description, parentCode] = Array.isArray(row) ? (row as unknown[]) : [];
    if (
      typeof code !== 'string' ||
      typeof level !== 'string' ||
      !isUnitLevel(level) ||
      level === 'kraj' || // TERC has no country: SMUP adds it (register-history.ts, withCountry)
      typeof kind !== 'string' ||
      !isUnitKind(kind) ||
      typeof name !== 'string' ||
      typeof description !== 'string' ||
      typeof parentCode !== 'string'
    ) {
      return fail(
        `row ${index + 1}: [code, level, kind, name, description, parentCode]`,
        JSON.stringify(row),
      );
    }
    return { code, level, kind, name, description, parentCode: parentCode === '' ? null : parentCode };
  });
  const problems = registerProblems(records);
  if (problems.length > 0) fail('a consistent register', problems.slice(0, 5).join('; '));
  return { provenance: body.provenance as SnapshotProvenance, records };
}

/** Folder of the bundled snapshots; src/ and dist/ sit at the same depth, so one relative path serves both. */
export const BUNDLED_UNITS_DIR = fileURLToPath(new URL('../../../data/units/', import.meta.url));

/** The newest bundled snapshot (files are named terc-yyyy-mm-dd.json). */
/** Every bundled snapshot, oldest first (data/units/terc-yyyy-mm-dd.json). */
export function readBundledSnapshots(dir = BUNDLED_UNITS_DIR): Array<UnitsSnapshot & { file: string }> {
  return readdirSync(dir)
    .filter((name) => /^terc-\d{4}-\d{2}-\d{2}\.json$/.test(name))
    .sort()
    .map((name) => `${dir}${name}`)
    .map((file) => ({ ...parseSnapshot(readFileSync(file, 'utf-8'), file), file }));
}

/** The newest bundled snapshot: the current register. */
export function readBundledSnapshot(dir = BUNDLED_UNITS_DIR): UnitsSnapshot & { file: string } {
  const files = readdirSync(dir)
    .filter((name) => /^terc-\d{4}-\d{2}-\d{2}\.json$/.test(name))
    .sort();
  const newest = files.at(-1);
  if (!newest) throw new Error(`no bundled units snapshot (terc-yyyy-mm-dd.json) in ${dir}`);
  const file = `${dir}${newest}`;
  return { ...parseSnapshot(readFileSync(file, 'utf-8'), file), file };
}
