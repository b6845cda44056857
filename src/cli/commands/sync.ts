/**
 * `smup sync`: every locked BDL variable the catalogue needs, for the levels it asks and a range of years,
 * then check, sums and indicators into the draft (or `--publish`). Prints the plan first (requests, time
 * under the anonymous quota and with a key), keeps within the quotas (the client waits; 429 Retry-After and
 * 5xx back-off in client.ts), shows progress, and resumes after any stop: run it again (pipeline/sync.ts).
 * Unattended: a cron line (README.md) is enough, because a run is idempotent and resumable.
 */
import { resolve } from 'node:path';
import { InvalidArgumentError, Option, type Command } from 'commander';
import type { BdlIngestLevel } from '../../pipeline/bdl-ingest.js';
import type { IngestEvent } from '../../pipeline/ingest.js';
import { finishSync, resumableRun, runSync, stagedPages, syncPlanKey } from '../../pipeline/sync.js';
import { planSync, SYNC_LEVELS, syncTargets, type SyncPlan } from '../../pipeline/sync-plan.js';
import { ANONYMOUS_QUOTA, REGISTERED_QUOTA } from '../../sources/bdl/quota.js';
import { loadLock, lockFilePath } from '../../sources/catalog/bdl-lock-file.js';
import { BUNDLED_CATALOG_DIR, loadCatalog } from '../../sources/catalog/load-catalog.js';
import { checkedVariables } from '../../store/sync-store.js';
import { allUnitCodes } from '../../store/units-store.js';
import type { CliContext } from '../cli-context.js';
import { withDatabase } from '../context.js';
import { formatDuration, Progress } from '../progress.js';
import { apiOptions, bdlClient, parseYears, type ApiOptions } from './bdl.js';
import { computeAndReport } from './compute.js';

interface SyncOptions extends ApiOptions {
  readonly years: number[];
  readonly levels: BdlIngestLevel[];
  readonly only?: string[];
  readonly dir: string;
  readonly lockFile?: string;
  readonly publish?: boolean;
  readonly planOnly?: boolean;
  readonly progressEvery?: number;
}

function seconds(value: string): number {
  const n = Number(value);
  if (!Number.isFinite(n) || n < 0) throw new InvalidArgumentError('expected seconds, 0 or more.');
  return n;
}

export function describeSyncPlan(plan: SyncPlan, keyed: boolean): string[] {
  const eta = (e: SyncPlan['anonymous']) =>
    `ETA ${formatDuration(e.etaMs)}${e.bindingWindow ? ` (bound by ${e.bindingWindow})` : ''}`;
  return [
    `plan: ${plan.variables} variable(s): ${plan.dataRequests} data request(s) + about ${plan.metadataRequests} metadata request(s)`,
    `  anonymous (5/s, 100/15 min, 1000/12 h, 10000/7 days): ${eta(plan.anonymous)}` +
      (keyed ? '' : ' ← this run'),
    `  with a key (X-ClientId: 10/s, 500/15 min, 5000/12 h, 50000/7 days): ${eta(plan.withKey)}` +
      (keyed ? ' ← this run' : ''),
  ];
}

