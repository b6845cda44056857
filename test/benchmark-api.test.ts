/**
 * Benchmarking over HTTP on real data (test/real-release.ts), on both databases: the statistics of a set
 * match an independent computation from the values the data endpoint serves (R-7 quantiles, ranks with
 * ties, PERCENT_RANK percentiles written out here), groups and similar units come from real populations,
 * neighbours and map boundaries from the bundled layer under current codes, and saved sets give stable
 * short links.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DATABASE_KINDS } from './databases.js';
import { openRealRelease, RELEASE_HOOK_MS, type RealRelease } from './real-release.js';

const REVENUE = 'administracja_finanse.dochody_wlasne_na_mieszkanca';

/** R type 7 quantile of ascending values (numpy's default), written out independently of d3. */
function quantile7(sorted: number[], p: number): number {
  const h = (sorted.length - 1) * p;
  const lo = Math.floor(h);
  const hi = Math.min(lo + 1, sorted.length - 1);
  return sorted[lo]! + (h - lo) * (sorted[hi]! - sorted[lo]!);
}

interface Stats {
  members: number;
  countWithData: number;
  median: number;
  q1: number;
  q3: number;
  min: number;
  max: number;
  mean: number;
  deciles: number[];
  missing: { count: number; codes: string[] };
}
interface PositionJson {
  rank: number;
  rankedCount: number;
  percentile: number | null;
  positionClass: string;
}

