import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { InvalidArgumentError, Option, type Command } from 'commander';
import { BDL_INGEST_LEVELS, bdlIngestJobs, type BdlIngestLevel } from '../../pipeline/bdl-ingest.js';
import { runIngest, type IngestEvent, type IngestJobSpec } from '../../pipeline/ingest.js';
import { BDL_LANGS, type BdlLang } from '../../sources/bdl/client.js';
import { planRequests } from '../../sources/bdl/plan.js';
import { allUnitCodes } from '../../store/units-store.js';
import { BDL_EXPORT_MAPPING, parseMapping, prepareTableJob } from '../../pipeline/table-ingest.js';
import type { TableReadResult } from '../../sources/tabular/reader.js';
import type { Database } from '../../store/database.js';
import type { CliContext } from '../cli-context.js';
import { withDatabase } from '../context.js';
import { describePublish } from '../describe-steps.js';
import { Progress } from '../progress.js';
import { computeAndReport, selectIndicators } from './compute.js';
import { BUNDLED_CATALOG_DIR } from '../../sources/catalog/load-catalog.js';
import { loadLock, lockFilePath } from '../../sources/catalog/bdl-lock-file.js';
import { bdlClient, parseYears } from './bdl.js';
import { formatDuration } from '../progress.js';

/** Runs jobs with a progress line, then prints what each job changed in the draft (and the publish). */
export async function ingestWithProgress(
  db: Database,
  jobs: readonly IngestJobSpec[],
  {
    publish,
    description,
    out,
    totalPages,
  }: {
    publish: boolean;
    description: string;
    out: (text: string) => void;
    totalPages?: (job: string) => number | null;
  },
): Promise<void> {
  const progress = new Progress();
  let jobIndex = 0;
  let pages = 0;
  const onEvent = (event: IngestEvent): void => {
    switch (event.kind) {
      case 'draft':
        out(
          event.created
            ? `draft release ${event.releaseId} opened`
            : `resuming draft release ${event.releaseId}`,
        );
        break;
      case 'job-start':
        jobIndex++;
        pages = event.resumedPages;
        if (event.alreadyMerged) out(`${event.job}: already in this draft, skipped`);
        else if (event.resumedPages > 0)
          out(`${event.job}: resuming after ${event.resumedPages} page(s) staged earlier`);
        break;
      case 'page':
        pages++;
        progress.update({
          label: `job ${jobIndex}/${jobs.length} ${event.job}`,
          done: pages,
          total: totalPages?.(event.job) ?? null,
          unit: 'pages',
          extra: `${event.totalObservations} observations`,
        });
        break;
      case 'job-merged':
        progress.done();
        out(
          `${event.job}: ${event.stats.added} added, ${event.stats.changed} changed, ${event.stats.removed} removed, ` +
            `${event.stats.unchanged} unchanged`,
        );
        break;
      case 'published':
        out(describePublish(event.result));
        break;
      default: {
        const never: never = event;
        throw new Error(`unknown ingest event ${JSON.stringify(never)}`);
      }
    }
  };
  // Load the catalogue before ingesting: a broken catalogue should stop the run before any data moves.
  const selection = publish ? selectIndicators(BUNDLED_CATALOG_DIR, undefined) : null;
  const report = await runIngest(db, jobs, { description, publish: false, onEvent });
  // Indicators are recomputed from the new inputs before the release goes live.
  if (selection) await computeAndReport(db, selection, { publish: true, out });
  else out(`draft release ${report.releaseId} holds the data; \`smup publish\` makes it live`);
}

function describeRead(file: string, read: TableReadResult): string[] {
  const { stats } = read;
  const lines = [
    `read ${file}: ${read.file.format}${read.file.encoding ? `, ${read.file.encoding}` : ''}` +
      `${read.file.delimiter ? `, separator "${read.file.delimiter}"` : ''}${read.file.sheet ? `, sheet "${read.file.sheet}"` : ''}; ` +
      `${stats.rows} rows, ${read.variables.length} variable(s), ${stats.observations} observations ` +
      `(${stats.symbolCells} with a GUS symbol, ${stats.emptyCells} empty cells left out)`,
  ];
  if (stats.rowsSkipped + stats.rowsUnknownUnit > 0) {
    lines.push(
      `${stats.rowsSkipped} row(s) skipped by the mapping, ${stats.rowsUnknownUnit} with a unit the register does not know`,
    );
  }
  for (const warning of read.warnings.slice(0, 20)) {
    lines.push(
      `  warning${warning.line === null ? '' : `, line ${warning.line}`}${warning.column ? `, column ${warning.column}` : ''}: ${warning.message}`,
    );
  }
  if (read.warnings.length > 20) lines.push(`  … ${read.warnings.length - 20} more warning(s)`);
  return lines;
}

