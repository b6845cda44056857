/** fetchVariableData against the fake BDL API: paging, TERYT mapping, flags, resume by request key. */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { fakeValue, startFakeBdlServer, type FakeBdlServer } from '../../../test/fake-bdl-server.js';
import { BdlClient } from './client.js';
import {
  fetchVariableData,
  mapUnits,
  type BdlDataPage,
  type FetchVariableDataOptions,
} from './fetch-data.js';
import { REGISTERED_QUOTA } from './quota.js';

let server: FakeBdlServer;
beforeAll(async () => {
  server = await startFakeBdlServer();
});
afterAll(() => server.close());
beforeEach(() => {
  server.requests.length = 0;
});

function client(): BdlClient {
  let now = 0;
  return new BdlClient(
    { baseUrl: server.url, quota: REGISTERED_QUOTA },
    {
      fetch: globalThis.fetch,
      now: () => now,
      sleep: (ms) => {
        now += ms;
        return Promise.resolve();
      },
    },
  );
}

async function collect(options: FetchVariableDataOptions): Promise<BdlDataPage[]> {
  const pages: BdlDataPage[] = [];
  for await (const page of fetchVariableData(client(), options)) pages.push(page);
  return pages;
}

describe('fetchVariableData', () => {
  it('reads every gmina in 25 pages of 100, all years in each request, mapped to TERYT', async () => {
    const pages = await collect({ variableId: 60559, years: [2021, 2020], level: 'gmina' });
    // 2,479 gminy in the 2025 list → 25 pages; 2 values each.
    expect(pages.map((p) => p.page)).toEqual(Array.from({ length: 25 }, (_, i) => i));
    expect(pages.every((p) => p.totalPages === 25 && p.totalRecords === 2479)).toBe(true);
    expect(server.requests).toHaveLength(25);
    expect(server.requests[0]?.query.getAll('year')).toEqual(['2020', '2021']);
    const observations = pages.flatMap((p) => p.observations);
    expect(observations).toHaveLength(2479 * 2);
    expect(pages.flatMap((p) => p.unmapped)).toEqual([]);

    const krakow2020 = observations.find((o) => o.teryt === '1261011' && o.year === 2020);
    const expected = fakeValue(60559, '011212161011', 2020);
    expect(krakow2020).toEqual({
      variableId: 60559,
      bdlUnitId: '011212161011',
      teryt: '1261011',
      level: 'gmina',
      unitName: 'M. Kraków',
      year: 2020,
      value: expected.attrId === 4 ? null : expected.val,
      attrId: expected.attrId,
    });
    expect(pages[3]?.requestKey).toBe(
      '/data/by-variable/60559?unit-level=6&year=2020&year=2021&page=3&page-size=100&lang=pl&format=json',
    );
  });

  it('gives no value for "x" (attrId 4), where the API sends 0', async () => {
    const pages = await collect({ variableId: 60559, years: [2020, 2021], level: 'powiat' });
    const flagged = pages.flatMap((p) => p.observations).filter((o) => o.attrId === 4);
    // The fake flags about 1 value in 50: among 760 there are some; each must have value null, not 0.
    expect(flagged.length).toBeGreaterThan(0);
    expect(flagged.every((o) => o.value === null)).toBe(true);
    expect(pages).toHaveLength(4); // 380 powiaty
  });

  it('skips pages a previous run stored, without fetching them', async () => {
    const first = await collect({ variableId: 8, years: [2020], level: 'gmina' });
    const stored = new Set(first.slice(0, 10).map((p) => p.requestKey));
    server.requests.length = 0;
    const resumed = await collect({
      variableId: 8,
      years: [2020],
      level: 'gmina',
      skipPage: (k) => stored.has(k),
    });
    expect(resumed.map((p) => p.page)).toEqual(Array.from({ length: 15 }, (_, i) => i + 10));
    expect(server.requests).toHaveLength(15);
    expect(resumed.map((p) => p.observations)).toEqual(first.slice(10).map((p) => p.observations));
  });

  it('stops after one request past the end when every page was stored', async () => {
    const first = await collect({ variableId: 8, years: [2020], level: 'powiat' });
    const stored = new Set(first.map((p) => p.requestKey));
    server.requests.length = 0;
    expect(
      await collect({ variableId: 8, years: [2020], level: 'powiat', skipPage: (k) => stored.has(k) }),
    ).toEqual([]);
    expect(server.requests.map((r) => r.query.get('page'))).toEqual(['4']);
  });

  it('splits years into chains when asked', async () => {
    const pages = await collect({
      variableId: 8,
      years: [2018, 2019, 2020],
      level: 'wojewodztwo',
      maxYearsPerRequest: 2,
    });
    expect(pages.map((p) => p.years)).toEqual([[2018, 2019], [2020]]);
    expect(pages[0]?.observations).toHaveLength(16 * 2);
  });

  it('gives Polska with no TERYT code, and reports makroregiony as unmapped', async () => {
    const [polska] = await collect({ variableId: 8, years: [2020], level: 'polska' });
    expect(polska?.observations).toEqual([
      expect.objectContaining({ bdlUnitId: '000000000000', teryt: null, level: 'polska' }),
    ]);
    const [macro] = await collect({ variableId: 8, years: [2020], level: 'makroregion' });
    expect(macro?.observations).toEqual([]);
    expect(macro?.unmapped.length).toBeGreaterThan(0);
    expect(macro?.unmapped[0]).toMatchObject({ reason: expect.stringMatching(/makroregion/), values: 1 });
  });

  it('refuses a page size over 100 and an empty year list', async () => {
    await expect(collect({ variableId: 8, years: [2020], level: 'gmina', pageSize: 101 })).rejects.toThrow(
      /1 to 100/,
    );
    await expect(collect({ variableId: 8, years: [], level: 'gmina' })).rejects.toThrow(/at least one year/);
  });
});

describe('mapUnits', () => {
  it('maps the recorded sample (Polska, a makroregion, Małopolskie) and drops years not asked', () => {
    const units = [
      { id: '000000000000', name: 'POLSKA', values: [{ year: '2024', val: 276, attrId: 1 }] },
      { id: '010000000000', name: 'MAKROREGION POŁUDNIOWY', values: [{ year: '2024', val: 50, attrId: 1 }] },
      {
        id: '011200000000',
        name: 'MAŁOPOLSKIE',
        values: [
          { year: '2023', val: 4, attrId: 1 },
          { year: '2024', val: 19, attrId: 9 },
        ],
      },
    ];
    const { observations, unmapped } = mapUnits(9, units, [2024]);
    expect(observations.map((o) => [o.teryt, o.year, o.value, o.attrId])).toEqual([
      [null, 2024, 276, 1],
      ['12', 2024, 19, 9], // 9 "s": a preliminary estimate is still a value
    ]);
    expect(unmapped).toEqual([
      {
        bdlUnitId: '010000000000',
        unitName: 'MAKROREGION POŁUDNIOWY',
        reason: expect.stringMatching(/makroregion/),
        values: 1,
      },
    ]);
  });
});
