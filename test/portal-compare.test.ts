/**
 * The portal's compare page (/porownaj) on real data (test/real-release.ts), on both databases, through the
 * same server as the API (inject). The numbers on the page are checked against GET /api/v1/compare's JSON,
 * formatted independently here (Polish: no-break space between thousands, decimal comma).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BAR_COLOUR, PALETTE } from '../src/web/charts/bars.js';
import { unitFor } from '../src/web/measure-unit.js';
import { DATABASE_KINDS } from './databases.js';
import { NBSP, polish } from './polish-numbers.js';
import { openRealRelease, RELEASE_HOOK_MS, type RealRelease } from './real-release.js';

function english(value: number, decimals: number): string {
  const [whole = '', fraction] = Math.abs(value).toFixed(decimals).split('.');
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${value < 0 ? '−' : ''}${grouped}${fraction ? `.${fraction}` : ''}`;
}

/** WCAG 2.1 relative luminance and contrast ratio of a #rrggbb colour against white. */
function contrastOnWhite(hex: string): number {
  const [r, g, b] = [1, 3, 5].map((i) => {
    const c = parseInt(hex.slice(i, i + 2), 16) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  }) as [number, number, number];
  return 1.05 / (0.2126 * r + 0.7152 * g + 0.0722 * b + 0.05);
}

const unescape = (href: string): string => href.replace(/&amp;/g, '&');

interface CompareJson {
  years: number[];
  units: Array<{ code: string; name: string }>;
  indicators: Array<{ id: string; decimals: number; measureUnit: string; name: { pl: string; en: string } }>;
  items: Array<{
    indicator: string;
    unit: string;
    year: number;
    value: number | null;
    reason: string | null;
    comparedMedian: number | null;
    comparedRank: number | null;
    comparedCount: number | null;
  }>;
}

const CITIES = ['1261011', '1061011', '0264011', '3064011'];
const NAMES = ['Kraków', 'Łódź', 'Wrocław', 'Poznań'];

describe('compare charts: colours', () => {
  it('reach 3:1 against white (WCAG 2.1 AA, non-text contrast)', () => {
    for (const colour of [BAR_COLOUR, ...PALETTE])
      expect(contrastOnWhite(colour), colour).toBeGreaterThanOrEqual(3);
  });
});

