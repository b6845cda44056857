/**
 * The public revision log of a release: every value that differs from the previous published release, by
 * variable and unit — new values, revised values (old → new), flag changes, note changes and removed values.
 *
 * Computed when read, not stored at publish. Observations are versioned by release (migration 002), so the
 * difference between release R and the one before it is exactly the rows opened or closed between them,
 * which two existing indexes (observation_first_release, observation_last_release) find directly; storing
 * the log would copy those rows again (a recompute after a population revision touches millions of
 * indicator cells), lengthen the publish transaction, and need its own rule for rollbacks and discarded
 * drafts, while giving nothing a read of the indexes does not.
 */
import type { Queryable } from './database.js';
import { visibleIn } from './release-visibility.js';

export type RevisionKind = 'new' | 'revised' | 'flag' | 'note' | 'removed';
export const REVISION_KINDS: readonly RevisionKind[] = ['new', 'revised', 'flag', 'note', 'removed'];

export interface RevisionSide {
  readonly value: number | null;
  readonly flag: number | null;
  readonly note: string | null;
}

export interface Revision {
  readonly variableId: string;
  readonly unitCode: string;
  readonly year: number;
  readonly kind: RevisionKind;
  readonly before: RevisionSide | null;
  readonly after: RevisionSide | null;
}

export interface RevisionFilter {
  readonly variableIds?: readonly string[] | undefined;
  readonly unitCodes?: readonly string[] | undefined;
  readonly kinds?: readonly RevisionKind[] | undefined;
  /** Only variables whose id starts with this (`ind:`: the indicators). */
  readonly variablePrefix?: string | undefined;
}

export interface RevisionCount {
  readonly variableId: string;
  readonly kind: RevisionKind;
  readonly count: number;
}

/** The published release before `releaseId` (what its revision log compares with), or null for the first. */
export async function previousPublished(db: Queryable, releaseId: number): Promise<number | null> {
  const [row] = await db.query<{ id: number | null }>(
    `SELECT max(id) AS id FROM release WHERE status = 'published' AND id < $1`,
    [releaseId],
  );
  return row?.id ?? null;
}

// The rows of both releases that can differ (opened or closed between them), paired by cell and classified.
// Either order: from a later release to an earlier one (what a rollback would change) the kinds read
// backwards, as `a` is always `from` and `b` always `to`.
// The variable and unit filters apply to the touched rows already: a pair shares its variable and unit, so
// filtering before pairing keeps every pair whole, and a unit page's read no longer pairs a whole recompute.
const PAIRED = `WITH touched AS (
    SELECT * FROM observation
    WHERE ((first_release > least($1::int, $2::int) AND first_release <= greatest($1::int, $2::int))
        OR (last_release > least($1::int, $2::int) AND last_release <= greatest($1::int, $2::int)))
      AND ($3::text[] IS NULL OR variable_id = ANY($3::text[]))
      AND ($4::text[] IS NULL OR unit_code = ANY($4::text[]))
      AND ($6::text IS NULL OR starts_with(variable_id, $6::text))
  ),
  a AS (SELECT * FROM touched o WHERE ${visibleIn('o', '$1')}),
  b AS (SELECT * FROM touched o WHERE ${visibleIn('o', '$2')}),
  paired AS (
    SELECT coalesce(a.variable_id, b.variable_id) AS variable_id, coalesce(a.unit_code, b.unit_code) AS unit_code,
           coalesce(a.year, b.year)::int AS year,
           CASE WHEN a.variable_id IS NULL THEN 'new'
                WHEN b.variable_id IS NULL THEN 'removed'
                WHEN a.value IS DISTINCT FROM b.value THEN 'revised'
                WHEN a.flag IS DISTINCT FROM b.flag THEN 'flag'
                WHEN a.note IS DISTINCT FROM b.note THEN 'note' END AS kind,
           a.value AS old_value, a.flag AS old_flag, a.note AS old_note,
           b.value AS new_value, b.flag AS new_flag, b.note AS new_note
    FROM a FULL JOIN b ON a.variable_id = b.variable_id AND a.unit_code = b.unit_code AND a.year = b.year
  ),
  log AS (
    SELECT * FROM paired
    WHERE kind IS NOT NULL AND ($5::text[] IS NULL OR kind = ANY($5::text[]))
  )`;

const filterParams = (from: number, to: number, filter: RevisionFilter): unknown[] => [
  from,
  to,
  filter.variableIds ? [...filter.variableIds] : null,
  filter.unitCodes ? [...filter.unitCodes] : null,
  filter.kinds ? [...filter.kinds] : null,
  filter.variablePrefix ?? null,
];

/** How many values of each kind changed per variable from release `from` to release `to` (either order). */
export function revisionCounts(
  db: Queryable,
  from: number,
  to: number,
  filter: RevisionFilter = {},
): Promise<RevisionCount[]> {
  return db.query<RevisionCount>(
    `${PAIRED} SELECT variable_id AS "variableId", kind, count(*)::int AS count FROM log GROUP BY 1, 2 ORDER BY 1, 2`,
    filterParams(from, to, filter),
  );
}

interface RevisionRow {
  variableId: string;
  unitCode: string;
  year: number;
  kind: RevisionKind;
  oldValue: number | null;
  oldFlag: number | null;
  oldNote: string | null;
  newValue: number | null;
  newFlag: number | null;
  newNote: string | null;
}

/** One page of the revision log from `from` to `to`, ordered by variable, unit and year. */
export async function revisions(
  db: Queryable,
  from: number,
  to: number,
  filter: RevisionFilter,
  page: { offset: number; limit: number },
): Promise<Revision[]> {
  const rows = await db.query<RevisionRow>(
    `${PAIRED} SELECT variable_id AS "variableId", unit_code AS "unitCode", year, kind,
       old_value AS "oldValue", old_flag AS "oldFlag", old_note AS "oldNote",
       new_value AS "newValue", new_flag AS "newFlag", new_note AS "newNote"
     FROM log ORDER BY variable_id, unit_code, year LIMIT $7 OFFSET $8`,
    [...filterParams(from, to, filter), page.limit, page.offset],
  );
  return rows.map((r) => ({
    variableId: r.variableId,
    unitCode: r.unitCode,
    year: r.year,
    kind: r.kind,
    before: r.kind === 'new' ? null : { value: r.oldValue, flag: r.oldFlag, note: r.oldNote },
    after: r.kind === 'removed' ? null : { value: r.newValue, flag: r.newFlag, note: r.newNote },
  }));
}

export interface VariableLabel {
  readonly id: string;
  readonly name: string | null;
  readonly nameEn: string | null;
  readonly measureUnit: string | null;
}

/** Names and units of measure of variables (and indicators, stored as variables `ind:<id>`). */
export function variableLabels(db: Queryable, ids: readonly string[]): Promise<VariableLabel[]> {
  return db.query<VariableLabel>(
    `SELECT id, name, name_en AS "nameEn", measure_unit AS "measureUnit" FROM variable WHERE id = ANY($1::text[])`,
    [[...ids]],
  );
}
