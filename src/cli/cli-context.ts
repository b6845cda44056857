import { InvalidArgumentError, Option, type Command } from 'commander';
import { readConfig, type Config } from './config.js';
import { OUTPUT_FORMATS } from './format-output.js';

/** What every command module gets: the settings (environment + global options) and the output. */
export interface CliContext {
  /** Settings from the environment, with the global command-line options (and `overrides`) on top. */
  config(overrides?: NodeJS.ProcessEnv): Config;
  /** Writes a line (or a block ending in a newline) to standard output. */
  out(text: string): void;
}

export function cliContext(program: Command): CliContext {
  return {
    config(overrides = {}) {
      const options = program.opts<{ databaseUrl?: string; dataDir?: string }>();
      return readConfig({
        ...process.env,
        ...(options.databaseUrl ? { DATABASE_URL: options.databaseUrl } : {}),
        ...(options.dataDir ? { SMUP_DATA_DIR: options.dataDir } : {}),
        ...overrides,
      });
    },
    out(text) {
      process.stdout.write(text.endsWith('\n') ? text : `${text}\n`);
    },
  };
}

/** commander argument parser for a yyyy-mm-dd date. */
export function isoDate(value: string): string {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value) || Number.isNaN(Date.parse(value))) {
    throw new InvalidArgumentError('expected a date as yyyy-mm-dd.');
  }
  return value;
}

export const formatOption = (): Option =>
  new Option('--format <format>', 'output format').choices(OUTPUT_FORMATS).default('table');
