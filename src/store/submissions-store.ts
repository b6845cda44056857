/**
 * JST submissions (migration 010): written whole in the caller's transaction, read by author, unit and state.
 * State changes are conditional on the state read (`WHERE status = 'submitted'`), so two reviewers acting at
 * once cannot both decide one submission.
 */
import type { SubmissionProblem } from '../domain/submissions/check-entries.js';
import type { Queryable } from './database.js';

export type SubmissionStatus = 'submitted' | 'accepted' | 'rejected';

export interface SubmissionValue {
  readonly variableId: string;
  readonly year: number;
  readonly value: number;
  readonly line: number | null;
}

export interface Submission {
  readonly id: number;
  readonly unitCode: string;
  readonly authorId: number;
  readonly author: string;
  readonly comment: string;
  readonly origin: 'form' | 'csv' | 'xlsx';
  readonly fileName: string | null;
  readonly status: SubmissionStatus;
  readonly warnings: readonly SubmissionProblem[];
  readonly submittedAt: string;
  readonly reviewerId: number | null;
  readonly reviewer: string | null;
  readonly reviewedAt: string | null;
  readonly reason: string | null;
  readonly draftRelease: number | null;
  readonly publishedRelease: number | null;
  readonly values: readonly SubmissionValue[];
}

const iso = (column: string): string => `to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"')`;

const COLUMNS = `s.id::int AS id, s.unit_code AS "unitCode", s.author_id::int AS "authorId", u.display_name AS author,
  s.comment, s.origin, s.file_name AS "fileName", s.status, s.warnings, ${iso('s.submitted_at')} AS "submittedAt",
  s.reviewer_id::int AS "reviewerId", s.reviewer, ${iso('s.reviewed_at')} AS "reviewedAt", s.reason,
  s.draft_release AS "draftRelease", s.published_release AS "publishedRelease",
  coalesce((SELECT json_agg(json_build_object('variableId', v.variable_id, 'year', v.year, 'value', v.value,
      'line', v.line) ORDER BY v.variable_id, v.year)
    FROM jst_submission_value v WHERE v.submission_id = s.id), '[]'::json) AS values`;

export interface NewSubmission {
  readonly unitCode: string;
  readonly authorId: number;
  readonly comment: string;
  readonly origin: 'form' | 'csv' | 'xlsx';
  readonly fileName: string | null;
  readonly warnings: readonly SubmissionProblem[];
  readonly values: readonly SubmissionValue[];
}

/** Stores a submission and its values; call in a transaction (with its audit record). Returns its id. */
export async function insertSubmission(db: Queryable, s: NewSubmission): Promise<number> {
  const [row] = await db.query<{ id: number }>(
    `INSERT INTO jst_submission (unit_code, author_id, comment, origin, file_name, warnings)
     VALUES ($1, $2, $3, $4, $5, $6::jsonb) RETURNING id::int AS id`,
    [s.unitCode, s.authorId, s.comment, s.origin, s.fileName, JSON.stringify(s.warnings)],
  );
  if (!row) throw new Error('the submission was not stored');
  await db.query(
    `INSERT INTO jst_submission_value (submission_id, variable_id, year, value, line)
     SELECT $1, v.variable_id, v.year, v.value, v.line
     FROM unnest($2::text[], $3::int[], $4::float8[], $5::int[]) AS v (variable_id, year, value, line)`,
    [
      row.id,
      s.values.map((v) => v.variableId),
      s.values.map((v) => v.year),
      s.values.map((v) => v.value),
      s.values.map((v) => v.line),
    ],
  );
  return row.id;
}

export async function getSubmission(db: Queryable, id: number): Promise<Submission | null> {
  const [row] = await db.query<Submission>(
    `SELECT ${COLUMNS} FROM jst_submission s JOIN app_user u ON u.id = s.author_id WHERE s.id = $1`,
    [id],
  );
  return row ?? null;
}

export interface SubmissionFilter {
  readonly status?: SubmissionStatus | undefined;
  readonly authorId?: number | undefined;
  readonly unitCodes?: readonly string[] | undefined;
  readonly limit: number;
  readonly offset: number;
}

/** Submissions, newest first (for the reviewer: the oldest waiting is at the end of the first page). */
export async function listSubmissions(
  db: Queryable,
  filter: SubmissionFilter,
): Promise<{ total: number; items: Submission[] }> {
  const where = `($1::text IS NULL OR s.status = $1) AND ($2::bigint IS NULL OR s.author_id = $2)
    AND ($3::text[] IS NULL OR s.unit_code = ANY($3::text[]))`;
  const params = [
    filter.status ?? null,
    filter.authorId ?? null,
    filter.unitCodes ? [...filter.unitCodes] : null,
  ];
  const [count] = await db.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM jst_submission s WHERE ${where}`,
    params,
  );
  const items = await db.query<Submission>(
    `SELECT ${COLUMNS} FROM jst_submission s JOIN app_user u ON u.id = s.author_id WHERE ${where}
     ORDER BY s.id DESC LIMIT $4 OFFSET $5`,
    [...params, filter.limit, filter.offset],
  );
  return { total: count?.n ?? 0, items };
}

/** Decides a submitted submission; false when it was no longer `submitted` (decided by someone else). */
export async function decideSubmission(
  db: Queryable,
  id: number,
  decision: {
    status: 'accepted' | 'rejected';
    reviewerId: number | null;
    reviewer: string;
    reason: string | null;
    draftRelease: number | null;
  },
): Promise<boolean> {
  const rows = await db.query<{ id: number }>(
    `UPDATE jst_submission SET status = $2, reviewer_id = $3, reviewer = $4, reason = $5, draft_release = $6,
       reviewed_at = now()
     WHERE id = $1 AND status = 'submitted' RETURNING id::int AS id`,
    [id, decision.status, decision.reviewerId, decision.reviewer, decision.reason, decision.draftRelease],
  );
  return rows.length === 1;
}

/** Accepted submissions not yet in a published release, oldest first (a later one wins on the same cell). */
export function unpublishedAccepted(db: Queryable): Promise<Submission[]> {
  return db.query<Submission>(
    `SELECT ${COLUMNS} FROM jst_submission s JOIN app_user u ON u.id = s.author_id
     WHERE s.status = 'accepted' AND s.published_release IS NULL ORDER BY s.reviewed_at, s.id`,
  );
}

export async function setDraftRelease(db: Queryable, id: number, draft: number): Promise<void> {
  await db.query('UPDATE jst_submission SET draft_release = $2 WHERE id = $1', [id, draft]);
}

/** Marks the accepted submissions written into `releaseId` as published with it; returns their ids. */
export async function markPublished(db: Queryable, releaseId: number): Promise<number[]> {
  const rows = await db.query<{ id: number }>(
    `UPDATE jst_submission SET published_release = $1
     WHERE status = 'accepted' AND published_release IS NULL AND draft_release = $1 RETURNING id::int AS id`,
    [releaseId],
  );
  return rows.map((r) => r.id);
}

export interface UserRow {
  readonly id: number;
  readonly email: string;
  readonly displayName: string;
  readonly role: string;
  readonly units: readonly string[];
  readonly status: string;
}

/** A user by e-mail (the command line acts as one: `--as`). */
export async function userByEmail(db: Queryable, email: string): Promise<UserRow | null> {
  const [row] = await db.query<UserRow>(
    `SELECT id::int AS id, email, display_name AS "displayName", role, units, status FROM app_user WHERE email = $1`,
    [email.trim().toLowerCase()],
  );
  return row ?? null;
}
