/**
 * `smup users add` bootstraps accounts, the first administrator above all (issue 18). The password never
 * comes from an argument (it would land in the shell's history and in `ps`): it is read from SMUP_PASSWORD
 * when set, else from standard input when that is not a terminal (`… < file`, a pipe), else asked for on
 * the terminal twice, without echo.
 */
import { userInfo } from 'node:os';
import { createInterface } from 'node:readline';
import { Writable } from 'node:stream';
import type { Command } from 'commander';
import { createUser, type Actor } from '../../accounts/accounts.js';
import { ROLES } from '../../domain/accounts/roles.js';
import { listUsers } from '../../store/users-store.js';
import { formatOption, type CliContext } from '../cli-context.js';
import { withDatabase } from '../context.js';
import { formatRows, type OutputFormat } from '../format-output.js';

/** Who acts from the command line, for the audit log: the operating-system login. */
function cliActor(): Actor {
  let login = 'unknown';
  try {
    login = userInfo().username;
  } catch {
    // No passwd entry (some containers): the audit record still says it came from the command line.
  }
  return { actorId: null, actor: `cli:${login}` };
}

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf-8');
}

/** Asks on the terminal without showing what is typed. */
function askHidden(question: string): Promise<string> {
  const muted = new Writable({ write: (_chunk, _encoding, done) => done() });
  const rl = createInterface({ input: process.stdin, output: muted, terminal: true });
  process.stderr.write(question);
  return new Promise((resolve) => {
    rl.question('', (answer) => {
      rl.close();
      process.stderr.write('\n');
      resolve(answer);
    });
  });
}

export async function readPassword(env: NodeJS.ProcessEnv = process.env): Promise<string> {
  if (env.SMUP_PASSWORD !== undefined && env.SMUP_PASSWORD !== '') return env.SMUP_PASSWORD;
  if (!process.stdin.isTTY) {
    const text = await readStdin();
    const first = text.split(/\r?\n/, 1)[0] ?? '';
    if (first === '') throw new Error('no password on standard input (the first line is empty)');
    return first;
  }
  const password = await askHidden('Password: ');
  const again = await askHidden('Password again: ');
  if (password !== again) throw new Error('the two passwords differ');
  return password;
}

function units(value: string): string[] {
  return value
    .split(',')
    .map((code) => code.trim())
    .filter((code) => code !== '');
}

export function registerUsersCommands(program: Command, { config, out }: CliContext): void {
  const users = program.command('users').description('accounts (issue 18)');
  users
    .command('add')
    .description(
      'add an account; the password comes from SMUP_PASSWORD, else from standard input, else a prompt',
    )
    .requiredOption('--email <email>', 'e-mail address (the login)')
    .requiredOption('--role <role>', `one of: ${ROLES.join(', ')}`)
    .option('--name <name>', 'display name (default: the part of the e-mail before @)')
    .option('--units <codes>', 'TERYT codes a jst_editor is bound to, comma-separated', units, [] as string[])
    .action(async (options: { email: string; role: string; name?: string; units: string[] }) => {
      const password = await readPassword();
      const user = await withDatabase(config(), (db) =>
        createUser(
          db,
          {
            email: options.email,
            displayName: options.name ?? options.email.split('@')[0] ?? options.email,
            role: options.role,
            units: options.units,
            password,
          },
          cliActor(),
        ),
      );
      out(
        `added user ${user.id}: ${user.email} (${user.role}${user.units.length > 0 ? `, units ${user.units.join(', ')}` : ''})`,
      );
    });
  users
    .command('list')
    .description('list accounts')
    .addOption(formatOption())
    .action(async (options: { format: OutputFormat }) => {
      const { items } = await withDatabase(config(), (db) => listUsers(db, { limit: 10_000, offset: 0 }));
      out(
        formatRows(
          items.map((u) => ({
            id: u.id,
            email: u.email,
            name: u.displayName,
            role: u.role,
            units: u.units.join(','),
            status: u.status,
          })),
          options.format,
        ),
      );
    });
}
