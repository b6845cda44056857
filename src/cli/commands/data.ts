/** `smup data check`: every value of a release that breaks a plausibility rule of the catalogue. */
import { InvalidArgumentError, type Command } from 'commander';
import { checkRelease } from '../../pipeline/check.js';
import { BUNDLED_CATALOG_DIR, loadCatalog } from '../../sources/catalog/load-catalog.js';
import { getRelease, liveReleaseId } from '../../store/releases-store.js';
import { formatOption, type CliContext } from '../cli-context.js';
import { withDatabase } from '../context.js';
import { formatRows, type OutputFormat } from '../format-output.js';

const releaseNumber = (value: string): number => {
  const id = Number(value);
  if (!Number.isInteger(id) || id < 1 || id > 2 ** 31 - 1)
    throw new InvalidArgumentError('expected a release number (see `smup releases list`).');
  return id;
};

export function registerDataCommands(program: Command, { config, out }: CliContext): void {
  const data = program.command('data').description('the data of a release');
  data
    .command('check')
    .description(
      'list every value of a release that breaks a plausibility rule (catalog/plausibility.yaml): hard rules ' +
        '(the value is flagged suspect) and warnings',
    )
    .option('--release <n>', 'the release to check (default: the live one)', releaseNumber)
    .option('--catalog <dir>', 'the catalogue folder', BUNDLED_CATALOG_DIR)
    .addOption(formatOption())
    .action(async (options: { release?: number; catalog: string; format: OutputFormat }) => {
      const { rules } = loadCatalog(options.catalog);
      await withDatabase(config(), async (db) => {
        const release = options.release ?? (await liveReleaseId(db));
        if (release === null)
          throw new Error('there is no published release to check; ingest and publish first');
        if (!(await getRelease(db, release))) throw new Error(`there is no release ${release}`);
        const { violations } = await checkRelease(db, rules, release);
        const rows = [...violations]
          .sort((a, b) => (a.severity === b.severity ? 0 : a.severity === 'hard' ? -1 : 1))
          .map((v) => ({
            rule: v.ruleId,
            severity: v.severity,
            variable: v.variableId,
            unit: v.unitCode,
            year: v.year,
            value: v.value,
            detail: v.detail,
          }));
        if (options.format !== 'table') return out(formatRows(rows, options.format).trimEnd());
        const hard = rows.filter((r) => r.severity === 'hard').length;
        out(
          `release ${release}: ${rules.length} rule(s), ${hard} value(s) breaking a hard rule (flagged suspect), ` +
            `${rows.length - hard} warning(s)`,
        );
        if (rows.length > 0) out(formatRows(rows, 'table').trimEnd());
      });
    });
}
