/**
 * Running a batch to its end: on PostgreSQL through the job queue (workers elsewhere do the building, this
 * side puts in the jobs and watches them), on PGlite in this process one unit after another (an embedded
 * database has one process). Both skip finished files and remove what killed writers left, so running the
 * same batch again continues it.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import type { FastifyInstance } from 'fastify';
import { isDone, removeLeftovers } from './files.js';
import { batchFileName, type Batch, type BatchUnit } from './plan.js';
import { enqueueBatch, jobStates, openQueue, reclaimOrphans, type JobState } from './queue.js';
import { buildUnit, type UnitResult } from './unit.js';

export interface BatchFailure {
  readonly code: string;
  readonly reason: string;
}

export interface BatchProgress {
  readonly total: number;
  /** Units with every file, including those finished by an earlier run. */
  readonly done: number;
  /** Units whose files were all there when this run started. */
  readonly before: number;
  readonly written: number;
  /** Files found finished (an earlier run, or another worker). */
  readonly skipped: number;
  readonly failures: readonly BatchFailure[];
}

type OnProgress = (progress: BatchProgress) => void;

/** The units that still miss a file; the others count as done. */
export function pendingUnits(batch: Batch): BatchUnit[] {
  const { params } = batch;
  return batch.units.filter(
    (u) => !params.formats.every((f) => isDone(params.out, batchFileName(params, u.code, f))),
  );
}

class Tally {
  written = 0;
  skipped = 0;
  done: number;
  readonly failures: BatchFailure[] = [];

  constructor(
    readonly total: number,
    readonly before: number,
  ) {
    this.done = before;
  }

  add(code: string, result: UnitResult): void {
    this.written += result.written.length;
    this.skipped += result.skipped.length;
    if (result.problem) this.failures.push({ code, reason: result.problem });
    else this.done++;
  }

  snapshot(): BatchProgress {
    const { total, done, before, written, skipped } = this;
    return { total, done, before, written, skipped, failures: [...this.failures] };
  }
}

/** PGlite: one in-process worker. */
export async function runInProcess(
  app: FastifyInstance,
  batch: Batch,
  onProgress: OnProgress,
): Promise<BatchProgress> {
  removeLeftovers(batch.params.out);
  const pending = pendingUnits(batch);
  const tally = new Tally(batch.units.length, batch.units.length - pending.length);
  onProgress(tally.snapshot());
  for (const unit of pending) {
    const job = { batch: batch.id, code: unit.code, params: batch.params };
    try {
      tally.add(unit.code, await buildUnit(app, job, true));
    } catch (error) {
      tally.add(unit.code, { written: [], skipped: [], problem: (error as Error).message });
    }
    onProgress(tally.snapshot());
  }
  return tally.snapshot();
}

export interface QueueRunOptions {
  readonly databaseUrl: string;
  readonly onProgress: OnProgress;
  /** Called while waiting; throwing ends the run (e.g. every worker this run started has died). */
  readonly check?: () => void;
  readonly pollMs?: number;
}

const TERMINAL = new Set<JobState['state']>(['completed', 'failed', 'cancelled']);

/** PostgreSQL: puts the batch's missing units in the queue and waits for them, reclaiming orphaned jobs. */
export async function runOnQueue(batch: Batch, options: QueueRunOptions): Promise<BatchProgress> {
  removeLeftovers(batch.params.out);
  const pending = pendingUnits(batch);
  const finishedBefore = batch.units.length - pending.length;
  const boss = await openQueue(options.databaseUrl, `smup-report ${process.pid}`);
  try {
    const ids = await enqueueBatch(
      options.databaseUrl,
      boss,
      pending.map((u) => ({ batch: batch.id, code: u.code, params: batch.params })),
    );
    for (let round = 0; ; round++) {
      const states = await jobStates(boss, ids);
      const tally = new Tally(batch.units.length, finishedBefore);
      for (const job of states.filter((s) => TERMINAL.has(s.state))) tally.add(job.code, outcome(job));
      options.onProgress(tally.snapshot());
      if (states.filter((s) => TERMINAL.has(s.state)).length === ids.length) {
        removeLeftovers(batch.params.out);
        return tally.snapshot();
      }
      options.check?.();
      if (round % 2 === 1) await reclaimOrphans(boss, ids);
      await sleep(options.pollMs ?? 500);
    }
  } finally {
    await boss.stop({ graceful: false, wait: true });
  }
}

function outcome(job: JobState): UnitResult {
  if (job.state === 'completed' && job.output) return job.output;
  const reason = job.output?.message ?? job.output?.value?.message ?? job.state;
  return { written: [], skipped: [], problem: reason };
}
