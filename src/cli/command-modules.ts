/**
 * Which module holds each top-level command, so `smup <command>` loads only that module: loading all of
 * them (the server and the report renderers among them) cost every command about 1.5 s on a quiet machine
 * and 4 s on a busy one before it did anything, `smup --version` included. Without a known command (help,
 * a typo, no arguments) every module is loaded, so help lists all commands and commander suggests the
 * nearest name. command-modules.test.ts checks the names against what each module registers.
 */
import type { Command } from 'commander';
import type { CliContext } from './cli-context.js';

type Register = (program: Command, context: CliContext) => void;

export interface CommandModule {
  /** The top-level commands the module registers. */
  readonly names: readonly string[];
  readonly load: () => Promise<Register>;
}

/** In the order help lists them. */
export const COMMAND_MODULES: readonly CommandModule[] = [
  { names: ['serve'], load: async () => (await import('./commands/serve.js')).registerServeCommand },
  { names: ['db'], load: async () => (await import('./commands/db.js')).registerDbCommands },
  { names: ['units'], load: async () => (await import('./commands/units.js')).registerUnitsCommands },
  {
    names: ['publish', 'releases'],
    load: async () => (await import('./commands/releases.js')).registerReleasesCommands,
  },
  { names: ['bdl'], load: async () => (await import('./commands/bdl.js')).registerBdlCommands },
  { names: ['ingest'], load: async () => (await import('./commands/ingest.js')).registerIngestCommands },
  { names: ['compute'], load: async () => (await import('./commands/compute.js')).registerComputeCommand },
  { names: ['sync'], load: async () => (await import('./commands/sync.js')).registerSyncCommand },
  { names: ['data'], load: async () => (await import('./commands/data.js')).registerDataCommands },
  { names: ['catalog'], load: async () => (await import('./commands/catalog.js')).registerCatalogCommands },
  { names: ['report'], load: async () => (await import('./commands/report.js')).registerReportCommand },
  {
    names: ['report-worker'],
    load: async () => (await import('./commands/report-batch.js')).registerReportWorkerCommand,
  },
  { names: ['users'], load: async () => (await import('./commands/users.js')).registerUsersCommands },
  { names: ['jst'], load: async () => (await import('./commands/jst.js')).registerJstCommands },
];

/** The program's options that take a value: their value is not the command's name. */
const GLOBAL_OPTIONS_WITH_VALUE = new Set(['--database-url', '--data-dir']);

/** The command named on the command line (the first argument that is neither an option nor its value). */
export function commandName(args: readonly string[]): string | null {
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] as string;
    if (GLOBAL_OPTIONS_WITH_VALUE.has(arg)) i++;
    else if (!arg.startsWith('-')) return arg;
  }
  return null;
}

/**
 * The modules to load for these arguments: the one holding the command named; none for the version alone
 * (commander answers it before any command); else all of them.
 */
export function modulesFor(args: readonly string[]): readonly CommandModule[] {
  const name = commandName(args);
  if (name === null && args.some((a) => a === '-V' || a === '--version')) return [];
  const named = COMMAND_MODULES.filter((m) => name !== null && m.names.includes(name));
  return named.length > 0 ? named : COMMAND_MODULES;
}
