/**
 * One build per distinct database a test run asks for. The first suite that needs a given release builds it and
 * leaves a copy — a PGlite data folder, or a PostgreSQL template database — and every later suite starts from a
 * copy of its own (so suites still cannot see each other's writes). Vitest runs suites in separate worker
 * processes, so the hand-over goes through files in a folder that test/global-setup.ts makes for the run and
 * removes after it; a lock file makes sure only one worker builds while the others wait. Each build leaves a
 * record of what it built and how long it took, which the set-up prints when the run ends (what CI time goes
 * to builds).
 */
import { createHash, randomBytes } from 'node:crypto';
import { closeSync, cpSync, existsSync, openSync, rmSync, writeFileSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import { inject } from 'vitest';
import { openPglite } from '../src/store/pglite-database.js';
import { openPostgres } from '../src/store/postgres-database.js';
import {
  adminQuery,
  databaseUrl,
  openPgliteFolder,
  openTestDatabase,
  type DatabaseKind,
  type TestDatabase,
} from './databases.js';

declare module 'vitest' {
  export interface ProvidedContext {
    /** Set by test/global-setup.ts: the run's cache folder and the prefix of its template databases. */
    releaseCache: { readonly dir: string; readonly templatePrefix: string };
  }
}

/**
 * How long a suite waits for another worker's build before it gives up with a message saying so. Below the
 * hook limit of the suites (test/real-release.ts's RELEASE_HOOK_MS is this plus room to copy the release),
 * so that message is what a run shows, not a bare hook timeout. Builds take under 3 minutes on a slow machine.
 */
export const WAIT_LIMIT_MS = 8 * 60_000;

export async function openCachedDatabase(
  kind: DatabaseKind,
  /** Everything the built content depends on, e.g. the files ingested and the indicators computed. */
  key: string,
  build: (test: TestDatabase) => Promise<void>,
): Promise<TestDatabase> {
  const cache = inject('releaseCache');
  if (!cache) {
    // Outside a configured run (no global set-up): build as before.
    const test = await openTestDatabase(kind);
    await build(test);
    return test;
  }
  const id = createHash('sha256').update(key).digest('hex').slice(0, 16);
  const base = `${cache.dir}/${kind}-${id}`;
  const template = `${cache.templatePrefix}${id}`;
  const started = Date.now();
  for (;;) {
    if (existsSync(`${base}.ready`))
      return kind === 'pglite' ? loadPglite(base) : openTestDatabase(kind, template);
    const lock = tryLock(`${base}.lock`);
    if (lock) {
      const buildStarted = performance.now();
      const record = (): void =>
        writeFileSync(
          `${base}.build.json`,
          JSON.stringify({ kind, key, seconds: (performance.now() - buildStarted) / 1000 }),
        );
      try {
        if (kind === 'pglite') {
          const built = await buildPglite(base, build);
          record();
          return built;
        }
        await buildPostgresTemplate(template, build);
        writeFileSync(`${base}.ready`, template);
        record();
      } finally {
        rmSync(`${base}.lock`, { force: true });
      }
      return openTestDatabase(kind, template);
    }
    if (Date.now() - started > WAIT_LIMIT_MS) {
      throw new Error(`waited ${WAIT_LIMIT_MS / 1000} s for another worker to build ${base}; giving up`);
    }
    await sleep(250);
  }
}

function tryLock(path: string): boolean {
  try {
    closeSync(openSync(path, 'wx'));
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  }
}

/**
 * Builds the release in a PGlite data folder, which the suites then copy. In memory (PGlite's memory file
 * system) the same build's write took 102 s against 3 s in a folder: its files grow by copying. A folder is
 * also what `npm start` and the CLI run on.
 */
async function buildPglite(
  base: string,
  build: (test: TestDatabase) => Promise<void>,
): Promise<TestDatabase> {
  const folder = `${base}.pglite`;
  rmSync(folder, { recursive: true, force: true });
  const db = await openPglite(folder);
  try {
    await build({ db, url: null, drop: () => db.close() });
  } catch (error) {
    await db.close();
    rmSync(folder, { recursive: true, force: true });
    throw error;
  }
  await db.close();
  writeFileSync(`${base}.ready`, folder);
  return loadPglite(base);
}

/** A copy of the built folder for one suite, removed when it is dropped (and with the run's folder). */
async function loadPglite(base: string): Promise<TestDatabase> {
  const copy = `${base}.copy-${process.pid}-${randomBytes(4).toString('hex')}`;
  cpSync(`${base}.pglite`, copy, { recursive: true });
  return openPgliteFolder(copy);
}

async function buildPostgresTemplate(
  name: string,
  build: (test: TestDatabase) => Promise<void>,
): Promise<void> {
  await adminQuery(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  await adminQuery(`CREATE DATABASE ${name}`);
  const db = await openPostgres(databaseUrl(name), { maxConnections: 4 });
  try {
    await build({ db, url: databaseUrl(name), drop: () => db.close() });
  } catch (error) {
    await db.close();
    await adminQuery(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    throw error;
  }
  // A template must have no open connection while it is copied.
  await db.close();
}
