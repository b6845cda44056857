import type { Command } from 'commander';
import { migrate } from '../../store/migrate.js';
import type { CliContext } from '../cli-context.js';
import { withDatabase } from '../context.js';

export function registerDbCommands(program: Command, { config, out }: CliContext): void {
  const db = program.command('db').description('database maintenance');
  db.command('migrate')
    .description('create or update the database schema')
    .action(async () => {
      const applied = await withDatabase(config(), (database) => migrate(database), { prepare: false });
      out(applied.length > 0 ? `applied migrations: ${applied.join(', ')}` : 'the schema is up to date');
    });
}
