/**
 * `smup report 1219053 --against group --format pdf,docx,pptx,xlsx --out DIR`: a unit's report files, made
 * by the same API endpoint the portal links to (in-process), so the CLI, the API and the portal give the
 * same documents. A bad unit, area or year ends with the API's problem message and exit code 1.
 * With `--level` instead of a unit it is a batch (report-batch.ts).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { InvalidArgumentError, type Command } from 'commander';
import { buildServer, REPORT_FORMATS, type ReportFormat } from '../../server.js';
import type { CliContext } from '../cli-context.js';
import { VERSION, withDatabase } from '../context.js';
import { runReportBatch, workersOf } from './report-batch.js';

const formatsOf = (value: string): ReportFormat[] => {
  const formats = [...new Set(value.split(',').map((f) => f.trim()))];
  const bad = formats.filter((f) => !(REPORT_FORMATS as readonly string[]).includes(f));
  if (bad.length > 0)
    throw new InvalidArgumentError(`unknown format ${bad.join(', ')}; use ${REPORT_FORMATS.join(', ')}`);
  return formats as ReportFormat[];
};

const yearOf = (value: string): number => {
  const year = Number(value);
  if (!Number.isInteger(year) || year < 1900 || year > 2100)
    throw new InvalidArgumentError('expected a year, e.g. 2019');
  return year;
};

interface ReportOptions {
  against: string;
  format: ReportFormat[];
  out: string;
  year?: number;
  areas?: string;
  lang: 'pl' | 'en';
  level?: string;
  voivodeship?: string;
  workers: number;
}

export function registerReportCommand(program: Command, context: CliContext): void {
  const { config, out } = context;
  program
    .command('report')
    .description(
      'write a unit’s report (diagnosis, tables, charts, methodology, sources) as PDF, DOCX, PPTX, XLSX or JSON',
    )
    .argument('[teryt]', 'the unit’s TERYT code (7 digits gmina, 4 powiat, 2 województwo)')
    .option(
      '--against <set>',
      'reference set: group, neighbours, voivodeship, country, similar, set:ID',
      'group',
    )
    .option('--format <list>', `formats, comma-separated (${REPORT_FORMATS.join(', ')})`, formatsOf, ['pdf'])
    .option('--out <dir>', 'folder to write the files to', '.')
    .option('--year <year>', 'year (default: each indicator’s latest)', yearOf)
    .option('--areas <ids>', 'only these areas (comma-separated ids)')
    .option('--lang <lang>', 'language: pl or en', 'pl')
    .option('--level <level>', 'a batch: every unit of this level (wojewodztwo, powiat, gmina)')
    .option('--voivodeship <code>', 'a batch of the units of one województwo (2 digits, e.g. 12)')
    .option(
      '--workers <n>',
      'a batch on PostgreSQL: worker processes to start (0: only `smup report-worker`s elsewhere)',
      workersOf,
      1,
    )
    .action(async (teryt: string | undefined, options: ReportOptions) => {
      if (options.level !== undefined || options.voivodeship !== undefined) {
        if (teryt !== undefined) throw new Error('give either a unit’s TERYT code or --level, not both');
        if (options.level === undefined) throw new Error('--voivodeship needs --level (e.g. --level gmina)');
        return runReportBatch({ ...options, level: options.level }, context);
      }
      if (teryt === undefined) throw new Error('give a unit’s TERYT code, or --level for a batch');
      await withDatabase(config(), async (db) => {
        const app = await buildServer({ db, version: VERSION, logLevel: 'silent' });
        try {
          mkdirSync(options.out, { recursive: true });
          for (const format of options.format) {
            const query = new URLSearchParams({ against: options.against, format, lang: options.lang });
            if (options.year !== undefined) query.set('year', String(options.year));
            if (options.areas !== undefined) query.set('areas', options.areas);
            // This server has no rate limits (none are set here), so a plain request is enough.
            const response = await app.inject({
              method: 'GET',
              url: `/api/v1/units/${encodeURIComponent(teryt)}/report?${query}`,
            });
            if (response.statusCode !== 200) {
              const problem = response.json() as { message?: { pl: string; en: string }; detail?: string };
              throw new Error(
                `${format}: ${problem.message?.[options.lang] ?? problem.detail ?? response.statusCode}`,
              );
            }
            const name =
              /filename="([^"]+)"/.exec(String(response.headers['content-disposition']))?.[1] ??
              `raport.${format}`;
            const file = join(options.out, name);
            writeFileSync(file, response.rawPayload);
            out(`${file} (${Math.round(response.rawPayload.length / 1024)} KiB)`);
          }
        } finally {
          await app.close();
        }
      });
    });
}