// Over 80 lines: commander declarations of the ingest subcommands (options and help text), each action a few lines.
export function registerIngestCommands(program: Command, { config, out }: CliContext): void {
  const ingest = program
    .command('ingest')
    .description('bring data into the draft release (then `smup publish`)');

  const tableFiles = async (
    files: readonly string[],
    mappingText: string,
    mappingFile: string,
    publish: boolean,
  ) => {
    const mapping = parseMapping(mappingText, mappingFile);
    await withDatabase(config(), async (db) => {
      const jobs: IngestJobSpec[] = [];
      // Every file is read and checked before anything is written: one bad file stops the whole run.
      for (const file of files) {
        const { job, read } = await prepareTableJob(db, {
          bytes: readFileSync(file),
          fileName: basename(file),
          mapping,
        });
        for (const line of describeRead(basename(file), read)) out(line);
        jobs.push(job);
      }
      await ingestWithProgress(db, jobs, {
        publish,
        description: `ingest of ${files.map((f) => basename(f)).join(', ')}`,
        out,
      });
    });
  };

  ingest
    .command('table <file...>')
    .description('CSV (; or , separated, UTF-8 or Windows-1250) or XLSX files, read as a YAML mapping says')
    .requiredOption(
      '--mapping <mapping.yaml>',
      'the mapping file (see mappings/ and src/sources/tabular/README.md)',
    )
    .option('--publish', 'publish the draft when done')
    .action(async (files: string[], options: { mapping: string; publish?: boolean }) =>
      tableFiles(
        files,
        readFileSync(options.mapping, 'utf-8'),
        basename(options.mapping),
        options.publish ?? false,
      ),
    );

  ingest
    .command('bdl-export <file...>')
    .description('BDL portal CSV exports (Kod;Nazwa; then "path;year;[unit]" columns) as users download them')
    .option('--publish', 'publish the draft when done')
    .action(async (files: string[], options: { publish?: boolean }) =>
      tableFiles(files, BDL_EXPORT_MAPPING, 'bdl-ctab preset', options.publish ?? false),
    );

  ingest
    .command('bdl')
    .description('variables from the GUS BDL API, for every unit of the chosen levels and years')
    .requiredOption(
      '--variable <id...>',
      'BDL variable ids (see `smup bdl search`)',
      (value: string, previous: number[] = []) => {
        const id = Number(value);
        if (!Number.isInteger(id) || id < 1)
          throw new InvalidArgumentError('expected a BDL variable id (a whole number).');
        return [...previous, id];
      },
    )
    .option(
      '--years <years>',
      'years: 2020, 2015-2024 or 2015,2018-2020',
      parseYears,
      parseYears('2015-2024'),
    )
    .addOption(
      new Option('--level <level>', 'level of units')
        .choices([...Object.keys(BDL_INGEST_LEVELS), 'all'])
        .default('gmina'),
    )
    .option('--api-url <url>', 'BDL API root (default: env BDL_API_URL or https://bdl.stat.gov.pl/api/v1)')
    .option('--client-id <key>', 'registered BDL key, sent as X-ClientId (default: env BDL_CLIENT_ID)')
    .addOption(new Option('--lang <lang>', 'language of names').choices(BDL_LANGS).default('pl'))
    .option(
      '--lock-file <path>',
      'the lock whose ids may be ingested (default: catalog/bdl.lock.yaml, written by smup catalog lock)',
    )
    .option('--publish', 'publish the draft when done')
    .action(
      async (options: {
        lockFile?: string;
        variable: number[];
        years: number[];
        level: BdlIngestLevel | 'all';
        apiUrl?: string;
        clientId?: string;
        lang: BdlLang;
        publish?: boolean;
      }) => {
        const settings = config();
        // Only locked ids: checked first, so a missing lock stops the run before any request.
        const lock = loadLock(options.lockFile ?? lockFilePath(BUNDLED_CATALOG_DIR));
        const levels: BdlIngestLevel[] =
          options.level === 'all' ? ['wojewodztwo', 'powiat', 'gmina'] : [options.level];
        const client = bdlClient(settings, options);
        const plan = planRequests({
          variables: options.variable.length,
          years: options.years,
          levels,
          quota: client.quota,
          now: Date.now(),
          history: await client.quotaHistory(),
        });
        out(
          `plan: ${options.variable.length} variable(s) × ${levels.join(', ')} × ${options.years.length} year(s): ` +
            `${plan.requests} data requests (+ metadata), ETA ${formatDuration(plan.etaMs)}` +
            `${plan.bindingWindow ? ` under the quota of ${plan.bindingWindow}` : ''}`,
        );
        const pagesPerJob = new Map(plan.byLevel.map((l) => [l.level, l.requests / options.variable.length]));
        await withDatabase(settings, async (db) => {
          const { jobs, report } = await bdlIngestJobs(client, {
            variableIds: options.variable,
            years: options.years,
            levels,
            knownUnits: await allUnitCodes(db),
            lock,
          });
          await ingestWithProgress(db, jobs, {
            publish: options.publish ?? false,
            description: `BDL ${options.variable.join(', ')} (${levels.join(', ')})`,
            out,
            totalPages: (job) => pagesPerJob.get(job.split(' ')[1] as BdlIngestLevel) ?? null,
          });
          if (report.unmapped.size > 0) {
            const sample = [...report.unmapped]
              .slice(0, 5)
              .map(([id, u]) => `${id} ${u.unitName} (${u.reason})`);
            out(
              `${report.unmapped.size} BDL unit(s) without a TERYT code were left out: ${sample.join('; ')}`,
            );
          }
          if (report.unknownUnits.size > 0) {
            out(
              `${report.unknownUnits.size} TERYT code(s) are not in the loaded register (stored, but no unit page): ` +
                [...report.unknownUnits].slice(0, 10).join(', '),
            );
          }
        });
      },
    );
}
