/**
 * Run-wide set-up: a folder (and a name prefix for PostgreSQL template databases) where test/release-cache.ts
 * keeps each release built during this run, so the suites that need the same release build it once. Removed,
 * with the templates, when the run ends.
 */
import { mkdtempSync, rmSync } from 'node:fs';
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
