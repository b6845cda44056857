/**
 * Sources, variables, ingest jobs and observations. Ingest writes go to staging first (one transaction per
 * page, with the page recorded, so an interrupted run resumes where it stopped); a finished job is merged
 * into its draft release in one transaction (mergeJob).
 */
import type {
  DataSource,
  IngestScope,
  Observation,
  VariableMeta,
} from '../domain/observations/observation.js';
import { foldForSearch } from '../domain/units/search-text.js';
import { bulkInsert } from './bulk-insert.js';
import type { Queryable } from './database.js';
import { visibleIn } from './release-visibility.js';

export async function upsertSource(db: Queryable, source: DataSource): Promise<void> {
  await db.query(
    `INSERT INTO data_source (id, name, citation, licence, url) VALUES ($1, $2, $3, $4, $5)
     ON CONFLICT (id) DO UPDATE SET name = excluded.name, citation = excluded.citation,
       licence = excluded.licence, url = excluded.url`,
    [source.id, source.name, source.citation, source.licence, source.url],
  );
}

export async function upsertVariables(db: Queryable, variables: readonly VariableMeta[]): Promise<void> {
  for (const v of variables) {
    await db.query(
      `INSERT INTO variable (id, source_id, source_code, name, name_en, subject_path, measure_unit, levels, metadata,
         search_name)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8::text[], $9, $10)
       ON CONFLICT (id) DO UPDATE SET name = excluded.name, name_en = excluded.name_en,
         subject_path = excluded.subject_path, measure_unit = excluded.measure_unit, levels = excluded.levels,
         metadata = excluded.metadata, search_name = excluded.search_name, updated_at = now()`,
      [
        v.id,
        v.sourceId,
        v.sourceCode,
        v.name,
        v.nameEn,
        v.subjectPath,
        v.measureUnit,
        [...v.levels],
        JSON.stringify(v.metadata),
        foldForSearch(`${v.name} ${v.nameEn ?? ''} ${v.subjectPath ?? ''} ${v.sourceCode}`),
      ],
    );
  }
}

export interface JobState {
  readonly id: number;
  readonly status: 'running' | 'merged';
  readonly fetchedPages: ReadonlySet<string>;
  readonly stagedObservations: number;
}

/** The job with this key in the draft, created if new; a running job comes back with the pages it has. */
export async function startJob(
  db: Queryable,
  job: { releaseId: number; sourceId: string; jobKey: string; description: string; scope: IngestScope },
): Promise<JobState> {
  await db.query(
    `INSERT INTO ingest_job (release_id, source_id, job_key, description, scope, status)
     VALUES ($1, $2, $3, $4, $5, 'running') ON CONFLICT (release_id, job_key) DO NOTHING`,
    [job.releaseId, job.sourceId, job.jobKey, job.description, JSON.stringify(job.scope)],
  );
  const [row] = await db.query<{ id: number; status: 'running' | 'merged' }>(
    'SELECT id, status FROM ingest_job WHERE release_id = $1 AND job_key = $2',
    [job.releaseId, job.jobKey],
  );
  if (!row) throw new Error(`ingest job ${job.jobKey} was not created`);
  const pages = await db.query<{ key: string; n: number }>(
    'SELECT request_key AS key, observations AS n FROM ingest_page WHERE job_id = $1',
    [row.id],
  );
  return {
    id: row.id,
    status: row.status,
    fetchedPages: new Set(pages.map((p) => p.key)),
    stagedObservations: pages.reduce((sum, p) => sum + p.n, 0),
  };
}

/** Stages one page and records it as fetched. Call in a transaction: the page is kept whole or not at all. */
export async function stagePage(
  db: Queryable,
  jobId: number,
  requestKey: string,
  observations: readonly Observation[],
): Promise<void> {
  // A page may repeat a key of an earlier page (sources overlap, a re-run): the latest value wins.
  await bulkInsert(
    db,
    'staged_observation',
    [
      ['job_id', 'int', () => jobId],
      ['variable_id', 'text', (o) => o.variableId],
      ['unit_code', 'text', (o) => o.unitCode],
      ['year', 'smallint', (o) => o.year],
      ['value', 'float8', (o) => o.value],
      ['flag', 'smallint', (o) => o.flag],
      ['note', 'text', (o) => o.note],
    ],
    observations,
    {
      onConflict: `ON CONFLICT (job_id, variable_id, unit_code, year)
        DO UPDATE SET value = excluded.value, flag = excluded.flag, note = excluded.note`,
    },
  );
  await db.query(
    `INSERT INTO ingest_page (job_id, request_key, observations) VALUES ($1, $2, $3)
     ON CONFLICT (job_id, request_key) DO UPDATE SET observations = excluded.observations, fetched_at = now()`,
    [jobId, requestKey, observations.length],
  );
}

