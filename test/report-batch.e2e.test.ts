/**
 * Report batches (issue 15, point 4) as a user runs them, on the lean real release: on PostgreSQL through the
 * job queue with worker processes — every file made exactly once by 2 workers; a batch killed with SIGKILL
 * (the command and its workers) and run again finishes without rebuilding a finished file and leaves no
 * partial one; bad input is a message and no file — and on PGlite with the one in-process worker.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import ExcelJS from 'exceljs';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { partName } from '../src/reports/batch/files.js';
import { planBatch } from '../src/reports/batch/plan.js';
import { runInProcess } from '../src/reports/batch/run.js';
import { smupArgv } from './built-program.js';
import { FINANCE_INDICATORS, openRealRelease, RELEASE_HOOK_MS, type RealRelease } from './real-release.js';
import { runChild } from './run-child.js';
import { repoRoot } from './shared-data.js';

const AREAS = 'administracja_finanse,kontekst';
/** Małopolska's 22 powiaty (19 + 3 cities), as XLSX: a fast format, no Chromium needed. */
const BATCH = ['--level', 'powiat', '--voivodeship', '12', '--year', '2019', '--areas', AREAS];
/** Opolskie's 12 powiaty, for the batch that is killed. */
const SMALL = ['--level', 'powiat', '--voivodeship', '16', '--year', '2019', '--areas', AREAS];
const CLI = smupArgv('report');

const files = (dir: string) => (existsSync(dir) ? readdirSync(dir).sort() : []);
const parts = (dir: string) => files(dir).filter((f) => f.endsWith('.part'));

