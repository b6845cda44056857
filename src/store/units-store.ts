/**
 * Queries of the units register. Each function takes a Queryable, so the same code runs inside a
 * transaction or outside, on PGlite or on PostgreSQL.
 */
import { polishNameRanks } from '../domain/units/name-order.js';
import type { RegisterHistory, RegisterSnapshot } from '../domain/units/register-history.js';
import { foldForSearch } from '../domain/units/search-text.js';
import { displayName, type UnitKind, type UnitLevel, type UnitRecord } from '../domain/units/unit.js';
import { bulkInsert } from './bulk-insert.js';
import type { Queryable } from './database.js';

export const TERC_REGISTER = 'TERC';

export interface StoredSnapshot {
  readonly id: number;
  readonly stateDate: string;
  readonly contentSha256: string;
  readonly sourceFile: string;
  readonly provenance: Record<string, unknown>;
  readonly unitCount: number;
  readonly loadedAt: string;
}

const SNAPSHOT_COLUMNS = `id, state_date AS "stateDate", content_sha256 AS "contentSha256", source_file AS "sourceFile",
  provenance, unit_count AS "unitCount", to_char(loaded_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS "loadedAt"`;

export function listSnapshots(db: Queryable): Promise<StoredSnapshot[]> {
  return db.query<StoredSnapshot>(
    `SELECT ${SNAPSHOT_COLUMNS} FROM register_snapshot WHERE register = $1 ORDER BY state_date`,
    [TERC_REGISTER],
  );
}

export async function insertSnapshot(
  db: Queryable,
  snapshot: { stateDate: string; contentSha256: string; sourceFile: string; provenance: object },
  records: readonly UnitRecord[],
): Promise<number> {
  const [row] = await db.query<{ id: number }>(
    `INSERT INTO register_snapshot (register, state_date, content_sha256, source_file, provenance, unit_count)
     VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`,
    [
      TERC_REGISTER,
      snapshot.stateDate,
      snapshot.contentSha256,
      snapshot.sourceFile,
      JSON.stringify(snapshot.provenance),
      records.length,
    ],
  );
  if (!row) throw new Error('register_snapshot insert returned no id');
  await bulkInsert(
    db,
    'register_snapshot_unit',
    [
      ['snapshot_id', 'int', () => row.id],
      ['code', 'text', (r) => r.code],
      ['level', 'text', (r) => r.level],
      ['kind', 'text', (r) => r.kind],
      ['name', 'text', (r) => r.name],
      ['description', 'text', (r) => r.description],
      ['parent_code', 'text', (r) => r.parentCode],
    ],
    records,
  );
  return row.id;
}

/** Every stored snapshot with its units, the input of buildRegisterHistory. */
export async function loadSnapshots(db: Queryable): Promise<RegisterSnapshot[]> {
  const rows = await db.query<UnitRecord & { stateDate: string }>(
    `SELECT s.state_date AS "stateDate", u.code, u.level, u.kind, u.name, u.description, u.parent_code AS "parentCode"
     FROM register_snapshot_unit u JOIN register_snapshot s ON s.id = u.snapshot_id
     WHERE s.register = $1 ORDER BY s.state_date, u.code`,
    [TERC_REGISTER],
  );
  const byDate = new Map<string, UnitRecord[]>();
  for (const { stateDate, ...record } of rows) {
    const records = byDate.get(stateDate);
    // Appended in place: copying the list for every row made 540 MB of garbage on a first start's 2,800 units.
    if (records) records.push(record);
    else byDate.set(stateDate, [record]);
  }
  return [...byDate].map(([stateDate, records]) => ({ stateDate, records }));
}

