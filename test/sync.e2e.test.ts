/**
 * `smup sync` as a user (or cron) runs it, over real HTTP against the fake BDL API serving the recorded shapes
 * and the metadata of every catalogue variable, one of them planted wrong (155 answers as another concept).
 * Kept small on purpose (CI has 2 cores): the fake serves one województwo (opolskie: 71 gminy, 12 powiaty),
 * the sync takes two variables (councillors: all, women) and two years, at the three levels the catalogue
 * asks.
 *
 *   1. the lock confirms the two and refuses 155 with expected vs found and 72293 as the first candidate;
 *   2. an uninterrupted sync (a 429 and a 503 on the way) prints its plan, fills gmina, powiat and
 *      województwo, computes and publishes; run again, it publishes nothing (idempotent: what cron needs);
 *   3. in another folder, the same sync killed with SIGKILL at 5 random points (seeded; the seed is printed,
 *      SMUP_KILL_SEED replays one), resumed each time: it ends with the same release (release-checksum.ts),
 *      and asks the API again only for a page in flight when it was killed.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPglite } from '../src/store/pglite-database.js';
import { catalogueAsServed } from './fake-bdl-catalogue.js';
import { startFakeBdlServer, type FakeBdlServer } from './fake-bdl-server.js';
import { smupArgv } from './built-program.js';
import { releaseChecksum, type ReleaseChecksum } from './release-checksum.js';
import { repoRoot } from './shared-data.js';
import { runSmup } from './smup-process.js';

const ONLY = ['radni_kobiety', 'radni_ogolem'];
const root = mkdtempSync(join(tmpdir(), 'smup-sync-'));
const lockFile = join(root, 'bdl.lock.yaml');
let bdl: FakeBdlServer;

beforeAll(async () => {
  bdl = await startFakeBdlServer({
    ...catalogueAsServed({ plantWrong155: true }),
    // Opolskie (16) and Polska: every level stays, with few units.
    keepUnit: (unit, level) => level === 0 || unit.id.slice(2, 4) === '16',
  });
});
afterAll(async () => {
  await bdl?.close();
  rmSync(root, { recursive: true, force: true });
});

const env = (dir: string) => ({
  SMUP_DATA_DIR: dir,
  DATABASE_URL: '',
  BDL_API_URL: bdl.url,
  // A key (any string for the fake): its quota, 10 requests/s, keeps the run short.
  BDL_CLIENT_ID: 'test-key',
});
const syncArgs = ['sync', '--only', ...ONLY, '--years', '2018-2019', '--lock-file', lockFile, '--publish'];
const dataRequests = () => bdl.requests.filter((r) => r.path.startsWith('/data/') && r.fault === null);

async function checksumOf(dir: string): Promise<ReleaseChecksum> {
  const db = await openPglite(dir);
  try {
    return await releaseChecksum(db);
  } finally {
    await db.close();
  }
}

/** mulberry32: a small seeded generator, so a failing kill sequence can be replayed. */
function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/** Runs the sync and kills it with SIGKILL once it has written `lines` lines (stdout and stderr). */
function killAfter(dir: string, lines: number): Promise<{ output: string; killed: boolean }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, smupArgv(...syncArgs, '--progress-every', '0'), {
      cwd: repoRoot,
      env: { ...process.env, ...env(dir) },
    });
    let output = '';
    let killed = false;
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      if (!killed && output.split('\n').length - 1 >= lines) {
        killed = true;
        child.kill('SIGKILL');
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.on('exit', () => resolve({ output, killed }));
  });
}

