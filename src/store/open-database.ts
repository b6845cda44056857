import type { Database } from './database.js';
import { openPglite } from './pglite-database.js';
import { openPostgres } from './postgres-database.js';

export interface DatabaseConfig {
  /** postgres://… to use a PostgreSQL server; absent to use embedded PGlite. */
  readonly databaseUrl?: string | undefined;
  /** Folder of the embedded database; null keeps it in memory (tests). */
  readonly dataDir: string | null;
}

/** DATABASE_URL set → that PostgreSQL server; otherwise PGlite in SMUP_DATA_DIR (ARCHITECTURE.md, stack). */
export function openDatabase(config: DatabaseConfig): Promise<Database> {
  if (config.databaseUrl) {
    if (!/^postgres(ql)?:\/\//.test(config.databaseUrl)) {
      throw new Error('DATABASE_URL must start with postgres:// or postgresql://');
    }
    return openPostgres(config.databaseUrl);
  }
  return openPglite(config.dataDir);
}
