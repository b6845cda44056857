/**
 * `smup catalog validate` and `smup catalog list`: the indicator catalogue of catalog/ (README there),
 * checked whole (schema, unique ids, formulas, variables, coverage) with every problem listed at once.
 */
import { resolve } from 'node:path';
import { Option, type Command } from 'commander';
import { DIMENSIONS } from '../../domain/catalog/schema.js';
import { formatCatalogProblem } from '../../domain/catalog/validate.js';
import { evidenceCounts } from '../../domain/catalog/validate-evidence.js';
import { BUNDLED_CATALOG_DIR, checkCatalog, type CatalogCheck } from '../../sources/catalog/load-catalog.js';
import { formatOption, type CliContext } from '../cli-context.js';
import { formatRows, type OutputFormat } from '../format-output.js';
import { registerCatalogLock } from './catalog-lock.js';

/** The summary printed by `catalog validate`, or every problem. */
export function describeCatalogCheck(check: CatalogCheck): { ok: boolean; lines: string[] } {
  if (check.catalog === null || check.problems.length > 0) {
    return {
      ok: false,
      lines: [
        `catalogue ${check.dir}: ${check.problems.length} problem(s), nothing else checked past them:`,
        ...check.problems.map((p) => `  ${formatCatalogProblem(p)}`),
      ],
    };
  }
  const { catalog, indicators } = check;
  const services = catalog.areas.reduce((n, a) => n + a.services.length, 0);
  const byDimension = DIMENSIONS.map(
    (d) => `${indicators.filter((i) => i.dimension === d).length} ${d}`,
  ).join(', ');
  const unverified = catalog.variables.filter((v) => !v.confirmation.verified);
  const notLoaded = catalog.variables.filter(
    (v) => v.confirmation.kind === 'shared-data-file' && v.confirmation.mapping === null,
  );
  const byKind = ['shared-data-file', 'recorded-response', 'reference-list', 'expectation', 'jst-submission']
    .map((k) => `${catalog.variables.filter((v) => v.confirmation.kind === k).length} ${k}`)
    .join(', ');
  const evidence = evidenceCounts(catalog.variables);
  return {
    ok: true,
    lines: [
      `catalogue ${check.dir}: valid`,
      `${catalog.areas.length} areas, ${services} services, ${indicators.length} indicators (${byDimension})`,
      ...catalog.areas.map((a) => {
        const count = indicators.filter((i) => i.areaId === a.id).length;
        return `  ${a.id}: ${a.services.length} services, ${count} indicators`;
      }),
      `${catalog.variables.length} variables (${byKind}), ${catalog.derived.length} derived; ` +
        `${unverified.length} unverified (BDL ids from the reference list, not confirmed against the live API)`,
      `evidence of BDL ids in public sources (bdl-ids-evidence.tsv): ` +
        `${Object.entries(evidence.byVerdict)
          .map(([verdict, n]) => `${n} ${verdict}`)
          .join(', ')}; ${evidence.competing} with a competing id (the lock settles them)`,
      ...(notLoaded.length > 0
        ? [
            `${notLoaded.length} variables are in shared data files that no mapping loads yet: ${notLoaded.map((v) => v.id).join(', ')}`,
          ]
        : []),
      ...check.warnings.map((w) => `warning: ${formatCatalogProblem(w)}`),
    ],
  };
}

export function listIndicators(check: CatalogCheck, format: OutputFormat): string {
  const rows = check.indicators.map((i) => ({
    id: i.id,
    area: i.areaId,
    service: i.serviceId,
    name: i.name,
    name_en: i.nameEn,
    dimension: i.dimension,
    direction: i.direction,
    unit: i.measureUnit,
    levels: i.levels.join(' '),
    formula: i.definition.formula,
    inputs: i.inputs.join(' '),
  }));
  return formatRows(
    rows,
    format,
    format === 'table'
      ? ['id', 'dimension', 'direction', 'unit', 'levels', 'name']
      : [
          'id',
          'area',
          'service',
          'name',
          'name_en',
          'dimension',
          'direction',
          'unit',
          'levels',
          'formula',
          'inputs',
        ],
  );
}

export function registerCatalogCommands(program: Command, context: CliContext): void {
  const { out } = context;
  const catalog = program
    .command('catalog')
    .description('the indicator catalogue (catalog/: areas, services, indicators)');
  const dirOption = () =>
    new Option('--dir <dir>', 'folder of the catalogue').default(BUNDLED_CATALOG_DIR, 'the bundled catalog/');
  catalog
    .command('validate')
    .description('check the catalogue files: schema, unique ids, formulas, variables, coverage')
    .addOption(dirOption())
    .action((options: { dir: string }) => {
      const { ok, lines } = describeCatalogCheck(checkCatalog(resolve(options.dir)));
      out(lines.join('\n'));
      if (!ok) process.exitCode = 1;
    });
  catalog
    .command('list')
    .description('list the indicators of the catalogue')
    .addOption(dirOption())
    .addOption(formatOption())
    .action((options: { dir: string; format: OutputFormat }) => {
      const check = checkCatalog(resolve(options.dir));
      if (check.catalog === null) {
        out(describeCatalogCheck(check).lines.join('\n'));
        process.exitCode = 1;
        return;
      }
      out(listIndicators(check, options.format));
    });
  registerCatalogLock(catalog, context);
}
