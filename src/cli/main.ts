/**
 * The `smup` command line. Settings come from the environment (PORT, HOST, SMUP_DATA_DIR, DATABASE_URL,
 * SMUP_LOG_LEVEL; see README); each command says what it did, and fails with a message that says why.
 * Each command group lives in commands/; command-modules.ts says which module holds which command.
 */
import { Command } from 'commander';
import { cliContext } from './cli-context.js';
import { modulesFor } from './command-modules.js';
import { VERSION } from './context.js';
import { endWhenFinished } from './exit-guard.js';

/** How long a finished command's process may stay open before it is ended (exit-guard.ts). */
const EXIT_GRACE_MS = 10_000;

const program = new Command('smup')
  .description('SMUP — System Monitorowania Usług Publicznych: public services of Polish local governments')
  .version(VERSION)
  .showHelpAfterError()
  .option(
    '--database-url <url>',
    'PostgreSQL server to use (default: env DATABASE_URL, else embedded PGlite)',
  )
  .option('--data-dir <dir>', 'folder of the embedded database (default: env SMUP_DATA_DIR or ./.smup)');

const context = cliContext(program);
// Only the module of the command asked for (command-modules.ts): the others would cost seconds to load.
for (const entry of modulesFor(process.argv.slice(2))) (await entry.load())(program, context);

program
  .parseAsync(process.argv)
  .catch((error: unknown) => {
    process.stderr.write(`smup: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  })
  // `serve` never gets here while it serves (its action lasts as long as the server).
  .finally(() => endWhenFinished(EXIT_GRACE_MS));
