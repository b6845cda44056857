/**
 * `smup bdl …`: look things up in the GUS BDL API before ingesting them.
 *   smup bdl search "wydatki oświata"   variables whose name matches (id, name, subject, unit, level)
 *   smup bdl variable 60559             one variable: name, subject path, unit, levels, years
 *   smup bdl plan --variable 60559 --years 2015-2024 --level gmina   requests and ETA under the quota
 * API address: --api-url, else env BDL_API_URL, else https://bdl.stat.gov.pl/api/v1. Key: --client-id,
 * else env BDL_CLIENT_ID (optional; raises the quota). Request times are kept in <data dir>/bdl-quota.json
 * so that the quota holds across commands.
 */
import { join } from 'node:path';
import { InvalidArgumentError, Option, type Command } from 'commander';
import { BDL_LEVELS, type BdlLevelName } from '../../sources/bdl/api-types.js';
import { BDL_API_URL, BDL_LANGS, BdlClient, type BdlLang, type BdlLogger } from '../../sources/bdl/client.js';
import { planRequests } from '../../sources/bdl/plan.js';
import { fileQuotaStore } from '../../sources/bdl/quota-file.js';
import { dimensionParts, loadVariableMeta } from '../../sources/bdl/variable-meta.js';
import { formatOption, type CliContext } from '../cli-context.js';
import type { Config } from '../config.js';
import { formatRows, type OutputFormat } from '../format-output.js';
import { formatDuration } from '../progress.js';

export interface ApiOptions {
  readonly apiUrl?: string;
  readonly clientId?: string;
  readonly lang: BdlLang;
}

export const QUOTA_FILE = 'bdl-quota.json';

/** Waiting for the quota and retries are said on standard error; standard output keeps the results. */
const stderrLogger: BdlLogger = {
  debug() {},
  info(_fields, message) {
    process.stderr.write(`${message}\n`);
  },
  warn(_fields, message) {
    process.stderr.write(`${message}\n`);
  },
};

function retriesFrom(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0 || n > 20)
    throw new Error(`BDL_MAX_RETRIES must be a whole number from 0 to 20, got "${value}"`);
  return n;
}

export function bdlClient(
  config: Config,
  options: ApiOptions,
  env: NodeJS.ProcessEnv = process.env,
): BdlClient {
  return new BdlClient(
    {
      baseUrl: options.apiUrl ?? (env.BDL_API_URL || BDL_API_URL),
      clientId: options.clientId ?? (env.BDL_CLIENT_ID || null),
      lang: options.lang,
      // Retries of a failing request (5xx, timeout, network); each waits twice as long as the one before.
      ...(env.BDL_MAX_RETRIES ? { maxRetries: retriesFrom(env.BDL_MAX_RETRIES) } : {}),
    },
    {
      fetch: globalThis.fetch,
      now: Date.now,
      sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
      logger: stderrLogger,
      quotaStore: fileQuotaStore(join(config.dataDir, QUOTA_FILE)),
    },
  );
}

export async function searchVariables(
  client: BdlClient,
  text: string,
  { format, limit }: { format: OutputFormat; limit: number },
): Promise<string> {
  const { total, variables } = await client.searchVariables(text, { limit });
  const rows = variables.map((v) => ({
    id: v.id,
    name: dimensionParts(v).join(', '),
    subject: v.subjectId,
    unit: v.measureUnitName ?? null,
    level: v.level,
  }));
  const table = formatRows(rows, format, ['id', 'name', 'subject', 'unit', 'level']);
  if (format !== 'table') return table;
  return `${table}${variables.length} of ${total} variables (smup bdl variable ID shows one in full)\n`;
}

export async function showVariable(client: BdlClient, id: number, format: OutputFormat): Promise<string> {
  const { meta } = await loadVariableMeta(client, id);
  const years = (meta.metadata.years as number[] | undefined) ?? [];
  if (format === 'json') return `${JSON.stringify(meta, null, 2)}\n`;
  const rows = [
    { field: 'id', value: meta.id },
    { field: 'name', value: meta.name },
    { field: 'subject', value: meta.subjectPath },
    { field: 'unit', value: meta.measureUnit },
    { field: 'levels', value: meta.levels.join(', ') },
    { field: 'years', value: yearRanges(years) },
  ];
  return formatRows(rows, format, ['field', 'value']);
}

