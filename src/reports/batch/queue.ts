/**
 * The report job queue in PostgreSQL (pg-boss 10, in its own schema `smup_jobs`): one queue, one job per unit
 * of a batch, its data saying which batch. Any number of worker processes, on any machine that reaches the
 * database, take jobs from it; `FOR UPDATE SKIP LOCKED` gives each job to one of them.
 *
 * A worker holds a session advisory lock keyed on its job while it works on it, on a connection of its own;
 * a worker that dies (kill -9, a crash) loses its connection and with it the lock, so a job that is active
 * but unlocked belongs to nobody, and is failed back to the queue at once (`reclaimOrphans`) instead of
 * after pg-boss's expiry (which remains the fallback when a machine vanishes without closing its sockets).
 */
import { randomUUID } from 'node:crypto';
import PgBoss from 'pg-boss';
import pg from 'pg';
import type { UnitJob, UnitResult } from './unit.js';

export const JOB_SCHEMA = 'smup_jobs';
export const REPORT_QUEUE = 'smup-report';
/** A job started this long ago and not locked has lost its worker (a fresh one locks within milliseconds). */
const ORPHAN_GRACE_SECONDS = 3;
const lockKey = (id: string) => `smup-report:${id}`;

export async function openQueue(databaseUrl: string, applicationName: string): Promise<PgBoss> {
  const boss = new PgBoss({
    connectionString: databaseUrl,
    schema: JOB_SCHEMA,
    application_name: applicationName,
    max: 3,
    schedule: false,
  });
  // pg-boss reports maintenance errors as events; without a listener Node would throw them.
  boss.on('error', (error: Error) => process.stderr.write(`smup: job queue: ${error.message}\n`));
  await boss.start();
  await boss.createQueue(REPORT_QUEUE, {
    name: REPORT_QUEUE,
    // A crash or a 5xx is tried twice more; a problem answer is a result (UnitResult.problem), not a failure.
    retryLimit: 2,
    retryDelay: 1,
    // Bounds a job whose worker vanished without a trace; a PDF of the largest unit takes seconds.
    expireInSeconds: 15 * 60,
  });
  return boss;
}

export interface JobState {
  readonly id: string;
  readonly code: string;
  readonly state: 'created' | 'retry' | 'active' | 'completed' | 'cancelled' | 'failed';
  readonly output: (UnitResult & { message?: string; value?: { message?: string } }) | null;
}

const jobTables = (columns: string) =>
  ['job', 'archive']
    .map((table) => `SELECT ${columns} FROM ${JOB_SCHEMA}.${table} WHERE name = $1 AND id = ANY($2::uuid[])`)
    .join(' UNION ALL ');

/**
 * Puts the batch's missing units in the queue: a unit that already has a job waiting or running (from an
 * earlier run of the same batch, maybe still served by workers elsewhere) keeps it. An advisory lock on the
 * batch makes two runs of the same batch started at once add each unit once. Returns every job to wait for.
 */
export async function enqueueBatch(
  databaseUrl: string,
  boss: PgBoss,
  jobs: readonly UnitJob[],
): Promise<string[]> {
  if (jobs.length === 0) return [];
  const batch = jobs[0]!.batch;
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    await client.query('SELECT pg_advisory_lock(hashtext($1))', [`smup-batch:${batch}`]);
    const { rows } = await client.query<{ id: string; code: string }>(
      `SELECT id, data->>'code' AS code FROM ${JOB_SCHEMA}.job
        WHERE name = $1 AND data->>'batch' = $2 AND state IN ('created', 'retry', 'active')`,
      [REPORT_QUEUE, batch],
    );
    const live = new Set(rows.map((r) => r.code));
    const fresh = jobs
      .filter((job) => !live.has(job.code))
      .map((job) => ({ id: randomUUID(), name: REPORT_QUEUE, data: job }));
    if (fresh.length > 0) await boss.insert(fresh);
    return [...rows.map((r) => r.id), ...fresh.map((j) => j.id)];
  } finally {
    await client.end();
  }
}

export async function jobStates(boss: PgBoss, ids: readonly string[]): Promise<JobState[]> {
  const { rows } = await boss
    .getDb()
    .executeSql(jobTables(`id, data->>'code' AS code, state, output`), [REPORT_QUEUE, ids]);
  return rows as JobState[];
}

/** Fails back to the queue the jobs of `ids` that are active but whose worker has gone (see above). */
export async function reclaimOrphans(boss: PgBoss, ids: readonly string[]): Promise<number> {
  // The lock is tried and let go within the statement: taking it proves nobody holds it.
  const { rows } = await boss.getDb().executeSql(
    `SELECT id FROM ${JOB_SCHEMA}.job
      WHERE name = $1 AND id = ANY($2::uuid[]) AND state = 'active'
        AND started_on < now() - make_interval(secs => $3)
        AND pg_try_advisory_xact_lock(hashtext('smup-report:' || id::text))`,
    [REPORT_QUEUE, ids, ORPHAN_GRACE_SECONDS],
  );
  const orphans = (rows as Array<{ id: string }>).map((r) => r.id);
  for (const id of orphans)
    await boss.fail(REPORT_QUEUE, id, { message: 'worker gone (process ended while building)' });
  return orphans.length;
}

/** The lock a worker holds while it works on a job (on its own connection: see above). */
export class JobLocks {
  private constructor(private readonly client: pg.Client) {}

  static async open(databaseUrl: string, applicationName: string): Promise<JobLocks> {
    const client = new pg.Client({ connectionString: databaseUrl, application_name: applicationName });
    await client.connect();
    return new JobLocks(client);
  }

  async hold<T>(id: string, fn: () => Promise<T>): Promise<T> {
    await this.client.query('SELECT pg_advisory_lock(hashtext($1))', [lockKey(id)]);
    try {
      return await fn();
    } finally {
      await this.client.query('SELECT pg_advisory_unlock(hashtext($1))', [lockKey(id)]);
    }
  }

  close(): Promise<void> {
    return this.client.end();
  }
}
