/**
 * kill -9 in the middle of an ingest leaves the live release exactly as it was, on PGlite (in a folder) and
 * on PostgreSQL; the next run resumes from the pages already staged and publishes.
 */
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../src/store/open-database.js';
import { observationsIn } from '../src/store/observations-store.js';
import { currentDraft, liveReleaseId } from '../src/store/releases-store.js';
import { createPostgresDatabase } from './databases.js';
import { repoRoot } from './shared-data.js';

const CHILD = ['--import', 'tsx', 'test/fixtures/ingest-child.ts'];

function runToEnd(env: Record<string, string>, mode: string): string {
  const result = spawnSync(process.execPath, [...CHILD, mode], {
    cwd: repoRoot,
    env: { ...process.env, ...env },
    encoding: 'utf-8',
  });
  if (result.status !== 0) throw new Error(`child failed: ${result.stderr}`);
  return result.stdout;
}

/** Starts the slow run and kills it with SIGKILL once three pages are staged. */
function killMidway(env: Record<string, string>): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...CHILD, 'revision', '300'], {
      cwd: repoRoot,
      env: { ...process.env, ...env },
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      if ((output.match(/staged/g) ?? []).length >= 3) child.kill('SIGKILL');
    });
    child.on('exit', (_code, signal) =>
      signal === 'SIGKILL' ? resolve(output) : reject(new Error(`child was not killed: ${output}`)),
    );
  });
}

async function checkAfterKill(config: { databaseUrl?: string; dataDir: string | null }): Promise<void> {
  const db = await openDatabase(config);
  try {
    expect(await liveReleaseId(db)).toBe(1);
    const live = await observationsIn(db, 1, { variableIds: ['test:kill'] });
    expect(live).toHaveLength(2479);
    // Baseline values: last three digits of the 6-digit stem; Kraków 126101 → 101.
    expect(live.find((o) => o.unitCode === '1261011')?.value).toBe(101);
    expect((await currentDraft(db))?.id).toBe(2);
  } finally {
    await db.close();
  }
}

async function scenario(
  env: Record<string, string>,
  config: { databaseUrl?: string; dataDir: string | null },
) {
  expect(runToEnd(env, 'baseline')).toMatch(/published 1/);
  const killed = await killMidway(env);
  expect(killed).not.toMatch(/published/);
  await checkAfterKill(config);
  const resumed = runToEnd(env, 'revision');
  const resumedPages = Number(/resumed (\d+) pages/.exec(resumed)?.[1]);
  expect(resumedPages).toBeGreaterThanOrEqual(3);
  expect((resumed.match(/staged/g) ?? []).length).toBe(10 - resumedPages);
  expect(resumed).toMatch(/published 2/);
  const db = await openDatabase(config);
  try {
    const revised = await observationsIn(db, 2, { variableIds: ['test:kill'], unitCodes: ['1261011'] });
    expect(revised[0]?.value).toBe(102);
  } finally {
    await db.close();
  }
}

describe('kill -9 during an ingest', () => {
  it('on PGlite in a folder', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'smup-kill-'));
    try {
      await scenario({ SMUP_DATA_DIR: dir, DATABASE_URL: '' }, { dataDir: dir });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('on PostgreSQL', async () => {
    const database = await createPostgresDatabase();
    try {
      await scenario({ DATABASE_URL: database.url }, { databaseUrl: database.url, dataDir: null });
    } finally {
      await database.drop();
    }
  });
});
