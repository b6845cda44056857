/** The `smup` command as a user runs it: exit codes, output formats, and error messages for bad files. */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { MIGRATIONS } from '../src/store/migrations/index.js';
import { smupArgv } from './built-program.js';
import { type ChildResult, runChild } from './run-child.js';
import { repoRoot, sharedFile, TERC_2024 } from './shared-data.js';

const dataDir = mkdtempSync(join(tmpdir(), 'smup-cli-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

function smup(...args: string[]): Promise<ChildResult> {
  return runChild(process.execPath, smupArgv(...args), {
    cwd: repoRoot,
    env: { ...process.env, SMUP_DATA_DIR: dataDir, DATABASE_URL: '' },
  });
}

describe('smup CLI', () => {
  it('migrates, then says the schema is up to date', async () => {
    expect(await smup('db', 'migrate')).toMatchObject({
      status: 0,
      stdout: `applied migrations: ${MIGRATIONS.map((m) => m.id).join(', ')}\n`,
    });
    expect((await smup('db', 'migrate')).stdout).toBe('the schema is up to date\n');
  });

  it('lists gminy as CSV and województwa as JSON', async () => {
    const csv = await smup('units', 'list', '--level', 'gmina', '--format', 'csv');
    expect(csv.status).toBe(0);
    const lines = csv.stdout.trim().split('\r\n');
    expect(lines[0]).toBe('code,name,level,kind,kind_pl,parent,valid_from,valid_to');
    expect(lines).toHaveLength(2480); // header + 2,479 gminy
    // Valid since the older bundled register (TERC 2024-01-01).
    expect(lines).toContain('1261011,Kraków,gmina,miejska,gmina miejska,1261,2024-01-01,');
    const json = JSON.parse(
      (await smup('units', 'list', '--level', 'wojewodztwo', '--format', 'json')).stdout,
    ) as unknown[];
    expect(json).toHaveLength(16);
  });

  it('says a register already loaded (the bundled TERC 2024) changes nothing, and lists the changes', async () => {
    const again = await smup('units', 'import', sharedFile(TERC_2024));
    expect(again.status).toBe(0);
    expect(again.stdout).toMatch(/already loaded with the same content; nothing changed/);
    const changes = (await smup('units', 'changes', '--format', 'csv')).stdout;
    expect(changes).toMatch(/2026-01-01,renamed,2812052,,Nowe Miasto Lubawskie,Bratian/);
  });

  it('rejects a malformed file naming the line and column, and exits with 1', async () => {
    const bad = join(dataDir, 'TERC_bad.csv');
    writeFileSync(
      bad,
      'WOJ;POW;GMI;RODZ;NAZWA;NAZWA_DOD;STAN_NA\n12;;;;MAŁOPOLSKIE;województwo;2026-01-01\n12;61;01;x;Kraków;gmina miejska;2026-01-01\n',
    );
    const result = await smup('units', 'import', bad);
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/TERC_bad\.csv, line 3: column RODZ: expected one of 1, 2, 3, 4, 5, 8, 9/);
    expect((await smup('units', 'registers', '--format', 'csv')).stdout.trim().split('\r\n')).toHaveLength(3); // header + 2
  });

  it('rejects a missing file and a bad option value', async () => {
    expect(await smup('units', 'import', join(dataDir, 'none.csv'))).toMatchObject({
      status: 1,
      stderr: /ENOENT/,
    });
    const badLevel = await smup('units', 'list', '--level', 'gromada');
    expect(badLevel.status).not.toBe(0);
    expect(badLevel.stderr).toMatch(
      /argument 'gromada' is invalid. Allowed choices are kraj, wojewodztwo, powiat, gmina/,
    );
  });

  // An ingest, the compute of the catalogue and a recompute, each a process on PGlite in a folder: 62 s in a
  // two-worker run on a quiet 2-core machine, so it gets four times the default.
  it(
    'computes the catalogue when an ingest publishes, and a recompute changes nothing',
    { timeout: 240_000 },
    async () => {
      expect(await smup('publish')).toMatchObject({
        status: 1,
        stderr: /there is no draft release to publish/,
      });
      const ingest = await smup(
        'ingest',
        'table',
        sharedFile('bdl-exports/ludnosc-ekonomiczne-grupy-wieku-gminy-2010-2019.csv'),
        '--mapping',
        join(repoRoot, 'mappings', 'ludnosc-ekonomiczne-grupy-wieku-gminy.yaml'),
        '--publish',
      );
      expect(ingest.status, ingest.stderr).toBe(0);
      expect(ingest.stdout).toMatch(/computing \d+ indicator\(s\) for every unit and year/);
      // Population, its change and two age-structure indicators, 10 years each less the first year of the
      // change (2010 has no 2009 to compare with): 39 cells for each of 2,476 gminy (the two newer gminy have no
      // data), 379 powiaty, 16 województwa and Poland (sums of the gminy) = 2,872 × 39 = 112,008; plus Wałbrzych,
      // a city with powiat rights again since 2013 (rows of 2013–2019 only), as gmina and as powiat: 3 × 7
      // values and 7 cells of the change (2013's is missing with its reason, 2012 having no row) = 28 each.
      expect(ingest.stdout).toMatch(/indicators: 112064 values added, 0 changed, 0 removed, 0 unchanged/);
      expect(ingest.stdout).toMatch(/release \d+ is live/);
      const again = await smup('compute');
      expect(again.status, again.stderr).toBe(0);
      expect(again.stdout).toMatch(/indicators: 0 values added, 0 changed, 0 removed, \d+ unchanged/);
      expect(await smup('compute', '--indicator', 'nie.ma')).toMatchObject({
        status: 1,
        stderr: /unknown indicator\(s\): nie\.ma/,
      });
      expect((await smup('releases', 'discard')).status).toBe(0);
    },
  );
});
