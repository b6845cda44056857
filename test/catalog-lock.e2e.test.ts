/**
 * `smup catalog lock` as a user runs it, against the fake BDL API on 127.0.0.1 serving metadata for every BDL
 * variable of the catalogue — as the catalogue expects it, except one planted wrong id: 155 (population of
 * post-working age) answers as the pre-working-age variable, while 72293, the competing id public sources give
 * for the concept (bdl-ids-evidence.tsv), answers as post-working age. The lock must confirm the rest, refuse
 * 155 with expected vs found, and offer 72293 first among the candidates.
 */
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse, stringify } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BUNDLED_CATALOG_DIR, loadCatalog } from '../src/sources/catalog/load-catalog.js';
import { startFakeBdlServer, type FakeBdlServer, type FakeVariable } from './fake-bdl-server.js';
import { catalogueAsServed } from './fake-bdl-catalogue.js';
import { runSmup } from './smup-process.js';

const bundled = loadCatalog();
const bdlVariables = bundled.catalog.variables.filter((v) => v.source === 'bdl');
// The catalogue's variables stated without an id and without a subject (not known yet): the lock refuses each.
const noSubject = bdlVariables.filter(
  (v) => bundled.idless.has(v.id) && v.expect?.subject === undefined,
).length;
const { variables: served, subjects } = catalogueAsServed({ plantWrong155: true });

// A subject with two variables, for catalogue variables stated without an id (confirmation: expectation).
const SCHOOLS = 'P9100';
const schools = (id: number, n: string): FakeVariable => ({
  id,
  subjectId: SCHOOLS,
  n: { pl: [n], en: [n] },
  level: 6,
  measureUnitId: 26,
  measureUnitName: 'ob.',
});
served.push(schools(990001, 'ogółem'), schools(990002, 'publiczne'));

const dataDir = mkdtempSync(join(tmpdir(), 'smup-lock-'));
const lockFile = join(dataDir, 'bdl.lock.yaml');
let server: FakeBdlServer;
beforeAll(async () => {
  server = await startFakeBdlServer({
    variables: served,
    subjects: {
      ...subjects,
      [SCHOOLS]: { pl: 'Szkoły podstawowe', en: 'Primary schools', levels: [6] },
    },
  });
});
afterAll(async () => {
  await server.close();
  rmSync(dataDir, { recursive: true, force: true });
});

const smup = (...args: string[]) =>
  runSmup({ SMUP_DATA_DIR: dataDir, BDL_API_URL: server.url, BDL_CLIENT_ID: '' }, args);