/** 1995, 1996, …, 2024 → "1995–2024"; gaps kept: "2010–2012, 2015". */
export function yearRanges(years: readonly number[]): string {
  const sorted = [...new Set(years)].sort((a, b) => a - b);
  const ranges: string[] = [];
  for (let i = 0; i < sorted.length;) {
    let j = i;
    while (j + 1 < sorted.length && sorted[j + 1] === (sorted[j] ?? 0) + 1) j++;
    ranges.push(i === j ? String(sorted[i]) : `${sorted[i]}–${sorted[j]}`);
    i = j + 1;
  }
  return ranges.join(', ');
}

/** "2015-2024" or "2015,2018,2020-2022" → the years. */
export function parseYears(value: string): number[] {
  const years = new Set<number>();
  for (const part of value.split(',')) {
    const match = part.trim().match(/^(\d{4})(?:-(\d{4}))?$/);
    if (!match) throw new InvalidArgumentError('expected years as 2020, 2015-2024 or 2015,2018-2020.');
    const from = Number(match[1]);
    const to = Number(match[2] ?? match[1]);
    if (to < from) throw new InvalidArgumentError(`the range ${part} ends before it starts.`);
    for (let y = from; y <= to; y++) years.add(y);
  }
  return [...years];
}

const PLAN_LEVELS = ['gmina', 'powiat', 'wojewodztwo', 'polska'] as const satisfies readonly BdlLevelName[];

export async function describePlan(
  config: Config,
  options: ApiOptions & { variable: string[]; years: number[]; level: BdlLevelName[] },
  env: NodeJS.ProcessEnv = process.env,
): Promise<string> {
  const client = bdlClient(config, options, env);
  const plan = planRequests({
    variables: options.variable.length,
    years: options.years,
    levels: options.level,
    quota: client.quota,
    now: Date.now(),
    history: await client.quotaHistory(),
  });
  const levels = plan.byLevel
    .map(
      (l) =>
        `${l.level} (level ${BDL_LEVELS[l.level]}): ${l.requests / l.pagesPerChain} × ${l.pagesPerChain} pages`,
    )
    .join('; ');
  return [
    `${plan.requests} requests, ETA ${formatDuration(plan.etaMs)}${plan.bindingWindow ? ` (bound by the quota of ${plan.bindingWindow})` : ''}`,
    levels,
  ].join('\n');
}

export const apiOptions = (command: Command): Command =>
  command
    .option('--api-url <url>', `BDL API root (default: env BDL_API_URL or ${BDL_API_URL})`)
    .option('--client-id <key>', 'registered BDL key, sent as X-ClientId (default: env BDL_CLIENT_ID)')
    .addOption(new Option('--lang <lang>', 'language of names').choices(BDL_LANGS).default('pl'));

function positiveInteger(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new InvalidArgumentError('expected a whole number from 1.');
  return n;
}

export function registerBdlCommands(program: Command, { config, out }: CliContext): void {
  const bdl = program
    .command('bdl')
    .description('the GUS BDL API (Bank Danych Lokalnych): look up variables');
  apiOptions(
    bdl
      .command('search <text>')
      .description('variables whose name matches the text')
      .option('--limit <n>', 'at most this many variables', positiveInteger, 100)
      .addOption(formatOption()),
  ).action(async (text: string, options: ApiOptions & { format: OutputFormat; limit: number }) => {
    const cfg = config();
    out(await searchVariables(bdlClient(cfg, options), text, options));
  });
  apiOptions(
    bdl
      .command('variable <id>')
      .description('one variable: name, subject path, unit of measure, levels and years')
      .addOption(formatOption()),
  ).action(async (id: string, options: ApiOptions & { format: OutputFormat }) => {
    const cfg = config();
    out(await showVariable(bdlClient(cfg, options), positiveInteger(id), options.format));
  });
  apiOptions(
    bdl
      .command('plan')
      .description('how many requests an ingest would make, and how long the quota makes it take')
      .requiredOption('--variable <id...>', 'BDL variable ids')
      .requiredOption('--years <years>', 'years: 2020, 2015-2024 or 2015,2018-2020', parseYears)
      .addOption(new Option('--level <level...>', 'levels of units').choices(PLAN_LEVELS).default(['gmina'])),
  ).action(async (options: ApiOptions & { variable: string[]; years: number[]; level: BdlLevelName[] }) =>
    out(await describePlan(config(), options)),
  );
}
