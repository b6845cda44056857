import { readFileSync } from 'node:fs';
import type { Database } from '../store/database.js';
import { ensureUnitsRegister } from '../pipeline/bundled-register.js';
import { migrate } from '../store/migrate.js';
import { openDatabase } from '../store/open-database.js';
import type { Config } from './config.js';

/** The version in package.json (src/cli and dist/cli are both two folders below it). */
export const VERSION: string = (
  JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf-8')) as { version: string }
).version;

/**
 * Opens the configured database, by default with the schema up to date and a units register in it (the
 * bundled one on first use, as `smup serve` does), runs `fn`, and always closes the database.
 */
export async function withDatabase<T>(
  config: Config,
  fn: (db: Database) => Promise<T>,
  {
    prepare = true,
  }: { /** false: open the database as it is (for `smup db migrate`). */ prepare?: boolean } = {},
): Promise<T> {
  const db = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  try {
    if (prepare) {
      await migrate(db);
      await ensureUnitsRegister(db);
    }
    return await fn(db);
  } finally {
    await db.close();
  }
}