/** Replaces the derived history (versions, changes, links) with one rebuilt from all snapshots. */
export async function replaceHistory(db: Queryable, history: RegisterHistory): Promise<void> {
  await db.query('DELETE FROM unit_version');
  await db.query('DELETE FROM unit_change');
  await db.query('DELETE FROM unit_link');
  const versions = history.versions.map((v) => ({ ...v, name: displayName(v), officialName: v.name }));
  const ranks = polishNameRanks(versions);
  await bulkInsert(
    db,
    'unit_version',
    [
      ['code', 'text', (v) => v.code],
      ['valid_from', 'date', (v) => v.validFrom],
      ['valid_to', 'date', (v) => v.validTo],
      ['level', 'text', (v) => v.level],
      ['kind', 'text', (v) => v.kind],
      ['name', 'text', (v) => v.name],
      ['official_name', 'text', (v) => v.officialName],
      ['description', 'text', (v) => v.description],
      ['parent_code', 'text', (v) => v.parentCode],
      ['search_name', 'text', (v) => foldForSearch(v.name)],
      ['name_rank', 'int', (v) => ranks.get(v)],
    ],
    versions,
  );
  await bulkInsert(
    db,
    'unit_change',
    [
      ['change_date', 'date', (c) => c.date],
      ['change_type', 'text', (c) => c.type],
      ['code', 'text', (c) => c.code],
      ['previous_code', 'text', (c) => c.previousCode],
      ['before_value', 'text', (c) => c.before],
      ['after_value', 'text', (c) => c.after],
    ],
    history.changes,
  );
  await bulkInsert(
    db,
    'unit_link',
    [
      ['predecessor_code', 'text', (l) => l.predecessorCode],
      ['successor_code', 'text', (l) => l.successorCode],
      ['change_date', 'date', (l) => l.date],
      ['reason', 'text', (l) => l.reason],
    ],
    history.links,
  );
}

export interface UnitRow {
  readonly code: string;
  readonly name: string;
  readonly officialName: string;
  readonly level: UnitLevel;
  readonly kind: UnitKind;
  readonly description: string;
  readonly parentCode: string | null;
  readonly validFrom: string;
  readonly validTo: string | null;
}

const UNIT_COLUMNS = `code, name, official_name AS "officialName", level, kind, description, parent_code AS "parentCode",
  valid_from AS "validFrom", valid_to AS "validTo"`;

/** Versions valid on `date`, or the current ones (open-ended) when date is null. */
const validAt = (param: string): string =>
  `(CASE WHEN ${param}::date IS NULL THEN valid_to IS NULL
         ELSE valid_from <= ${param}::date AND (valid_to IS NULL OR valid_to > ${param}::date) END)`;

export interface UnitSearch {
  readonly level?: UnitLevel | undefined;
  readonly kind?: UnitKind | undefined;
  /** Only units below this one (code prefix: województwo 2 digits, powiat 4). */
  readonly within?: string | undefined;
  /** Name (Polish letters and case optional) or the start of a TERYT code. */
  readonly text?: string | undefined;
  readonly date?: string | undefined;
  readonly offset: number;
  readonly limit: number;
}

/**
 * Units matching a search. With a text, the best matches come first: the exact name or code, then names
 * starting with the text, then names with a word starting with it, then any name containing it ("lodz" lists
 * Łódź before łódzki wschodni; "sacz" finds Nowy Sącz). Within each group, and without a text, Polish
 * alphabetical order. Parts of gminy are listed only when asked for by level, so an unfiltered list holds JST.
 */
export async function searchUnits(
  db: Queryable,
  search: UnitSearch,
): Promise<{ total: number; items: UnitRow[] }> {
  const text = search.text ? foldForSearch(search.text) : null;
  const params = [
    search.level ?? null,
    search.kind ?? null,
    search.within ?? null,
    text === null ? null : escapeLike(text),
    search.date ?? null,
  ];
  const where = `${validAt('$5')}
    AND (CASE WHEN $1::text IS NULL THEN level <> 'czesc_gminy' ELSE level = $1::text END)
    AND ($2::text IS NULL OR kind = $2::text)
    AND ($3::text IS NULL OR (code LIKE $3::text || '%' AND code <> $3::text))
    AND ($4::text IS NULL OR search_name LIKE '%' || $4::text || '%' OR code LIKE $4::text || '%')`;
  const [count] = await db.query<{ total: number }>(
    `SELECT count(*)::int AS total FROM unit_version WHERE ${where}`,
    params,
  );
  const items = await db.query<UnitRow>(
    `SELECT ${UNIT_COLUMNS} FROM unit_version WHERE ${where}
     ORDER BY (CASE WHEN $4::text IS NULL THEN 0
                    WHEN search_name = $4::text OR code = $4::text THEN 0
                    WHEN search_name LIKE $4::text || '%' OR code LIKE $4::text || '%' THEN 1
                    WHEN search_name LIKE '% ' || $4::text || '%' THEN 2
                    ELSE 3 END),
              name_rank, code
     LIMIT $6 OFFSET $7`,
    [...params, search.limit, search.offset],
  );
  return { total: count?.total ?? 0, items };
}