describe.each(DATABASE_KINDS)('portal: compare page on %s', (kind) => {
  let release: RealRelease;
  let gminaIndicators: string[];
  const page = async (url: string) => {
    const response = await release.app.inject({ method: 'GET', url, headers: { accept: 'text/html' } });
    return { status: response.statusCode, body: response.body, headers: response.headers };
  };
  const compare = async (query: string) =>
    (await release.get(`/api/v1/compare?${query}`)).body as unknown as CompareJson;
  /** The table row of an indicator (from its link in the row header to the end of the row). */
  const rowOf = (body: string, id: string, lang: 'pl' | 'en' = 'pl') =>
    body.split(`<a href="${lang === 'en' ? '/en' : ''}/wskaznik/${id}">`)[1]?.split('</tr>')[0] ?? '';

  beforeAll(async () => {
    release = await openRealRelease(kind);
    const list = (await release.get('/api/v1/indicators?available=true&level=gmina')).body as {
      items: Array<{ id: string }>;
    };
    gminaIndicators = list.items.map((i) => i.id);
  }, RELEASE_HOOK_MS);
  afterAll(async () => {
    await release?.close();
  });

  it('without units: a form to find and add units, and the indicators by area, every control labelled', async () => {
    const empty = await page('/porownaj');
    expect(empty.status).toBe(200);
    expect(empty.body).toContain('<h1>Porównanie jednostek</h1>');
    expect(empty.body).toContain('<label for="q">');
    expect(empty.body).toContain('<label for="lata">');
    expect(gminaIndicators.length).toBeGreaterThan(5);
    for (const id of gminaIndicators) {
      const key = id.replace(/[^a-z0-9]+/g, '-');
      expect(empty.body).toContain(`id="wsk-${key}"`);
      expect(empty.body).toContain(`<label for="wsk-${key}"`);
    }
    expect(empty.body).toMatch(/<fieldset class="indicator-choice"[^>]*>\s*<legend>Wskaźniki<\/legend>/);
    expect(empty.body).toContain('<legend>Kontekst');

    // Searching lists units with links that add them, keeping the current state in the URL.
    const found = await page('/porownaj?jst=1261011&wsk=kontekst.ludnosc&q=lodz');
    expect(found.status).toBe(200);
    expect(found.body).toContain('href="/porownaj?jst=1261011,1061011&amp;wsk=kontekst.ludnosc&amp;q=lodz"');
    // The current selection, with a link that removes each unit.
    expect(found.body).toContain('href="/porownaj?wsk=kontekst.ludnosc&amp;q=lodz"');
    expect(found.body).toContain('<input type="hidden" name="jst" value="1261011" />');
    expect(found.body).toMatch(
      /<input\s+type="checkbox"\s+id="wsk-kontekst-ludnosc"\s+name="wsk"\s+value="kontekst.ludnosc"\s+checked/,
    );
  });

  it('compares four cities on every indicator with data, with the numbers of GET /api/v1/compare', async () => {
    const { status, body } = await page(`/porownaj?jst=${CITIES.join(',')}`);
    expect(status).toBe(200);
    expect(body).toContain(`<h1>Porównanie: ${NAMES.join(', ')}</h1>`);
    for (const [i, code] of CITIES.entries())
      expect(body).toContain(`<a href="/jst/${code}">${NAMES[i]}</a>`);
    const data = await compare(`units=${CITIES.join(',')}&indicators=${gminaIndicators.join(',')}`);
    expect(data.years.length).toBeGreaterThan(5);
    let ranked = 0;
    for (const indicator of data.indicators) {
      const cells = data.items.filter((c) => c.indicator === indicator.id);
      const year = Math.max(...cells.filter((c) => c.value !== null).map((c) => c.year));
      const row = rowOf(body, indicator.id);
      expect(row, indicator.id).toContain(indicator.name.pl);
      // Each unit's value in the latest year, in the units' order, with the measure unit and the year.
      let at = 0;
      for (const code of CITIES) {
        const cell = cells.find((c) => c.unit === code && c.year === year);
        expect(cell?.value, `${indicator.id} ${code}`).not.toBeNull();
        const text = polish(cell!.value!, indicator.decimals);
        const found = row.indexOf(text, at);
        expect(found, `${indicator.id} ${code} ${text}`).toBeGreaterThan(at - 1);
        at = found + text.length;
      }
      // The unit of measure agrees with the last city's number ("779 115 osób", not "osoby").
      const last = cells.find((c) => c.unit === CITIES.at(-1) && c.year === year)!;
      expect(row).toContain(
        `<span class="unit">${unitFor(last.value!, indicator.decimals, indicator.measureUnit, 'pl')}</span>`,
      );
      expect(row).toContain(`<span class="muted">${year}</span>`);
      // The row's median and ranks are the API's (one rule, domain/benchmark/compare-stats.ts).
      const shown = cells.filter((c) => c.year === year);
      const median = shown[0]?.comparedMedian;
      if (median != null) expect(row, `${indicator.id} median`).toContain(polish(median, indicator.decimals));
      for (const cell of shown) {
        if (cell.comparedRank === null) continue;
        expect(row, `${indicator.id} ${cell.unit}`).toContain(
          `miejsce ${cell.comparedRank} z ${cell.comparedCount}`,
        );
      }
      ranked += shown.filter((c) => c.comparedRank !== null).length;
    }
    expect(ranked).toBeGreaterThan(0);
    const kraków = data.items.find(
      (c) => c.indicator === 'kontekst.ludnosc' && c.unit === '1261011' && c.year === 2019,
    );
    expect(kraków?.value).toBe(779115);
    expect(body).toContain(`779${NBSP}115 osób`);
    expect(body).not.toMatch(/\d{3}\s\d{3} osoby\b/);
    // Table: a caption, headers with scope, in a focusable scroll region.
    expect(body).toMatch(
      /<div class="table-wrap stacked" tabindex="0" role="region" aria-labelledby="tabela-opis">/,
    );
    expect(body).toContain('<caption id="tabela-opis">');
    const headers = [...body.matchAll(/<th(?:\s[^>]*)?>/g)].map((m) => m[0]);
    expect(headers.length).toBeGreaterThan(10);
    expect(headers.filter((th) => !th.includes('scope='))).toEqual([]);
    // One figure per indicator: a bar chart and a trend, each an image named by its caption and described
    // by a table that exists on the page.
    const charts = [...body.matchAll(/<svg\s+class="(bars|trend)"[^>]*>/g)];
    expect(charts.filter((m) => m[1] === 'bars')).toHaveLength(data.indicators.length);
    expect(charts.filter((m) => m[1] === 'trend')).toHaveLength(data.indicators.length);
    for (const [svg] of charts) {
      expect(svg).toContain('role="img"');
      const labelledBy = /aria-labelledby="([^"]+)"/.exec(svg)?.[1];
      const describedBy = /aria-describedby="([^"]+)"/.exec(svg)?.[1];
      expect(body).toContain(`id="${labelledBy}"`);
      expect(body).toMatch(new RegExp(`<table class="data" id="${describedBy}">`));
    }
    // Bars are labelled with the units' names and the values with their unit, not by colour.
    const figure = body.split('id="wykres-kontekst-ludnosc"')[1]?.split('</figure>')[0] ?? '';
    for (const name of NAMES) expect(figure).toContain(name);
    expect(figure).toContain(`${polish(779115, 0)} osób`);
    expect(figure).toContain('stroke-dasharray="8 4"');
  });

  it('offers downloads of what it shows, a permalink and an embed code', async () => {
    const units = CITIES.slice(0, 2).join(',');
    const { body } = await page(
      `/porownaj?jst=${units}&wsk=kontekst.ludnosc,kontekst.gestosc_zaludnienia&lata=2015-2019`,
    );
    // The cells the page shows (emptyYears=omit: an indicator's years with a value), in the page's language.
    const api = `/api/v1/compare?units=${units}&amp;indicators=kontekst.ludnosc,kontekst.gestosc_zaludnienia&amp;years=2015-2019&amp;emptyYears=omit&amp;lang=pl`;
    expect(body).toContain(`href="${api}&amp;format=csv&amp;sep=semicolon&amp;decimal=comma"`);
    expect(body).toContain(`href="${api}&amp;format=xlsx"`);
    expect(body).toContain(`href="${api}"`);
    expect(body).toContain(
      `href="/porownaj?jst=${units}&amp;wsk=kontekst.ludnosc,kontekst.gestosc_zaludnienia&amp;lata=2015-2019"`,
    );
    expect(body).toContain('<label for="osadz">');
    expect(body).toContain(
      `&lt;iframe src=&quot;http://localhost:80/osadz/porownanie?jst=${units}&amp;wsk=kontekst.ludnosc,kontekst.gestosc_zaludnienia&amp;lata=2015-2019&quot; title=&quot;SMUP: porównanie: Kraków, Łódź&quot;`,
    );
    // The embedded view: the same charts and numbers on a bare page.
    const embedded = await page(
      `/osadz/porownanie?jst=${units}&wsk=kontekst.ludnosc,kontekst.gestosc_zaludnienia&lata=2015-2019`,
    );
    expect(embedded.status).toBe(200);
    expect(embedded.body).not.toContain('<header class="site">');
    expect(embedded.body).toContain(polish(779115, 0));
    expect(embedded.body).toContain('Źródło:');
    expect((await page('/osadz/porownanie')).status).toBe(400);
    const csv = await release.app.inject(
      unescape(`${api}&amp;format=csv&amp;sep=semicolon&amp;decimal=comma`),
    );
    expect(csv.statusCode).toBe(200);
    expect(csv.headers['content-type']).toMatch(/text\/csv/);
    expect(csv.body).toContain('Kraków');
    expect(csv.body).toContain('779115');
    const xlsx = await release.app.inject(unescape(`${api}&amp;format=xlsx`));
    expect(xlsx.statusCode).toBe(200);
    expect(xlsx.headers['content-type']).toMatch(/spreadsheetml/);
    // The range: the table shows its last year, the trends 2015–2019.
    expect(rowOf(body, 'kontekst.ludnosc')).toContain('<span class="muted">2019</span>');
    expect(body).toContain('Trend 2015–2019');
    expect(body).toContain('(rok 2019; lata 2015-2019)');
    // One year: the table of that year and no trend.
    const one = await page(`/porownaj?jst=${units}&jst=0264011&wsk=kontekst.ludnosc&lata=2012`);
    expect(one.status).toBe(200);
    const data = await compare(`units=${units},0264011&indicators=kontekst.ludnosc&years=2012`);
    const row = rowOf(one.body, 'kontekst.ludnosc');
    for (const cell of data.items) expect(row).toContain(polish(cell.value!, 0));
    expect(row).toContain('<span class="muted">2012</span>');
    expect(one.body).not.toContain('class="trend"');
  });

  it('compares units of different levels and says in words why a value is missing', async () => {
    const { status, body } = await page('/porownaj?jst=12,1261,1261011&wsk=kontekst.ludnosc&lata=2019');
    expect(status).toBe(200);
    expect(body).toContain('<a href="/jst/12">');
    // Kraków the powiat and Kraków the gmina: the charts tell them apart by their codes.
    expect(body).toContain('<h1>Porównanie: małopolskie, Kraków (1261), Kraków (1261011)</h1>');
    const bars = body.split('id="wykres-kontekst-ludnosc"')[1]?.split('</svg>')[0] ?? '';
    expect(bars).toContain('Kraków (1261)');
    expect(bars).toContain('Kraków (1261011)');
    // The województwo has the sum of its gminy (kontekst.ludnosc is published for every level).
    const data = await compare('units=12,1207132&indicators=kontekst.ludnosc&years=2019');
    const region = data.items.find((c) => c.unit === '12');
    expect(region?.value).toBeGreaterThan(3_000_000);
    expect(rowOf(body, 'kontekst.ludnosc')).toContain(polish(region?.value as number, 0));
    // Szczawa (1207132) became a gmina after 2019: no value, with the reason in words.
    const missing = data.items.find((c) => c.unit === '1207132');
    expect(missing?.value).toBeNull();
    expect(missing?.reason).toBe('not-in-release');
    const szczawa = await page('/porownaj?jst=12,1207132&wsk=kontekst.ludnosc&lata=2019');
    expect(rowOf(szczawa.body, 'kontekst.ludnosc')).toContain('brak danych w tym wydaniu (2019)');
  });

  it('in English: English labels and number format, English links', async () => {
    const { status, body } = await page(`/en/porownaj?jst=${CITIES.slice(0, 2).join(',')}&lata=2019`);
    expect(status).toBe(200);
    expect(body).toContain('<html lang="en">');
    expect(body).toContain('<h1>Comparison: Kraków, Łódź</h1>');
    expect(body).toContain('<a href="/en/jst/1261011">Kraków</a>');
    expect(rowOf(body, 'kontekst.ludnosc', 'en')).toContain(english(779115, 0));
    expect(body).toContain('Download what you see');
    expect(body).toContain('/en/osadz/porownanie?jst=1261011,1061011&amp;wsk=');
    const query = await page(`/porownaj?jst=1261011&lang=en`);
    expect(query.body).toContain('<html lang="en">');
  });

  it('answers bad addresses with an HTML page naming the parameter and what was expected', async () => {
    const eleven = [...CITIES, '1465011', '2264011', '0611011', '3262011', '2061011', '0861011', '1661011'];
    const tooMany = await page(`/porownaj?jst=${eleven.join(',')}`);
    expect(tooMany.status).toBe(400);
    expect(tooMany.headers['content-type']).toMatch(/^text\/html/);
    expect(tooMany.body).toContain('Parametr „jst”: można porównać najwyżej 10 jednostek, podano 11.');
    const tooManyEn = await page(`/en/porownaj?${eleven.map((c) => `jst=${c}`).join('&')}`);
    expect(tooManyEn.status).toBe(400);
    expect(tooManyEn.body).toContain('at most 10 units can be compared, 11 were given');
    const unknown = await page('/porownaj?jst=1261011,9999999');
    expect(unknown.status).toBe(404);
    expect(unknown.body).toContain('nie zawiera jednostki o kodzie 9999999');
    const badCode = await page('/porownaj?jst=12a');
    expect(badCode.status).toBe(400);
    expect(badCode.body).toContain('Parametr „jst”: „12a” nie jest kodem TERYT');
    const badYear = await page('/porownaj?jst=1261011&lata=20x9');
    expect(badYear.status).toBe(400);
    expect(badYear.body).toContain('Parametr „lata”');
    expect(badYear.body).toContain('otrzymano „20x9”');
    const backwards = await page('/porownaj?jst=1261011&lata=2019-2015');
    expect(backwards.status).toBe(400);
    const badIndicator = await page('/porownaj?jst=1261011&wsk=nie.ma');
    expect(badIndicator.status).toBe(404);
    expect(badIndicator.body).toContain('Parametr „wsk”: nie ma wskaźnika nie.ma');
  });

  it('prints without the forms: the style sheet has the compare page’s print rules', async () => {
    const home = await page('/porownaj');
    const href = /href="(\/static\/smup\.css\?v=[0-9a-f]{12})"/.exec(home.body)?.[1];
    const css = await page(href!);
    expect(css.body).toContain('figure.compare-figure');
    expect(css.body).toMatch(/@media print \{\s*\.compare-change/);
  });

  it('saves the chosen units as a reference set and opens a unit against it', async () => {
    const view = await page('/porownaj?jst=1261011,1061011,0264011,3064011&wsk=kontekst.ludnosc');
    expect(view.body).toContain('action="/zestaw"');
    const post = (payload: string) =>
      release.app.inject({
        method: 'POST',
        url: '/zestaw',
        headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'text/html' },
        payload,
      });
    const saved = await post(
      `jst=1261011,1061011,0264011,3064011&nazwa=${encodeURIComponent('Duże miasta')}&dla=1261011`,
    );
    expect(saved.statusCode).toBe(303);
    const location = String(saved.headers.location);
    expect(location).toMatch(/^\/jst\/1261011\?porownaj=set:[A-Za-z0-9_-]+$/);
    const against = await page(location);
    expect(against.status).toBe(200);
    // Kraków ranked among the four cities: "x z 4" for the population.
    const row = against.body.split('/wskaznik/kontekst.ludnosc?jst=1261011"')[1]?.split('</tr>')[0] ?? '';
    expect(row).toMatch(/\d z 4/);
    expect(against.body).toContain('4 jednostki');
    // A unit outside the set, or units of two levels: a 400 page saying what was wrong.
    const outside = await post('jst=1261011,1061011&dla=3064011');
    expect(outside.statusCode).toBe(400);
    expect(outside.body).toContain('Pole „dla”');
    const mixed = await post('jst=1261011,12&dla=12');
    expect(mixed.statusCode).toBe(400);
    expect(mixed.headers['content-type']).toMatch(/^text\/html/);
  });
});
