/**
 * Issue 16 in a real browser: the five journeys of the issue (a treasurer, a journalist, a resident of a
 * small rural gmina, a researcher, a powiat official) walked through the portal's own links, forms and
 * download buttons in Debian's Chromium, and the English pages checked for Polish-only text. One server (a
 * real release in PostgreSQL), one browser, for all of it.
 *
 * Each journey runs in all four combinations of 390 px and 1280 px with Polish and English (20 walks), as
 * the "Done when" asks. Every page a journey passes: its status, no horizontal overflow; the
 * journey's last page: zero axe violations of WCAG 2.1 AA.
 */
import { mkdirSync, readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withLang } from '../src/web/layout.js';
import { axeViolations, newAxeContext, violationLines } from './axe.js';
import { CHROMIUM_PATH, hasChromium, launchChromium } from './browser.js';
import { PAGE_TEXTS_SCRIPT, polishWords, unitNameWords, type LeakCheck } from './polish-leaks.js';
import { openRealRelease, RELEASE_HOOK_MS, type RealRelease } from './real-release.js';
import { repoRoot } from './shared-data.js';

// Callbacks of page.evaluate run in the page; the tests' program has no DOM library.
/* eslint-disable @typescript-eslint/no-explicit-any */
declare const document: any;
declare const getComputedStyle: any;
/* eslint-enable @typescript-eslint/no-explicit-any */

const SCREENSHOTS = join(repoRoot, 'test-results', 'screenshots');
/** Screenshots of each journey's last pages, for people to look at: SMUP_SCREENSHOTS=1 (no assertion reads them). */
const SCREENSHOTS_ON = process.env.SMUP_SCREENSHOTS === '1';
const INCOME = 'administracja_finanse.dochody_wlasne_na_mieszkanca';
type Lang = 'pl' | 'en';

/** The compare page as a reader sees it: the units in order, each table row's cells, each figure's years. */
interface CompareScreen {
  units: string[];
  rows: Array<{
    indicator: string;
    cells: Array<{ missing: boolean; number: string; rank: string | null }>;
  }>;
  figures: Array<{ indicator: string; years: number[] }>;
}

/** Runs in the page: reads CompareScreen from the table (the median cell last) and the figures' tables. */
const COMPARE_SCREEN_SCRIPT = `(() => {
  const indicatorOf = (a) => (a?.getAttribute('href') ?? '').replace(/^.*\\/wskaznik\\//, '').split('?')[0];
  return {
    units: [...document.querySelectorAll('table.compare thead th a')].map((a) =>
      (a.getAttribute('href') ?? '').replace(/^.*\\/jst\\//, ''),
    ),
    rows: [...document.querySelectorAll('table.compare tbody tr')].map((tr) => ({
      indicator: indicatorOf(tr.querySelector('th a')),
      cells: [...tr.querySelectorAll('td')].map((td) => ({
        missing: td.classList.contains('missing'),
        number: (td.querySelector('.cell')?.firstChild?.textContent ?? '').trim(),
        rank: td.querySelector('.rank')?.textContent?.trim() ?? null,
      })),
    })),
    figures: [...document.querySelectorAll('figure.compare-figure')].map((f) => ({
      indicator: indicatorOf(f.querySelector('figcaption a')),
      years: [...f.querySelectorAll('table thead th')].slice(1).map((th) => Number(th.textContent.trim())),
    })),
  };
})()`;

/** Where the compare CSV's columns are, by their header (Polish or English). */
function csvColumns(header: readonly string[], lang: Lang) {
  const at = (pl: string, en: string) => {
    const i = header.indexOf(lang === 'pl' ? pl : en);
    expect(i, pl).toBeGreaterThanOrEqual(0);
    return i;
  };
  return {
    code: at('kod_teryt', 'teryt_code'),
    indicator: at('wskaznik', 'indicator'),
    year: at('rok', 'year'),
    value: at('wartosc', 'value'),
    median: at('mediana_porownywanych', 'median_of_compared'),
    rank: at('miejsce_wsrod_porownywanych', 'rank_among_compared'),
    count: at('liczba_porownywanych_z_wartoscia', 'compared_with_value'),
  };
}