describe('smup catalog lock', () => {
  it('confirms every id the fake answers as the catalogue expects, and refuses the planted wrong one', async () => {
    const result = await smup('catalog', 'lock', '--lock-file', lockFile);
    expect(result.status, result.stderr).toBe(1);
    const total = bdlVariables.length;
    expect(result.stdout).toContain(`checking ${total} BDL variable(s)`);
    expect(result.stdout).toContain(`locked ${total - 1 - noSubject}, refused ${1 + noSubject}`);
    // Expected against found, then the subject's candidates with the competing id first.
    expect(result.stdout).toContain('refused ludnosc_poprodukcyjny (BDL id 155):');
    expect(result.stdout).toMatch(
      /similarTo: expected a name with the words of "ludność w wieku poprodukcyjnym, ogółem \(31 XII\)", found "Zmienne katalogu — ludność w wieku przedprodukcyjnym, ogółem" \(holds 67% of them, needs 75%\)/,
    );
    const candidates = result.stdout.split('candidates in the subject, most similar first:\n')[1] ?? '';
    expect(candidates.split('\n')[0]).toMatch(
      /^ {4}72293 {2}Zmienne katalogu — Ludność w wieku poprodukcyjnym ogółem \[osoba, level 6\]/,
    );

    const lock = parse(readFileSync(lockFile, 'utf-8')) as {
      api: string;
      variables: Record<
        string,
        { id: string; subjectId: string; names: string[]; measureUnit: string; years: unknown }
      >;
    };
    expect(lock.api).toBe(server.url);
    expect(Object.keys(lock.variables)).toHaveLength(total - 1 - noSubject);
    expect(lock.variables.ludnosc_poprodukcyjny).toBeUndefined();
    expect(lock.variables.radni_kobiety).toMatchObject({
      id: '8',
      subjectId: 'P1312',
      names: ['kobiety'],
      measureUnit: 'osoba',
      years: { first: 1995, last: 2024 },
    });
  }, 120_000);

  it('refuses an id the API does not know, and a catalogue variable that is not BDL, with clear messages', async () => {
    server.fail({ kind: 'server-error', status: 404 }, { times: 1, path: /^\/variables\/6\?/ });
    const missing = await smup('catalog', 'lock', '--lock-file', lockFile, '--only', 'radni_ogolem');
    expect(missing.status).toBe(1);
    expect(missing.stdout).toMatch(/refused radni_ogolem \(BDL id 6\):\n {2}the API answered: .*404/);
    // The earlier confirmed entries stay; the refused one is dropped.
    const lock = parse(readFileSync(lockFile, 'utf-8')) as { variables: Record<string, unknown> };
    expect(lock.variables.radni_ogolem).toBeUndefined();
    expect(lock.variables.radni_kobiety).toBeDefined();
    const notBdl = await smup('catalog', 'lock', '--lock-file', lockFile, '--only', 'powierzchnia_km2');
    expect(notBdl.status).toBe(1);
    expect(notBdl.stderr).toMatch(/not BDL variables of the catalogue: powierzchnia_km2/);
  }, 120_000);

  it('finds the id of a variable stated only by its expectation, and refuses an ambiguous one with candidates', async () => {
    const dir = join(dataDir, 'catalog');
    cpSync(BUNDLED_CATALOG_DIR, dir, { recursive: true });
    rmSync(join(dir, 'bdl.lock.yaml'), { force: true });
    const file = parse(readFileSync(join(dir, 'variables.yaml'), 'utf-8')) as { variables: object[] };
    const idless = (id: string, expect: object) => ({
      id,
      source: 'bdl',
      name: 'szkoły podstawowe',
      measureUnit: 'ob.',
      levels: ['gmina'],
      aggregation: 'sum',
      confirmation: { kind: 'expectation', verified: false },
      expect: { subject: SCHOOLS, measureUnit: 'ob.', ...expect },
    });
    file.variables.push(idless('szkoly_ogolem', { names: ['ogółem'] }), idless('szkoly_jakiekolwiek', {}));
    writeFileSync(join(dir, 'variables.yaml'), stringify(file));
    // Before the lock, the variables have no id: a placeholder no source stores.
    expect(loadCatalog(dir).catalog.variables.find((v) => v.id === 'szkoly_ogolem')?.sourceCode).toBe(
      'unlocked-szkoly-ogolem',
    );

    const result = await smup(
      'catalog',
      'lock',
      '--dir',
      dir,
      '--only',
      'szkoly_ogolem',
      'szkoly_jakiekolwiek',
    );
    expect(result.status, result.stderr).toBe(1);
    expect(result.stdout).toContain('locked 1, refused 1');
    expect(result.stdout).toContain(
      'refused szkoly_jakiekolwiek (no BDL id: searched its subject):\n' +
        '  2 variables of subject P9100 match the expectation; state names or namePattern in expect, or give the id\n' +
        '  candidates in the subject, most similar first:\n' +
        '    990001  Szkoły podstawowe — ogółem [ob., level 6]',
    );
    expect(result.stdout).toMatch(/\n {4}990002 {2}Szkoły podstawowe — publiczne \[ob\., level 6\]/);
    // The lock holds the one match, and the catalogue now reads the variable under that id.
    const lock = parse(readFileSync(join(dir, 'bdl.lock.yaml'), 'utf-8')) as {
      variables: Record<string, { id: string; names: string[] }>;
    };
    expect(lock.variables.szkoly_ogolem).toMatchObject({ id: '990001', names: ['ogółem'] });
    expect(lock.variables.szkoly_jakiekolwiek).toBeUndefined();
    const variables = loadCatalog(dir).catalog.variables;
    expect(variables.find((v) => v.id === 'szkoly_ogolem')?.sourceCode).toBe('990001');
    expect(variables.find((v) => v.id === 'szkoly_jakiekolwiek')?.sourceCode).toBe(
      'unlocked-szkoly-jakiekolwiek',
    );
  }, 120_000);
});
