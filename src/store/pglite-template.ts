/**
 * The empty cluster PGlite's initdb makes, kept per PGlite version as a tar, loaded into each in-memory
 * database (the tests), and as a data folder made from that tar and shut down cleanly, copied into every
 * new data folder; either instead of running initdb again. initdb took 3.1-3.9 s and peaked at 740-910 MB;
 * loading its result took 0.8-1.4 s and peaked at 400-440 MB (1 December, quiet 2-core machine, one
 * process each). Both are made once, in child processes so their memory goes back when they exit, under
 * node_modules/.cache/smup (the usual place for a tool's cache; `npm install` makes them through
 * scripts/make-pglite-template.js, and any later need makes them again if they are gone). SMUP_CACHE_DIR
 * puts them elsewhere.
 *
 * Why a folder to copy: loading the tar into a new folder through PGlite's loadDataDir grew PGlite's WASM
 * memory for good. Measured 1 December (tsx, open a new folder and SELECT 1): resident 463-515 MiB after
 * loading the tar, 282-283 MiB after copying the folder; first start (bench:first-start, same hour, two
 * runs each) peak 913 / 995 MiB against 1,110 / 1,044. An earlier try unpacked the tar onto disk in
 * process (node-tar) and aborted inside PGlite in about 4 of 100 new folders, cause not found; the folder
 * copied here is one PGlite itself wrote and closed, and 120 of 120 new folders opened and took an ingest
 * (test/fixtures/ingest-child.ts, two at a time).
 */
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join, sep } from 'node:path';
import { isRunning } from './directory-lock.js';
import { pgliteModule, runPgliteChild } from './pglite-module.js';

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

/**
 * Removes what a maker that did not finish left of `path` (`<path>.<pid>.partial`, a 40 MB file or a
 * folder): a child killed mid-way (an interrupted `npm install`) never renames it, and nothing else would
 * remove it. A partial whose process still runs is another maker's, at work, and is left alone.
 */
export function removeStalePartials(path: string): void {
  const prefix = `${basename(path)}.`;
  let names: string[];
  try {
    names = readdirSync(dirname(path));
  } catch {
    return; // no cache folder yet: nothing left behind
  }
  for (const name of names) {
    const pid = /^(\d+)\.partial$/.exec(name.slice(prefix.length))?.[1];
    if (!name.startsWith(prefix) || pid === undefined || isRunning(Number(pid))) continue;
    rmSync(join(dirname(path), name), { recursive: true, force: true });
  }
}

/** Makes the template (a child process); resolves to its path, or null with the reason if it could not. */
export async function makeTemplate(): Promise<{ path: string | null; error?: string }> {
  const path = templatePath();
  try {
    mkdirSync(dirname(path), { recursive: true });
  } catch (error) {
    return { path: null, error: String(error) };
  }
  removeStalePartials(path);
  const run = await runPgliteChild(MAKE_SCRIPT, [path]);
  return run.ok && existsSync(path) ? { path } : { path: null, error: run.stderr };
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

/** Where the template as a data folder is (or would be) kept, next to the tar it is made from. */
export function templateFolderPath(): string {
  return templatePath().replace(/\.tar$/, '');
}

// The tar loaded into a data folder by PGlite, which is then closed: a cluster shut down cleanly, as a
// server leaves its folder. Made under another name and renamed, as the tar is; when two processes make it
// at once, the second rename fails on the first one's folder, and its own is removed.
const MAKE_FOLDER_SCRIPT = `
const { readFileSync, renameSync, rmSync, existsSync } = await import('node:fs');
const [, module, tar, out] = process.argv;
const { PGlite } = await import(module);
const partial = out + '.' + process.pid + '.partial';
const pg = await PGlite.create(partial, { loadDataDir: new Blob([readFileSync(tar)]) });
await pg.query('SELECT 1');
await pg.close();
try {
  renameSync(partial, out);
} catch (error) {
  rmSync(partial, { recursive: true, force: true });
  if (!existsSync(out)) throw error;
}
`;

/**
 * Makes the template folder from the tar (made first if there is none), in a child process; resolves to
 * its path, or null with the reason if it could not.
 */
export async function makeTemplateFolder(): Promise<{ path: string | null; error?: string }> {
  const tar = templatePath();
  if (!existsSync(tar)) {
    const made = await makeTemplate();
    if (made.path === null) return made;
  }
  const path = templateFolderPath();
  removeStalePartials(path);
  const run = await runPgliteChild(MAKE_FOLDER_SCRIPT, [tar, path]);
  return run.ok && existsSync(`${path}/PG_VERSION`) ? { path } : { path: null, error: run.stderr };
}

/**
 * Gives a new data folder (`pgdata`, which must hold no cluster) a copy of the template folder, made first
 * if there is none; false when it cannot be made. The folder then opens as an existing cluster (why a copy
 * and not loadDataDir: the header). cpSync copies file to file, not through the JavaScript heap.
 */
export async function copyTemplateFolder(pgdata: string): Promise<boolean> {
  const path = templateFolderPath();
  if (!existsSync(`${path}/PG_VERSION`) && (await makeTemplateFolder()).path === null) return false;
  try {
    cpSync(path, pgdata, { recursive: true });
  } catch {
    return false; // removed meanwhile (another process found it broken): the caller loads the tar instead
  }
  return true;
}

/** A template that failed to load is removed, tar and folder, so the next need makes it again. */
export function discardTemplate(): void {
  rmSync(templatePath(), { force: true });
  rmSync(templateFolderPath(), { recursive: true, force: true });
}
