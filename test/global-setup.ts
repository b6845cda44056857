/**
 * Run-wide set-up: a folder (and a name prefix for PostgreSQL template databases) where test/release-cache.ts
 * keeps each release built during this run, so the suites that need the same release build it once. Removed,
 * with the templates, when the run ends.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { ensureFreshBuild } from './built-program.js';
import { POSTGRES_ADMIN_URL } from './databases.js';

export default function setup(project: TestProject): () => Promise<void> {
  // Suites spawn the built program (built-program.ts): never an older build than the sources.
  ensureFreshBuild();
  const dir = mkdtempSync(`${tmpdir()}/smup-test-releases-`);
  const templatePrefix = `smup_tpl_${randomBytes(4).toString('hex')}_`;
  project.provide('releaseCache', { dir, templatePrefix });
  return async () => {
    printBuilds(dir);
    rmSync(dir, { recursive: true, force: true });
    const admin = new pg.Client({ connectionString: POSTGRES_ADMIN_URL });
    try {
      await admin.connect();
      const rows = await admin.query<{ datname: string }>(
        'SELECT datname FROM pg_database WHERE starts_with(datname, $1)',
        [templatePrefix],
      );
      for (const { datname } of rows.rows)
        await admin.query(`DROP DATABASE IF EXISTS ${datname} WITH (FORCE)`);
    } catch {
      // No PostgreSQL server in this run (e.g. unit tests only): nothing was made there.
    } finally {
      await admin.end().catch(() => undefined);
    }
  };
}

/** One line per release built in this run (test/release-cache.ts), longest first, to stderr. */
function printBuilds(dir: string): void {
  const builds = readdirSync(dir)
    .filter((name) => name.endsWith('.build.json'))
    .map(
      (name) =>
        JSON.parse(readFileSync(`${dir}/${name}`, 'utf-8')) as { kind: string; key: string; seconds: number },
    )
    .sort((a, b) => b.seconds - a.seconds);
  if (builds.length === 0) return;
  const total = builds.reduce((sum, b) => sum + b.seconds, 0);
  const lines = builds.map((b) => `  ${b.seconds.toFixed(1).padStart(6)} s  ${b.kind.padEnd(8)} ${b.key}`);
  process.stderr.write(
    `release builds shared by the suites: ${builds.length}, ${total.toFixed(0)} s in all\n${lines.join('\n')}\n`,
  );
}
