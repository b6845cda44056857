/**
 * `smup jst …`: data the JST supply themselves (issue 18, point 4) from the command line — the template of a
 * unit, a filled template submitted on behalf of a JST editor (`--as` their e-mail), the submissions, and a
 * data steward's accept or reject (`--as` the steward's e-mail). Each action is audited as `cli:<login>`.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { basename } from 'node:path';
import { userInfo } from 'node:os';
import { InvalidArgumentError, Option, type Command } from 'commander';
import { jstVariables, variablesOfUnit } from '../../domain/submissions/jst-variables.js';
import {
  acceptSubmission,
  lastYear,
  rejectSubmission,
  submitValues,
  SubmissionError,
  type AuditActor,
  type Person,
} from '../../pipeline/jst-submissions.js';
import { loadCatalog } from '../../sources/catalog/load-catalog.js';
import {
  readFilledTemplate,
  templateCsv,
  templateFileName,
  templateXlsx,
} from '../../sources/jst/template.js';
import type { Queryable } from '../../store/database.js';
import { listSubmissions, userByEmail, type Submission } from '../../store/submissions-store.js';
import { unitsAt } from '../../store/units-store.js';
import { formatOption, type CliContext } from '../cli-context.js';
import { withDatabase } from '../context.js';
import { formatRows, type OutputFormat } from '../format-output.js';

const positive = (value: string): number => {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new InvalidArgumentError('expected a positive whole number.');
  return n;
};

const cliActor = (): AuditActor => ({ actorId: null, actor: `cli:${userInfo().username}` });

async function person(db: Queryable, email: string): Promise<Person> {
  const user = await userByEmail(db, email);
  if (!user || user.status !== 'active') throw new Error(`no active user ${email}; see \`smup users list\``);
  return user;
}

/** A refusal with every problem, one per line, as the API lists them. */
function explain(error: unknown): never {
  if (error instanceof SubmissionError) {
    const lines = error.problems.map(
      (p) => `  ${p.severity}${p.line === null ? '' : `, line ${p.line}`}: ${p.message.en}`,
    );
    throw new Error([error.message, ...lines].join('\n'));
  }
  throw error;
}

const describe = (s: Submission): string =>
  `submission ${s.id} of unit ${s.unitCode}: ${s.status}` +
  (s.reviewer ? ` by ${s.reviewer} at ${s.reviewedAt ?? ''}` : '') +
  (s.reason ? ` — ${s.reason}` : '') +
  (s.draftRelease ? ` (values in draft release ${s.draftRelease}; \`smup publish\` makes them live)` : '');

// Over 80 lines: commander declarations of the jst subcommands (options and help text), each action a few lines.
export function registerJstCommands(program: Command, { config, out }: CliContext): void {
  const jst = program
    .command('jst')
    .description('data the JST supply themselves: templates, submissions, review');
  jst
    .command('template')
    .description('the template of a unit (CSV or XLSX) for one year, to fill in and submit')
    .requiredOption('--unit <teryt>', 'TERYT code of the unit')
    .option('--year <year>', 'the year of the values (default: last year)', positive)
    .addOption(new Option('--format <format>', 'file format').choices(['csv', 'xlsx']).default('xlsx'))
    .option('--out <file>', 'where to write it (default: its own name in this folder)')
    .action(async (options: { unit: string; year?: number; format: 'csv' | 'xlsx'; out?: string }) => {
      const catalog = loadCatalog();
      const [unit] = await withDatabase(config(), (db) => unitsAt(db, [options.unit], null));
      if (!unit) throw new Error(`no unit ${options.unit} in the register`);
      const variables = variablesOfUnit(jstVariables(catalog.catalog), unit.code);
      if (variables.length === 0) throw new Error(`the JST of level ${unit.level} report no variable`);
      const year = options.year ?? lastYear() - 1;
      const file = options.out ?? templateFileName(unit, year, options.format);
      writeFileSync(
        file,
        options.format === 'csv'
          ? templateCsv(unit, year, variables)
          : await templateXlsx(unit, year, variables),
      );
      out(`${file}: ${variables.length} variables of ${unit.name} (${unit.code}) for ${year}`);
    });
  jst
    .command('submit <file>')
    .description("submit a filled template on behalf of the unit's JST editor")
    .requiredOption('--as <email>', 'the JST editor submitting it')
    .requiredOption('--unit <teryt>', 'TERYT code of the unit')
    .option('--comment <text>', 'a comment for the reviewer', '')
    .action(async (file: string, options: { as: string; unit: string; comment: string }) => {
      const catalog = loadCatalog();
      const entries = await readFilledTemplate(readFileSync(file), basename(file));
      const submission = await withDatabase(config(), async (db) =>
        submitValues(db, {
          actor: cliActor(),
          author: await person(db, options.as),
          unitCode: options.unit,
          comment: options.comment,
          origin: /\.xlsx$/i.test(file) ? 'xlsx' : 'csv',
          fileName: basename(file),
          entries,
          variables: jstVariables(catalog.catalog),
          rules: catalog.rules,
        }).catch(explain),
      );
      out(
        `${describe(submission)}; ${submission.values.length} values, ${submission.warnings.length} warnings`,
      );
      for (const w of submission.warnings) out(`  warning: ${w.message.en}`);
    });
  jst
    .command('submissions')
    .description('submissions, newest first')
    .addOption(new Option('--status <status>', 'only these').choices(['submitted', 'accepted', 'rejected']))
    .addOption(formatOption())
    .action(async (options: { status?: 'submitted' | 'accepted' | 'rejected'; format: OutputFormat }) => {
      const { items } = await withDatabase(config(), (db) =>
        listSubmissions(db, { status: options.status, limit: 1000, offset: 0 }),
      );
      out(
        formatRows(
          items.map((s) => ({
            id: s.id,
            unit: s.unitCode,
            author: s.author,
            submitted: s.submittedAt,
            status: s.status,
            values: s.values.length,
            warnings: s.warnings.length,
            reviewer: s.reviewer,
            reason: s.reason,
            release: s.publishedRelease,
          })),
          options.format,
          [
            'id',
            'unit',
            'author',
            'submitted',
            'status',
            'values',
            'warnings',
            'reviewer',
            'reason',
            'release',
          ],
        ),
      );
    });
  jst
    .command('accept <id>')
    .description('accept a submission: its values enter the next release, flagged as supplied by the JST')
    .requiredOption('--as <email>', 'the data steward accepting it')
    .action(async (id: string, options: { as: string }) => {
      const catalog = loadCatalog();
      const submission = await withDatabase(config(), async (db) =>
        acceptSubmission(db, {
          actor: cliActor(),
          reviewer: await person(db, options.as),
          id: positive(id),
          variables: jstVariables(catalog.catalog),
        }).catch(explain),
      );
      out(describe(submission));
    });
  jst
    .command('reject <id>')
    .description('reject a submission with a reason (its author still reads it)')
    .requiredOption('--as <email>', 'the data steward rejecting it')
    .requiredOption('--reason <text>', 'why')
    .action(async (id: string, options: { as: string; reason: string }) => {
      const submission = await withDatabase(config(), async (db) =>
        rejectSubmission(db, {
          actor: cliActor(),
          reviewer: await person(db, options.as),
          id: positive(id),
          reason: options.reason,
        }).catch(explain),
      );
      out(describe(submission));
    });
}
