/**
 * `smup sync`: every locked BDL variable the catalogue needs, fetched into the draft release, then checked,
 * summed up the register and computed (the CLI runs the compute step: cli/commands/sync.ts).
 *
 *   current draft? ─► its sync run of this plan? ─► metadata it already compared with the lock
 *   every other variable: GET /variables/{id} compared with the lock ──any refused──► LockRefusedError,
 *     nothing stored (not even a draft)
 *   open draft + sync run + the checks, one transaction ─► ingest jobs (a page is recorded as fetched in
 *   the transaction that stages its values; merged jobs and staged pages are skipped on resume)
 *   ─► step "computing" ─► (compute, publish) ─► step "done"
 *
 * Idempotent and resumable: run it again after any stop (kill -9 included) and it goes on from what the
 * database holds; run it again after it finished and it fetches anew into a new draft, and publishing data
 * that did not change publishes nothing.
 */
import { createHash } from 'node:crypto';
import type { BdlClient } from '../sources/bdl/client.js';
import type { LockIndex } from '../sources/bdl/lock-guard.js';
import type { Database } from '../store/database.js';
import { lockReleases, openDraft, currentDraft } from '../store/releases-store.js';
import {
  checkedVariables,
  findSyncRun,
  openSyncRun,
  saveCheckedVariables,
  setSyncStep,
  type SyncRun,
} from '../store/sync-store.js';
import type { VariableMeta } from '../domain/observations/observation.js';
import { bdlIngestJobs, lockedVariableMetas, type BdlIngestReport } from './bdl-ingest.js';
import { runIngest, type IngestEvent, type IngestReport } from './ingest.js';
import type { SyncTarget } from './sync-plan.js';

export interface SyncOptions {
  readonly targets: readonly SyncTarget[];
  readonly years: readonly number[];
  readonly lock: { readonly index: LockIndex; readonly file: string };
  readonly knownUnits: ReadonlySet<string>;
  readonly description: string;
  readonly onEvent?: (event: IngestEvent) => void;
  /** Called once the variables are checked, with how many came from the database (not asked again). */
  readonly onChecked?: (fromDatabase: number, asked: number) => void;
}

/** Stable key of what a sync fetches, so a resumed run finds its own state. */
export function syncPlanKey(targets: readonly SyncTarget[], years: readonly number[]): string {
  const plan = {
    targets: [...targets].map((t) => [t.bdlId, [...t.levels].sort()]).sort(),
    years: [...new Set(years)].sort(),
  };
  return createHash('sha256').update(JSON.stringify(plan)).digest('hex').slice(0, 16);
}

/** The run of the current draft for this plan, if a previous sync started it (read only). */
export async function resumableRun(db: Database, planKey: string): Promise<SyncRun | null> {
  const draft = await currentDraft(db);
  return draft ? findSyncRun(db, draft.id, planKey) : null;
}

/** Pages already staged in the current draft for these targets (what a resumed run will not ask again). */
export async function stagedPages(db: Database): Promise<number> {
  const draft = await currentDraft(db);
  if (!draft) return 0;
  const [row] = await db.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM ingest_page p JOIN ingest_job j ON j.id = p.job_id
     WHERE j.release_id = $1 AND j.source_id = 'bdl'`,
    [draft.id],
  );
  return row?.n ?? 0;
}

export async function runSync(
  db: Database,
  client: BdlClient,
  options: SyncOptions,
): Promise<{ run: SyncRun; ingest: IngestReport; report: BdlIngestReport }> {
  const { targets, years, lock, knownUnits, description } = options;
  const planKey = syncPlanKey(targets, years);
  const ids = targets.map((t) => t.bdlId);
  const previous = await resumableRun(db, planKey);
  const known = previous ? await checkedVariables(db, previous.id) : new Map<number, VariableMeta>();
  // Throws LockRefusedError before anything is written when a variable is unlocked or changed.
  const metas = await lockedVariableMetas(client, ids, lock, known);
  options.onChecked?.(known.size, metas.size - known.size);

  const run = await db.transaction(async (tx) => {
    await lockReleases(tx);
    const { release } = await openDraft(tx, description);
    const opened = await openSyncRun(tx, release.id, planKey, {
      targets: targets.map((t) => ({ id: t.catalogueId, bdl: t.bdlId, levels: t.levels })),
      years,
      lockFile: lock.file,
    });
    await saveCheckedVariables(tx, opened.id, metas);
    return opened;
  });

  const levelsOf = new Map(targets.map((t) => [t.bdlId, t.levels]));
  const { jobs, report } = await bdlIngestJobs(client, {
    variableIds: ids,
    years,
    levels: (id) => levelsOf.get(id) ?? [],
    knownUnits,
    lock,
    checked: metas,
  });
  const ingest = await runIngest(db, jobs, {
    description,
    ...(options.onEvent ? { onEvent: options.onEvent } : {}),
  });
  await setSyncStep(db, run.id, 'computing');
  return { run, ingest, report };
}

/** Marks a run finished (after its compute, and publish when asked). */
export function finishSync(db: Database, run: SyncRun): Promise<void> {
  return setSyncStep(db, run.id, 'done');
}
