/**
 * A report worker: takes one job at a time from the queue, builds that unit's files, and says how it went
 * (completed with the files written and skipped, or with the problem that stopped the unit; failed on a
 * crash, for pg-boss to try again). It stops between jobs when asked, so a job is never left half done by a
 * polite stop; an impolite one (kill -9) is what the job locks and the ".part" files are for.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import type { FastifyInstance } from 'fastify';
import { hostname } from 'node:os';
import { JobLocks, openQueue, REPORT_QUEUE } from './queue.js';
import { buildUnit, type UnitJob } from './unit.js';

export interface WorkerOptions {
  readonly app: FastifyInstance;
  readonly databaseUrl: string;
  /** Resolves when the worker should stop after its current job. */
  readonly stop: Promise<void>;
  /** Also stop once the queue has had nothing for this long (ms); undefined: wait for jobs until stopped. */
  readonly idleMs?: number;
  readonly onJob?: (job: UnitJob, outcome: string) => void;
}

const IDLE_POLL_MS = 500;

export async function runWorker(options: WorkerOptions): Promise<number> {
  const name = `smup-report-worker ${hostname()} ${process.pid}`;
  const boss = await openQueue(options.databaseUrl, name);
  const locks = await JobLocks.open(options.databaseUrl, name);
  let stopping = false;
  void options.stop.then(() => (stopping = true));
  let jobs = 0;
  let idleSince = Date.now();
  try {
    while (!stopping) {
      const [job] = await boss.fetch<UnitJob>(REPORT_QUEUE, { batchSize: 1, includeMetadata: true });
      if (!job) {
        if (options.idleMs !== undefined && Date.now() - idleSince >= options.idleMs) break;
        await Promise.race([sleep(IDLE_POLL_MS), options.stop]);
        continue;
      }
      jobs++;
      await locks.hold(job.id, async () => {
        try {
          const result = await buildUnit(options.app, job.data, job.retryCount > 0);
          await boss.complete(REPORT_QUEUE, job.id, result);
          options.onJob?.(job.data, result.problem ?? `${result.written.length} written`);
        } catch (error) {
          const message = error instanceof Error ? error.message : String(error);
          await boss.fail(REPORT_QUEUE, job.id, { message });
          options.onJob?.(job.data, `failed: ${message}`);
        }
      });
      idleSince = Date.now();
    }
  } finally {
    await locks.close();
    await boss.stop({ graceful: false, wait: true });
  }
  return jobs;
}
