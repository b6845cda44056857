/**
 * The indicator page and its embeddable charts on real data (test/real-release.ts), on both databases. The
 * ranking, the map classes and the time series are checked against the API's JSON, with the rank and the
 * Polish number format worked out independently here.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DATABASE_KINDS } from './databases.js';
import { polish } from './polish-numbers.js';
import { openRealRelease, RELEASE_HOOK_MS, type RealRelease } from './real-release.js';

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
  }, RELEASE_HOOK_MS);
  afterAll(async () => {
    await release?.close();
  });

  it('shows the definition, a map of every gmina, the ranking, the distribution and Kraków against its group', async () => {
    const data = (await release.get(`/api/v1/indicators/${ID}/data?level=gmina&year=2019`))
      .body as unknown as DataAnswer;
    const { status, body } = await page(`/wskaznik/${ID}?jst=1261011&strona=wszystkie`);
    expect(status).toBe(200);
    expect(body).toContain('<h1>Dochody własne na mieszkańca</h1>');
    // The formula is a code: in the advanced view only.
    expect(body).not.toContain('per_capita(dochody_wlasne)');
    expect((await page(`/wskaznik/${ID}?widok=zaawansowany`)).body).toContain('per_capita(dochody_wlasne)');
    expect(body).toContain('Bank Danych Lokalnych');

    // The map, a file of its own: one shape per gmina with a boundary, Kraków outlined, the legend as text
    // with counts on the page.
    const mapSrc = /<img class="choropleth" src="([^"]+)"/.exec(body)?.[1]?.replace(/&amp;/g, '&') ?? '';
    expect(mapSrc).toMatch(new RegExp(`^/wskaznik/${ID}/mapa\\.svg\\?.*jst=1261011.*wydanie=`));
    const mapFile = await release.app.inject({ method: 'GET', url: mapSrc });
    expect(mapFile.statusCode).toBe(200);
    expect(mapFile.headers['content-type']).toContain('image/svg+xml');
    expect(mapFile.headers['cache-control']).toBe('public, max-age=86400');
    const map = mapFile.body;
    expect(map).toContain('xmlns="http://www.w3.org/2000/svg"');
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
    expect(row).toContain(`<span class="cell">${better + 1}</span>`);
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
    expect(body).toContain(
      `/api/v1/indicators/${ID}/data?level=gmina&amp;year=2019&amp;lang=pl&amp;format=xlsx`,
    );
    expect(body).toMatch(/&lt;iframe src=&quot;http:\/\/[^/]+\/osadz\/mapa\//);
  });

  it('filters the ranking by voivodeship and by the reference set, in the URL', async () => {
    const woj = await page(`/wskaznik/${ID}?woj=12&rok=2015&strona=wszystkie`);
    expect(woj.status).toBe(200);
    const inWoj = rows(woj.body);
    expect(inWoj.length).toBeGreaterThan(150);
    for (const r of inWoj) expect(r).toMatch(/href="\/jst\/12\d{5}"/);
    expect(woj.body).toMatch(/<option value="2015" selected>/);

    // "Download what you see": the ranking's CSV has the screen's rows in the screen's order, with rank,
    // position, voivodeship, the value as shown and at full precision, TERYT as text for Excel, no codes.
    const csvUrl = /href="([^"]+\/ranking\.csv\?[^"]+)"/.exec(woj.body)?.[1]?.replace(/&amp;/g, '&') ?? '';
    expect(csvUrl).toContain('woj=12');
    const csv = await release.app.inject(csvUrl);
    expect(csv.statusCode).toBe(200);
    expect(csv.headers['content-type']).toContain('text/csv');
    const lines = csv.body
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n');
    expect(lines[0]).toMatch(/^miejsce;kod_teryt;jednostka;rodzaj;wojewodztwo;wartosc;wartosc_pelna;/);
    const screenCodes = inWoj.map((r) => /href="\/jst\/(\d+)"/.exec(r)?.[1]);
    const fileCodes = lines.slice(1).map((l) => /^[^;]*;"=""(\d+)"""/.exec(l)?.[1]);
    expect(fileCodes).toEqual(screenCodes);
    expect(lines[1]).toContain(';małopolskie;');
    expect(lines[1]).toMatch(/^1;/);
    expect(csv.body).not.toContain('not-in-release');

    // The map and the histogram follow the filter: only Małopolska's gminy, cropped to them.
    const wojMapSrc =
      /<img class="choropleth" src="([^"]+)"/.exec(woj.body)?.[1]?.replace(/&amp;/g, '&') ?? '';
    const wojMap = (await release.app.inject({ method: 'GET', url: wojMapSrc })).body;
    const titles = [...wojMap.matchAll(/<title>([^<:]+)/g)].length;
    expect(titles).toBeGreaterThanOrEqual(inWoj.length - 2);
    expect(titles).toBeLessThanOrEqual(inWoj.length);
    expect(woj.body).toContain('gminy (województwo 12)');

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

  it('pages the ranking: 100 gminy a page, the page of the chosen unit first, under 300 KB of HTML', async () => {
    const first = await page(`/wskaznik/${ID}`);
    expect(first.status).toBe(200);
    expect(rows(first.body).length).toBe(100);
    expect(Buffer.byteLength(first.body)).toBeLessThan(300_000);
    expect(first.body).toContain('Wiersze 1–100 z ');
    expect(first.body).toMatch(/href="\/wskaznik\/[^"]*strona=2#ranking-h"\s+rel="next"/);
    const withUnit = await page(`/wskaznik/${ID}?jst=1261011`);
    expect(Buffer.byteLength(withUnit.body)).toBeLessThan(300_000);
    const current = rows(withUnit.body).find((r) => r.includes('aria-current="true"')) ?? '';
    expect(current).toContain('href="/jst/1261011"');
    // Every row names the unit, its value and its position among the shown units, labelled for phones.
    expect(current).toMatch(/data-label="Pozycja"[^>]*>\s*<span class="cell"\s*>\s*<span class="pos pos-/);
    expect(withUnit.body).toMatch(/W rankingu: 2\s?4\d\d jednostek; mediana: /);
    expect((await page(`/wskaznik/${ID}?strona=zero`)).status).toBe(400);
  });

  it('explains an indicator without data and rejects bad parameters by name', async () => {
    // Residents read that the data are missing, in words; the commands to load them are for analysts.
    const empty = await page('/wskaznik/edukacja.wydatki_801_na_ucznia');
    expect(empty.status).toBe(200);
    expect(empty.body).toContain('To wydanie nie zawiera jeszcze wartości tego wskaźnika');
    expect(empty.body).not.toContain('smup ingest');
    expect(empty.body).not.toMatch(/bdl:\d/);
    const advanced = await page('/wskaznik/edukacja.wydatki_801_na_ucznia?widok=zaawansowany');
    expect(advanced.body).toContain('Czego brakuje i jak to wczytać');
    expect(advanced.body).toContain('smup ingest bdl');
    expect((await page('/wskaznik/edukacja.wydatki_801_na_ucznia?widok=ekspert')).status).toBe(400);
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
    const powiatMap =
      /<img class="choropleth" src="([^"]+)"/.exec(powiat.body)?.[1]?.replace(/&amp;/g, '&') ?? '';
    expect((await release.app.inject(powiatMap)).body).toMatch(/class="hl c\d"><title>Kraków: /);
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
