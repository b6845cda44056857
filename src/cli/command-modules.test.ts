import { Command } from 'commander';
import { describe, expect, it } from 'vitest';
import { cliContext } from './cli-context.js';
import { COMMAND_MODULES, commandName, modulesFor } from './command-modules.js';

const topLevelNames = (program: Command) => program.commands.map((c) => c.name());

describe('the command table', () => {
  it('names exactly the top-level commands each module registers', async () => {
    for (const entry of COMMAND_MODULES) {
      const program = new Command('smup');
      (await entry.load())(program, cliContext(program));
      expect(topLevelNames(program), entry.names.join(', ')).toEqual(entry.names);
    }
  });

  it('has no name twice', () => {
    const names = COMMAND_MODULES.flatMap((m) => m.names);
    expect(new Set(names).size).toBe(names.length);
  });
});

describe('commandName', () => {
  it('skips options and the values of the global options', () => {
    expect(commandName(['units', 'list'])).toBe('units');
    expect(commandName(['--data-dir', 'units', 'units', 'list'])).toBe('units');
    expect(commandName(['--database-url', 'postgres://x/serve', 'db', 'migrate'])).toBe('db');
    expect(commandName(['--data-dir=/tmp/x', 'publish'])).toBe('publish');
    expect(commandName(['--help'])).toBeNull();
    expect(commandName([])).toBeNull();
  });
});

describe('modulesFor', () => {
  it('loads the one module of a known command', () => {
    expect(modulesFor(['ingest', 'table', 'x.csv']).map((m) => m.names)).toEqual([['ingest']]);
    expect(modulesFor(['publish']).map((m) => m.names)).toEqual([['publish', 'releases']]);
  });

  it('loads every module for help, a typo or no command, and none for the version', () => {
    expect(modulesFor([])).toBe(COMMAND_MODULES);
    expect(modulesFor(['help', 'units'])).toBe(COMMAND_MODULES);
    expect(modulesFor(['unitz'])).toBe(COMMAND_MODULES);
    expect(modulesFor(['--version'])).toEqual([]);
  });
});