describe('smup sync against the fake BDL API', () => {
  let uninterrupted: ReleaseChecksum;
  let outputLines = 0;
  let firstPoint = 1;

  it('locks the two variables and refuses the id that points at another concept', async () => {
    const result = await runSmup(env(join(root, 'lock')), [
      'catalog',
      'lock',
      '--only',
      ...ONLY,
      'ludnosc_poprodukcyjny',
      '--lock-file',
      lockFile,
    ]);
    expect(result.status).toBe(1);
    expect(result.stdout).toContain('locked 2, refused 1');
    expect(result.stdout).toContain('refused ludnosc_poprodukcyjny (BDL id 155):');
    expect(result.stdout).toMatch(/candidates in the subject, most similar first:\n {4}72293 /);
  }, 120_000);

  it('plans, fetches every level within the quota through a 429 and a 503, computes and publishes; again: no change', async () => {
    bdl.fail({ kind: 'rate-limit', retryAfter: '1' }, { times: 1, path: /^\/data\// });
    bdl.fail({ kind: 'server-error', status: 503 }, { times: 1, path: /^\/data\// });
    const dir = join(root, 'uninterrupted');
    const before = bdl.requests.length;
    const result = await runSmup(env(dir), [...syncArgs, '--progress-every', '0']);
    expect(result.status, result.stderr).toBe(0);
    // The plan comes first: 2 variables × (25 + 4 + 1 pages) for the whole country, ETA under both quotas.
    expect(result.stdout).toMatch(
      /^sync: 2 locked BDL variable\(s\) the catalogue needs, years 2018–2019, levels gmina, powiat, wojewodztwo/,
    );
    expect(result.stdout).toContain(
      'plan: 2 variable(s): 60 data request(s) + about 4 metadata request(s)\n' +
        '  anonymous (5/s, 100/15 min, 1000/12 h, 10000/7 days): ETA 12 s (bound by 5 per s)\n' +
        '  with a key (X-ClientId: 10/s, 500/15 min, 5000/12 h, 50000/7 days): ETA 6 s (bound by 10 per s) ← this run',
    );
    for (const level of ['gmina', 'powiat', 'wojewodztwo']) {
      expect(result.stdout).toMatch(new RegExp(`bdl:8 ${level} 2018-2019: \\d+ added`));
      expect(result.stdout).toMatch(new RegExp(`bdl:6 ${level} 2018-2019: \\d+ added`));
    }
    // The share of women among councillors, computed at every level from the fetched counts.
    expect(result.stdout).toMatch(/computed \d+ cells of \d+ indicator\(s\) in \d+ ms: [1-9]\d* values/);
    expect(result.stdout).toMatch(/release 1 is live \(was none\)/);
    expect(result.stdout).toMatch(/sync done\n$/);
    const faults = bdl.requests.slice(before).filter((r) => r.fault !== null);
    expect(faults.map((r) => r.fault)).toEqual(['rate-limit', 'server-error']);
    // Lines written before the publish (stdout and stderr): the kill test's points are drawn among them.
    const stdoutBefore = result.stdout.split(/release 1 is live/)[0] ?? '';
    const progressLines = result.stderr.split('\n').filter((l) => l.startsWith('job ')).length;
    outputLines = stdoutBefore.split('\n').length - 1 + progressLines;
    // The plan is printed before anything happens: kills start from the check against the lock.
    firstPoint = stdoutBefore.split('\n').findIndex((l) => l.startsWith('checked against the lock')) + 1;
    uninterrupted = await checksumOf(dir);
    expect(uninterrupted.release).toBe(1);
    expect(uninterrupted.observations).toBeGreaterThan(0);

    // Run again (as cron would): the same data publishes nothing.
    const again = await runSmup(env(dir), syncArgs);
    expect(again.status, again.stderr).toBe(0);
    expect(again.stdout).toMatch(/nothing changed against release 1: it stays live/);
  }, 180_000);

  it('killed with SIGKILL at 5 random points and resumed each time, ends with the same release', async () => {
    const seed = Number(process.env.SMUP_KILL_SEED ?? 20261130);
    console.log(`kill test seed ${seed} (SMUP_KILL_SEED=${seed} replays it)`);
    const random = seeded(seed);
    const dir = join(root, 'killed');
    const fetched = new Set<string>();
    const before = dataRequests().length;
    const points: number[] = [];
    for (let i = 0; i < 5; i++) {
      // A point among the lines a run writes before it publishes, less one per job (a resumed run says a
      // merged job in one line instead of two), so every kill lands before the publish.
      const point = firstPoint + Math.floor(random() * Math.max(1, outputLines - 7 - firstPoint));
      points.push(point);
      const { killed, output } = await killAfter(dir, point);
      expect(killed, `kill ${i + 1} after line ${point}`).toBe(true);
      expect(output).not.toMatch(/is live|nothing changed/);
    }
    console.log(`killed after lines ${points.join(', ')} of ${outputLines}`);
    const resumed = await runSmup(env(dir), syncArgs);
    expect(resumed.status, resumed.stderr).toBe(0);
    expect(resumed.stdout).toMatch(/sync done\n$/);
    expect(await checksumOf(dir)).toEqual(uninterrupted);
    // A page is recorded with its values, then never asked again: only a page in flight when the process was
    // killed can be asked twice (at most one per kill).
    let twice = 0;
    for (const r of dataRequests().slice(before)) {
      const key = `${r.path}?${r.query.toString()}`;
      if (fetched.has(key)) twice++;
      fetched.add(key);
    }
    expect(twice).toBeLessThanOrEqual(5);
  }, 300_000);
});