describe('report batches on PostgreSQL (job queue, worker processes)', () => {
  let release: RealRelease;
  let url: string;
  let out: string;
  const run = (args: readonly string[]) =>
    runChild(process.execPath, [...CLI, ...args], {
      cwd: repoRoot,
      env: { ...process.env, DATABASE_URL: url, SMUP_LOG_LEVEL: 'silent' },
    });
  /** Every file name the jobs writing into `dir` say they wrote (every run's, in the queue's table). */
  const writtenByJobs = async (dir: string): Promise<string[]> => {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      const { rows } = await client.query<{ written: string[] }>(
        `SELECT output->'written' AS written FROM smup_jobs.job
          WHERE state = 'completed' AND data->'params'->>'out' = $1`,
        [dir],
      );
      return rows.flatMap((r) => r.written ?? []).sort();
    } finally {
      await client.end();
    }
  };

  beforeAll(async () => {
    release = await openRealRelease('postgres', undefined, FINANCE_INDICATORS);
    url = release.test.url as string;
    out = mkdtempSync(join(tmpdir(), 'smup-batch-'));
  }, RELEASE_HOOK_MS);
  afterAll(async () => {
    if (out) rmSync(out, { recursive: true, force: true });
    await release?.close();
  });

  it('builds every file exactly once with 2 worker processes; a unit that fails is reported, not fatal', async () => {
    const dir = join(out, 'two');
    const first = await run([...BATCH, '--format', 'xlsx', '--workers', '2', '--out', dir]);
    // Powiat 1207 has no comparison group in 2019 in this release: its problem answer is the reason given.
    expect(first.status, first.stderr).toBe(2);
    expect(first.stdout).toContain('1207: xlsx: Zbiór odniesienia jest pusty');
    expect(first.stdout).toMatch(/21\/22 units done, 1 failed \(21 files written now, 0 found written/);
    expect(first.stderr).toMatch(/batch \w+ · 22\/22 units \(100%\)/);
    const names = files(dir);
    expect(names).toHaveLength(21);
    expect(names.some((f) => f.startsWith('raport-1207-'))).toBe(false);
    expect(await writtenByJobs(dir)).toEqual(names);
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(join(dir, 'raport-1219-2019-group-pl.xlsx'));
    expect(book.worksheets.length).toBeGreaterThan(1);
  }, 120_000);

  it('continues a batch killed with SIGKILL: finished files kept as they were, no partial file left', async () => {
    const dir = join(out, 'killed');
    const args = [...CLI, ...SMALL, '--format', 'xlsx', '--workers', '1', '--out', dir];
    // Its own process group, so the command and its workers die together, as in a crash.
    const child = spawn(process.execPath, args, {
      cwd: repoRoot,
      detached: true,
      stdio: 'ignore',
      env: { ...process.env, DATABASE_URL: url, SMUP_LOG_LEVEL: 'silent' },
    });
    let ended = false;
    const exited = new Promise((done) => child.once('exit', done)).finally(() => (ended = true));
    // Waits for three files; a child that ends first fails the test here rather than at its timeout.
    while (!ended && files(dir).filter((f) => f.endsWith('.xlsx')).length < 3) await sleep(50);
    expect(ended, 'the batch ended before it wrote three files').toBe(false);
    process.kill(-child.pid!, 'SIGKILL');
    await exited;
    const before = new Map(
      files(dir)
        .filter((f) => f.endsWith('.xlsx'))
        .map((f) => [f, statSync(join(dir, f)).mtimeMs]),
    );
    expect(before.size).toBeLessThan(12);

    const again = await run([...SMALL, '--format', 'xlsx', '--workers', '1', '--out', dir]);
    expect(again.status, again.stderr).toBe(0);
    expect(again.stdout).toContain(`12/12 units done, 0 failed`);
    expect(again.stdout).toContain(`${before.size} units were done before`);
    const names = files(dir);
    expect(names).toHaveLength(12);
    expect(parts(dir)).toEqual([]);
    for (const [name, mtime] of before) expect(statSync(join(dir, name)).mtimeMs, name).toBe(mtime);
    // No file written twice: the jobs of both runs name each file once.
    expect(await writtenByJobs(dir)).toEqual(names);
  }, 120_000);

  it('answers bad input with a message, a non-zero exit and no file', async () => {
    const dir = join(out, 'bad');
    const cli: Array<[string[], RegExp]> = [
      [['--level', 'gmina', '--voivodeship', '99', '--workers', '0'], /Nie ma województwa 99/],
      [['--voivodeship', '12'], /--voivodeship needs --level/],
    ];
    for (const [args, message] of cli) {
      const result = await run([...args, '--format', 'xlsx', '--out', dir]);
      expect(result.status, args.join(' ')).toBe(1);
      expect(result.stderr, args.join(' ')).toMatch(message);
    }
    const params = {
      level: 'powiat' as const,
      voivodeship: '12',
      year: 2019,
      against: 'group',
      areas: AREAS,
      formats: ['xlsx' as const],
      lang: 'pl' as const,
      out: dir,
    };
    const cases: Array<[Partial<typeof params> | Record<string, string>, RegExp]> = [
      [{ level: 'kraj' }, /Nieznany poziom „kraj”/],
      [{ voivodeship: '1' }, /Nie ma województwa 1 /],
      [{ voivodeship: '1219' }, /Nie ma województwa 1219/],
      [{ areas: 'nie_ma' }, /nie_ma/],
      [{ against: 'set:nie-ma-takiego' }, /pusty|nie ma/i],
    ];
    for (const [change, message] of cases)
      await expect(
        planBatch(release.app, release.test.db, { ...params, ...change } as typeof params),
      ).rejects.toThrow(message);
    expect(files(dir)).toEqual([]);
  }, 120_000);
});

describe('report batches on PGlite (one in-process worker)', () => {
  let release: RealRelease;
  beforeAll(async () => {
    release = await openRealRelease('pglite', undefined, FINANCE_INDICATORS);
  }, RELEASE_HOOK_MS);
  afterAll(async () => {
    await release?.close();
  });

  it('builds the missing files only, and leaves none half-written', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'smup-batch-pglite-'));
    try {
      const batch = await planBatch(release.app, release.test.db, {
        level: 'powiat',
        voivodeship: '16',
        year: 2019,
        against: 'group',
        areas: AREAS,
        formats: ['json'],
        lang: 'pl',
        out: dir,
      });
      // A file from an earlier run and the leftover of a writer that was killed (its process is gone).
      const first = await runInProcess(release.app, { ...batch, units: batch.units.slice(0, 3) }, () => {});
      expect(first.written).toBe(3);
      const gone = spawnSync('true').pid;
      writeFileSync(join(dir, partName('raport-1661-2019-group-pl.json', gone)), '{"half');
      const seen: number[] = [];
      const result = await runInProcess(release.app, batch, (p) => seen.push(p.done));
      expect(result).toMatchObject({ total: 12, done: 12, before: 3, written: 9, failures: [] });
      expect(seen[0]).toBe(3);
      expect(files(dir).filter((f) => f.endsWith('.json'))).toHaveLength(12);
      expect(parts(dir)).toEqual([]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 120_000);
});
