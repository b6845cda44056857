/**
 * Honest coverage, on both databases: the CKE exam results of 2025 cover one OKE, województwo mazowieckie
 * (its 314 gminy; shared/data/README.md). The API says so per year (`coverage`), a unit elsewhere has
 * "no data in this source" (not-in-source) in the data and in its profile, and the portal's ranking covers
 * the covered units only, with a notice saying which.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DATABASE_KINDS } from './databases.js';
import { openRealRelease, RELEASE_HOOK_MS, type RealRelease } from './real-release.js';

const ID = 'edukacja.e8_matematyka';
const FILES = [
  ['education/egzamin-osmoklasisty-2025-mazowieckie.csv', 'egzamin-osmoklasisty-gminy'],
] as const;

describe.each(DATABASE_KINDS)('coverage of a partial source on %s', (kind) => {
  let release: RealRelease;
  beforeAll(async () => {
    release = await openRealRelease(kind, FILES);
  }, RELEASE_HOOK_MS);
  afterAll(async () => {
    await release?.close();
  });

  it('says in the API which voivodeships the source covers, and answers not-in-source outside them', async () => {
    const { body } = await release.get(`/api/v1/indicators/${ID}/data?level=gmina&year=2025&pageSize=500`);
    const data = body as {
      coverage: Array<{ year: number; units: number; of: number; complete: boolean; voivodeships: string[] }>;
      items: Array<{ unit: { code: string }; value: number | null; reason: string | null }>;
    };
    // 314 gminy of mazowieckie (14) out of the 2,479 of the register.
    expect(data.coverage).toEqual([
      { year: 2025, units: 314, of: 2479, values: 314, complete: false, voivodeships: ['14'] },
    ]);
    const items: typeof data.items = [];
    for (let page = 1; page <= 5; page++) {
      const answer = await release.get(
        `/api/v1/indicators/${ID}/data?level=gmina&year=2025&page=${page}&pageSize=500`,
      );
      items.push(...(answer.body as typeof data).items);
    }
    expect(items).toHaveLength(2479);
    expect(items.find((i) => i.unit.code === '1261011')).toMatchObject({
      value: null,
      reason: 'not-in-source',
    });

    const profile = (await release.get('/api/v1/units/1261011/profile?against=country')).body as {
      items: Array<{ indicator: { id: string }; reason: string | null }>;
    };
    expect(profile.items.find((i) => i.indicator.id === ID)?.reason).toBe('not-in-source');
  });

  it('ranks the covered units only, with a notice naming the coverage', async () => {
    // Against the voivodeship: this release has no population, so no comparison groups.
    // Every page of the ranking (it shows 100 rows a page by default).
    const page = await release.app.inject(
      `/wskaznik/${ID}?jst=1465011&porownaj=voivodeship&strona=wszystkie`,
    );
    expect(page.statusCode, page.body.slice(0, 2000)).toBe(200);
    expect(page.body).toContain('obejmuje w 2025 r. tylko: mazowieckie — 314 z 2479 jednostek (gminy)');
    const rows = (page.body.split('id="ranking"')[1]?.split('</tbody>')[0] ?? '').split('<tr').slice(2);
    expect(rows).toHaveLength(314);
  });
});
