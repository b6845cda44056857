/**
 * Issue 3's acceptance run, over real HTTP on loopback: `smup ingest bdl` of 5 variables for every gmina and
 * 10 years from the fake BDL API (with a 429 and a 500 injected), published, and the values served back by
 * the SMUP API with their flags. Then an ingest that fails halfway leaves the live release as it was, and
 * the next run resumes without asking again for the pages it already has.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse, stringify } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { catalogueAsServed } from './fake-bdl-catalogue.js';
import { fakeValue, startFakeBdlServer, type FakeBdlServer } from './fake-bdl-server.js';
import { startServer } from './server-process.js';
import { runSmup, type SmupRun } from './smup-process.js';

// Catalogue variables (wydatki_801, wydatki_gminy_ogolem, radni_kobiety, radni_ogolem, ludnosc_produkcyjny):
// ingests take locked ids only, so the test first locks them against the fake, as a user would.
const VARIABLES = ['202277', '76477', '8', '6', '152'];
const NAMES = ['wydatki_801', 'wydatki_gminy_ogolem', 'radni_kobiety', 'radni_ogolem', 'ludnosc_produkcyjny'];
const dataDir = mkdtempSync(join(tmpdir(), 'smup-bdl-ingest-'));
const lockFile = join(dataDir, 'bdl.lock.yaml');
let bdl: FakeBdlServer;
beforeAll(async () => {
  bdl = await startFakeBdlServer(catalogueAsServed());
  const locked = await smup('catalog', 'lock', '--only', ...NAMES, '--lock-file', lockFile);
  expect(locked.stdout, locked.stderr).toContain('locked 5, refused 0');
}, 120_000);
afterAll(async () => {
  await bdl?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

function smup(...args: Array<string | Record<string, string>>): Promise<SmupRun> {
  const env = args.find((a): a is Record<string, string> => typeof a !== 'string') ?? {};
  const argv = args.filter((a): a is string => typeof a === 'string');
  if (argv[0] === 'ingest') argv.push('--lock-file', lockFile);
  // A key (any string for the fake) gives the keyed quota, 10 requests/s, so the run takes seconds.
  const base = { SMUP_DATA_DIR: dataDir, DATABASE_URL: '', BDL_API_URL: bdl.url, BDL_CLIENT_ID: 'test-key' };
  return runSmup({ ...base, ...env }, argv);
}

const dataRequests = () => bdl.requests.filter((r) => r.path.startsWith('/data/by-variable/'));

describe('smup ingest bdl against the fake BDL API', () => {
  it('ingests 5 variables × every gmina × 10 years, riding out a 429 and a 500, and publishes', async () => {
    bdl.fail({ kind: 'rate-limit', retryAfter: '1' }, { times: 1, path: /^\/data\// });
    bdl.fail({ kind: 'server-error', status: 503 }, { times: 1, path: /^\/data\// });
    const args = VARIABLES.flatMap((v) => ['--variable', v]);
    const result = await smup(
      'ingest',
      'bdl',
      ...args,
      '--years',
      '2010-2019',
      '--level',
      'gmina',
      '--publish',
    );
    expect(result.stderr).not.toMatch(/^smup:/m); // retries are reported, but nothing failed
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/^plan: 5 variable\(s\) × gmina × 10 year\(s\): \d+ data requests/m);
    expect(result.stdout).toMatch(/release 1 is live \(was none\)/);
    // Every page of every variable asked once, plus the two faults retried.
    const units = bdl.unitsAt(6).length;
    expect(dataRequests()).toHaveLength(5 * Math.ceil(units / 100) + 2);
  }, 180_000);

  it('serves the published values with their flags, exactly as BDL sent them', async () => {
    const server = await startServer({ SMUP_DATA_DIR: dataDir, DATABASE_URL: '' });
    try {
      const response = await fetch(`${server.url}/api/v1/variables/bdl:202277/data?year=2019&level=gmina`);
      expect(response.status).toBe(200);
      const body = (await response.json()) as {
        release: number;
        total: number;
        variable: { source: { citation: string } };
        items: Array<{
          unit: { code: string };
          value: number | null;
          flag: { id: number; symbol: string } | null;
        }>;
      };
      expect(body.release).toBe(1);
      expect(body.variable.source.citation).toBe('Główny Urząd Statystyczny, Bank Danych Lokalnych');
      const krakow = bdl.unitsAt(6).find((u) => u.id === '011212161011');
      expect(krakow).toBeDefined();
      const expected = fakeValue(202277, '011212161011', 2019);
      const item = body.items.find((i) => i.unit.code === '1261011');
      expect(item?.value).toBe(expected.attrId === 4 ? null : expected.val);
      // Every "x" (attrId 4) the fake sent is stored as a missing value with its flag, never as 0.
      const confidential = body.items.filter((i) => i.flag?.id === 4);
      expect(confidential.length).toBeGreaterThan(0);
      expect(confidential.every((i) => i.value === null && i.flag?.symbol === 'x')).toBe(true);
      expect(body.total).toBe(bdl.unitsAt(6).length);
    } finally {
      await server.stop();
    }
  });

  it('refuses an unlocked id and one whose metadata changed since the lock, storing nothing', async () => {
    const before = bdl.requests.length;
    const unlocked = await smup('ingest', 'bdl', '--variable', '60559', '--years', '2019', '--publish');
    expect(unlocked.status).toBe(1);
    expect(unlocked.stderr).toContain(
      `BDL variable 60559 is not in the lock ${lockFile}: state it in catalog/variables.yaml (with \`expect\`), ` +
        'then run `smup catalog lock --only <its name>`',
    );
    // Not a single request for an unlocked id.
    expect(bdl.requests.slice(before).filter((r) => r.path.includes('60559'))).toEqual([]);

    // The lock says radni_kobiety (8) is "mężczyźni": the API's "kobiety" is a change, refused with both.
    const text = readFileSync(lockFile, 'utf-8');
    const lock = parse(text) as { variables: Record<string, { names: string[] }> };
    (lock.variables.radni_kobiety as { names: string[] }).names = ['mężczyźni'];
    writeFileSync(lockFile, stringify(lock));
    try {
      const changed = await smup('ingest', 'bdl', '--variable', '8', '--variable', '152', '--years', '2019');
      expect(changed.status).toBe(1);
      expect(changed.stderr).toMatch(
        /refused: 1 BDL variable\(s\) cannot be ingested, nothing was stored\n {2}BDL variable 8 \(radni_kobiety\) changed since it was locked on \S+:\n {4}names: locked mężczyźni, the API now answers kobiety\n {4}check it is still what the catalogue means, then run `smup catalog lock --only radni_kobiety`/,
      );
    } finally {
      writeFileSync(lockFile, text);
    }
    expect(bdl.requests.slice(before).filter((r) => r.path.startsWith('/data/'))).toEqual([]);
    const server = await startServer({ SMUP_DATA_DIR: dataDir, DATABASE_URL: '' });
    try {
      const health = (await (await fetch(`${server.url}/api/v1/health`)).json()) as {
        release: { live: number };
      };
      expect(health.release.live).toBe(1);
    } finally {
      await server.stop();
    }
  }, 120_000);

  it('leaves the live release as it was when the API keeps failing, and resumes from the next page', async () => {
    const before = dataRequests().length;
    // With BDL_MAX_RETRIES=1 the run asks for page 5 twice, gets two 500s and stops.
    bdl.fail({ kind: 'server-error', status: 500 }, { times: 2, path: /by-variable\/8\?.*[?&]page=5&/ });
    const failed = await smup(
      'ingest',
      'bdl',
      '--variable',
      '8',
      '--years',
      '2020-2021',
      '--level',
      'gmina',
      '--publish',
      { BDL_MAX_RETRIES: '1' },
    );
    expect(failed.status, failed.stdout + failed.stderr).toBe(1);
    expect(failed.stderr).toMatch(/\/data\/by-variable\/8\?/); // the error names the request
    const asked = dataRequests().length - before;
    const server = await startServer({ SMUP_DATA_DIR: dataDir, DATABASE_URL: '' });
    try {
      const health = (await (await fetch(`${server.url}/api/v1/health`)).json()) as {
        release: { live: number };
      };
      expect(health.release.live).toBe(1);
    } finally {
      await server.stop();
    }
    const beforeResume = dataRequests().length;
    const resumed = await smup(
      'ingest',
      'bdl',
      '--variable',
      '8',
      '--years',
      '2020-2021',
      '--level',
      'gmina',
      '--publish',
    );
    expect(resumed.status).toBe(0);
    expect(resumed.stdout).toMatch(/resuming after 5 page\(s\) staged earlier/);
    expect(resumed.stdout).toMatch(/release 2 is live \(was 1\)/);
    const pages = Math.ceil(bdl.unitsAt(6).length / 100);
    expect(dataRequests().length - beforeResume).toBe(pages - 5);
    expect(asked).toBeGreaterThan(5);
  }, 180_000);
});
