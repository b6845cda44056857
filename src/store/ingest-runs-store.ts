/**
 * The ingestion runs as the store records them, for the data stewards' page (issue 18, point 5): every ingest
 * job (a file, a BDL request plan, the compute steps) with its release, status and pages staged so far, and
 * the `smup sync` runs with their step. Jobs of a discarded draft are deleted with it (releases-store.ts).
 */
import type { Queryable } from './database.js';

const iso = (column: string): string => `to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"')`;

export interface IngestJobRow {
  readonly id: number;
  readonly releaseId: number;
  readonly releaseStatus: string;
  readonly live: boolean;
  readonly sourceId: string;
  readonly description: string;
  readonly status: 'running' | 'merged';
  readonly startedAt: string;
  readonly finishedAt: string | null;
  /** Once merged: values added, changed, removed, unchanged. */
  readonly stats: Record<string, unknown>;
  /** Pages staged (a running job's progress) and the observations they brought. */
  readonly pages: number;
  readonly observations: number;
}

export async function listIngestJobs(
  db: Queryable,
  { limit, offset }: { limit: number; offset: number },
): Promise<{ total: number; items: IngestJobRow[] }> {
  const [count] = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM ingest_job');
  const items = await db.query<IngestJobRow>(
    `SELECT j.id, j.release_id AS "releaseId", r.status AS "releaseStatus", (l.release_id IS NOT NULL) AS live,
            j.source_id AS "sourceId", j.description, j.status, ${iso('j.started_at')} AS "startedAt",
            ${iso('j.finished_at')} AS "finishedAt", j.stats,
            coalesce(p.pages, 0)::int AS pages, coalesce(p.observations, 0)::int AS observations
     FROM ingest_job j
     JOIN release r ON r.id = j.release_id
     LEFT JOIN live_release l ON l.release_id = j.release_id
     LEFT JOIN (SELECT job_id, count(*) AS pages, sum(observations) AS observations FROM ingest_page GROUP BY job_id) p
       ON p.job_id = j.id
     ORDER BY j.id DESC LIMIT $1 OFFSET $2`,
    [limit, offset],
  );
  return { total: count?.n ?? 0, items };
}

export interface SyncRunRow {
  readonly id: number;
  readonly releaseId: number;
  readonly step: string;
  readonly params: Record<string, unknown>;
  readonly startedAt: string;
  readonly updatedAt: string;
  /** Variables whose metadata the run already compared with the lock. */
  readonly variables: number;
}

export function listSyncRuns(db: Queryable, limit: number): Promise<SyncRunRow[]> {
  return db.query<SyncRunRow>(
    `SELECT s.id, s.release_id AS "releaseId", s.step, s.params, ${iso('s.started_at')} AS "startedAt",
            ${iso('s.updated_at')} AS "updatedAt",
            (SELECT count(*)::int FROM sync_variable v WHERE v.run_id = s.id) AS variables
     FROM sync_run s ORDER BY s.id DESC LIMIT $1`,
    [limit],
  );
}
