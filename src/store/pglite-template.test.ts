import { existsSync, mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPglite } from './pglite-database.js';
import { discardTemplate, removeStalePartials, templateFolderPath, templatePath } from './pglite-template.js';

// A cache of this suite's own, so the run's shared template is neither used nor disturbed.
const cacheDir = mkdtempSync(join(tmpdir(), 'smup-template-'));
beforeAll(() => {
  process.env.SMUP_CACHE_DIR = cacheDir;
  discardTemplate();
});
afterAll(() => {
  delete process.env.SMUP_CACHE_DIR;
  rmSync(cacheDir, { recursive: true, force: true });
});

async function expectWorkingEmptyDatabase(dataDir: string | null): Promise<void> {
  const db = await openPglite(dataDir);
  try {
    // A cluster as initdb leaves it: no table of ours, and writable.
    expect(await db.query(`SELECT count(*)::int AS n FROM pg_tables WHERE schemaname = 'public'`)).toEqual([
      { n: 0 },
    ]);
    await db.exec('CREATE TABLE t (x int); INSERT INTO t VALUES (1)');
    expect(await db.query('SELECT x FROM t')).toEqual([{ x: 1 }]);
  } finally {
    await db.close();
  }
}

describe('the initdb template', () => {
  it('is made on first need under SMUP_CACHE_DIR, named for the PGlite version, and then reused', async () => {
    const path = templatePath();
    expect(path).toMatch(new RegExp(`^${cacheDir}/pglite-\\d+\\.\\d+\\.\\d+-initdb\\.tar$`));
    expect(existsSync(path)).toBe(false);
    await expectWorkingEmptyDatabase(null);
    const made = statSync(path);
    expect(made.size).toBeGreaterThan(1_000_000);
    await expectWorkingEmptyDatabase(null);
    expect(statSync(path).mtimeMs).toBe(made.mtimeMs);
  });

  it('gives a new data folder its cluster, which opens again with what was written', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'smup-template-folder-'));
    try {
      await expectWorkingEmptyDatabase(dir);
      expect(existsSync(join(dir, 'pgdata', 'PG_VERSION'))).toBe(true);
      expect(existsSync(join(dir, 'pgdata.creating'))).toBe(false);
      const again = await openPglite(dir);
      try {
        expect(await again.query('SELECT x FROM t')).toEqual([{ x: 1 }]);
      } finally {
        await again.close();
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('gives a new folder a copy of the template folder, made once from the tar and shut down cleanly', async () => {
    const folder = templateFolderPath();
    expect(folder).toBe(templatePath().replace(/\.tar$/, ''));
    const dirs = [
      mkdtempSync(join(tmpdir(), 'smup-template-copy-')),
      mkdtempSync(join(tmpdir(), 'smup-template-copy-')),
    ];
    try {
      await expectWorkingEmptyDatabase(dirs[0]!);
      const made = statSync(join(folder, 'PG_VERSION'));
      // The second folder starts empty (expectWorkingEmptyDatabase checks it): the table the first one made
      // was written to its own copy, not to the template.
      await expectWorkingEmptyDatabase(dirs[1]!);
      expect(statSync(join(folder, 'PG_VERSION')).mtimeMs).toBe(made.mtimeMs);
    } finally {
      for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
    }
  });

  it('falls back when the template folder does not open, and removes the template so it is made again', async () => {
    const folder = templateFolderPath();
    rmSync(folder, { recursive: true, force: true });
    mkdirSync(folder, { recursive: true });
    writeFileSync(join(folder, 'PG_VERSION'), '17\n'); // and nothing else: not a cluster
    const dir = mkdtempSync(join(tmpdir(), 'smup-template-bad-'));
    try {
      await expectWorkingEmptyDatabase(dir);
      expect(existsSync(join(dir, 'pgdata.creating'))).toBe(false);
      expect(existsSync(join(folder, 'global'))).toBe(false);
      await expectWorkingEmptyDatabase(`${dir}-again`);
      expect(existsSync(join(folder, 'global'))).toBe(true);
    } finally {
      rmSync(dir, { recursive: true, force: true });
      rmSync(`${dir}-again`, { recursive: true, force: true });
    }
  });

  it('falls back to initdb when the template is broken, and removes it so it is made again', async () => {
    discardTemplate();
    writeFileSync(templatePath(), 'not a tar');
    await expectWorkingEmptyDatabase(null);
    expect(existsSync(templatePath())).toBe(false);
    await expectWorkingEmptyDatabase(null);
    expect(existsSync(templatePath())).toBe(true);
  });

  it("removes what a killed maker left, and leaves a running maker's work alone", () => {
    const tar = templatePath();
    const folder = templateFolderPath();
    // pid 2^22 + 1 is above Linux's largest (pid_max is at most 2^22): no process has it.
    const dead = 4_194_305;
    const left = [`${tar}.${dead}.partial`, `${folder}.${dead}.partial`];
    const working = [`${tar}.${process.pid}.partial`, `${folder}.${process.pid}.partial`];
    const unrelated = `${tar}.backup`;
    writeFileSync(left[0] as string, 'half a tar');
    mkdirSync(join(left[1] as string, 'base'), { recursive: true });
    writeFileSync(working[0] as string, 'half a tar');
    mkdirSync(working[1] as string);
    writeFileSync(unrelated, '');
    removeStalePartials(tar);
    removeStalePartials(folder);
    expect(left.filter((path) => existsSync(path))).toEqual([]);
    expect(working.filter((path) => existsSync(path))).toEqual(working);
    expect(existsSync(unrelated)).toBe(true);
    for (const path of [...working, unrelated]) rmSync(path, { recursive: true, force: true });
  });

  it('makes again a folder that a kill left half made', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'smup-template-half-'));
    try {
      mkdirSync(join(dir, 'pgdata'));
      writeFileSync(join(dir, 'pgdata', 'PG_VERSION'), '17\n'); // and nothing else: not a cluster
      writeFileSync(join(dir, 'pgdata.creating'), '');
      await expectWorkingEmptyDatabase(dir);
      expect(existsSync(join(dir, 'pgdata.creating'))).toBe(false);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
