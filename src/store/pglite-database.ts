import { mkdirSync } from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import { TYPE_PARSERS, type Database, type Queryable } from './database.js';
import { acquireDirectoryLock, type DirectoryLock } from './directory-lock.js';

export interface PgliteDatabase extends Database {
  /** The whole data folder as an uncompressed tar (PGlite's `dumpDataDir`), loadable with `loadDataDir`. */
  dump(): Promise<Blob>;
}

/**
 * Embedded PostgreSQL (PGlite, WASM) kept in a folder, or in memory when no folder is given (tests).
 * PGlite serves one connection: a lock file keeps a second process from opening the same folder.
 */
export async function openPglite(
  dataDir: string | null,
  /** A data folder dumped by `dumpPglite` to start from (tests copy one built release instead of rebuilding it). */
  options: { readonly loadDataDir?: Blob } = {},
): Promise<PgliteDatabase> {
  let lock: DirectoryLock | null = null;
  if (dataDir !== null) {
    mkdirSync(dataDir, { recursive: true });
    lock = acquireDirectoryLock(dataDir);
  }
  let pg: PGlite;
  try {
    pg = await PGlite.create(dataDir === null ? undefined : `${dataDir}/pgdata`, {
      parsers: TYPE_PARSERS,
      ...(options.loadDataDir ? { loadDataDir: options.loadDataDir } : {}),
    });
  } catch (error) {
    lock?.release();
    throw error;
  }
  const queryable = (target: Pick<PGlite, 'query'>): Queryable => ({
    async query<T extends object>(sql: string, params: readonly unknown[] = []) {
      const result = await target.query<T>(sql, params as unknown[]);
      return result.rows;
    },
  });
  return {
    kind: 'pglite',
    location: dataDir === null ? 'memory' : `${dataDir}/pgdata`,
    ...queryable(pg),
    transaction: (fn) => pg.transaction((tx) => fn(queryable(tx))),
    exec: async (sql) => {
      await pg.exec(sql);
    },
    dump: async () => pg.dumpDataDir('none'),
    close: async () => {
      try {
        await pg.close();
      } finally {
        lock?.release();
      }
    },
  };
}
