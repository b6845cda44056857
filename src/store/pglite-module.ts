/**
 * Where PGlite is installed, for code that loads it outside this module graph (pglite-thread.ts's worker,
 * the child processes of pglite-template.ts and pglite-database.ts) and for the template's name. Resolved
 * through require's algorithm, which works the same from the built program, under tsx and under the test
 * runner (import.meta.resolve does not exist under the last). Read once per process.
 */
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';

export interface PgliteModule {
  /** The entry file's path. */
  readonly entry: string;
  /** The entry file's address, for `import()`. */
  readonly url: string;
  /** The installed version (package.json). */
  readonly version: string;
}

let resolved: PgliteModule | null = null;

export function pgliteModule(): PgliteModule {
  if (!resolved) {
    const entry = createRequire(import.meta.url).resolve('@electric-sql/pglite');
    let dir = dirname(entry);
    while (!existsSync(join(dir, 'package.json')) && dirname(dir) !== dir) dir = dirname(dir);
    const { version } = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf-8')) as { version: string };
    resolved = { entry, url: pathToFileURL(entry).href, version };
  }
  return resolved;
}

/**
 * Runs `script` (an ES module's text) in a child Node.js process, given PGlite's address (for `import()`)
 * and then `args` as its arguments (`process.argv.slice(1)`); resolves to whether it exited with 0, and what
 * it wrote to standard error. PGlite's initdb and loads are run this way where their memory (near 1 GB for
 * initdb) should go back when they are done: a child's goes back when it exits.
 */
export function runPgliteChild(
  script: string,
  args: readonly string[],
): Promise<{ ok: boolean; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(
      process.execPath,
      ['--input-type=module', '-e', script, pgliteModule().url, ...args],
      {
        stdio: ['ignore', 'ignore', 'pipe'],
      },
    );
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', (error) => resolve({ ok: false, stderr: String(error) }));
    child.on('exit', (code) => resolve({ ok: code === 0, stderr: stderr.trim() }));
  });
}

/**
 * PostgreSQL settings SMUP starts PGlite with, on top of PGlite's own start parameters
 * (PGlite.defaultStartParams). wal_level=minimal: PGlite runs one single-user backend with neither
 * replication nor archiving, so the WAL only has to serve crash recovery, and rows written into a table
 * created or emptied in the same transaction (the first release's COPY, pipeline/first-release.ts) and the
 * indexes built on it then skip the WAL and are written to their files at commit. Measured on the first
 * start, two A/B runs: its write transaction 12.1 / 9.8 s against 14.8 / 14.1 s. PostgreSQL refuses
 * wal_level=minimal while WAL senders are allowed, hence max_wal_senders=0.
 *
 * shared_buffers=32MB instead of PostgreSQL's 128MB: PGlite's buffers live in its WASM memory, which never
 * shrinks. Measured 1 December (first start, two runs each): resident at ready 886-891 MiB against
 * 1,002-1,019, peak 1,071-1,077 against 1,128-1,134, ready in the same 17.5-17.8 s. The bundled release's
 * tables are read through the operating system's cache either way: uncomputed API answers on PGlite
 * (10 connections, 6 s, two runs each) 412-457 / 334-365 / 277 req/s against 386-474 / 232-300 / 236-287.
 *
 * maintenance_work_mem=16MB instead of 64MB, for the same reason: building the observation table's key
 * and index after the first release's bulk load (store/observation-indexes.ts, 1.8 million rows) sorts in
 * up to this much WASM memory, kept for good after; with less it sorts in runs on disk. Measured
 * 2 December, first start, six runs each: peak resident 653-760 MiB (mean 682) against 696-825 (mean 758),
 * ready in 31.5-36.5 s against 29.9-38.0 s (the key's build 1.6 s against 2.1 s in one pair).
 */
export const PGLITE_SETTINGS: readonly string[] = [
  '-c',
  'wal_level=minimal',
  '-c',
  'max_wal_senders=0',
  '-c',
  'shared_buffers=32MB',
  '-c',
  'maintenance_work_mem=16MB',
];
