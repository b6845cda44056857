/**
 * The live release's context stays in memory however many old releases are asked for (issue 19): a real
 * PGlite database with four published (empty) releases, contexts loaded by the real loader.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../store/database.js';
import { migrate } from '../store/migrate.js';
import { openPglite } from '../store/pglite-database.js';
import { openDraft, publishRelease } from '../store/releases-store.js';
import { BenchmarkContextCache, ContextSeeds } from './benchmark-context-cache.js';

describe('BenchmarkContextCache', () => {
  let db: Database;
  const publishNew = async (): Promise<number> => {
    const { release } = await openDraft(db, 'test');
    await publishRelease(db, release.id, {});
    return release.id;
  };

  beforeAll(async () => {
    db = await openPglite(null);
    await migrate(db);
    for (let i = 0; i < 4; i++) await publishNew(); // releases 1–4, 4 live
  });
  afterAll(async () => {
    await db?.close();
  });

  it('keeps the live release loaded while old releases come and go', async () => {
    const cache = new BenchmarkContextCache(db, [], null);
    const live = await cache.get(4);
    for (const old of [1, 2, 3, 1, 2, 3]) expect((await cache.get(old)).release).toBe(old);
    // The same object: the live context was never dropped and reloaded.
    expect(await cache.get(4)).toBe(live);
    expect(cache.releases().live).toBe(4);
  });

  it('drops old releases least recently used over the budget, keeping the latest one', async () => {
    const cache = new BenchmarkContextCache(db, [], null, { otherReleasesBytes: 0 });
    await cache.get(4);
    const one = await cache.get(1);
    await cache.get(2);
    expect(cache.releases()).toEqual({ live: 4, others: [2] });
    expect(await cache.get(1)).not.toBe(one); // dropped, so loaded again
    expect(cache.releases()).toEqual({ live: 4, others: [1] });
  });

  it('gives the data routes a context only when it costs no load of an old release (ifCheap)', async () => {
    const loads: number[] = [];
    const real = new BenchmarkContextCache(db, [], null);
    const cache = new BenchmarkContextCache(db, [], null, {
      load: (release) => (loads.push(release), real.get(release)),
    });
    const live = (await db.query<{ id: number }>('SELECT release_id AS id FROM live_release'))[0]
      ?.id as number;
    expect((await cache.ifCheap(live))?.release).toBe(live); // the live one: loaded on first use
    expect(await cache.ifCheap(1)).toBeNull(); // an old one not in memory: not loaded for this
    expect(loads).toEqual([live]);
    await cache.get(1); // loaded by a request that needs it (a profile)…
    expect((await cache.ifCheap(1))?.release).toBe(1); // …then the data routes may use it
    expect(loads).toEqual([live, 1]);
  });

  it('pins a newly published release, and the one it replaces becomes an ordinary one', async () => {
    const cache = new BenchmarkContextCache(db, [], null);
    const before = await cache.get(4);
    const newest = await publishNew();
    await cache.get(newest);
    expect(cache.releases()).toEqual({ live: newest, others: [4] });
    expect(await cache.get(4)).toBe(before);
  });
});

describe('ContextSeeds', () => {
  it('gives the cells offered for a release to that release once, and holds one release at a time', async () => {
    const seeds = new ContextSeeds();
    const first = async () => [];
    const second = async () => [];
    seeds.offer(1, first);
    expect(seeds.take(2)).toBeUndefined();
    seeds.offer(2, second); // replaces release 1's
    expect(seeds.take(1)).toBeUndefined();
    expect(seeds.take(2)).toBe(second);
    expect(seeds.take(2)).toBeUndefined();
    seeds.offer(3, first);
    seeds.clear();
    expect(seeds.take(3)).toBeUndefined();
  });
});
