/**
 * The portal in a real browser: Debian's Chromium (test/browser.ts) against the server listening on
 * loopback over HTTP, on a real release in PostgreSQL (test/real-release.ts). Every page kind in Polish and
 * English, at 1280 px and at 390 px: the HTTP status, zero axe violations of WCAG 2.1 A/AA (see runAxe), no horizontal
 * overflow on a phone, no console errors, and (SMUP_SCREENSHOTS=1) a full-page screenshot in
 * test-results/screenshots/. Then the
 * browser modules of web/client: search as you type, sortable tables, table filters, copy buttons, and the
 * keyboard path through the skip link.
 *
 * Skipped (with a message) only when /usr/bin/chromium is missing; CI installs the `chromium` package.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, statSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withLang } from '../src/web/layout.js';
import { axeViolations, describeViolations, newAxeContext } from './axe.js';
import { CHROMIUM_PATH, hasChromium, launchChromium } from './browser.js';
import { openRealRelease, RELEASE_HOOK_MS, type RealRelease } from './real-release.js';
import { repoRoot } from './shared-data.js';

// Callbacks of page.evaluate run in the page; the tests' program has no DOM library (lib ES2023 only).
/* eslint-disable @typescript-eslint/no-explicit-any */
declare const document: any;
declare const window: any;
declare const navigator: any;
/* eslint-enable @typescript-eslint/no-explicit-any */

const WIDTHS = [1280, 390] as const;
const LANGS = ['pl', 'en'] as const;
const SCREENSHOTS = join(repoRoot, 'test-results', 'screenshots');
/**
 * axe on every page kind in Polish at both widths and in English on a phone: an English page has the same
 * elements as the Polish one (other words, its own lang), and the phone is where its longer words could
 * break the layout. English at 1280 px still gets the status, overflow and console checks; its axe run
 * repeated the 390 px one's findings at ~1.5 s a page.
 */
const runAxe = (lang: 'pl' | 'en', width: number) => lang === 'pl' || width === 390;
/**
 * Full-page screenshots of the 64 page cases, for people to look at: SMUP_SCREENSHOTS=1. Off by default,
 * since encoding them is a good part of this suite's time in CI and no assertion reads them.
 */
const PAGE_SCREENSHOTS = process.env.SMUP_SCREENSHOTS === '1';
const UNIT = '1261011'; // Kraków
const PREFERRED_INDICATOR = 'kontekst.gestosc_zaludnienia';

interface PageCase {
  readonly name: string;
  readonly path: (indicator: string) => string;
  readonly status: number;
}

const PAGES: readonly PageCase[] = [
  { name: 'home', path: () => '/', status: 200 },
  { name: 'search', path: () => '/?q=krak', status: 200 },
  { name: 'unit', path: () => `/jst/${UNIT}`, status: 200 },
  { name: 'unit-neighbours', path: () => `/jst/${UNIT}?porownaj=neighbours`, status: 200 },
  { name: 'indicator', path: (id) => `/wskaznik/${id}?jst=${UNIT}`, status: 200 },
  { name: 'compare', path: () => `/porownaj?jst=${UNIT}&jst=1061011&jst=0264011`, status: 200 },
  { name: 'embed-map', path: (id) => `/osadz/mapa/${id}`, status: 200 },
  { name: 'embed-series', path: (id) => `/osadz/szereg/${id}?jst=${UNIT}`, status: 200 },
  { name: 'embed-profile', path: () => `/osadz/profil/${UNIT}?porownaj=neighbours`, status: 200 },
  { name: 'embed-compare', path: () => `/osadz/porownanie?jst=${UNIT},1061011`, status: 200 },
  { name: 'not-found', path: () => '/nie-ma-takiej-strony', status: 404 },
  // Issue 16: the advanced view, a ranking filtered to a voivodeship, and the three pages for newcomers.
  { name: 'unit-advanced', path: () => `/jst/${UNIT}?widok=zaawansowany`, status: 200 },
  { name: 'indicator-woj', path: (id) => `/wskaznik/${id}?woj=12`, status: 200 },
  { name: 'methodology', path: () => '/metodologia', status: 200 },
  { name: 'accessibility', path: () => '/deklaracja-dostepnosci', status: 200 },
  { name: 'guide', path: () => '/jak-korzystac', status: 200 },
];

