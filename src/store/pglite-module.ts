/**
 * Where PGlite is installed, for code that loads it outside this module graph (pglite-thread.ts's worker,
 * the child processes of pglite-template.ts and pglite-database.ts) and for the template's name. Resolved
 * through require's algorithm, which works the same from the built program, under tsx and under the test
 * runner (import.meta.resolve does not exist under the last). Read once per process.
 */
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