// Over 80 lines: commander declarations (options and help) and the run's steps, each a few lines, in order.
export function registerSyncCommand(program: Command, { config, out }: CliContext): void {
  apiOptions(
    program
      .command('sync')
      .description(
        'fetch every locked BDL variable the catalogue needs (levels it asks, --years), then check, sum up ' +
          'and compute into the draft; resumable: run it again after any stop',
      )
      .option('--years <years>', 'years: 2015-2024 or 2015,2018-2020', parseYears, parseYears('2015-2024'))
      .addOption(
        new Option('--levels <levels...>', 'levels to fetch (each variable at those BDL has it at)')
          .choices([...SYNC_LEVELS])
          .default([...SYNC_LEVELS]),
      )
      .option('--only <ids...>', 'only these catalogue variables (ids of variables.yaml)')
      .addOption(
        new Option('--dir <dir>', 'folder of the catalogue').default(
          BUNDLED_CATALOG_DIR,
          'the bundled catalog/',
        ),
      )
      .option('--lock-file <path>', 'the lock (default: bdl.lock.yaml in the catalogue folder)')
      .option('--plan-only', 'print the plan and stop')
      .option(
        '--progress-every <seconds>',
        'a progress line at most this often (default 5 in a log, 0.2 on a terminal)',
        seconds,
      )
      .option('--publish', 'publish the draft when done'),
  ).action(async (options: SyncOptions) => {
    const dir = resolve(options.dir);
    const lockPath = options.lockFile ? resolve(options.lockFile) : lockFilePath(dir);
    const lock = loadLock(lockPath);
    const { catalog, indicators, rules } = loadCatalog(dir);
    const unknown = (options.only ?? []).filter(
      (id) => !catalog.variables.some((v) => v.id === id && v.source === 'bdl'),
    );
    if (unknown.length > 0)
      throw new Error(`not BDL variables of the catalogue: ${unknown.join(', ')} (see variables.yaml)`);
    const { targets, unlocked } = syncTargets(catalog, indicators, lock.index, {
      ...(options.only ? { only: options.only } : {}),
      levels: options.levels,
    });
    const years = [...options.years].sort((a, b) => a - b);
    out(
      `sync: ${targets.length} locked BDL variable(s) the catalogue needs, years ${years[0]}–${years.at(-1)}, ` +
        `levels ${options.levels.join(', ')} (where BDL has them); lock ${lockPath}`,
    );
    if (unlocked.length > 0) {
      out(
        `not locked, left out (${unlocked.length}): ${unlocked.join(', ')}; ` +
          '`smup catalog lock --only <name>` confirms them (online), then sync again',
      );
    }
    const client = bdlClient(config(), options);
    const keyed = client.quota === REGISTERED_QUOTA;
    await withDatabase(config(), async (db) => {
      const previous = await resumableRun(db, syncPlanKey(targets, years));
      const alreadyChecked = previous ? (await checkedVariables(db, previous.id)).size : 0;
      const alreadyFetched = previous ? await stagedPages(db) : 0;
      const plan = planSync(targets, {
        anonymousQuota: ANONYMOUS_QUOTA,
        keyQuota: REGISTERED_QUOTA,
        alreadyChecked,
        alreadyFetched,
      });
      for (const line of describeSyncPlan(plan, keyed)) out(line);
      if (previous) {
        out(
          `resuming the sync of draft release ${previous.releaseId}: ${alreadyChecked} variable(s) checked and ` +
            `${alreadyFetched} page(s) fetched earlier are not asked again`,
        );
      }
      if (options.planOnly || targets.length === 0) return;

      const progress =
        options.progressEvery === undefined
          ? new Progress()
          : new Progress(process.stderr, options.progressEvery * 1000);
      let jobs = 0;
      let pages = 0;
      const totalJobs = targets.reduce((n, t) => n + t.levels.length, 0);
      const onEvent = (event: IngestEvent): void => {
        if (event.kind === 'job-start') {
          jobs++;
          pages = event.resumedPages;
          if (event.alreadyMerged) out(`job ${jobs}/${totalJobs} ${event.job}: already in this draft`);
        } else if (event.kind === 'page') {
          pages++;
          progress.update({
            label: `job ${jobs}/${totalJobs} ${event.job}`,
            done: pages,
            total: null,
            unit: 'pages',
            extra: `${event.totalObservations} observations`,
          });
        } else if (event.kind === 'job-merged') {
          progress.done();
          out(
            `job ${jobs}/${totalJobs} ${event.job}: ${event.stats.added} added, ${event.stats.changed} changed, ` +
              `${event.stats.removed} removed, ${event.stats.unchanged} unchanged`,
          );
        }
      };
      const { run, report } = await runSync(db, client, {
        targets,
        years,
        lock,
        knownUnits: await allUnitCodes(db),
        description: `sync of ${targets.length} BDL variable(s), ${years[0]}–${years.at(-1)}`,
        onEvent,
        onChecked: (fromDatabase, asked) =>
          out(`checked against the lock: ${asked} variable(s) asked, ${fromDatabase} from an earlier run`),
      });
      if (report.unmapped.size > 0)
        out(`${report.unmapped.size} BDL unit(s) without a TERYT code were left out`);
      if (report.unknownUnits.size > 0)
        out(
          `${report.unknownUnits.size} TERYT code(s) are not in the loaded register (stored, no unit page)`,
        );
      await computeAndReport(db, { indicators, rules }, { publish: options.publish ?? false, out });
      await finishSync(db, run);
      out('sync done');
    });
  });
}
