/**
 * The indicator page and its embeddable charts on real data (test/real-release.ts), on both databases. The
 * ranking, the map classes and the time series are checked against the API's JSON, with the rank and the
 * Polish number format worked out independently here.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DATABASE_KINDS } from './databases.js';
import { polish } from './polish-numbers.js';
import { openRealRelease, type RealRelease } from './real-release.js';

const ID = 'administracja_finanse.dochody_wlasne_na_mieszkanca';

interface DataAnswer {
  indicator: { decimals: number; measureUnit: string };
  items: Array<{ unit: { code: string; name: string }; value: number | null }>;
}

describe.each(DATABASE_KINDS)('portal: indicator page on %s', (kind) => {
  let release: RealRelease;
  const page = async (url: string) => {
    const response = await release.app.inject({ method: 'GET', url, headers: { accept: 'text/html' } });
    return { status: response.statusCode, body: response.body };
  };
  const rows = (body: string) =>
    (body.split('id="ranking"')[1]?.split('</tbody>')[0] ?? '').split('<tr').slice(2);

  beforeAll(async () => {
    release = await openRealRelease(kind);
  }, 180_000);
  afterAll(async () => {
    await release?.close();
  });

  it('shows the definition, a map of every gmina, the ranking, the distribution and Kraków against its group', async () => {
    const data = (await release.get(`/api/v1/indicators/${ID}/data?level=gmina&year=2019`))
      .body as unknown as DataAnswer;
    const { status, body } = await page(`/wskaznik/${ID}?jst=1261011`);
    expect(status).toBe(200);
    expect(body).toContain('<h1>Dochody własne na mieszkańca</h1>');
    expect(body).toContain('per_capita(dochody_wlasne)');
    expect(body).toContain('Bank Danych Lokalnych');

    // The map: one shape per gmina with a boundary, Kraków outlined, the legend as text with counts.
    const map = body.split('class="choropleth"')[1]?.split('</svg>')[0] ?? '';
    const shapes = map.match(/<path d="M/g)?.length ?? 0;
    expect(shapes).toBeGreaterThanOrEqual(data.items.length - 2);
    expect(map).toMatch(/<path d="[^"]+" class="hl c\d"><title>Kraków: /);
    const legendCounts = [
      ...(body.split('class="map-legend"')[1]?.split('</ul>')[0] ?? '').matchAll(/\((\d+)\)/g),
    ].map((m) => Number(m[1]));
    expect(legendCounts.reduce((a, b) => a + b, 0)).toBe(data.items.length);

    // The ranking: every gmina once; Kraków's rank is 1 + the number of gminy with a higher value.
    const ranking = rows(body);
    expect(ranking.length).toBe(data.items.length);
    const krakow = data.items.find((i) => i.unit.code === '1261011')!;
    const better = data.items.filter((i) => i.value !== null && i.value > (krakow.value as number)).length;
    const row = ranking.find((r) => r.includes('href="/jst/1261011"')) ?? '';
    expect(row).toContain(`<td class="num">${better + 1}</td>`);
    expect(row).toContain(polish(krakow.value as number, data.indicator.decimals));
    expect(row).toContain('aria-current="true"');

    // The distribution and the time series against the group, as the API's distribution says.
    const distribution = (
      await release.get(
        `/api/v1/indicators/${ID}/distribution?year=2019&level=gmina&against=group&unit=1261011`,
      )
    ).body as { statistics: { median: number }; position: { rank: number; rankedCount: number } };
    expect(body).toContain(`Kraków: ${polish(krakow.value as number, 0)}`);
    expect(body.replace(/\s+/g, ' ')).toContain(
      `Kraków: miejsce ${distribution.position.rank} z ${distribution.position.rankedCount}`,
    );
    const series = body.split('id="szereg-t"')[1]?.split('</table>')[0] ?? '';
    const y2019 = series.split('<th scope="row">2019</th>')[1]?.split('</tr>')[0] ?? '';
    expect(y2019).toContain(polish(krakow.value as number, 0));
    expect(y2019).toContain(polish(distribution.statistics.median, 0));
    expect(series).toContain('<th scope="row">2010</th>');

    // Downloads of what is shown, and embed codes with absolute addresses.
    expect(body).toContain(`/api/v1/indicators/${ID}/data?level=gmina&amp;year=2019&amp;format=xlsx`);
    expect(body).toMatch(/&lt;iframe src=&quot;http:\/\/[^/]+\/osadz\/mapa\//);
  });

  it('filters the ranking by voivodeship and by the reference set, in the URL', async () => {
    const woj = await page(`/wskaznik/${ID}?woj=12&rok=2015`);
    expect(woj.status).toBe(200);
    const inWoj = rows(woj.body);
    expect(inWoj.length).toBeGreaterThan(150);
    for (const r of inWoj) expect(r).toMatch(/href="\/jst\/12\d{5}"/);
    expect(woj.body).toMatch(/<option value="2015" selected>/);

    const set = await page(`/en/wskaznik/${ID}?jst=1261011&porownaj=neighbours&zbior=1`);
    expect(set.status).toBe(200);
    expect(set.body).toContain('<html lang="en">');
    const neighbours = (await release.get('/api/v1/units/1261011/neighbours')).body as {
      neighbours: Array<{ code: string }>;
    };
    // The neighbours' set and Kraków itself (placed among them).
    const inSet = rows(set.body);
    expect(inSet.length).toBeGreaterThanOrEqual(neighbours.neighbours.length);
    for (const n of neighbours.neighbours) expect(set.body).toContain(`href="/en/jst/${n.code}"`);
  });

  it('explains an indicator without data and rejects bad parameters by name', async () => {
    const empty = await page('/wskaznik/edukacja.wydatki_801_na_ucznia');
    expect(empty.status).toBe(200);
    expect(empty.body).toContain('Czego brakuje i jak to wczytać');
    expect(empty.body).not.toContain('class="choropleth"');

    const badYear = await page(`/wskaznik/${ID}?rok=dwa`);
    expect(badYear.status).toBe(400);
    expect(badYear.body).toContain('Parametr „rok”');
    const noYear = await page(`/wskaznik/${ID}?rok=1999`);
    expect(noYear.status).toBe(404);
    expect(noYear.body).toContain('2010–2019');
    const wrongLevel = await page(`/wskaznik/${ID}?jst=1261011&poziom=powiat`);
    expect(wrongLevel.status).toBe(400);
    // Own revenue is published for powiaty too (the sum of their gminy): the powiat map, Kraków outlined.
    const powiat = await page(`/wskaznik/${ID}?jst=1261`);
    expect(powiat.status).toBe(200);
    expect(powiat.body).toMatch(/class="hl c\d"><title>Kraków: /);
    const badUnit = await page(`/wskaznik/${ID}?jst=12x`);
    expect(badUnit.status).toBe(400);
    expect(badUnit.body).toContain('Parametr „jst”');
    expect((await page('/wskaznik/nie.ma')).status).toBe(404);
  });

  it('serves each chart on a bare page to embed, with its numbers', async () => {
    const map = await page(`/osadz/mapa/${ID}?jst=1261011`);
    expect(map.status).toBe(200);
    expect(map.body).toContain('class="choropleth"');
    expect(map.body).not.toContain('<header class="site">');
    expect(map.body).toContain(`href="/wskaznik/${ID}?jst=1261011"`);
    const series = await page(`/en/osadz/szereg/${ID}?jst=1261011`);
    expect(series.body).toContain('id="szereg-t"');
    expect(series.body).toContain('<html lang="en">');
    const histogram = await page(`/osadz/rozklad/${ID}`);
    expect(histogram.body).toContain('class="chart histogram"');
    expect((await page(`/osadz/tort/${ID}`)).status).toBe(404);
  });
});
