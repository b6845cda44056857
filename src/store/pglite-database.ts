import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import { TYPE_PARSERS, type Database, type Queryable } from './database.js';
import { acquireDirectoryLock, type DirectoryLock } from './directory-lock.js';
import { openPgliteThread, type PgliteLike } from './pglite-thread.js';
import { PGLITE_SETTINGS, runPgliteChild } from './pglite-module.js';
import { copyTemplateFolder, discardTemplate, initdbTemplate } from './pglite-template.js';

export interface PgliteDatabase extends Database {
  /** The whole data folder as an uncompressed tar (PGlite's `dumpDataDir`), loadable with `loadDataDir`. */
  dump(): Promise<Blob>;
}

/**
 * Embedded PostgreSQL (PGlite, WASM) kept in a folder, or in memory when no folder is given (tests).
 * PGlite serves one connection: a lock file keeps a second process from opening the same folder.
 * A folder's database runs in a worker thread of its own (pglite-thread.ts), so long statements do not
 * stop the server from answering; in memory it runs on the caller's thread unless `thread` says otherwise.
 */
export async function openPglite(
  dataDir: string | null,
  options: {
    /** A data folder dumped by `dumpPglite` to start from (tests copy one built release instead of rebuilding it). */
    readonly loadDataDir?: Blob;
    readonly thread?: boolean;
  } = {},
): Promise<PgliteDatabase> {
  const thread = options.thread ?? dataDir !== null;
  let lock: DirectoryLock | null = null;
  if (dataDir !== null) {
    mkdirSync(dataDir, { recursive: true });
    lock = acquireDirectoryLock(dataDir);
  }
  const pgdata = dataDir === null ? null : `${dataDir}/pgdata`;
  const open = async (loadDataDir: Blob | null): Promise<PgliteLike> => {
    const load = loadDataDir ? { loadDataDir } : {};
    return thread
      ? openPgliteThread(pgdata, load)
      : ((await PGlite.create(pgdata ?? undefined, {
          parsers: TYPE_PARSERS,
          startParams: [...PGlite.defaultStartParams, ...PGLITE_SETTINGS],
          ...load,
        })) as PgliteLike);
  };
  let pg: PgliteLike;
  try {
    pg = options.loadDataDir ? await open(options.loadDataDir) : await openNew(pgdata, open);
  } catch (error) {
    lock?.release();
    throw error;
  }
  const queryable = (target: Pick<PgliteLike, 'query'>): Queryable => ({
    async query<T extends object>(sql: string, params: readonly unknown[] = []) {
      const result = await target.query<T>(sql, params as unknown[]);
      return result.rows;
    },
    async copyFrom(sql: string, data: string | Uint8Array) {
      await target.query(sql, [], { blob: new Blob([data]) });
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

/**
 * Opens `pgdata` (null: in memory); a new database starts from the initdb template (pglite-template.ts): a
 * new folder as a copy of the template folder, else by loading the tar, as an in-memory database does. If
 * the template cannot be made, or fails to load (it is then removed, and the half-loaded folder with it),
 * PGlite's own initdb makes the database, a folder's in a child process. A folder being made is marked
 * (`pgdata.creating`) until it opens: one a kill left half made is made again, not opened broken.
 */
async function openNew(
  pgdata: string | null,
  open: (loadDataDir: Blob | null) => Promise<PgliteLike>,
): Promise<PgliteLike> {
  const creating = pgdata === null ? null : `${pgdata}.creating`;
  if (pgdata !== null && creating !== null) {
    if (existsSync(creating)) rmSync(pgdata, { recursive: true, force: true });
    if (existsSync(`${pgdata}/PG_VERSION`)) return open(null);
    writeFileSync(creating, 'a new database is being made here; removed once it opens\n');
  }
  const opened = await (async () => {
    if (pgdata !== null) {
      try {
        if (await copyTemplateFolder(pgdata)) return await open(null);
      } catch {
        discardTemplate();
      }
      rmSync(pgdata, { recursive: true, force: true });
    }
    const template = await initdbTemplate();
    if (template) {
      try {
        return await open(template);
      } catch {
        discardTemplate();
        if (pgdata !== null) rmSync(pgdata, { recursive: true, force: true });
      }
    }
    if (pgdata !== null) await initdbInChild(pgdata);
    return open(null);
  })();
  if (creating !== null) rmSync(creating, { force: true });
  return opened;
}

/**
 * Creates a new PGlite folder (initdb) in a short-lived child process. PGlite's initdb runs a second
 * database in memory and copies it over: the process peaks near 1 GB and keeps most of it (measured: 876 MB
 * resident after creating a folder, 335 MB after opening an existing one), which the first start would then
 * carry while it loads its data. In a child, that memory is returned when it exits. If the child fails,
 * the folder has no cluster and PGlite.create does the initdb in process. Used only when the initdb
 * template (pglite-template.ts) cannot be made or loaded.
 */
async function initdbInChild(pgdata: string): Promise<void> {
  if (existsSync(`${pgdata}/PG_VERSION`)) return;
  const script =
    'const { PGlite } = await import(process.argv[1]); const pg = await PGlite.create(process.argv[2]); await pg.close();';
  await runPgliteChild(script, [pgdata]);
}
