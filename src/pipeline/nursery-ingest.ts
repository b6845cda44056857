/**
 * The MRiPS nursery register (rejestr żłobków) into the draft release: the file is read whole with the
 * current units of the register (names → gmina, src/sources/nursery/), then one ingest job whose key is the
 * file's content hash, like a table file. The rows the names lead to no gmina are not dropped in silence:
 * they come back in `read.unmatched` (line, register number, names, reason, places, children), and
 * `describeUnmatched` says them in one line for a log or the console.
 */
import { createHash } from 'node:crypto';
import type { UnitRecord } from '../domain/units/unit.js';
import {
  readNurseryRegister,
  type NurseryReadResult,
  type UnmatchedRow,
} from '../sources/nursery/register-reader.js';
import type { Queryable } from '../store/database.js';
import { pagesOf, type IngestJobSpec } from './ingest.js';

/** Rows per staged page, as for tables. */
const PAGE_ROWS = 20_000;

export interface NurseryInput {
  readonly bytes: Uint8Array;
  readonly fileName: string;
  /** The day the register was read (yyyy-mm-dd); its year is the observations' year. */
  readonly stateDate: string;
}

/** The current units of the register with their TERC names (the matcher compares official names). */
async function currentRegisterUnits(db: Queryable): Promise<UnitRecord[]> {
  return db.query<UnitRecord>(
    `SELECT code, official_name AS name, level, kind, description, parent_code AS "parentCode"
       FROM unit_version WHERE valid_to IS NULL ORDER BY code`,
  );
}

/** Reads the register against the database's units; throws FileFormatError when the file is not one. */
export async function prepareNurseryJob(
  db: Queryable,
  input: NurseryInput,
): Promise<{ job: IngestJobSpec; read: NurseryReadResult }> {
  const read = readNurseryRegister(input.bytes, await currentRegisterUnits(db), {
    file: input.fileName,
    stateDate: input.stateDate,
  });
  const hash = createHash('sha256').update(input.bytes).digest('hex').slice(0, 16);
  const job: IngestJobSpec = {
    source: read.source,
    jobKey: `nursery-register:${read.source.id}:${hash}`,
    description: `${input.fileName} (${read.source.id}; ${read.stats.unmatchedRows} of ${read.stats.rows} rows unmatched)`,
    scope: read.scope,
    variables: read.variables,
    pages: pagesOf(read.observations, hash, PAGE_ROWS),
  };
  return { job, read };
}

/** "17 rows of rejestr….csv matched no gmina (empty: 17; 523 places, 447 children): line 12 …, …". */
export function describeUnmatched(fileName: string, unmatched: readonly UnmatchedRow[]): string | null {
  if (unmatched.length === 0) return null;
  const byReason = new Map<string, number>();
  for (const row of unmatched) byReason.set(row.reason, (byReason.get(row.reason) ?? 0) + 1);
  const places = unmatched.reduce((s, r) => s + r.places, 0);
  const children = unmatched.reduce((s, r) => s + r.children, 0);
  const reasons = [...byReason].map(([reason, n]) => `${reason}: ${n}`).join(', ');
  const lines = unmatched.map((r) => `line ${r.line} (${r.registerNumber || 'no number'})`).join(', ');
  return (
    `${unmatched.length} rows of ${fileName} matched no gmina and are not counted in any gmina ` +
    `(${reasons}; ${places} places, ${children} children): ${lines}`
  );
}
