/**
 * The `smup` command line. Settings come from the environment (PORT, HOST, SMUP_DATA_DIR, DATABASE_URL,
 * SMUP_LOG_LEVEL; see README); each command says what it did, and fails with a message that says why.
 * Each command group lives in commands/ and registers itself here.
 */
import { Command } from 'commander';
import { cliContext } from './cli-context.js';
import { registerBdlCommands } from './commands/bdl.js';
import { registerCatalogCommands } from './commands/catalog.js';
import { registerDataCommands } from './commands/data.js';
import { registerDbCommands } from './commands/db.js';
import { registerIngestCommands } from './commands/ingest.js';
import { registerComputeCommand } from './commands/compute.js';
import { registerReleasesCommands } from './commands/releases.js';
import { registerServeCommand } from './commands/serve.js';
import { registerUnitsCommands } from './commands/units.js';
import { registerReportCommand } from './commands/report.js';
import { registerReportWorkerCommand } from './commands/report-batch.js';
import { registerUsersCommands } from './commands/users.js';
import { registerSyncCommand } from './commands/sync.js';
import { registerJstCommands } from './commands/jst.js';
import { VERSION } from './context.js';

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
registerServeCommand(program, context);
registerDbCommands(program, context);
registerUnitsCommands(program, context);
registerReleasesCommands(program, context);
registerBdlCommands(program, context);
registerIngestCommands(program, context);
registerComputeCommand(program, context);
registerSyncCommand(program, context);
registerDataCommands(program, context);
registerCatalogCommands(program, context);
registerReportCommand(program, context);
registerReportWorkerCommand(program, context);
registerUsersCommands(program, context);
registerJstCommands(program, context);

program.parseAsync(process.argv).catch((error: unknown) => {
  process.stderr.write(`smup: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
});