function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/** Every version of one code, oldest first (empty when the register never listed it). */
export function unitVersions(db: Queryable, code: string): Promise<UnitRow[]> {
  return db.query<UnitRow>(`SELECT ${UNIT_COLUMNS} FROM unit_version WHERE code = $1 ORDER BY valid_from`, [
    code,
  ]);
}

/** The version of each code valid on `date` (current when null). */
export function unitsAt(db: Queryable, codes: readonly string[], date: string | null): Promise<UnitRow[]> {
  return db.query<UnitRow>(
    `SELECT ${UNIT_COLUMNS} FROM unit_version WHERE code = ANY($1::text[]) AND ${validAt('$2')}`,
    [codes, date],
  );
}

export function childrenAt(db: Queryable, code: string, date: string | null): Promise<UnitRow[]> {
  return db.query<UnitRow>(
    `SELECT ${UNIT_COLUMNS} FROM unit_version WHERE parent_code = $1 AND ${validAt('$2')} ORDER BY name_rank, code`,
    [code, date],
  );
}

export interface UnitLinkRow {
  readonly predecessorCode: string;
  readonly successorCode: string;
  readonly date: string;
  readonly reason: string;
}

export function linksOf(db: Queryable, code: string): Promise<UnitLinkRow[]> {
  return db.query<UnitLinkRow>(
    `SELECT predecessor_code AS "predecessorCode", successor_code AS "successorCode", change_date AS "date", reason
     FROM unit_link WHERE predecessor_code = $1 OR successor_code = $1 ORDER BY change_date`,
    [code],
  );
}

export interface UnitChangeRow {
  readonly date: string;
  readonly type: string;
  readonly code: string;
  readonly previousCode: string | null;
  readonly before: string | null;
  readonly after: string | null;
}

const CHANGE_COLUMNS = `change_date AS "date", change_type AS "type", code, previous_code AS "previousCode",
  before_value AS "before", after_value AS "after"`;

export function changesOf(db: Queryable, code: string): Promise<UnitChangeRow[]> {
  return db.query<UnitChangeRow>(
    `SELECT ${CHANGE_COLUMNS} FROM unit_change WHERE code = $1 OR previous_code = $1 ORDER BY change_date, change_type`,
    [code],
  );
}

export function listChanges(db: Queryable, since: string | null): Promise<UnitChangeRow[]> {
  return db.query<UnitChangeRow>(
    `SELECT ${CHANGE_COLUMNS} FROM unit_change WHERE $1::date IS NULL OR change_date >= $1::date
     ORDER BY change_date, code, change_type`,
    [since],
  );
}

/** Every unit of the current register, all levels including parts of gminy (for resolving file codes). */
export function currentUnits(
  db: Queryable,
): Promise<
  Array<{ code: string; name: string; level: UnitLevel; kind: UnitKind; parentCode: string | null }>
> {
  return db.query(
    `SELECT code, name, level, kind, parent_code AS "parentCode" FROM unit_version WHERE valid_to IS NULL ORDER BY code`,
  );
}

/** Every code the register has ever listed (all versions), e.g. to tell unknown codes from old ones. */
export async function allUnitCodes(db: Queryable): Promise<Set<string>> {
  const rows = await db.query<{ code: string }>('SELECT DISTINCT code FROM unit_version');
  return new Set(rows.map((r) => r.code));
}