if (!hasChromium()) {
  console.warn(
    `portal.e2e: SKIPPED — no Chromium at ${CHROMIUM_PATH} (apt-get install chromium, or set SMUP_CHROMIUM).`,
  );
}

/** Compile web/client to dist/client when a module is newer than its output (the server reads it at start). */
function buildClientIfStale(): void {
  const source = join(repoRoot, 'web', 'client');
  const out = join(repoRoot, 'dist', 'client');
  const stale = readdirSync(source)
    .filter((name) => name.endsWith('.ts'))
    .some((name) => {
      const js = join(out, name.replace(/\.ts$/, '.js'));
      return !existsSync(js) || statSync(js).mtimeMs < statSync(join(source, name)).mtimeMs;
    });
  if (stale) {
    execFileSync(
      process.execPath,
      [join(repoRoot, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', 'tsconfig.client.json'],
      { cwd: repoRoot, stdio: 'inherit' },
    );
  }
}

async function axe(page: Page): Promise<string> {
  return describeViolations(await axeViolations(page));
}

describe.skipIf(!hasChromium())('portal in Chromium (Debian), on a real release in PostgreSQL', () => {
  let release: RealRelease;
  let browser: Browser;
  let base = '';
  let indicator = PREFERRED_INDICATOR;

  beforeAll(async () => {
    buildClientIfStale();
    mkdirSync(SCREENSHOTS, { recursive: true });
    release = await openRealRelease('postgres');
    await release.app.listen({ port: 0, host: '127.0.0.1' });
    base = `http://127.0.0.1:${(release.app.server.address() as AddressInfo).port}`;
    const available = (await release.get('/api/v1/indicators?available=true')).body as {
      items: Array<{ id: string }>;
    };
    const ids = available.items.map((i) => i.id);
    indicator = ids.includes(PREFERRED_INDICATOR) ? PREFERRED_INDICATOR : (ids[0] ?? PREFERRED_INDICATOR);
    browser = await launchChromium();
  }, RELEASE_HOOK_MS);

  afterAll(async () => {
    await browser?.close();
    await release?.close();
  });

  /** A new browser (context) at a width, with its console errors and uncaught exceptions collected. */
  async function open(
    width: number,
    lang: 'pl' | 'en' = 'pl',
  ): Promise<{ context: BrowserContext; page: Page; errors: string[] }> {
    const context = await newAxeContext(browser, {
      viewport: { width, height: 900 },
      locale: lang === 'pl' ? 'pl-PL' : 'en-GB',
    });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('console', (message) => {
      const where = message.location().url;
      if (message.type() === 'error') {
        errors.push(`${message.text()} (${where})`);
      }
    });
    page.on('pageerror', (error) => errors.push(`uncaught: ${error.message}`));
    return { context, page, errors };
  }

  describe.each(LANGS)('every page kind in %s', (lang) => {
    describe.each(WIDTHS)('at %i px', (width) => {
      // One browser context and tab for the page kinds of a language and width, each case a navigation of
      // its own: a new context per case cost about 0.5 s, and nothing a case checks is kept between them
      // (the portal sets no cookie for an anonymous visitor; console errors are collected per case).
      let shared: Awaited<ReturnType<typeof open>>;
      beforeAll(async () => {
        shared = await open(width, lang);
      });
      afterAll(async () => {
        await shared?.context.close();
      });

      it.each(PAGES)(
        '$name: status, axe WCAG 2.1 AA (see runAxe), no overflow, no console errors',
        async (pageCase) => {
          const path = withLang(pageCase.path(indicator), lang);
          const { page, errors } = shared;
          errors.length = 0;
          try {
            const response = await page.goto(base + path, { waitUntil: 'load' });
            expect(response?.status(), `${path}: HTTP status (404 for a page kind not registered yet?)`).toBe(
              pageCase.status,
            );
            expect(await page.getAttribute('html', 'lang')).toBe(lang);
            if (PAGE_SCREENSHOTS) {
              await page.screenshot({
                path: join(SCREENSHOTS, `${pageCase.name}-${lang}-${width}.png`),
                fullPage: true,
              });
            }
            if (runAxe(lang, width)) {
              const violations = await axe(page);
              expect.soft(violations, `${path} at ${width} px: axe violations`).toBe('');
            }
            {
              const overflow = await page.evaluate(() => ({
                scrollWidth: document.documentElement.scrollWidth,
                widest: [...document.querySelectorAll('body *')]
                  .filter((el) => el.getBoundingClientRect().right > window.innerWidth + 1)
                  .filter((el) => !el.closest('.table-wrap, .visually-hidden'))
                  .slice(0, 5)
                  .map((el) => `${el.tagName.toLowerCase()}.${[...el.classList].join('.')}`),
              }));
              expect
                .soft(
                  overflow.scrollWidth,
                  `${path}: horizontal overflow at ${width} px (${overflow.widest.join(', ')})`,
                )
                .toBeLessThanOrEqual(width);
            }
            // A 404 page's own status is logged by Chromium as a failed resource: that one is expected.
            const unexpected = errors.filter(
              (e) => !(pageCase.status === 404 && e.includes('404') && e.includes(base + path)),
            );
            expect.soft(unexpected, `${path}: console errors`).toEqual([]);
          } finally {
            // Unload the page, so nothing it still does lands in the next case's console.
            await page.goto('about:blank');
          }
        },
        120_000,
      );
    });
  });

  it('a newcomer finds Kraków, switches to neighbours, opens a map and ranking, compares three cities, downloads an XLSX and reopens a permalink', async () => {
    const { context, page, errors } = await open(1280);
    try {
      // Search as you type, then follow the result.
      await page.goto(`${base}/`, { waitUntil: 'load' });
      await page.fill('#q', 'krak');
      await page.locator('#wyniki a[href="/jst/1261011"]').first().click();
      await page.waitForURL(/\/jst\/1261011$/);
      expect(await page.textContent('h1')).toBe('Kraków');
      expect(await page.textContent('main')).toContain('Porównanie z:');
      // Switch the comparison set to the neighbours (a GET form: the state lands in the URL).
      await page.selectOption('#porownaj', 'neighbours');
      await Promise.all([
        page.waitForURL(/porownaj=neighbours/),
        page.click('form.controls button[type=submit]'),
      ]);
      expect((await page.textContent('main'))?.replace(/\s+/g, ' ')).toContain('Porównanie z: sąsiedzi');
      // An indicator's map and ranking, from the unit page's link.
      await Promise.all([
        page.waitForURL(new RegExp(`/wskaznik/${indicator.replace('.', '\\.')}`)),
        page.click(`a[href="/wskaznik/${indicator}?jst=1261011"]`),
      ]);
      // The map is a file of its own (an <img>, loaded); the ranking one page of 100 rows, Kraków's.
      expect(await page.locator('img.choropleth').evaluate((img) => img.naturalWidth)).toBeGreaterThan(100);
      expect(await page.locator('#ranking tbody tr').count()).toBe(100);
      expect(await page.locator('#ranking tbody tr.current').textContent()).toContain('Kraków');
      // Compare three cities, chosen with the compare page's own search.
      await page.goto(`${base}/porownaj`, { waitUntil: 'load' });
      for (const [name, code] of [
        ['Kraków', '1261011'],
        ['Łódź', '1061011'],
        ['Wrocław', '0264011'],
      ] as const) {
        await page.fill('#q', name);
        await Promise.all([page.waitForURL(/q=/), page.press('#q', 'Enter')]);
        await Promise.all([page.waitForURL(new RegExp(code)), page.click(`a.add[href*="${code}"]`)]);
      }
      expect((await page.textContent('h1')) ?? '').toMatch(/Kraków, Łódź, Wrocław/);
      // Download what is shown as XLSX: a real workbook (zip) named by the server.
      const [download] = await Promise.all([
        page.waitForEvent('download'),
        page.click('a.button:text-is("XLSX")'),
      ]);
      expect(download.suggestedFilename()).toMatch(/\.xlsx$/);
      const saved = await download.path();
      expect(saved && statSync(saved).size).toBeGreaterThan(1000);
      // The permalink reopens the same view in a new browser.
      const permalink = await page.getAttribute('a[rel="bookmark"]', 'href');
      const heading = await page.textContent('h1');
      const again = await browser.newContext();
      const reopened = await again.newPage();
      await reopened.goto(base + String(permalink), { waitUntil: 'load' });
      expect(await reopened.textContent('h1')).toBe(heading);
      await reopened.screenshot({ path: join(SCREENSHOTS, 'journey-permalink.png'), fullPage: true });
      await again.close();
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  }, 180_000);

  it('on a 390 px phone, each table row shows the name, value, median and position without sideways scrolling', async () => {
    const { context, page, errors } = await open(390);
    try {
      await page.goto(`${base}/jst/${UNIT}`, { waitUntil: 'load' });
      const row = page.locator('table.profile tbody tr').first();
      await row.scrollIntoViewIfNeeded();
      const inside = (selector: string) =>
        row.locator(selector).evaluate((el) => {
          const r = el.getBoundingClientRect();
          return r.width > 0 && r.left >= 0 && r.right <= window.innerWidth;
        });
      for (const label of ['Wartość', 'Mediana zbioru', 'Miejsce']) {
        expect(await inside(`td[data-label="${label}"]`), `${label} inside 390 px`).toBe(true);
      }
      expect(await inside('th[scope="row"]')).toBe(true);
      expect(await inside('.pos')).toBe(true);
      await page.screenshot({ path: join(SCREENSHOTS, 'phone-unit-row-390.png') });
      // The ranking filtered to a voivodeship: rank, value and position of a row inside the screen too.
      await page.goto(`${base}/wskaznik/${indicator}?woj=12`, { waitUntil: 'load' });
      const first = page.locator('#ranking tbody tr').first();
      await first.scrollIntoViewIfNeeded();
      const right = await first.evaluate((tr) =>
        Math.max(...[...tr.children].map((c) => c.getBoundingClientRect().right)),
      );
      expect(right).toBeLessThanOrEqual(390);
      expect(await first.locator('td[data-label="Wartość"]').isVisible()).toBe(true);
      await page.screenshot({ path: join(SCREENSHOTS, 'phone-ranking-row-390.png') });
      // Charts keep readable text: every SVG label at least 11 px as rendered (font size × the SVG's scale).
      await page.goto(`${base}/wskaznik/${indicator}?jst=${UNIT}`, { waitUntil: 'load' });
      const smallest = await page.evaluate(() =>
        Math.min(
          ...[...document.querySelectorAll('svg.chart text')].map(
            (t) =>
              parseFloat(window.getComputedStyle(t).fontSize) * (t.ownerSVGElement.getScreenCTM()?.a ?? 1),
          ),
        ),
      );
      expect(smallest).toBeGreaterThanOrEqual(11);
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  }, 120_000);

  describe('browser modules (web/client)', () => {
    it.each(LANGS)(
      'search as you type (%s): "krak" lists Kraków; arrows move through the results, Escape closes',
      async (lang) => {
        const { context, page, errors } = await open(1280, lang);
        try {
          await page.goto(base + withLang('/', lang), { waitUntil: 'load' });
          expect(
            await page.locator('script[type="module"]').count(),
            'no <script type=module>: dist/client/main.js not built?',
          ).toBe(1);
          await page.locator('#q').pressSequentially('krak', { delay: 40 });
          const href = withLang(`/jst/${UNIT}`, lang);
          const link = page.locator(`#wyniki ul.results a[href="${href}"]`);
          await link.waitFor({ timeout: 10_000 });
          expect(await link.textContent()).toBe('Kraków');
          await page.waitForFunction(
            () => (document.querySelector('[data-live-status]')?.textContent ?? '') !== '',
          );
          expect(await page.locator('[data-live-status]').textContent()).toMatch(
            lang === 'pl' ? /^Znaleziono: \d+/ : /^Found: \d+/,
          );
          expect(await page.locator('#wyniki-h').textContent()).toMatch(/\(\d+\)$/);
          expect(await axe(page), 'axe after the live results').toBe('');

          const focused = () =>
            page.evaluate(() => {
              const el = document.activeElement;
              return el ? `${el.tagName.toLowerCase()}#${el.id}|${el.getAttribute('href') ?? ''}` : '';
            });
          await page.locator('#q').press('ArrowDown');
          const first = await page.locator('#wyniki ul.results a').first().getAttribute('href');
          expect(await focused()).toBe(`a#|${first}`);
          const count = await page.locator('#wyniki ul.results a').count();
          if (count > 1) {
            await page.keyboard.press('ArrowDown');
            const second = await page.locator('#wyniki ul.results a').nth(1).getAttribute('href');
            expect(await focused()).toBe(`a#|${second}`);
            await page.keyboard.press('ArrowUp');
          }
          await page.keyboard.press('ArrowUp');
          expect(await focused()).toBe('input#q|');
          await page.keyboard.press('ArrowDown');
          await page.keyboard.press('Escape');
          expect(await focused()).toBe('input#q|');
          expect(await page.locator('#wyniki ul.results').count()).toBe(0);
          expect(errors).toEqual([]);
        } finally {
          await context.close();
        }
      },
      120_000,
    );

    it('sortable tables on the unit page: the value column sorts ascending, then descending', async () => {
      const { context, page, errors } = await open(1280);
      try {
        await page.goto(`${base}/jst/${UNIT}`, { waitUntil: 'load' });
        expect(
          await page.locator('table[data-sortable]').count(),
          'the unit page has no table[data-sortable]: add data-sortable to the <table class="data profile"> ' +
            'of serviceTable() in src/web/pages/unit.ts',
        ).toBeGreaterThan(0);
        // The table with the most rows that have a value.
        const index = await page.evaluate(() => {
          const tables = [...document.querySelectorAll('table[data-sortable]')];
          const filled = tables.map((t) => t.querySelectorAll('tbody tr:not(.missing)').length);
          return filled.indexOf(Math.max(...filled));
        });
        const table = page.locator('table[data-sortable]').nth(index);
        const profile = (await release.get(`/api/v1/units/${UNIT}/profile?against=group`)).body as {
          items: Array<{ indicator: { id: string }; value: number | null }>;
        };
        const values = new Map(profile.items.map((i) => [i.indicator.id, i.value]));
        const order = () =>
          table.evaluate((t) =>
            [...t.querySelectorAll('tbody th[scope="row"] a')].map(
              (a) => /\/wskaznik\/([^?]+)/.exec(a.getAttribute('href') ?? '')?.[1] ?? '',
            ),
          );
        const expected = (ids: string[], sign: number) =>
          [...ids].sort((a, b) => {
            const va = values.get(a) ?? null;
            const vb = values.get(b) ?? null;
            if (va === null || vb === null) return va === vb ? 0 : va === null ? 1 : -1;
            return sign * (va - vb);
          });
        const before = await order();
        const button = table.locator('thead th[scope="col"]').nth(1).locator('button');
        await button.click();
        expect(await table.locator('thead th[scope="col"]').nth(1).getAttribute('aria-sort')).toBe(
          'ascending',
        );
        const ascending = await order();
        expect(ascending.map((id) => values.get(id) ?? null)).toEqual(
          expected(before, 1).map((id) => values.get(id) ?? null),
        );
        await button.click();
        expect(await table.locator('thead th[scope="col"]').nth(1).getAttribute('aria-sort')).toBe(
          'descending',
        );
        const descending = await order();
        expect(descending.map((id) => values.get(id) ?? null)).toEqual(
          expected(before, -1).map((id) => values.get(id) ?? null),
        );
        expect(await axe(page), 'axe after sorting').toBe('');
        expect(errors).toEqual([]);
      } finally {
        await context.close();
      }
    }, 120_000);

    it('on a fixture page: Polish numbers sort, the filter ignores Polish letters, copy says so', async () => {
      const home = await (await fetch(`${base}/`)).text();
      const script = /<script type="module" src="([^"]+)"/.exec(home)?.[1];
      expect(script, 'the pages load no module script: is dist/client/main.js built?').toBeTruthy();
      const NB = '\u00a0';
      const NNB = '\u202f';
      const fixture = `<!doctype html>
<html lang="pl"><head><meta charset="utf-8"><title>Moduły — SMUP</title>
<link rel="stylesheet" href="/static/smup.css"><script type="module" src="${script}"></script></head>
<body><main id="tresc"><h1>Moduły przeglądarki</h1>
<label for="filtr">Filtruj gminy</label> <input id="filtr" type="search" data-filter-table="t" data-filter-count="licznik">
<p id="licznik" role="status"></p>
<div class="table-wrap" tabindex="0" role="region" aria-labelledby="t-cap"><table id="t" class="data" data-sortable>
<caption id="t-cap">Gminy</caption>
<thead><tr><th scope="col">Gmina</th><th scope="col" class="num">Wartość</th></tr></thead>
<tbody>
<tr><th scope="row">Łódź</th><td class="num">1${NB}234,5</td></tr>
<tr><th scope="row">Kraków</th><td class="num">—</td></tr>
<tr><th scope="row">Żary</th><td class="num">−3,2</td></tr>
<tr><th scope="row">Opole</th><td class="num">987,25</td></tr>
<tr><th scope="row">Ełk</th><td class="num" data-sort="12">dwanaście</td></tr>
<tr><th scope="row">Łomża</th><td class="num">12${NNB}000</td></tr>
</tbody></table></div>
<label for="kod">Kod do osadzenia</label>
<textarea id="kod">&lt;iframe src="https://example.org/osadz"&gt;&lt;/iframe&gt;</textarea>
<button type="button" data-copy-target="kod">Kopiuj kod</button>
</main></body></html>`;
      const { context, page, errors } = await open(1280);
      try {
        await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: base });
        await page.route(`${base}/__fixture`, (route) =>
          route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body: fixture }),
        );
        await page.goto(`${base}/__fixture`, { waitUntil: 'load' });
        await page.locator('#t thead button').first().waitFor();
        const names = () => page.locator('#t tbody th').allTextContents();
        const header = (i: number) => page.locator('#t thead th').nth(i);

        await header(1).locator('button').click();
        expect(await names()).toEqual(['Żary', 'Ełk', 'Opole', 'Łódź', 'Łomża', 'Kraków']);
        expect(await header(1).getAttribute('aria-sort')).toBe('ascending');
        await header(1).locator('button').click();
        expect(await names()).toEqual(['Łomża', 'Łódź', 'Opole', 'Ełk', 'Żary', 'Kraków']);
        expect(await header(1).getAttribute('aria-sort')).toBe('descending');
        await header(0).locator('button').click();
        // Polish collation: ó is a letter of its own, after o.
        expect(await names()).toEqual(['Ełk', 'Kraków', 'Łomża', 'Łódź', 'Opole', 'Żary']);
        expect(await header(0).getAttribute('aria-sort')).toBe('ascending');
        expect(await header(1).getAttribute('aria-sort')).toBeNull();
        await page.waitForFunction(() =>
          [...document.querySelectorAll('[role="status"]')].some((s) =>
            (s.textContent ?? '').startsWith('Posortowano według kolumny „Gmina”, rosnąco'),
          ),
        );

        await page.locator('#filtr').fill('lodz');
        await page.waitForFunction(() => document.querySelector('#licznik')?.textContent !== '');
        const visible = () => page.locator('#t tbody tr:not([hidden]) th').allTextContents();
        expect(await visible()).toEqual(['Łódź']);
        await page.waitForFunction(
          () => document.querySelector('#licznik')?.textContent === 'Widoczne wiersze: 1 z 6.',
        );
        await page.locator('#filtr').fill('Ł');
        await page.waitForFunction(() => document.querySelectorAll('#t tbody tr:not([hidden])').length === 4);
        expect(await visible()).toEqual(['Ełk', 'Łomża', 'Łódź', 'Opole']);
        await page.locator('#filtr').fill('');
        await page.waitForFunction(() => document.querySelectorAll('#t tbody tr:not([hidden])').length === 6);

        await page.locator('button[data-copy-target]').click();
        await page.waitForFunction(() =>
          [...document.querySelectorAll('[role="status"]')].some((s) => s.textContent === 'Skopiowano.'),
        );
        expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(
          '<iframe src="https://example.org/osadz"></iframe>',
        );
        expect(await axe(page), 'axe on the enhanced fixture').toBe('');
        expect(errors).toEqual([]);
      } finally {
        await context.close();
      }
    }, 120_000);

    it('keyboard: the first Tab reaches the skip link, which moves focus to main', async () => {
      const { context, page, errors } = await open(360);
      try {
        await page.goto(`${base}/jst/${UNIT}`, { waitUntil: 'load' });
        await page.keyboard.press('Tab');
        const active = () =>
          page.evaluate(() => {
            const el = document.activeElement;
            return el ? `${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ''}.${el.className}` : '';
          });
        expect(await active()).toBe('a.skip');
        // The link is visible while focused (not left off-screen).
        const box = await page.locator('a.skip').boundingBox();
        expect(box && box.y >= 0 && box.height > 0).toBe(true);
        await page.keyboard.press('Enter');
        await page.waitForFunction(() => document.activeElement?.id === 'tresc');
        expect(await active()).toBe('main#tresc.');
        // The next Tab goes on inside main, not back to the header.
        await page.keyboard.press('Tab');
        expect(await page.evaluate(() => document.activeElement?.closest('main') !== null)).toBe(true);
        expect(errors).toEqual([]);
      } finally {
        await context.close();
      }
    }, 120_000);
  });
});
