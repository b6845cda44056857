/**
 * What a published release holds per variable, year and level, counted once when it is published
 * (migrations/017-release-coverage.ts says why). A release is counted from the one counted before it: the
 * rows it opened are added, the rows it closed taken away, both read through the indexes on first_release
 * and last_release, so a publish that changes a few variables costs what it changed, not a scan of the
 * whole table. The first release of an empty database brings its counts from memory (first-release.ts).
 */
import { bulkInsert } from './bulk-insert.js';
import type { Queryable } from './database.js';
import { visibleIn } from './release-visibility.js';

/** How many values a release holds, and how many are missing, for one variable, year and level. */
export interface CoverageRow {
  readonly variableId: string;
  readonly year: number;
  /** Length of the unit codes: 2 województwa, 4 powiaty, 7 gminy. */
  readonly codeLength: number;
  readonly values: number;
  readonly missing: number;
}

/**
 * Counts release `releaseId` (being published in the caller's transaction) into release_coverage: from the
 * newest counted release before it when there is one, else over every row it holds.
 */
export async function countReleaseCoverage(tx: Queryable, releaseId: number): Promise<void> {
  const [base] = await tx.query<{ id: number | null }>(
    'SELECT max(id) AS id FROM release WHERE coverage_counted AND id < $1',
    [releaseId],
  );
  const columns = 'release_id, variable_id, year, code_length, value_count, missing_count';
  const counted = (where: string, sign: '' | '-') =>
    `SELECT o.variable_id, o.year, length(o.unit_code) AS code_length,
            ${sign}count(o.value) AS value_count, ${sign}(count(*) - count(o.value)) AS missing_count
     FROM observation o WHERE ${where} GROUP BY 1, 2, 3`;
  if (base?.id === null || base?.id === undefined) {
    await tx.query(
      `INSERT INTO release_coverage (${columns})
       SELECT $1::int, c.* FROM (${counted(visibleIn('o', '$1'), '')}) c`,
      [releaseId],
    );
  } else {
    // Visible in R and not in B: opened after B, up to R, and still open at R. Visible in B and not in R:
    // opened by B at the latest, closed after B, up to R. Everything else is in both or in neither.
    await tx.query(
      `INSERT INTO release_coverage (${columns})
       SELECT $1::int, variable_id, year, code_length, sum(value_count)::int, sum(missing_count)::int
       FROM (
         SELECT variable_id, year, code_length, value_count, missing_count
         FROM release_coverage WHERE release_id = $2
         UNION ALL
         ${counted('o.first_release > $2 AND o.first_release <= $1 AND (o.last_release IS NULL OR o.last_release > $1)', '')}
         UNION ALL
         ${counted('o.last_release > $2 AND o.last_release <= $1 AND o.first_release <= $2', '-')}
       ) d
       GROUP BY variable_id, year, code_length
       HAVING sum(value_count) + sum(missing_count) > 0`,
      [releaseId, base.id],
    );
  }
  await markCounted(tx, releaseId);
}

/** Stores counts made elsewhere (the first release's, from the rows it holds in memory). */
export async function storeReleaseCoverage(
  tx: Queryable,
  releaseId: number,
  rows: readonly CoverageRow[],
): Promise<void> {
  await bulkInsert(
    tx,
    'release_coverage',
    [
      ['release_id', 'int', () => releaseId],
      ['variable_id', 'text', (r: CoverageRow) => r.variableId],
      ['year', 'smallint', (r) => r.year],
      ['code_length', 'smallint', (r) => r.codeLength],
      ['value_count', 'int', (r) => r.values],
      ['missing_count', 'int', (r) => r.missing],
    ],
    rows,
  );
  await markCounted(tx, releaseId);
}

async function markCounted(tx: Queryable, releaseId: number): Promise<void> {
  await tx.query('UPDATE release SET coverage_counted = true WHERE id = $1', [releaseId]);
}

/**
 * How many values (and missing values) each of `variableIds` has per year and level in a release, ordered
 * by variable, year and level: the stored counts of a published release, counted from the rows for any
 * other (a draft).
 */
export async function releaseCoverage(
  db: Queryable,
  releaseId: number,
  variableIds: readonly string[],
): Promise<CoverageRow[]> {
  const [release] = await db.query<{ counted: boolean }>(
    'SELECT coverage_counted AS counted FROM release WHERE id = $1',
    [releaseId],
  );
  if (!release?.counted) return variableCoverage(db, releaseId, variableIds);
  return db.query<CoverageRow>(
    `SELECT variable_id AS "variableId", year::int AS year, code_length::int AS "codeLength",
            value_count AS values, missing_count AS missing
     FROM release_coverage WHERE release_id = $1 AND variable_id = ANY($2::text[])
     ORDER BY 1, 2, 3`,
    [releaseId, [...variableIds]],
  );
}

/** How many values (and missing values) each variable has per year and level in a release, counted from its rows. */
function variableCoverage(
  db: Queryable,
  releaseId: number,
  variableIds: readonly string[],
): Promise<CoverageRow[]> {
  return db.query<CoverageRow>(
    `SELECT o.variable_id AS "variableId", o.year::int AS year, length(o.unit_code)::int AS "codeLength",
            count(o.value)::int AS values, (count(*) - count(o.value))::int AS missing
     FROM observation o
     WHERE o.variable_id = ANY($2::text[]) AND ${visibleIn('o', '$1')}
     GROUP BY 1, 2, 3 ORDER BY 1, 2, 3`,
    [releaseId, [...variableIds]],
  );
}