if (!hasChromium()) {
  console.warn(`journeys.e2e: SKIPPED — no Chromium at ${CHROMIUM_PATH} (apt-get install chromium).`);
}

describe.skipIf(!hasChromium())('issue 16 in Chromium: five journeys, English pages', () => {
  let release: RealRelease;
  let browser: Browser;
  let base = '';
  let leakCheck: LeakCheck;

  beforeAll(async () => {
    release = await openRealRelease('postgres');
    await release.app.listen({ port: 0, host: '127.0.0.1' });
    base = `http://127.0.0.1:${(release.app.server.address() as AddressInfo).port}`;
    const names: string[] = [];
    for (const level of ['wojewodztwo', 'powiat', 'gmina', 'czesc_gminy']) {
      for (let page = 1; ; page += 1) {
        const { items } = (await release.get(`/api/v1/units?level=${level}&pageSize=500&page=${page}`))
          .body as { items: Array<{ name: string }> };
        names.push(...items.map((i) => i.name));
        if (items.length < 500) break;
      }
    }
    leakCheck = { unitNameWords: unitNameWords(names) };
    browser = await launchChromium();
  }, RELEASE_HOOK_MS);

  afterAll(async () => {
    await browser?.close();
    await release?.close();
  });

  async function open(width: number, lang: Lang): Promise<Page> {
    const context = await newAxeContext(browser, {
      viewport: { width, height: 900 },
      locale: lang === 'pl' ? 'pl-PL' : 'en-GB',
      acceptDownloads: true,
    });
    // A page's first view computes its set's statistics on a loaded machine: allow for it.
    context.setDefaultTimeout(120_000);
    return context.newPage();
  }

  /** Goes to a page (or waits for the one a click opened) and checks status and overflow. */
  async function arrive(page: Page, width: number, path?: string): Promise<void> {
    if (path !== undefined) {
      const response = await page.goto(base + path, { waitUntil: 'load' });
      expect(response?.status(), path).toBe(200);
    } else {
      await page.waitForLoadState('load');
    }
    const scrollWidth = (await page.evaluate(() => document.documentElement.scrollWidth)) as number;
    expect(scrollWidth, `${page.url()}: horizontal overflow at ${width} px`).toBeLessThanOrEqual(width);
  }

  /** The journey's last page: axe, and with SMUP_SCREENSHOTS=1 a screenshot (test-results/screenshots). */
  async function axeClean(page: Page): Promise<void> {
    if (SCREENSHOTS_ON) {
      const { width } = page.viewportSize() ?? { width: 0 };
      const name = new URL(page.url()).pathname.replace(/[^a-z0-9]+/gi, '-').replace(/^-|-$/g, '');
      mkdirSync(SCREENSHOTS, { recursive: true });
      await page.screenshot({ path: join(SCREENSHOTS, `journey-${name}-${width}.png`) });
    }
    const violations = await axeViolations(page);
    expect(violationLines(violations)).toEqual([]);
  }

  /** Clicks a download link and answers the file's text (or bytes). */
  async function download(page: Page, selector: string): Promise<Buffer> {
    const [file] = await Promise.all([page.waitForEvent('download'), page.click(selector)]);
    const path = await file.path();
    return readFileSync(path);
  }

  /** Is the element's box inside the viewport's width (no sideways scrolling needed to see it)? */
  async function insideWidth(page: Page, selector: string, width: number): Promise<boolean> {
    const box = await page.locator(selector).first().boundingBox();
    return box !== null && box.x >= 0 && box.x + box.width <= width + 1;
  }

  const WALKS: ReadonlyArray<{ width: number; lang: Lang }> = [
    { width: 390, lang: 'pl' },
    { width: 390, lang: 'en' },
    { width: 1280, lang: 'pl' },
    { width: 1280, lang: 'en' },
  ];

  it('English pages hold no Polish-only text (proper names and text marked lang="pl" aside)', async () => {
    const paths = [
      '/',
      '/?q=krak',
      '/jst/1261011',
      '/jst/1219053?widok=zaawansowany',
      '/jst/1206',
      `/wskaznik/${INCOME}?jst=1261011&widok=zaawansowany`,
      `/wskaznik/${INCOME}?woj=12`,
      '/wskaznik/kontekst.gestosc_zaludnienia?poziom=powiat',
      '/porownaj?jst=1261011,1061011,0264011',
      '/metodologia',
      '/deklaracja-dostepnosci',
      '/jak-korzystac',
      '/osadz/mapa/kontekst.ludnosc',
      '/jst/9999999',
      '/wskaznik/kontekst.ludnosc?rok=abc',
    ].map((p) => withLang(p, 'en'));
    const page = await open(1280, 'en');
    const leaks: Record<string, string[]> = {};
    for (const path of paths) {
      await page.goto(base + path, { waitUntil: 'load' });
      const texts = (await page.evaluate(PAGE_TEXTS_SCRIPT)) as string[];
      const found = texts.flatMap((text) => {
        const words = polishWords(text, leakCheck);
        return words.length > 0 ? [`[${words.join(', ')}] ${text.slice(0, 120)}`] : [];
      });
      if (found.length > 0) leaks[path] = [...new Set(found)];
    }
    await page.context().close();
    expect(leaks).toEqual({});
  }, 180_000);

  describe.each(WALKS)('at $width px in $lang', ({ width, lang }) => {
    it('a treasurer: the gmina against its group, its values downloaded, a report for the council', async () => {
      const page = await open(width, lang);
      await arrive(page, width, withLang('/jst/1219053', lang));
      expect(await page.locator('h1').textContent()).toContain('Wieliczka');
      // Strong and weak points in words, and own revenue per resident with the group's median and rank.
      expect(await page.locator('section.strengths h2').isVisible()).toBe(true);
      const row = page.locator(`tr:has(a[href*="${INCOME}"])`).first();
      for (const cell of ['Mediana zbioru', 'Miejsce']) {
        const label = lang === 'pl' ? cell : cell === 'Miejsce' ? 'Rank' : 'Median of the set';
        const box = await row.locator(`td[data-label="${label}"]`).boundingBox();
        expect(box && box.x >= 0 && box.x + box.width <= width + 1, `${label} inside ${width} px`).toBe(true);
      }
      expect(
        await row.locator(`td[data-label="${lang === 'pl' ? 'Miejsce' : 'Rank'}"]`).textContent(),
      ).toMatch(lang === 'pl' ? / z / : / of /);
      // "Download": every value of the unit, as the API holds them, TERYT kept as text.
      const csv = (await download(page, '.downloads-section a[href*="sep=semicolon"]')).toString('utf-8');
      const [header, ...rows] = parse(csv.slice(1), { delimiter: ';' }) as string[][];
      const api = (await release.get('/api/v1/units/1219053/data')).body as {
        indicators: Array<{ series: unknown[] }>;
      };
      expect(rows).toHaveLength(api.indicators.reduce((n, i) => n + i.series.length, 0));
      expect(header?.[0]).toBe(lang === 'pl' ? 'kod_teryt' : 'teryt_code');
      expect(new Set(rows.map((r) => r[0]))).toEqual(new Set(['="1219053"']));
      // In the year the row shows, the file says what the screen says: the set's median, the rank of n and
      // the position in words (the page's set, group by default).
      const screenRow = (await row.evaluate((tr) => {
        const cell = (label: string) => tr.querySelector(`td[data-label="${label}"]`);
        const pl = tr.ownerDocument.documentElement.lang === 'pl';
        const value = cell(pl ? 'Wartość' : 'Value');
        const rank = cell(pl ? 'Miejsce' : 'Rank');
        return {
          year: value?.querySelector('.muted')?.textContent?.trim() ?? '',
          median: (cell(pl ? 'Mediana zbioru' : 'Median of the set')?.textContent ?? '').trim(),
          rank: (rank?.querySelector('.cell')?.firstChild?.textContent ?? '').trim(),
          position: (rank?.querySelector('.pos')?.textContent ?? '').trim(),
        };
      })) as { year: string; median: string; rank: string; position: string };
      const at = (pl: string, en: string) => (header ?? []).indexOf(lang === 'pl' ? pl : en);
      const fileRow = rows.find(
        (r) => r[at('wskaznik', 'indicator')] === INCOME && r[at('rok', 'year')] === screenRow.year,
      );
      const screenMedian =
        lang === 'pl'
          ? screenRow.median.replace(/[\s\u00a0\u202f]/g, '').replace(',', '.')
          : screenRow.median.replace(/[,\s]/g, '');
      expect(fileRow?.[at('mediana_zbioru', 'median_of_set')]?.replace(',', '.')).toBe(screenMedian);
      const [, rank, of] = /(\d+) (?:z|of) (\d+)/.exec(screenRow.rank) ?? [];
      expect([
        fileRow?.[at('miejsce_w_zbiorze', 'rank_in_set')],
        fileRow?.[at('z_ilu', 'ranked_count')],
        fileRow?.[at('pozycja', 'position')],
      ]).toEqual([rank, of, screenRow.position]);
      // The report form: an XLSX of the numbers, for the council papers.
      await page.selectOption('form[action$="/report"] select[name="format"]', 'xlsx');
      const [report] = await Promise.all([
        page.waitForEvent('download'),
        page.click('form[action$="/report"] button[type="submit"]'),
      ]);
      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.load(readFileSync(await report.path()) as unknown as ArrayBuffer);
      expect(workbook.worksheets.length).toBeGreaterThan(1);
      await axeClean(page);
      // The indicator, from the gmina's row: the histogram of its set names the gmina at its value, the
      // label inside the drawing (on a phone the figure scrolls, and the page cuts what lies past it) and
      // at least 11 px as rendered.
      await Promise.all([
        page.waitForURL(/\/wskaznik\/.*jst=1219053/),
        row.locator(`a[href*="${INCOME}"]`).first().click(),
      ]);
      await arrive(page, width);
      const label = (await page.evaluate(() => {
        const svg = document.querySelector('svg.histogram');
        const text = svg?.querySelector('text.marker-label');
        if (!svg || !text) return null;
        const s = svg.getBoundingClientRect();
        const t = text.getBoundingClientRect();
        const scale = s.width / svg.viewBox.baseVal.width;
        return {
          text: text.textContent,
          inside: t.left >= s.left && t.right <= s.right && t.top >= s.top && t.bottom <= s.bottom,
          px: parseFloat(getComputedStyle(text).fontSize) * scale,
        };
      })) as { text: string; inside: boolean; px: number } | null;
      expect(label?.text).toMatch(/^Wieliczka: /);
      expect(label?.inside, `${label?.text} inside the histogram at ${width} px`).toBe(true);
      expect(label?.px).toBeGreaterThanOrEqual(11);
      await axeClean(page);
      await page.context().close();
    }, 120_000);

    it('a journalist: the ranking of one voivodeship, and its CSV with the same rows', async () => {
      const page = await open(width, lang);
      await arrive(page, width, withLang(`/wskaznik/${INCOME}`, lang));
      await page.selectOption('select#woj', '12');
      await Promise.all([page.waitForURL(/woj=12/), page.click('form.controls button[type="submit"]')]);
      await arrive(page, width);
      const shown = await page.$$eval('#ranking tbody th a', (links) =>
        links.map((a) => (a.getAttribute('href') ?? '').replace(/^.*\/jst\//, '')),
      );
      expect(shown.length).toBeGreaterThan(50);
      expect(shown.every((code) => code.startsWith('12'))).toBe(true);
      // Rank, value, the shown units' median and the position of a row inside a phone's screen.
      const labels =
        lang === 'pl'
          ? ['Miejsce', 'Wartość', 'Mediana', 'Pozycja']
          : ['Rank', 'Value', 'Median', 'Position'];
      for (const label of labels) {
        const cell = `#ranking tbody tr td[data-label="${label}"]`;
        expect(await insideWidth(page, cell, width), `${label} inside ${width} px`).toBe(true);
      }
      const median = page.locator(`#ranking tbody tr td[data-label="${labels[2]}"]`).first();
      expect(await median.textContent()).toMatch(/\d/);
      const medianBox = await median.boundingBox();
      expect(medianBox && medianBox.x >= 0 && medianBox.x + medianBox.width <= width + 1).toBe(true);
      const csv = (await download(page, 'a[href*="ranking.csv"]')).toString('utf-8');
      const rows = parse(csv.slice(1), { delimiter: lang === 'pl' ? ';' : ',' }) as string[][];
      const codes = rows.slice(1).map((r) => (r[1] ?? '').replace(/^="|"$/g, ''));
      // The first page of the screen is the file's first rows, in the same order.
      expect(codes.slice(0, shown.length)).toEqual(shown);
      expect(codes.every((code) => code.startsWith('12'))).toBe(true);
      await axeClean(page);
      await page.context().close();
    }, 120_000);

    it('a resident of a small rural gmina: search tells the Dąbrowas apart, the basic view speaks plainly', async () => {
      const page = await open(width, lang);
      await arrive(page, width, withLang('/', lang));
      await page.fill('input[name="q"]', 'Dąbrowa');
      await Promise.all([page.waitForURL(/q=/), page.press('input[name="q"]', 'Enter')]);
      await arrive(page, width);
      const results = await page.$$eval('ul.results li', (items) =>
        items.map((li) => ({
          name: li.querySelector('a')?.textContent?.trim() ?? '',
          about: li.querySelector('.muted')?.textContent?.trim() ?? '',
        })),
      );
      const dabrowa = results.filter((r) => r.name === 'Dąbrowa');
      expect(dabrowa.length).toBeGreaterThanOrEqual(2);
      // Same name, different description (kind, powiat, voivodeship, population).
      expect(new Set(dabrowa.map((r) => r.about)).size).toBe(dabrowa.length);
      await Promise.all([
        page.waitForURL(/\/jst\/\d{7}/),
        page
          .locator('ul.results li a', { hasText: /^Dąbrowa$/ })
          .first()
          .click(),
      ]);
      await arrive(page, width);
      const text = (await page.evaluate(() => document.body.innerText)) as string;
      expect(text).not.toMatch(/smup (ingest|compute)|not-in-release|gm[a-z]*-\d+k/);
      // Strong and weak points in words — or, where there are none, a sentence saying so.
      const summary = page.locator(
        'section.strengths h2, p:has-text("Żaden oceniany wskaźnik"), p:has-text("No rated indicator")',
      );
      expect(await summary.first().isVisible()).toBe(true);
      // Every shown indicator row: name, value, median and rank within the screen's width.
      expect(await insideWidth(page, 'table.profile tbody td[data-label]', width)).toBe(true);
      await axeClean(page);
      await page.context().close();
    }, 120_000);

    it('a researcher: four cities side by side, every one on screen, downloaded as shown', async () => {
      const page = await open(width, lang);
      const cities = ['1261011', '1061011', '0264011', '1465011'];
      await arrive(page, width, withLang(`/porownaj?jst=${cities.join(',')}`, lang));
      const body = (await page.evaluate(() => document.body.innerText)) as string;
      for (const name of ['Kraków', 'Łódź', 'Wrocław', 'Warszawa']) expect(body).toContain(name);
      // Every row: each city's value, its rank among the four (ranked indicators) and the four's median,
      // all inside the screen (stacked cards on a phone).
      expect(await insideWidth(page, 'table.compare tbody td[data-label]', width)).toBe(true);
      const medianLabel = lang === 'pl' ? 'Mediana porównywanych' : 'Median of the compared';
      // A median with a value (td.num; a row where fewer than two cities have one says why there is none).
      const median = page.locator(`table.compare tbody tr td.num[data-label="${medianLabel}"]`).first();
      expect(await median.textContent()).toMatch(/\d/);
      const medianBox = await median.boundingBox();
      expect(medianBox && medianBox.x >= 0 && medianBox.x + medianBox.width <= width + 1).toBe(true);
      const ranks = await page.locator('table.compare tbody .rank').allTextContents();
      expect(ranks.length).toBeGreaterThan(0);
      for (const r of ranks)
        expect(r).toMatch(lang === 'pl' ? /^miejsce [1-4] z [1-4]$/ : /^rank [1-4] of [1-4]$/);
      const csv = (await download(page, '.downloads-section a[href*="sep=semicolon"]')).toString('utf-8');
      const [header = [], ...rows] = parse(csv.slice(1), { delimiter: ';' }) as string[][];
      expect(header[0]).toBe(lang === 'pl' ? 'kod_teryt' : 'teryt_code');
      expect(new Set(rows.map((r) => (r[0] ?? '').replace(/^="|"$/g, '')))).toEqual(new Set(cities));
      // The file's rows are the screen's cells: each indicator's years in its figure's table, every city.
      const screen = (await page.evaluate(COMPARE_SCREEN_SCRIPT)) as CompareScreen;
      expect(screen.units).toEqual(cities);
      const col = csvColumns(header, lang);
      const code = (row: string[]) => (row[col.code] ?? '').replace(/^="|"$/g, '');
      const key = (unit: string, indicator: string, year: number | string) => `${unit} ${indicator} ${year}`;
      const byKey = new Map(rows.map((r) => [key(code(r), r[col.indicator] ?? '', r[col.year] ?? ''), r]));
      expect([...byKey.keys()].sort()).toEqual(
        screen.figures
          .flatMap((f) => cities.flatMap((unit) => f.years.map((year) => key(unit, f.indicator, year))))
          .sort(),
      );
      expect(byKey.size).toBe(rows.length);
      // The table's row of each indicator (its figure's last year): value as shown, rank "r z n" and the
      // compared units' median, the same in the file.
      const asNumber = (text: string) =>
        (lang === 'pl' ? text.replace(/[\s\u00a0\u202f]/g, '') : text.replace(/[,\s]/g, ''))
          .replace(',', '.')
          .replace('\u2212', '-');
      // The file for Excel has a decimal comma in both languages and no thousands separator.
      const fileNumber = (text: string) => text.replace(',', '.');
      let ranked = 0;
      for (const row of screen.rows) {
        const year = screen.figures.find((f) => f.indicator === row.indicator)?.years.at(-1);
        expect(year, row.indicator).toBeDefined();
        for (const [i, unit] of cities.entries()) {
          const cell = row.cells[i];
          const file = byKey.get(key(unit, row.indicator, year as number)) ?? [];
          const where = `${row.indicator} ${unit} ${year}`;
          expect(fileNumber(file[col.value] ?? ''), where).toBe(
            cell?.missing ? '' : asNumber(cell?.number ?? ''),
          );
          const rank = cell?.rank ? /(\d+) (?:z|of) (\d+)/.exec(cell.rank) : null;
          expect([file[col.rank], rank ? file[col.count] : ''], where).toEqual(
            rank ? [rank[1], rank[2]] : ['', ''],
          );
          if (rank) ranked += 1;
          const median = row.cells.at(-1);
          expect(fileNumber(file[col.median] ?? ''), `${where} median`).toBe(
            median?.missing ? '' : asNumber(median?.number ?? ''),
          );
        }
      }
      expect(ranked).toBe(ranks.length);
      // The chosen years' values equal the API's (the page reads the same endpoint).
      const url = new URL(
        (await page.getAttribute('.downloads-section a[href*="sep=semicolon"]', 'href')) ?? '',
        base,
      );
      url.searchParams.delete('format');
      const api = (await release.get(`${url.pathname}?${url.searchParams.toString()}&pageSize=10000`))
        .body as { items: unknown[] };
      expect(rows).toHaveLength(api.items.length);
      await axeClean(page);
      await page.context().close();
    }, 120_000);

    it('a powiat official: the powiat, its gminy, one of them, the ranking of every powiat', async () => {
      const page = await open(width, lang);
      await arrive(page, width, withLang('/jst/1206', lang));
      const children = page.locator('section[aria-labelledby="podrzedne-h"] li a');
      const api = (await release.get('/api/v1/units/1206')).body as { children: unknown[] };
      expect(await children.count()).toBe(api.children.length);
      const name = ((await children.first().textContent()) ?? '').trim();
      await Promise.all([page.waitForURL(/\/jst\/\d{7}/), children.first().click()]);
      await arrive(page, width);
      expect(await page.locator('h1').textContent()).toContain(name);
      await arrive(page, width, withLang('/wskaznik/kontekst.gestosc_zaludnienia?poziom=powiat', lang));
      const shown = await page.$$eval('#ranking tbody th a', (links) => links.length);
      expect(shown).toBe(100);
      await axeClean(page);
      await page.context().close();
    }, 120_000);
  });
});