describe.each(DATABASE_KINDS)('benchmarking API on %s', (kind) => {
  let release: RealRelease;
  const get = (url: string) => release.get(url);
  /** Every gmina's value of an indicator in a year, as the data endpoint serves it. */
  const valuesOf = async (indicator: string, year: number) => {
    const { body } = await get(`/api/v1/indicators/${indicator}/data?year=${year}&level=gmina`);
    const items = body.items as Array<{ unit: { code: string }; value: number | null }>;
    return new Map(items.map((i) => [i.unit.code, i.value]));
  };

  beforeAll(async () => {
    release = await openRealRelease(kind);
  }, RELEASE_HOOK_MS);
  afterAll(async () => {
    await release?.close();
  });

  it('places Kraków in its group as an independent computation does (revenue per resident, 2019)', async () => {
    const { status, body } = await get(`/api/v1/indicators/${REVENUE}/distribution?year=2019&unit=1261011`);
    expect(status).toBe(200);
    const set = body.set as { members: number; group: { id: string } };
    expect(set.group.id).toBe('gm-mnpp-150k-plus'); // the largest cities: population ≥ 150,000 in 2019
    const members = (body.members as Array<{ unit: { code: string } }>).map((m) => m.unit.code);
    expect(members).toHaveLength(set.members);
    expect(members).toEqual(expect.arrayContaining(['1261011', '1465011', '3064011', '1061011']));

    const all = await valuesOf(REVENUE, 2019);
    const values = members.map((c) => all.get(c) as number).sort((a, b) => a - b);
    const stats = body.statistics as Stats;
    expect(stats.countWithData).toBe(values.length);
    expect(stats.median).toBeCloseTo(quantile7(values, 0.5), 9);
    expect(stats.q1).toBeCloseTo(quantile7(values, 0.25), 9);
    expect(stats.q3).toBeCloseTo(quantile7(values, 0.75), 9);
    expect(stats.deciles[0]).toBeCloseTo(quantile7(values, 0.1), 9);
    expect(stats.deciles[8]).toBeCloseTo(quantile7(values, 0.9), 9);
    expect(stats.min).toBe(values[0]);
    expect(stats.max).toBe(values.at(-1));
    expect(stats.mean).toBeCloseTo(values.reduce((a, b) => a + b, 0) / values.length, 9);

    // Higher revenue is better: rank = 1 + members with strictly more; percentile = share of the others below.
    const krakow = all.get('1261011') as number;
    const position = body.position as PositionJson;
    expect(position.rank).toBe(1 + values.filter((v) => v > krakow).length);
    expect(position.percentile).toBeCloseTo(
      (100 * values.filter((v) => v < krakow).length) / (values.length - 1),
      9,
    );
    expect(position.positionClass).toBe(
      krakow > stats.q3 ? 'top25' : krakow < stats.q1 ? 'bottom25' : 'middle50',
    );
  });

  it('ranks every gmina of Poland, with the gminy the release lacks counted as missing', async () => {
    const { body } = await get('/api/v1/units/1261011/profile?year=2019&against=country');
    const items = body.items as Array<{
      indicator: { id: string };
      value: number | null;
      statistics: Stats | null;
      position: PositionJson | null;
      changes: Array<{ years: number; unitChange: number | null }>;
    }>;
    const population = items.find((i) => i.indicator.id === 'kontekst.ludnosc');
    expect(population?.value).toBe(779_115);
    // 2,479 gminy of TERC 2026; the 2 created after 2019 have no value and are counted, not dropped.
    expect(population?.statistics?.members).toBe(2479);
    expect(population?.statistics?.countWithData).toBe(2477);
    expect(population?.statistics?.missing.codes.sort()).toEqual(['1207132', '2002162']);
    expect(population?.position?.rank).toBe(2); // only Warszawa is larger
    const change = population?.changes.find((c) => c.years === 1);
    const ludnosc2018 = (await valuesOf('kontekst.ludnosc', 2018)).get('1261011') as number;
    expect(change?.unitChange).toBe(779_115 - ludnosc2018);
    // Indicators without data in the release are listed with the reason, never as a number.
    const missing = items.find((i) => i.indicator.id === 'edukacja.wydatki_801_na_ucznia');
    expect(missing).toMatchObject({ value: null, statistics: null, position: null });

    // Without a unit the distribution is the whole level's (against=country by default): no unit placed.
    const all = await get('/api/v1/indicators/kontekst.ludnosc/distribution?year=2019');
    expect(all.status).toBe(200);
    expect(all.body).toMatchObject({ level: 'gmina', unit: null, value: null, position: null });
    expect(all.body.set).toMatchObject({ against: 'country', members: 2479 });
    expect((all.body.statistics as Stats).countWithData).toBe(2477);
  });

  it('gives peers: the group with its rule, bordering units, and similar units with distances', async () => {
    const { status, body } = await get('/api/v1/units/1261011/peers?k=10');
    expect(status).toBe(200);
    const group = body.group as { id: string; members: Array<{ code: string }>; rule: { en: string } };
    expect(group.members.length).toBeGreaterThanOrEqual(15);
    expect(group.rule.en).toContain('779,115');
    const neighbours = (body.neighbours as Array<{ code: string }>).map((n) => n.code);
    expect(neighbours).toContain('1206162'); // Zabierzów borders Kraków
    const similar = body.similar as {
      units: Array<{ unit: { code: string }; distance: number; contributions: Array<{ share: number }> }>;
    };
    expect(similar.units).toHaveLength(10);
    const distances = similar.units.map((u) => u.distance);
    expect(distances).toEqual([...distances].sort((a, b) => a - b));
    for (const unit of similar.units) {
      expect(unit.contributions.reduce((a, c) => a + c.share, 0)).toBeCloseTo(1, 9);
    }
    const newer = await get('/api/v1/units/1207132/peers');
    expect(newer.body).toMatchObject({ group: null, neighbours: null, similar: { units: [] } });
  });

  it('saves a set once, under a stable short link, and benchmarks against it', async () => {
    const save = (units: string[]) =>
      release.app.inject({ method: 'POST', url: '/api/v1/sets', payload: { name: 'miasta', units } });
    const first = await save(['1261011', '1465011', '3064011', '1061011']);
    expect(first.statusCode).toBe(201);
    const id = (first.json() as { id: string }).id;
    const again = await save(['1061011', '3064011', '1465011', '1261011', '1261011']);
    expect(again.statusCode).toBe(200);
    expect((again.json() as { id: string }).id).toBe(id);
    expect((await get(`/api/v1/sets/${id}`)).body).toMatchObject({ level: 'gmina', name: 'miasta' });
    const profile = await get(`/api/v1/units/1261011/profile?year=2019&against=set:${id}`);
    const population = (
      profile.body.items as Array<{ indicator: { id: string }; position: PositionJson | null }>
    ).find((i) => i.indicator.id === 'kontekst.ludnosc');
    expect(population?.position).toMatchObject({ rank: 2, rankedCount: 4 });
    expect((await save(['1261011', '12'])).statusCode).toBe(400); // a gmina and a województwo
    expect((await save(['1261011', '9999999'])).statusCode).toBe(400);
    expect((await get('/api/v1/sets/nieMa')).status).toBe(404);
  });

  it('serves every current gmina’s boundary under its current code, and says which have none', async () => {
    const map = await release.app.inject('/api/v1/geo/gmina');
    expect(map.statusCode).toBe(200);
    const topology = map.json() as {
      objects: { gmina: { geometries: Array<{ properties: { code: string } }> } };
    };
    const codes = new Set(topology.objects.gmina.geometries.map((g) => g.properties.code));
    const gminy = (await get('/api/v1/units?level=gmina&pageSize=500&page=1')).body.total as number;
    expect(codes.size).toBe(gminy - 2);
    expect(codes.has('0601053')).toBe(true); // Janów Podlaski: 0601052 in the layer, a town since
    expect(codes.has('0601052')).toBe(false);
    const revalidated = await release.app.inject({
      url: '/api/v1/geo/gmina',
      headers: { 'if-none-match': map.headers.etag as string },
    });
    expect(revalidated.statusCode).toBe(304);
    const status = (await get('/api/v1/geo/gmina/status')).body as {
      withoutBoundary: Array<{ unit: { code: string }; explanation: { pl: string } }>;
      recoded: unknown[];
      unmatched: string[];
    };
    expect(status.withoutBoundary.map((w) => w.unit.code)).toEqual(['1207132', '2002162']);
    expect(status.withoutBoundary[0]?.explanation.pl).toContain('utworzona po dacie warstwy granic');
    expect(status.recoded).toHaveLength(86);
    expect(status.unmatched).toEqual([]);
    expect((await get('/api/v1/units/1207132/neighbours')).body).toMatchObject({ neighbours: null });
  });

  it('answers bad parameters with 400 and unknown units with 404', async () => {
    expect((await get('/api/v1/units/1261011/profile?against=bogus')).status).toBe(400);
    expect((await get('/api/v1/units/1261011/profile?weights=height:2')).status).toBe(400);
    expect((await get('/api/v1/units/1261019/profile')).status).toBe(404);
    expect((await get(`/api/v1/indicators/${REVENUE}/distribution?year=2019&against=group`)).status).toBe(
      400,
    );
    expect((await get('/api/v1/geo/kraj')).status).toBe(400);
    expect((await get('/api/v1/units/9999999/neighbours')).status).toBe(404);
  });
});
