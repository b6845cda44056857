/**
 * The built program, as `npm start` and the `smup` command run it (bin/smup.js over dist/), for the suites
 * that start SMUP as another process. Spawning it rather than the TypeScript through tsx saved 2-3 s of
 * compiling per process on a busy machine (dozens of processes a run). global-setup.ts rebuilds dist/ first
 * when a source is newer than it (ensureFreshBuild), so a run never tests stale code.
 */
import { execFileSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from './shared-data.js';

/** `node` arguments that run `smup …args` from the build. */
export function smupArgv(...args: readonly string[]): string[] {
  return [join(repoRoot, 'bin', 'smup.js'), ...args];
}

/** Each built tree with the sources it is built from (package.json's build script). */
const BUILDS = [
  { output: 'dist/cli/main.js', sources: ['src', 'tsconfig.json', 'tsconfig.build.json', 'package.json'] },
  { output: 'dist/client', sources: ['web/client', 'tsconfig.client.json'] },
] as const;

function newestChange(path: string): number {
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = 0;
  for (const entry of readdirSync(path, { withFileTypes: true, recursive: true })) {
    // Tests are not built (tsconfig.build.json excludes them).
    if (entry.isDirectory() || entry.name.endsWith('.test.ts')) continue;
    newest = Math.max(newest, statSync(join(entry.parentPath, entry.name)).mtimeMs);
  }
  return newest;
}

function builtAt(output: string): number {
  try {
    return newestChange(join(repoRoot, output));
  } catch {
    return 0; // not built
  }
}

/** The outputs older than one of their sources; empty when dist/ is up to date. */
export function staleBuilds(): string[] {
  return BUILDS.filter(
    ({ output, sources }) =>
      Math.max(...sources.map((s) => newestChange(join(repoRoot, s)))) > builtAt(output),
  ).map((b) => b.output);
}

/** Runs `npm run build` when dist/ is older than its sources (a no-op after `npm ci`, whose prepare script builds). */
export function ensureFreshBuild(): void {
  const stale = staleBuilds();
  if (stale.length === 0) return;
  process.stderr.write(`rebuilding dist/ (older than its sources: ${stale.join(', ')})\n`);
  execFileSync('npm', ['run', 'build', '--silent'], { cwd: repoRoot, stdio: 'inherit' });
}