export interface MergeStats {
  readonly added: number;
  readonly changed: number;
  readonly removed: number;
  readonly unchanged: number;
}

const SAME_KEY = 'o.variable_id = s.variable_id AND o.unit_code = s.unit_code AND o.year = s.year';
const DIFFERS =
  '(o.value IS DISTINCT FROM s.value OR o.flag IS DISTINCT FROM s.flag OR o.note IS DISTINCT FROM s.note)';
const IN_SCOPE =
  'o.variable_id = ANY($3::text[]) AND o.year = ANY($4::int[]) AND length(o.unit_code) = ANY($5::int[])';

const countOf = async (db: Queryable, sql: string, params: readonly unknown[]): Promise<number> => {
  const [row] = await db.query<{ n: number }>(
    `WITH done AS (${sql} RETURNING 1) SELECT count(*)::int AS n FROM done`,
    params,
  );
  return row?.n ?? 0;
};

/**
 * Merges a finished job's staged values into its draft release. Within the job's scope, a value the source
 * no longer reports is removed; a different value or flag replaces the old one (which stays in the releases
 * that had it); an equal one is left alone, so ingesting the same data twice changes nothing.
 * Call in a transaction.
 */
export async function mergeJob(db: Queryable, jobId: number): Promise<MergeStats> {
  const [job] = await db.query<{ releaseId: number; scope: IngestScope; status: string }>(
    'SELECT release_id AS "releaseId", scope, status FROM ingest_job WHERE id = $1',
    [jobId],
  );
  if (!job) throw new Error(`no ingest job ${jobId}`);
  if (job.status === 'merged') throw new Error(`ingest job ${jobId} is already merged`);
  const draft = job.releaseId;
  const scope = [draft, jobId, job.scope.variables, job.scope.years, job.scope.unitCodeLengths];
  const notStaged = `NOT EXISTS (SELECT 1 FROM staged_observation s WHERE s.job_id = $2 AND ${SAME_KEY})`;

  // Removed: rows of this draft are deleted, older open rows are closed at the draft.
  const removedOwn = await countOf(
    db,
    `DELETE FROM observation o WHERE o.first_release = $1 AND ${IN_SCOPE} AND ${notStaged}`,
    scope,
  );
  const removedOld = await countOf(
    db,
    `UPDATE observation o SET last_release = $1
     WHERE o.first_release < $1 AND o.last_release IS NULL AND ${IN_SCOPE} AND ${notStaged}`,
    scope,
  );
  // Changed: rows of this draft are updated in place, older open rows are closed and replaced below.
  const changedOwn = await countOf(
    db,
    `UPDATE observation o SET value = s.value, flag = s.flag, note = s.note FROM staged_observation s
     WHERE s.job_id = $2 AND o.first_release = $1 AND ${SAME_KEY} AND ${DIFFERS}`,
    [draft, jobId],
  );
  const changedOld = await countOf(
    db,
    `UPDATE observation o SET last_release = $1 FROM staged_observation s
     WHERE s.job_id = $2 AND o.first_release < $1 AND o.last_release IS NULL AND ${SAME_KEY} AND ${DIFFERS}`,
    [draft, jobId],
  );
  const inserted = await countOf(
    db,
    `INSERT INTO observation (variable_id, unit_code, year, value, flag, note, first_release)
     SELECT s.variable_id, s.unit_code, s.year, s.value, s.flag, s.note, $1 FROM staged_observation s
     WHERE s.job_id = $2 AND NOT EXISTS (SELECT 1 FROM observation o WHERE ${SAME_KEY} AND o.last_release IS NULL)`,
    [draft, jobId],
  );
  const [staged] = await db.query<{ n: number }>(
    'SELECT count(*)::int AS n FROM staged_observation WHERE job_id = $1',
    [jobId],
  );
  const stats: MergeStats = {
    added: inserted - changedOld,
    changed: changedOwn + changedOld,
    removed: removedOwn + removedOld,
    unchanged: (staged?.n ?? 0) - inserted - changedOwn,
  };
  await db.query(`UPDATE ingest_job SET status = 'merged', finished_at = now(), stats = $2 WHERE id = $1`, [
    jobId,
    JSON.stringify(stats),
  ]);
  await db.query('DELETE FROM staged_observation WHERE job_id = $1', [jobId]);
  return stats;
}

/** Jobs of a release that were started but not merged (an interrupted ingest). */
export function unfinishedJobs(
  db: Queryable,
  releaseId: number,
): Promise<Array<{ jobKey: string; description: string }>> {
  return db.query(
    `SELECT job_key AS "jobKey", description FROM ingest_job WHERE release_id = $1 AND status <> 'merged' ORDER BY id`,
    [releaseId],
  );
}

export interface ObservationRow extends Observation {
  readonly release: number;
}

