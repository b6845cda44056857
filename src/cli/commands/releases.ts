import { InvalidArgumentError, type Command } from 'commander';
import { discardCurrentDraft, publishDraft, ReleaseError, rollback } from '../../pipeline/releases.js';
import { BUNDLED_CATALOG_DIR } from '../../sources/catalog/load-catalog.js';
import {
  currentDraft,
  diffReleases,
  getRelease,
  listReleases,
  liveReleaseId,
} from '../../store/releases-store.js';
import { smtpMailer } from '../../accounts/mailer.js';
import { notifyWatchers } from '../../pipeline/watchlists.js';
import { formatOption, type CliContext } from '../cli-context.js';
import { withDatabase } from '../context.js';
import { describePublish } from '../describe-steps.js';
import { formatRows, type OutputFormat } from '../format-output.js';
import { computeAndReport, selectIndicators } from './compute.js';

const releaseId = (value: string): number => {
  const id = Number(value);
  if (!Number.isInteger(id) || id < 1)
    throw new InvalidArgumentError('expected a release number (see `smup releases list`).');
  return id;
};

// Over 80 lines: commander declarations of the release subcommands (options and help text), each action a few lines.
export function registerReleasesCommands(program: Command, { config, out }: CliContext): void {
  program
    .command('publish')
    .description('compute the indicators in the draft release, then make it live (atomically)')
    .option('--no-compute', 'publish as it is, without recomputing the indicators first')
    .action(async (options: { compute: boolean }) => {
      const settings = config();
      await withDatabase(settings, async (db) => {
        if (!options.compute) out(describePublish(await publishDraft(db)));
        else {
          // Checked first: computing would otherwise open a draft just to publish the indicators again.
          if (!(await currentDraft(db)))
            throw new ReleaseError('no-draft', {
              pl: 'Nie ma wersji roboczej wydania do opublikowania.',
              en: 'there is no draft release to publish; run an ingest or compute first',
            });
          await computeAndReport(db, selectIndicators(BUNDLED_CATALOG_DIR, undefined), {
            publish: true,
            out,
          });
        }
        // Watchers are told by e-mail where SMTP is configured (each user once per release).
        const live = await liveReleaseId(db);
        if (settings.smtp && live !== null) {
          const mailer = smtpMailer(settings.smtp);
          const { sent } = await notifyWatchers(db, live, mailer, mailer.publicUrl);
          out(`e-mailed ${sent} watcher(s) about release ${live}`);
        }
      });
    });

  const releases = program.command('releases').description('data releases: list, compare, roll back');
  releases
    .command('list')
    .description('every release with its status; the live one is marked')
    .addOption(formatOption())
    .action(async (options: { format: OutputFormat }) => {
      const rows = await withDatabase(config(), (db) => listReleases(db));
      out(
        formatRows(
          rows.map((r) => ({
            id: r.id,
            status: r.live ? 'published (live)' : r.status,
            description: r.description,
            created: r.createdAt,
            published: r.publishedAt,
            based_on: r.basedOn,
            reverts_to: r.revertsTo,
          })),
          options.format,
          ['id', 'status', 'description', 'created', 'published', 'based_on', 'reverts_to'],
        ),
      );
    });
  releases
    .command('diff <from> <to>')
    .description('what changed from one release to another: values added, changed, removed, by variable')
    .addOption(formatOption())
    .action(async (from: string, to: string, options: { format: OutputFormat }) => {
      const a = releaseId(from);
      const b = releaseId(to);
      const diff = await withDatabase(config(), async (db) => {
        for (const id of [a, b]) {
          const release = await getRelease(db, id);
          if (!release) throw new Error(`there is no release ${id}; see \`smup releases list\``);
        }
        return diffReleases(db, a, b);
      });
      out(
        diff.length === 0
          ? `releases ${a} and ${b} hold the same values`
          : formatRows(
              diff.map((d) => ({
                variable: d.variableId,
                added: d.added,
                changed: d.changed,
                removed: d.removed,
              })),
              options.format,
            ),
      );
    });
  releases
    .command('rollback')
    .description('bring the live data back to an earlier published release (default: the one live before)')
    .option('--to <release>', 'the release to go back to', releaseId)
    .action(async (options: { to?: number }) => {
      const result = await withDatabase(config(), (db) => rollback(db, options.to));
      out(`rolled back to release ${result.revertsTo}: ${describePublish(result)}`);
    });
  releases
    .command('discard')
    .description('throw away the open draft release (the live release is not affected)')
    .action(async () => {
      const id = await withDatabase(config(), (db) => discardCurrentDraft(db));
      out(`draft release ${id} discarded`);
    });
}
