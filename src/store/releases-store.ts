/**
 * Releases: one draft at a time, published by switching live_release in one statement, never edited once
 * published. See migrations/002-releases-observations.ts for the visibility rule these functions keep.
 */
import type { Queryable } from './database.js';
import { countReleaseCoverage, storeReleaseCoverage, type CoverageRow } from './release-coverage-store.js';
import { visibleIn } from './release-visibility.js';

export type ReleaseStatus = 'draft' | 'published' | 'discarded';

export interface Release {
  readonly id: number;
  readonly status: ReleaseStatus;
  readonly description: string;
  readonly createdAt: string;
  readonly publishedAt: string | null;
  readonly basedOn: number | null;
  readonly revertsTo: number | null;
  readonly live: boolean;
  readonly stats: Record<string, unknown>;
}

const iso = (column: string): string => `to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"')`;

const RELEASE_COLUMNS = `r.id, r.status, r.description, ${iso('r.created_at')} AS "createdAt",
  ${iso('r.published_at')} AS "publishedAt", r.based_on AS "basedOn", r.reverts_to AS "revertsTo",
  (l.release_id IS NOT NULL) AS live, r.stats`;

// Serialises draft, publish and rollback across processes sharing one PostgreSQL server.
const RELEASE_LOCK = 7_302_003;

export async function lockReleases(db: Queryable): Promise<void> {
  await db.query('SELECT pg_advisory_xact_lock($1)', [RELEASE_LOCK]);
}

export function listReleases(db: Queryable): Promise<Release[]> {
  return db.query<Release>(
    `SELECT ${RELEASE_COLUMNS} FROM release r LEFT JOIN live_release l ON l.release_id = r.id ORDER BY r.id`,
  );
}

export async function getRelease(db: Queryable, id: number): Promise<Release | null> {
  const [row] = await db.query<Release>(
    `SELECT ${RELEASE_COLUMNS} FROM release r LEFT JOIN live_release l ON l.release_id = r.id WHERE r.id = $1`,
    [id],
  );
  return row ?? null;
}

export async function liveReleaseId(db: Queryable): Promise<number | null> {
  const [row] = await db.query<{ id: number }>('SELECT release_id AS id FROM live_release');
  return row?.id ?? null;
}

export async function currentDraft(db: Queryable): Promise<Release | null> {
  const [row] = await db.query<Release>(
    `SELECT ${RELEASE_COLUMNS} FROM release r LEFT JOIN live_release l ON l.release_id = r.id WHERE r.status = 'draft'`,
  );
  return row ?? null;
}

/** The open draft, or a new one based on the live release. Call inside a transaction holding lockReleases. */
export async function openDraft(
  db: Queryable,
  description: string,
): Promise<{ release: Release; created: boolean }> {
  const existing = await currentDraft(db);
  if (existing) return { release: existing, created: false };
  const [row] = await db.query<{ id: number }>(
    `INSERT INTO release (status, description, based_on)
     VALUES ('draft', $1, (SELECT release_id FROM live_release)) RETURNING id`,
    [description],
  );
  const release = row && (await getRelease(db, row.id));
  if (!release) throw new Error('could not create a draft release');
  return { release, created: true };
}

/** Deletes what the draft wrote and reopens what it closed; the release stays listed as discarded. */
export async function discardDraft(db: Queryable, draftId: number): Promise<void> {
  await db.query('DELETE FROM observation WHERE first_release = $1', [draftId]);
  await db.query('UPDATE observation SET last_release = NULL WHERE last_release = $1', [draftId]);
  await db.query('DELETE FROM ingest_job WHERE release_id = $1', [draftId]);
  await db.query(`UPDATE release SET status = 'discarded' WHERE id = $1 AND status = 'draft'`, [draftId]);
}

/**
 * Counts the publishes (and rollbacks) this process made, so an in-memory note of the live release
 * (release-caching.ts) is dropped at once by a publish here; one by another process is seen within its
 * time to live.
 */
let publishes = 0;
export const publishesInProcess = (): number => publishes;

/**
 * Publishes draft `id` (makes it the live release) and counts what it holds (release-coverage-store.ts),
 * or stores `coverage` when the caller has counted it already.
 */
export async function publishRelease(
  db: Queryable,
  id: number,
  stats: object,
  coverage?: readonly CoverageRow[],
): Promise<void> {
  publishes++;
  await db.query(`UPDATE release SET status = 'published', published_at = now(), stats = $2 WHERE id = $1`, [
    id,
    JSON.stringify(stats),
  ]);
  if (coverage) await storeReleaseCoverage(db, id, coverage);
  else await countReleaseCoverage(db, id);
  await db.query(
    `INSERT INTO live_release (singleton, release_id) VALUES (true, $1)
     ON CONFLICT (singleton) DO UPDATE SET release_id = excluded.release_id, switched_at = now()`,
    [id],
  );
}

export interface VariableDiff {
  readonly variableId: string;
  readonly added: number;
  readonly changed: number;
  readonly removed: number;
}

/** What changed from release `from` to release `to`, by variable (values added, changed, removed). */
export function diffReleases(db: Queryable, from: number, to: number): Promise<VariableDiff[]> {
  // Only rows opened or closed between the two releases can differ; the rest is shared by both.
  const low = Math.min(from, to);
  const high = Math.max(from, to);
  return db.query<VariableDiff>(
    `WITH touched AS (
       SELECT * FROM observation
       WHERE (first_release > $3 AND first_release <= $4) OR (last_release > $3 AND last_release <= $4)
     ),
     a AS (SELECT * FROM touched o WHERE ${visibleIn('o', '$1')}),
     b AS (SELECT * FROM touched o WHERE ${visibleIn('o', '$2')})
     SELECT coalesce(a.variable_id, b.variable_id) AS "variableId",
            count(*) FILTER (WHERE a.variable_id IS NULL)::int AS added,
            count(*) FILTER (WHERE a.variable_id IS NOT NULL AND b.variable_id IS NOT NULL
                               AND (a.value IS DISTINCT FROM b.value OR a.flag IS DISTINCT FROM b.flag
                                    OR a.note IS DISTINCT FROM b.note))::int AS changed,
            count(*) FILTER (WHERE b.variable_id IS NULL)::int AS removed
     FROM a FULL JOIN b ON a.variable_id = b.variable_id AND a.unit_code = b.unit_code AND a.year = b.year
     GROUP BY 1
     HAVING count(*) FILTER (WHERE a.variable_id IS NULL OR b.variable_id IS NULL
                               OR a.value IS DISTINCT FROM b.value OR a.flag IS DISTINCT FROM b.flag
                               OR a.note IS DISTINCT FROM b.note) > 0
     ORDER BY 1`,
    [from, to, low, high],
  );
}

/**
 * Writes into draft `draftId` what brings the data back to release `target`: rows of the live state that
 * `target` did not have are closed, rows `target` had that were closed since are copied in again. Publishing
 * that draft is the rollback; the releases in between stay queryable.
 */
export async function writeRevert(db: Queryable, draftId: number, target: number): Promise<void> {
  await db.query(
    `INSERT INTO observation (variable_id, unit_code, year, value, flag, note, first_release)
     SELECT variable_id, unit_code, year, value, flag, note, $1 FROM observation o
     WHERE ${visibleIn('o', '$2')} AND o.last_release IS NOT NULL`,
    [draftId, target],
  );
  await db.query(
    `UPDATE observation SET last_release = $1
     WHERE last_release IS NULL AND first_release > $2 AND first_release < $1`,
    [draftId, target],
  );
  await db.query(`UPDATE release SET reverts_to = $2 WHERE id = $1`, [draftId, target]);
}
