/**
 * kill -9 in the middle of an ingest leaves the live release exactly as it was, on PGlite (in a folder) and
 * on PostgreSQL; the next run resumes from the pages already staged and publishes. kill -9 during a publish
 * leaves either the old release live or the new one, whole, never a mix, and the database opens again.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../src/store/open-database.js';
import { observationsIn } from '../src/store/observations-store.js';
import { currentDraft, liveReleaseId } from '../src/store/releases-store.js';
import { createPostgresDatabase } from './databases.js';
import { runChild } from './run-child.js';
import { repoRoot } from './shared-data.js';

const CHILD = ['--import', 'tsx', 'test/fixtures/ingest-child.ts'];

async function runToEnd(env: Record<string, string>, mode: string): Promise<string> {
  const result = await runChild(process.execPath, [...CHILD, mode], {
    cwd: repoRoot,
    env: { ...process.env, ...env },
  });
  if (result.status !== 0) throw new Error(`child failed: ${result.stderr}`);
  return result.stdout;
}

/** Starts a child in `mode` and kills it with SIGKILL as soon as its output satisfies `when`. */
function killWhen(
  env: Record<string, string>,
  args: readonly string[],
  when: (output: string) => boolean,
): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...CHILD, ...args], {
      cwd: repoRoot,
      env: { ...process.env, ...env },
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      if (when(output)) child.kill('SIGKILL');
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
  expect(await runToEnd(env, 'baseline')).toMatch(/published 1/);
  // The slow run, killed once three pages are staged.
  const killed = await killWhen(env, ['revision', '300'], (out) => (out.match(/staged/g) ?? []).length >= 3);
  expect(killed).not.toMatch(/published/);
  await checkAfterKill(config);
  const resumed = await runToEnd(env, 'revision');
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

// Each PGlite scenario runs four or five child processes that each open a folder (initdb, the register):
// ~40 s on a quiet machine, so more than the default minute on a busy one.
const PGLITE_SCENARIO_MS = 240_000;
// Three or four processes on the server: 3-4 s on a quiet machine, the rest is room for a busy one.
const POSTGRES_SCENARIO_MS = 120_000;

type Scenario = (
  env: Record<string, string>,
  config: { databaseUrl?: string; dataDir: string | null },
) => Promise<void>;

/** The scenario on PGlite in a folder of its own and on a PostgreSQL database of its own. */
function onBothDatabases(scenario: Scenario): void {
  it(
    'on PGlite in a folder',
    async () => {
      const dir = mkdtempSync(join(tmpdir(), 'smup-kill-'));
      try {
        await scenario({ SMUP_DATA_DIR: dir, DATABASE_URL: '' }, { dataDir: dir });
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
    PGLITE_SCENARIO_MS,
  );

  it(
    'on PostgreSQL',
    async () => {
      const database = await createPostgresDatabase();
      try {
        await scenario({ DATABASE_URL: database.url }, { databaseUrl: database.url, dataDir: null });
      } finally {
        await database.drop();
      }
    },
    POSTGRES_SCENARIO_MS,
  );
}

describe('kill -9 during an ingest', () => onBothDatabases(scenario));

/** The live release and its values after a kill during publish: release 1 with baseline values, or 2, whole. */
async function checkAfterPublishKill(config: {
  databaseUrl?: string;
  dataDir: string | null;
}): Promise<number> {
  const db = await openDatabase(config);
  try {
    const live = await liveReleaseId(db);
    expect([1, 2]).toContain(live);
    const values = await observationsIn(db, live as number, { variableIds: ['test:kill'] });
    expect(values).toHaveLength(2479);
    // Every value of the live release belongs to that release: baseline (Kraków 101) or revision (102).
    const expected = live === 1 ? 0 : 1;
    expect(values.every((o) => o.value === (Number(o.unitCode.slice(0, 6)) % 1000) + expected)).toBe(true);
    return live as number;
  } finally {
    await db.close();
  }
}

async function publishScenario(
  env: Record<string, string>,
  config: { databaseUrl?: string; dataDir: string | null },
) {
  expect(await runToEnd(env, 'baseline')).toMatch(/published 1/);
  expect(await runToEnd(env, 'stage')).not.toMatch(/published/);
  // Killed the moment the publish transaction starts (the diff of 2,479 values is still running then).
  await killWhen(env, ['publish'], (out) => out.includes('publishing'));
  const live = await checkAfterPublishKill(config);
  if (live === 1) expect(await runToEnd(env, 'publish')).toMatch(/published 2/);
  expect(await checkAfterPublishKill(config)).toBe(2);
}

describe('kill -9 during a publish', () => onBothDatabases(publishScenario));
