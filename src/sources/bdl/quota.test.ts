import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { fileQuotaStore } from './quota-file.js';
import {
  ANONYMOUS_QUOTA,
  nextAllowedTime,
  parseQuotaState,
  pruneHistory,
  simulateSchedule,
  type QuotaWindow,
} from './quota.js';

const twoPerSecond: QuotaWindow[] = [{ name: '2 per s', limit: 2, windowMs: 1000 }];

describe('nextAllowedTime', () => {
  it('lets a request go now while the window has room', () => {
    expect(nextAllowedTime([500], twoPerSecond, 600)).toEqual({ at: 600, binding: null });
  });
  it('waits until the oldest of the last `limit` requests leaves the window', () => {
    // Requests at 100 and 500: the one at 100 counts until 1100, so a third goes at 1100.
    expect(nextAllowedTime([100, 500], twoPerSecond, 600)).toEqual({ at: 1100, binding: twoPerSecond[0] });
    // At 1100 the request at 100 has left (it counts while s > t − W, 100 > 100 is false).
    expect(nextAllowedTime([100, 500], twoPerSecond, 1100).at).toBe(1100);
    // One millisecond earlier it still counts: never a request too early.
    expect(nextAllowedTime([100, 500], twoPerSecond, 1099).at).toBe(1100);
  });
  it('takes the latest of all windows (anonymous: the 100 per 15 min one after 100 quick requests)', () => {
    const history = Array.from({ length: 100 }, (_, i) => Math.floor(i / 5) * 1000); // 5/s for 20 s
    const { at, binding } = nextAllowedTime(history, ANONYMOUS_QUOTA, 20_000);
    expect(at).toBe(15 * 60_000); // the first request, at 0, leaves the 15-min window at 900 s
    expect(binding?.name).toBe('100 per 15 min');
  });
});

describe('pruneHistory', () => {
  it('keeps only requests younger than the longest window, at most the largest limit', () => {
    const windows: QuotaWindow[] = [...twoPerSecond, { name: '3 per 10 s', limit: 3, windowMs: 10_000 }];
    expect(pruneHistory([0, 1, 2, 9_500, 9_600, 9_700, 9_800], windows, 10_000)).toEqual([
      9_600, 9_700, 9_800,
    ]);
    expect(pruneHistory([0, 5_000], windows, 10_000)).toEqual([5_000]); // 0 is not younger than 10 s
  });
});

describe('simulateSchedule', () => {
  it('spaces requests by the per-second limit, then by the 15-min one', () => {
    // 250 anonymous requests from a fresh state: 0–99 at 5/s (the 100th at 19 s), 100–199 from 900 s
    // (the 100th at 919 s), 200–249 from 1,800 s (the 50th at 1,800 + 9 = 1,809 s).
    const { endsAt, waitedByWindow } = simulateSchedule(250, ANONYMOUS_QUOTA, 0);
    expect(endsAt).toBe(1_809_000);
    expect([...waitedByWindow.keys()].sort()).toEqual(['100 per 15 min', '5 per s']);
  });
  it('adds the response time of each request, sent one at a time', () => {
    // 3 requests answered in 300 ms each, well within 5/s: 0, 300, 600, last answer at 900.
    expect(simulateSchedule(3, ANONYMOUS_QUOTA, 0, { responseMs: 300 }).endsAt).toBe(900);
  });
  it('counts the requests of earlier runs', () => {
    const history = Array.from({ length: 100 }, (_, i) => i * 100); // 100 requests in the last 10 s
    expect(simulateSchedule(1, ANONYMOUS_QUOTA, 10_000, { history }).endsAt).toBe(900_000);
  });
});

describe('parseQuotaState', () => {
  it('accepts a state and sorts its times', () => {
    expect(parseQuotaState({ version: 1, clients: { anonymous: [3, 1, 2] } })).toEqual({
      version: 1,
      clients: { anonymous: [1, 2, 3] },
    });
  });
  it('says what is wrong with anything else', () => {
    expect(parseQuotaState([])).toMatch(/"version": 1/);
    expect(parseQuotaState({ version: 1, clients: { anonymous: ['x'] } })).toMatch(/clients\.anonymous/);
  });
});

describe('fileQuotaStore', () => {
  const dir = mkdtempSync(join(tmpdir(), 'smup-bdl-quota-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('loads null before the first save, then what was saved, leaving no temporary file', async () => {
    const path = join(dir, 'sub', 'bdl-quota.json');
    const store = fileQuotaStore(path);
    expect(await store.load()).toBeNull();
    await store.save({ version: 1, clients: { anonymous: [1, 2] } });
    await store.save({ version: 1, clients: { anonymous: [1, 2, 3] } });
    expect(await fileQuotaStore(path).load()).toEqual({ version: 1, clients: { anonymous: [1, 2, 3] } });
    expect(readdirSync(join(dir, 'sub'))).toEqual(['bdl-quota.json']);
    expect(JSON.parse(readFileSync(path, 'utf-8'))).toMatchObject({ version: 1 });
  });

  it('refuses a damaged file, naming it and saying how to recover', async () => {
    const path = join(dir, 'broken.json');
    writeFileSync(path, '{"version": 1, "clients": {"anonymous": [1, ');
    await expect(fileQuotaStore(path).load()).rejects.toThrow(/broken\.json is not JSON.*delete it/);
    writeFileSync(path, '{"version": 2}');
    await expect(fileQuotaStore(path).load()).rejects.toThrow(/not a quota state: expected "version": 1/);
  });
});
