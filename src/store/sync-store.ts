/**
 * The state of `smup sync` runs (migrations/014-sync-runs.ts): the run of a draft and plan, its step, and the
 * variable metadata it already compared with the lock. Data pages are the ingest tables' business.
 */
import type { VariableMeta } from '../domain/observations/observation.js';
import type { Queryable } from './database.js';

export type SyncStep = 'fetching' | 'computing' | 'done';

export interface SyncRun {
  readonly id: number;
  readonly releaseId: number;
  readonly step: SyncStep;
}

/** The run of this draft and plan, if one started. */
export async function findSyncRun(
  db: Queryable,
  releaseId: number,
  planKey: string,
): Promise<SyncRun | null> {
  const [row] = await db.query<SyncRun>(
    `SELECT id, release_id AS "releaseId", step FROM sync_run WHERE release_id = $1 AND plan_key = $2`,
    [releaseId, planKey],
  );
  return row ?? null;
}

/** The run of this draft and plan, created when missing. */
export async function openSyncRun(
  db: Queryable,
  releaseId: number,
  planKey: string,
  params: object,
): Promise<SyncRun> {
  await db.query(
    `INSERT INTO sync_run (release_id, plan_key, params, step) VALUES ($1, $2, $3, 'fetching')
     ON CONFLICT (release_id, plan_key) DO NOTHING`,
    [releaseId, planKey, JSON.stringify(params)],
  );
  const run = await findSyncRun(db, releaseId, planKey);
  if (!run) throw new Error(`sync run of release ${releaseId} could not be opened`);
  return run;
}

export async function setSyncStep(db: Queryable, runId: number, step: SyncStep): Promise<void> {
  await db.query('UPDATE sync_run SET step = $2, updated_at = now() WHERE id = $1', [runId, step]);
}

/** Metadata of the run's variables already compared with the lock, by BDL id. */
export async function checkedVariables(db: Queryable, runId: number): Promise<Map<number, VariableMeta>> {
  const rows = await db.query<{ id: number; meta: VariableMeta }>(
    'SELECT variable_id AS id, meta FROM sync_variable WHERE run_id = $1',
    [runId],
  );
  return new Map(rows.map((r) => [Number(r.id), r.meta]));
}

export async function saveCheckedVariables(
  db: Queryable,
  runId: number,
  metas: ReadonlyMap<number, VariableMeta>,
): Promise<void> {
  for (const [id, meta] of metas) {
    await db.query(
      `INSERT INTO sync_variable (run_id, variable_id, meta) VALUES ($1, $2, $3)
       ON CONFLICT (run_id, variable_id) DO NOTHING`,
      [runId, id, JSON.stringify(meta)],
    );
  }
}
