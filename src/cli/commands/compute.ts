/**
 * `smup compute`: every indicator of the catalogue for every unit and year, into the draft release. Publishing
 * (`smup publish`, or an ingest's `--publish`) computes first too, so a published release never pairs new
 * inputs with stale indicators.
 */
import { InvalidArgumentError, type Command } from 'commander';
import type { CompiledRule } from '../../domain/plausibility/check.js';
import { computeIndicators, type ComputableIndicator } from '../../pipeline/compute.js';
import type { IngestEvent } from '../../pipeline/ingest.js';
import { BUNDLED_CATALOG_DIR, loadCatalog } from '../../sources/catalog/load-catalog.js';
import type { Database } from '../../store/database.js';
import type { CliContext } from '../cli-context.js';
import { withDatabase } from '../context.js';
import { describeAggregation, describeCheck, describePublish, stepOf } from '../describe-steps.js';

/** What a compute runs: the indicators and the catalogue's plausibility rules. */
export interface ComputeSelection {
  readonly indicators: readonly ComputableIndicator[];
  readonly rules: readonly CompiledRule[];
}

/** The catalogue's indicators, or the ones asked for (an unknown id is an error naming it), and its rules. */
export function selectIndicators(catalogDir: string, ids: readonly string[] | undefined): ComputeSelection {
  const { indicators, rules } = loadCatalog(catalogDir);
  if (!ids || ids.length === 0) return { indicators, rules };
  const known = new Map(indicators.map((i) => [i.id, i]));
  const unknown = ids.filter((id) => !known.has(id));
  if (unknown.length > 0)
    throw new InvalidArgumentError(
      `unknown indicator(s): ${unknown.join(', ')} (see \`smup catalog list\` for the ids)`,
    );
  return { indicators: ids.map((id) => known.get(id) as ComputableIndicator), rules };
}

/** Computes into the draft and, when asked, publishes it; prints what was computed and merged. */
export async function computeAndReport(
  db: Database,
  { indicators, rules }: ComputeSelection,
  { publish, out }: { publish: boolean; out: (text: string) => void },
): Promise<void> {
  out(`computing ${indicators.length} indicator(s) for every unit and year…`);
  const onEvent = (event: IngestEvent): void => {
    if (event.kind === 'draft' && event.created) out(`draft release ${event.releaseId} opened`);
    if (event.kind === 'job-merged')
      out(
        `${stepOf(event.job)}: ` +
          `${event.stats.added} values added, ${event.stats.changed} changed, ` +
          `${event.stats.removed} removed, ${event.stats.unchanged} unchanged`,
      );
    if (event.kind === 'published') out(describePublish(event.result));
  };
  const { stats, check, aggregation, report } = await computeIndicators(db, indicators, {
    publish,
    rules,
    onEvent,
  });
  out(describeCheck(check));
  out(describeAggregation(aggregation));
  out(
    `computed ${stats.cells} cells of ${stats.indicators} indicator(s) in ${stats.ms} ms: ` +
      `${stats.values} values, ${stats.missing} missing with a reason`,
  );
  if (!publish) out(`draft release ${report.releaseId} holds them; \`smup publish\` makes it live`);
}

export function registerComputeCommand(program: Command, { config, out }: CliContext): void {
  program
    .command('compute')
    .description('compute every indicator of the catalogue for every unit and year into the draft release')
    .option('--indicator <id...>', 'only these indicators (ids of `smup catalog list`)')
    .option('--catalog <dir>', 'the catalogue folder', BUNDLED_CATALOG_DIR)
    .option('--publish', 'publish the draft when done')
    .action(async (options: { indicator?: string[]; catalog: string; publish?: boolean }) => {
      const selection = selectIndicators(options.catalog, options.indicator);
      await withDatabase(config(), (db) =>
        computeAndReport(db, selection, { publish: options.publish ?? false, out }),
      );
    });
}
