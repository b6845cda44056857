/**
 * `smup report --level powiat --format pdf --out DIR` (every unit of a level, or `--voivodeship 12` for those
 * of one województwo) and `smup report-worker`. On PostgreSQL the batch runs as jobs in the queue in the
 * database (src/reports/batch/queue.ts): this command puts them in, starts `--workers N` worker processes
 * (0: only the workers started elsewhere with `smup report-worker`) and shows the progress; on PGlite it
 * builds in-process. Running the same command again continues the batch. Exit code 2: some units failed.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { InvalidArgumentError, type Command } from 'commander';
import type { FastifyInstance } from 'fastify';
import { buildServer, type ReportFormat } from '../../server.js';
import type { Database } from '../../store/database.js';
import { BatchInputError, planBatch, type Batch, type BatchLevel } from '../../reports/batch/plan.js';
import type { BatchProgress } from '../../reports/batch/run.js';
import type { CliContext } from '../cli-context.js';
import { VERSION, withDatabase } from '../context.js';
import { Progress } from '../progress.js';

export interface BatchOptions {
  readonly level: string;
  readonly voivodeship?: string;
  readonly against: string;
  readonly format: ReportFormat[];
  readonly out: string;
  readonly year?: number;
  readonly areas?: string;
  readonly lang: 'pl' | 'en';
  readonly workers: number;
}

export const workersOf = (value: string): number => {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0 || n > 32) throw new InvalidArgumentError('expected 0 to 32');
  return n;
};

export async function runReportBatch(options: BatchOptions, { config, out }: CliContext): Promise<void> {
  const settings = config();
  const databaseUrl = settings.databaseUrl;
  // Started at once: a worker process takes seconds to start, the same seconds this one spends planning.
  const workers = databaseUrl ? startWorkers(options.workers, databaseUrl) : null;
  try {
    await withDatabase(settings, async (db) => {
      const app = await buildServer({ db, version: VERSION, logLevel: 'silent' });
      try {
        const batch = await plan(app, db, options);
        mkdirSync(batch.params.out, { recursive: true });
        const show = progressShower(batch);
        // Loaded here, not at the top: the queue library (pg-boss) is for batches, not for every CLI start.
        const { runInProcess, runOnQueue } = await import('../../reports/batch/run.js');
        let result: BatchProgress;
        if (!workers || !databaseUrl) {
          if (options.workers > 1)
            process.stderr.write('smup: PGlite: one in-process worker (a queue needs PostgreSQL)\n');
          result = await runInProcess(app, batch, show);
        } else {
          out(
            `batch ${batch.id}: ${batch.units.length} units × ${batch.params.formats.join(',')} → ${batch.params.out} (release ${batch.params.release}, ${options.workers} worker processes)`,
          );
          result = await runOnQueue(batch, { databaseUrl, onProgress: show, check: () => workers.check() });
        }
        show.done();
        for (const f of result.failures) out(`${f.code}: ${f.reason}`);
        out(
          `batch ${batch.id}: ${result.done}/${result.total} units done, ${result.failures.length} failed (${result.written} files written now, ${result.skipped} found written; ${result.before} units were done before)`,
        );
        if (result.failures.length > 0) process.exitCode = 2;
      } finally {
        await app.close();
      }
    });
  } finally {
    await workers?.stop();
  }
}

async function plan(app: FastifyInstance, db: Database, options: BatchOptions): Promise<Batch> {
  try {
    return await planBatch(app, db, {
      level: options.level as BatchLevel,
      voivodeship: options.voivodeship ?? null,
      year: options.year ?? null,
      against: options.against,
      areas: options.areas ?? null,
      formats: options.format,
      lang: options.lang,
      out: resolve(options.out),
    });
  } catch (error) {
    // Bad input is the user's to fix: a message, no stack, no file.
    if (error instanceof BatchInputError) throw new Error(error.message);
    throw error;
  }
}

/** Done/total on standard error: a bar on a terminal, a line every 2 s in a log (and always the last). */
function progressShower(batch: Batch) {
  const progress = new Progress(process.stderr, process.stderr.isTTY ? 200 : 2_000);
  let shown = -1;
  const show = (p: BatchProgress) => {
    const finished = p.done + p.failures.length;
    progress.update(
      {
        label: `batch ${batch.id}`,
        done: finished,
        total: p.total,
        unit: 'units',
        extra: `${p.failures.length} failed · ${p.written} files written`,
      },
      finished !== shown && (finished === p.total || shown < 0),
    );
    shown = finished;
  };
  return Object.assign(show, { done: () => progress.done() });
}

/** Set in the environment of the workers a batch command starts (they stop when it goes). */
const CHILD = 'SMUP_REPORT_BATCH_CHILD';

/** `--workers N` child processes running `smup report-worker`, stopped (after their job) when asked. */
function startWorkers(count: number, databaseUrl: string) {
  const children: ChildProcess[] = Array.from({ length: count }, () =>
    fork(process.argv[1] as string, ['report-worker'], {
      execArgv: process.execArgv,
      env: { ...process.env, DATABASE_URL: databaseUrl, [CHILD]: '1' },
      stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
    }),
  );
  const exits = children.map(
    (child) => new Promise<number | null>((done) => child.once('exit', (code) => done(code))),
  );
  return {
    check() {
      if (count > 0 && children.every((c) => c.exitCode !== null || c.signalCode !== null))
        throw new Error('every worker process ended before the batch did (see the messages above)');
    },
    async stop() {
      for (const child of children) if (child.connected) child.disconnect();
      await Promise.all(exits);
    },
  };
}

export function registerReportWorkerCommand(program: Command, { config, out }: CliContext): void {
  program
    .command('report-worker')
    .description(
      'build report batch jobs from the job queue in PostgreSQL (start several, on this or other machines)',
    )
    .option('--idle-exit <seconds>', 'stop after the queue has been empty this long', Number)
    .action(async (options: { idleExit?: number }) => {
      const settings = config();
      const databaseUrl = settings.databaseUrl;
      if (!databaseUrl)
        throw new Error('report-worker needs PostgreSQL (DATABASE_URL): on PGlite a batch runs in-process');
      const child = process.env[CHILD] === '1';
      // Stop after the current job on Ctrl-C, SIGTERM, or when the batch command that started us goes (it may
      // be gone already: it stops its workers as soon as it finds bad input).
      const stop = new Promise<void>((done) => {
        process.once('SIGINT', done);
        process.once('SIGTERM', done);
        if (child) {
          process.once('disconnect', done);
          if (!process.connected) done();
        }
      });
      await withDatabase(settings, async (db) => {
        const app = await buildServer({ db, version: VERSION, logLevel: 'silent' });
        try {
          const { runWorker } = await import('../../reports/batch/worker.js');
          const jobs = await runWorker({
            app,
            databaseUrl,
            stop,
            ...(options.idleExit !== undefined ? { idleMs: options.idleExit * 1000 } : {}),
            ...(child ? {} : { onJob: (job, outcome) => out(`${job.code}: ${outcome}`) }),
          });
          if (!child) out(`${jobs} jobs done`);
        } finally {
          await app.close();
        }
      });
    });
}