export interface ObservationFilter {
  readonly variableIds?: readonly string[] | undefined;
  readonly unitCodes?: readonly string[] | undefined;
  readonly years?: readonly number[] | undefined;
  readonly unitCodeLength?: number | undefined;
}

/** Observations as release `releaseId` has them. */
export function observationsIn(
  db: Queryable,
  releaseId: number,
  filter: ObservationFilter = {},
): Promise<Observation[]> {
  return db.query<Observation>(
    `SELECT o.variable_id AS "variableId", o.unit_code AS "unitCode", o.year::int AS year, o.value, o.flag, o.note
     FROM observation o
     WHERE ${visibleIn('o', '$1')}
       AND ($2::text[] IS NULL OR o.variable_id = ANY($2::text[]))
       AND ($3::text[] IS NULL OR o.unit_code = ANY($3::text[]))
       AND ($4::int[] IS NULL OR o.year = ANY($4::int[]))
       AND ($5::int IS NULL OR length(o.unit_code) = $5::int)
     ORDER BY o.variable_id, o.unit_code, o.year`,
    [
      releaseId,
      filter.variableIds ? [...filter.variableIds] : null,
      filter.unitCodes ? [...filter.unitCodes] : null,
      filter.years ? [...filter.years] : null,
      filter.unitCodeLength ?? null,
    ],
  );
}

export interface VariableRow extends VariableMeta {
  readonly source: { id: string; name: string; citation: string; licence: string };
}

const VARIABLE_COLUMNS = `v.id, v.source_id AS "sourceId", v.source_code AS "sourceCode", v.name, v.name_en AS "nameEn",
  v.subject_path AS "subjectPath", v.measure_unit AS "measureUnit", v.levels, v.metadata,
  json_build_object('id', s.id, 'name', s.name, 'citation', s.citation, 'licence', s.licence) AS source`;

export async function searchVariables(
  db: Queryable,
  search: { text?: string | undefined; offset: number; limit: number },
): Promise<{ total: number; items: VariableRow[] }> {
  const words = search.text ? foldForSearch(search.text).split(' ').filter(Boolean) : [];
  // Every word must occur ("wydatki oswiata" finds "Wydatki … dział 801 Oświata i wychowanie").
  const patterns = words.map((w) => `%${w.replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
  const where = `($1::text[] IS NULL OR v.search_name LIKE ALL ($1::text[]))`;
  const params = [patterns.length > 0 ? patterns : null];
  const [count] = await db.query<{ total: number }>(
    `SELECT count(*)::int AS total FROM variable v WHERE ${where}`,
    params,
  );
  const items = await db.query<VariableRow>(
    `SELECT ${VARIABLE_COLUMNS} FROM variable v JOIN data_source s ON s.id = v.source_id WHERE ${where}
     ORDER BY v.id LIMIT $2 OFFSET $3`,
    [...params, search.limit, search.offset],
  );
  return { total: count?.total ?? 0, items };
}

export async function getVariable(db: Queryable, id: string): Promise<VariableRow | null> {
  const [row] = await db.query<VariableRow>(
    `SELECT ${VARIABLE_COLUMNS} FROM variable v JOIN data_source s ON s.id = v.source_id WHERE v.id = $1`,
    [id],
  );
  return row ?? null;
}

/** Years with at least one value of the variable in a release, and how many values each. */
export function variableYears(
  db: Queryable,
  releaseId: number,
  variableId: string,
): Promise<Array<{ year: number; count: number }>> {
  return db.query(
    `SELECT o.year::int AS year, count(o.value)::int AS count FROM observation o
     WHERE o.variable_id = $2 AND ${visibleIn('o', '$1')} GROUP BY o.year ORDER BY o.year`,
    [releaseId, variableId],
  );
}

/** Years in which any of the variables has a row (value or missing) in a release. */
export async function yearsOfVariables(
  db: Queryable,
  releaseId: number,
  variableIds: readonly string[],
): Promise<number[]> {
  const rows = await db.query<{ year: number }>(
    `SELECT DISTINCT o.year::int AS year FROM observation o
     WHERE o.variable_id = ANY($2::text[]) AND ${visibleIn('o', '$1')} ORDER BY 1`,
    [releaseId, [...variableIds]],
  );
  return rows.map((r) => r.year);
}

/** Variables with at least one row carrying `flag` in a release (e.g. the suspect mark, to lift it). */
export async function variablesWithFlag(db: Queryable, releaseId: number, flag: number): Promise<string[]> {
  const rows = await db.query<{ id: string }>(
    `SELECT DISTINCT o.variable_id AS id FROM observation o WHERE o.flag = $2 AND ${visibleIn('o', '$1')} ORDER BY 1`,
    [releaseId, flag],
  );
  return rows.map((r) => r.id);
}
