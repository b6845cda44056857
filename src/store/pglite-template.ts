/**
 * The empty cluster PGlite's initdb makes, kept as a tar per PGlite version and loaded into every new
 * database (a new data folder, each in-memory database of the tests) instead of running initdb again.
 * initdb took 3.1-3.9 s and peaked at 740-910 MB; loading its result took 0.8-1.4 s and peaked at
 * 400-440 MB (1 December, quiet 2-core machine, one process each). The tar is made once, in a child
 * process so initdb's memory goes back when it exits, under node_modules/.cache/smup (the usual place for a
 * tool's cache; `npm install` makes it through scripts/make-pglite-template.js, and any later need makes it
 * again if it is gone). SMUP_CACHE_DIR puts it elsewhere.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, sep } from 'node:path';
import { pgliteModule } from './pglite-module.js';

/** Where the template of this PGlite version is (or would be) kept: it is only good for that version. */
export function templatePath(): string {
  const { entry, version } = pgliteModule();
  const modules = entry.lastIndexOf(`${sep}node_modules${sep}`);
  const cacheDir =
    process.env.SMUP_CACHE_DIR ||
    (modules >= 0
      ? join(entry.slice(0, modules), 'node_modules', '.cache', 'smup')
      : join(tmpdir(), 'smup-cache'));
  return join(cacheDir, `pglite-${version}-initdb.tar`);
}

// initdb in memory, its data folder dumped as a tar, written under another name and renamed: a reader never
// sees half a file, and two processes making it at once each write a whole one.
const MAKE_SCRIPT = `
const { writeFileSync, renameSync } = await import('node:fs');
const [, module, out] = process.argv;
const { PGlite } = await import(module);
const pg = await PGlite.create();
const tar = await pg.dumpDataDir('none');
await pg.close();
const partial = out + '.' + process.pid + '.partial';
writeFileSync(partial, Buffer.from(await tar.arrayBuffer()));
renameSync(partial, out);
`;

/** Makes the template (a child process); resolves to its path, or null with the reason if it could not. */
export async function makeTemplate(): Promise<{ path: string | null; error?: string }> {
  const path = templatePath();
  try {
    mkdirSync(dirname(path), { recursive: true });
  } catch (error) {
    return { path: null, error: String(error) };
  }
  return new Promise((resolve) => {
    const child = spawn(
      process.execPath,
      ['--input-type=module', '-e', MAKE_SCRIPT, pgliteModule().url, path],
      {
        stdio: ['ignore', 'ignore', 'pipe'],
      },
    );
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', (error) => resolve({ path: null, error: String(error) }));
    child.on('exit', (code) =>
      resolve(code === 0 && existsSync(path) ? { path } : { path: null, error: stderr.trim() }),
    );
  });
}

/**
 * The template's bytes, made first if there is none; null when it cannot be made (a read-only install):
 * the caller then runs initdb as PGlite does by itself. Read from the file each time (tens of
 * milliseconds) rather than kept: a server needs it once, and 40 MB held for nothing is not free.
 */
export async function initdbTemplate(): Promise<Blob | null> {
  const path = templatePath();
  if (!existsSync(path) && (await makeTemplate()).path === null) return null;
  try {
    return new Blob([readFileSync(path)]);
  } catch {
    return null; // removed meanwhile (another process found it broken): initdb instead
  }
}

/** A template that failed to load is removed, so the next need makes it again. */
export function discardTemplate(): void {
  rmSync(templatePath(), { force: true });
}
