/**
 * The portal's home and unit pages on real data (test/real-release.ts), on both databases, through the same
 * server as the API (inject). The numbers on the page are checked against the API's JSON, formatted
 * independently here (Polish: no-break space between thousands, decimal comma).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DATABASE_KINDS } from './databases.js';
import { polish } from './polish-numbers.js';
import { openRealRelease, RELEASE_HOOK_MS, type RealRelease } from './real-release.js';
import { agreementErrors, visibleText } from './polish-plurals.js';

describe.each(DATABASE_KINDS)('portal: home and unit pages on %s', (kind) => {
  let release: RealRelease;
  const page = async (url: string, accept = 'text/html') => {
    const response = await release.app.inject({ method: 'GET', url, headers: { accept } });
    return { status: response.statusCode, body: response.body, headers: response.headers };
  };

  beforeAll(async () => {
    release = await openRealRelease(kind);
  }, RELEASE_HOOK_MS);
  afterAll(async () => {
    await release?.close();
  });

  it('finds units by name without Polish letters, in Polish and in English', async () => {
    const home = await page('/?q=lodz');
    expect(home.status).toBe(200);
    expect(home.headers['content-type']).toMatch(/^text\/html/);
    expect(home.body).toContain('<html lang="pl">');
    expect(home.body).toContain('href="/jst/1061011">Łódź</a>');
    const english = await page('/en?q=krak');
    expect(english.body).toContain('<html lang="en">');
    expect(english.body).toContain('href="/en/jst/1261011">Kraków</a>');
    // The service areas link every indicator by its name.
    expect(home.body).toContain('href="/wskaznik/kontekst.gestosc_zaludnienia"');
  });

  it('shows Kraków with its population, group, neighbours and every indicator against the group', async () => {
    const profile = (await release.get('/api/v1/units/1261011/profile?against=group')).body as {
      items: Array<{
        indicator: { id: string; decimals: number };
        value: number | null;
        year: number | null;
        statistics: { median: number } | null;
        position: { rank: number; rankedCount: number } | null;
      }>;
    };
    const peers = (await release.get('/api/v1/units/1261011/peers')).body as {
      group: { label: { pl: string } };
      neighbours: Array<{ code: string; name: string }>;
    };
    const { status, body } = await page('/jst/1261011');
    expect(status).toBe(200);
    expect(body).toContain('<h1>Kraków</h1>');
    const population = profile.items.find((i) => i.indicator.id === 'kontekst.ludnosc');
    expect(population?.value).toBe(779115);
    expect(body).toContain(`${polish(779115, 0)} osób`);
    expect(body).toContain(peers.group.label.pl);
    expect(peers.neighbours.length).toBeGreaterThan(3);
    for (const n of peers.neighbours) expect(body).toContain(`href="/jst/${n.code}">${n.name}</a>`);
    // Every indicator with a value: its value, the group's median and its rank, as the API computed them.
    const rated = profile.items.filter((i) => i.value !== null && i.statistics && i.position);
    expect(rated.length).toBeGreaterThan(5);
    for (const item of rated) {
      const row = body.split(`/wskaznik/${item.indicator.id}?jst=1261011"`)[1]?.split('</tr>')[0] ?? '';
      expect(row, item.indicator.id).toContain(polish(item.value as number, item.indicator.decimals));
      expect(row, item.indicator.id).toContain(polish(item.statistics!.median, item.indicator.decimals));
      expect(row, item.indicator.id).toContain(`${item.position!.rank} z ${item.position!.rankedCount}`);
    }
    // Indicators without data: one line per area (the basic view), never a row each.
    expect(body).toMatch(/<p class="missing-line">\s*\d+ wskaźnik(i|ów)?\s+bez danych w tym wydaniu: /);
    expect(body).not.toContain('class="missing-list"');
    // Strong and weak points in words: each indicator in the best quarter of the set is named there.
    const strong = body.split('<h3>Mocne strony</h3>')[1]?.split('</div>')[0] ?? '';
    const best = profile.items.filter(
      (i) => (i.position as { positionClass?: string } | null)?.positionClass === 'top25',
    );
    expect(best.length).toBeGreaterThan(0);
    for (const item of best.slice(0, 5))
      expect(strong).toContain(`href="#w-${item.indicator.id.replace(/[^a-z0-9]+/g, '-')}"`);
    // Group codes (the group's rule) only in the advanced view.
    expect(body).not.toMatch(/gm[a-z]*-\d+k/);
    expect((await page('/jst/1261011?widok=zaawansowany')).body).toMatch(/gm[a-z-]*-\d+k/);
  });

  it('switches the comparison set through the URL and keeps it in the form', async () => {
    const { status, body } = await page('/jst/1261011?porownaj=neighbours');
    expect(status).toBe(200);
    expect(body).toMatch(/<option value="neighbours" selected>/);
    expect(body).toContain('<strong>Porównanie z:</strong> sąsiedzi');
    const year = await page('/en/jst/1261011?porownaj=voivodeship&rok=2015');
    expect(year.body).toContain('<html lang="en">');
    expect(year.body).toMatch(/<option value="2015" selected>/);
    expect(year.body).toContain('Population');
  });

  it('lists indicators without a value under their tables and offers the tables to embed', async () => {
    const { body } = await page('/jst/1261011?porownaj=neighbours&rok=2018&widok=zaawansowany');
    expect(body).toMatch(/<details class="missing-list">[\s\S]*brak danych w tym wydaniu/);
    expect(body).toContain(
      '&lt;iframe src=&quot;http://localhost:80/osadz/profil/1261011?porownaj=neighbours&amp;rok=2018&quot;',
    );
    const embedded = await page('/osadz/profil/1261011?porownaj=neighbours&rok=2018');
    expect(embedded.status).toBe(200);
    expect(embedded.body).not.toContain('<header class="site">');
    expect(embedded.body).toContain('<h1>Kraków</h1>');
    expect(embedded.body).toContain('<strong>Porównanie z:</strong> sąsiedzi');
    expect(embedded.body).toContain('href="/jst/1261011?porownaj=neighbours&amp;rok=2018"');
  });

  it('answers bad addresses with an HTML page saying what was wrong, and keeps API errors JSON', async () => {
    const badSet = await page('/jst/1261011?porownaj=cousins');
    expect(badSet.status).toBe(400);
    expect(badSet.body).toContain('Parametr „porownaj”');
    const badYear = await page('/jst/1261011?rok=20x9');
    expect(badYear.status).toBe(400);
    const unknown = await page('/jst/9999999');
    expect(unknown.status).toBe(404);
    expect(unknown.headers['content-type']).toMatch(/^text\/html/);
    const nowhere = await page('/nie-ma-takiej-strony');
    expect(nowhere.status).toBe(404);
    expect(nowhere.body).toContain('Nie ma strony /nie-ma-takiej-strony');
    const api = await page('/api/v1/nothing', 'text/html');
    expect(api.status).toBe(404);
    expect(api.headers['content-type']).toMatch(/problem\+json/);
  });

  it('writes numbers and nouns in agreement on every Polish page kind (osób, jednostek, wskaźników…)', async () => {
    const paths = [
      '/?q=d%C4%85browa',
      '/jst/1261011',
      '/jst/1261011?widok=zaawansowany',
      '/jst/1261',
      '/wskaznik/kontekst.ludnosc?jst=1261011',
      '/wskaznik/kontekst.gestosc_zaludnienia?woj=12',
      '/porownaj?jst=1261011,1061011,0264011&wsk=kontekst.ludnosc',
      '/metodologia',
      '/jak-korzystac',
    ];
    const errors: string[] = [];
    for (const path of paths) {
      const { status, body } = await page(path);
      expect(status, path).toBe(200);
      errors.push(...agreementErrors(visibleText(body)).map((e) => `${path}: ${e}`));
    }
    expect(errors).toEqual([]);
  });

  it('finds units that tell themselves apart: kind, powiat, voivodeship, population; the gmina before its city-powiat entry', async () => {
    const { body } = await page('/?q=krak');
    const items = [
      ...body.matchAll(/<li>\s*<a href="\/jst\/(\d+)">[^<]+<\/a>\s*<span class="muted">([^<]+)<\/span>/g),
    ];
    expect(items.map((m) => m[1])).toEqual(['1261011', '1261', '1206']);
    expect(items[0]?.[2]).toMatch(
      /gmina miejska · miasto na prawach powiatu Kraków, woj\. małopolskie · .*mieszkańców \(\d{4}\) · TERYT 1261011/,
    );
    expect(body).toContain('Kolejność: najpierw pełna nazwa');
    const live = await release.app.inject('/wyszukaj?q=krak');
    expect((live.json() as { items: Array<{ code: string }> }).items.map((i) => i.code)).toEqual([
      '1261011',
      '1261',
      '1206',
    ]);
  });

  it('serves the style sheet under a content-hashed URL that browsers keep', async () => {
    const home = await page('/');
    const href = /href="(\/static\/smup\.css\?v=[0-9a-f]{12})"/.exec(home.body)?.[1];
    expect(href).toBeDefined();
    const css = await page(href!);
    expect(css.status).toBe(200);
    expect(css.headers['cache-control']).toContain('immutable');
    expect(css.body).toContain('--c-top25');
    const again = await release.app.inject({
      method: 'GET',
      url: href!,
      headers: { 'if-none-match': String(css.headers.etag) },
    });
    expect(again.statusCode).toBe(304);
  });
});
