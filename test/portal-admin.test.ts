/**
 * Every admin and account page kind of issue 18 in Debian's Chromium, each signed in with the role it is
 * for: axe (WCAG 2.1 A/AA) finds nothing and nothing scrolls sideways, in Polish at 390 and 1280 px and in
 * English at 390 px. The data are small and made here (two releases and a draft of one variable, a JST
 * submission, a saved comparison, a watch), so the tables have rows without axe reading thousands of them.
 * One server and one browser for all. Then the upload form sent by Chromium with a bad file and with one over
 * the 20 MiB limit: each answered by the upload page, which passes the same checks. PostgreSQL only: the pages read the API, whose every endpoint runs on
 * both databases in the suites of each feature (admin-releases, admin-ingest, jst-submissions, saved-work).
 * SMUP_SCREENSHOTS=1: full-page screenshots of the release, ingestion and saved-items pages in /tmp/shots.
 */
import { mkdirSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import type { FastifyInstance } from 'fastify';
import type { Browser as Chromium, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '../src/domain/accounts/roles.js';
import { ensureUnitsRegister } from '../src/pipeline/bundled-register.js';
import { runIngest } from '../src/pipeline/ingest.js';
import { migrate } from '../src/store/migrate.js';
import { Browser } from './accounts-client.js';
import { axeViolations, newAxeContext, violationLines } from './axe.js';
import { hasChromium, launchChromium } from './browser.js';
import { staffSuite } from './staff-suite.js';
import { openTestDatabase, type TestDatabase } from './databases.js';
import { populationJob } from './population-job.js';

// Callbacks of page.evaluate run in the page; the tests' program has no DOM library.
/* eslint-disable @typescript-eslint/no-explicit-any */
declare const document: any;
declare const window: any;
/* eslint-enable @typescript-eslint/no-explicit-any */

const WIELICZKA = '1219053';
const SHOTS = '/tmp/shots';
const SCREENSHOTS = process.env.SMUP_SCREENSHOTS === '1';
type Who = Role | 'anonymous';

describe.skipIf(!hasChromium())('admin and account pages in Chromium, on PostgreSQL', () => {
  let test: TestDatabase;
  let app: FastifyInstance;
  let chromium: Chromium;
  let base = '';
  const browsers = new Map<Who, Browser>();
  /** Path and the role that sees it; `shot` names its screenshot. */
  const pages: Array<{ path: string; who: Who; shot?: string }> = [];

  beforeAll(async () => {
    test = await openTestDatabase('postgres');
    const { db } = test;
    await migrate(db);
    await ensureUnitsRegister(db);
    const values = { '1465011': 1_790_658, '1261011': 779_115, '1061011': 679_941, [WIELICZKA]: 60_000 };
    await runIngest(db, [populationJob(values)], { description: 'pierwsze', publish: true });
    await runIngest(db, [populationJob({ ...values, '1261011': 779_116 })], {
      description: 'drugie',
      publish: true,
    });
    await runIngest(db, [populationJob({ ...values, '1261011': 780_000, '3064011': 534_813 })], {
      description: 'robocze',
    });
    let signedIn: Map<string, Browser>;
    ({ app, browsers: signedIn } = await staffSuite(db, { jstUnits: [WIELICZKA] }));
    for (const [who, browser] of signedIn) browsers.set(who as Who, browser);
    // The anonymous visitor arrives with no cookie at all, as a first visit does.
    browsers.set('anonymous', new Browser(app));
    const as = (who: Who) => browsers.get(who) as Browser;

    // A submission to review, a saved comparison and a watched unit: the pages' lists have a row each.
    const submitted = await as('jst_editor').request('POST', `/api/v1/jst/units/${WIELICZKA}/submissions`, {
      json: {
        comment: 'Dane z rozdziału 80113 sprawozdania Rb-28S za 2019 r.',
        values: [{ variable: 'jst:koszt-dowozu-uczniow', year: 2019, value: '1 234 567,89' }],
      },
    });
    expect(submitted.statusCode, submitted.body).toBe(201);
    const saved = await as('user').request('POST', '/api/v1/me/saved', {
      json: { kind: 'compare', name: 'Kraków i Wrocław', settings: { units: ['1261011', '1061011'] } },
    });
    expect(saved.statusCode, saved.body).toBe(201);
    const savedId = (saved.json() as { id: number }).id;
    expect(
      (await as('user').request('POST', '/api/v1/me/watches', { json: { unit: WIELICZKA } })).statusCode,
    ).toBe(200);

    pages.push(
      // The account forms are one template (pages/account-forms.ts): one with fields, one with a link's token.
      { path: '/logowanie', who: 'anonymous' },
      { path: '/rejestracja', who: 'anonymous' },
      { path: '/haslo/nowe?token=abc', who: 'anonymous' },
      { path: '/konto', who: 'user' },
      { path: '/haslo', who: 'user' },
      { path: '/konto/zapisane', who: 'user', shot: 'zapisane' },
      { path: `/konto/zapisane/${savedId}`, who: 'user' },
      { path: `/konto/zapisane/${savedId}/usun`, who: 'user', shot: 'zapisane-usun' },
      { path: '/zmiany', who: 'user' },
      { path: '/dane-jst', who: 'jst_editor' },
      { path: '/dane-jst', who: 'steward' },
      { path: '/konto', who: 'admin' },
      { path: '/admin/uzytkownicy', who: 'admin' },
      { path: '/admin/dziennik', who: 'admin' },
      { path: '/admin/wydania', who: 'steward', shot: 'wydania' },
      { path: '/admin/wydania/roznice?od=1&do=3', who: 'steward', shot: 'roznice' },
      { path: '/admin/wydania/opublikuj', who: 'steward' },
      { path: '/admin/wydania/odrzuc', who: 'steward' },
      { path: '/admin/wydania/przywroc?do=1', who: 'admin' },
      { path: '/admin/wczytywanie', who: 'steward', shot: 'wczytywanie' },
      { path: '/admin/wczytywanie/walidacja', who: 'steward' },
      // The public revision log: its tables are the diff page's (revision-tables.ts).
      { path: '/wydania/2/zmiany', who: 'anonymous' },
    );

    await app.listen({ port: 0, host: '127.0.0.1' });
    base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
    chromium = await launchChromium();
    if (SCREENSHOTS) mkdirSync(SHOTS, { recursive: true });
  }, 120_000);
  afterAll(async () => {
    await chromium?.close();
    await app?.close();
    await test?.drop();
  });

  /** axe's violations and the elements wider than the window, one line each, for `page` as it is. */
  async function problems(page: Page, width: number): Promise<string[]> {
    const violations = await axeViolations(page);
    const found = violationLines(violations);
    const overflow = await page.evaluate(() => ({
      scroll: document.documentElement.scrollWidth - document.documentElement.clientWidth,
      widest: [...document.querySelectorAll('body *')]
        .filter((el) => el.getBoundingClientRect().right > window.innerWidth + 1)
        .filter((el) => !el.closest('.table-wrap, .visually-hidden'))
        .slice(0, 5)
        .map((el) => `${el.tagName.toLowerCase()}.${[...el.classList].join('.')}`),
    }));
    if (overflow.scroll > 0) found.push(`overflow at ${width} px: ${overflow.widest.join(', ')}`);
    return found;
  }

  it.each([
    ['pl', 390],
    ['pl', 1280],
    ['en', 390],
  ] as const)(
    'passes axe and fits the window: %s at %i px',
    async (lang, width) => {
      const contexts = new Map<Who, Page>();
      const found: string[] = [];
      try {
        for (const { path, who, shot } of pages) {
          let page = contexts.get(who);
          if (!page) {
            const context = await newAxeContext(chromium, { viewport: { width, height: 900 } });
            const cookies = [...(browsers.get(who) as Browser).cookies];
            await context.addCookies(cookies.map(([name, value]) => ({ name, value, url: base })));
            page = await context.newPage();
            contexts.set(who, page);
          }
          const url = `${base}${lang === 'en' ? '/en' : ''}${path}`;
          const response = await page.goto(url);
          expect(response?.status(), `${url} as ${who}`).toBe(200);
          expect(await page.getAttribute('html', 'lang')).toBe(lang);
          if (SCREENSHOTS && shot) {
            await page.screenshot({ path: `${SHOTS}/${shot}-${lang}-${width}.png`, fullPage: true });
          }
          found.push(...(await problems(page, width)).map((p) => `${path} as ${who}: ${p}`));
        }
      } finally {
        for (const page of contexts.values()) await page.context().close();
      }
      expect(found).toEqual([]);
    },
    120_000,
  );

  it('refuses a bad file and one over 20 MiB sent by the upload form, each on the upload page, at 390 px', async () => {
    const context = await newAxeContext(chromium, { viewport: { width: 390, height: 900 } });
    try {
      const cookies = [...(browsers.get('steward') as Browser).cookies];
      await context.addCookies(cookies.map(([name, value]) => ({ name, value, url: base })));
      const page = await context.newPage();
      const files = [
        // A cell that is not a number: the problems in a table, by line.
        {
          name: 'zle.csv',
          bytes: Buffer.from('Kod;Nazwa;"ogółem;2019;[osoba]"\r\n1261011;Kraków (1);abc\r\n'),
          status: 422,
          says: 'Nic z niego nie zapisano.',
        },
        { name: 'duzy.csv', bytes: Buffer.alloc(20 * 2 ** 20 + 1, 'x'), status: 413, says: '20 MiB' },
      ];
      for (const file of files) {
        await page.goto(`${base}/admin/wczytywanie`);
        await page.getByLabel('Mapowanie').selectOption('bdl-export');
        await page
          .getByLabel('Plik')
          .setInputFiles({ name: file.name, mimeType: 'text/csv', buffer: file.bytes });
        const [response] = await Promise.all([
          page.waitForResponse((r) => r.url().endsWith('/admin/wczytywanie/plik')),
          page.getByRole('button', { name: 'Wczytaj' }).click(),
        ]);
        expect(response.status(), file.name).toBe(file.status);
        await page.waitForLoadState();
        await expect(page.locator('[role="alert"]').textContent()).resolves.toContain(file.says);
        // The table of problems by line only where there are lines to name.
        expect(await page.locator('#problemy').count(), file.name).toBe(file.status === 422 ? 1 : 0);
        if (SCREENSHOTS) {
          await page.screenshot({ path: `${SHOTS}/wczytywanie-${file.status}-pl-390.png`, fullPage: true });
        }
        expect(await problems(page, 390)).toEqual([]);
      }
    } finally {
      await context.close();
    }
  }, 60_000);
});
