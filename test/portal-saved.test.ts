/**
 * "Zapisz" and "Obserwuj" on the portal's unit and compare pages and in the Raport form (issue 18, points
 * 2–3), on a real release (population and area, test/real-release.ts, shared with other suites) in
 * PostgreSQL: the HTTP forms as a browser without JavaScript sends them (fields read from the page,
 * cookies kept, CSRF token in the form), and then in Debian's Chromium the same pages signed in, with axe
 * (WCAG 2.1 A/AA) and no sideways scrolling at 390 px, and a save made by clicking. PostgreSQL only: the
 * forms call the API, whose every endpoint runs on both databases in test/saved-work.test.ts.
 */
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser } from '../src/accounts/accounts.js';
import { Browser, TEST_HASHING } from './accounts-client.js';
import { axeViolations, newAxeContext, violationLines } from './axe.js';
import { hasChromium, launchChromium } from './browser.js';
import { openRealRelease, RELEASE_HOOK_MS, REAL_FILES, type RealRelease } from './real-release.js';

// Callbacks of page.evaluate run in the page; the tests' program has no DOM library.
/* eslint-disable @typescript-eslint/no-explicit-any */
declare const document: any;
/* eslint-enable @typescript-eslint/no-explicit-any */

const PASSWORD = 'correct horse battery staple 18';
const WIELICZKA = '1219053';
const CITIES = ['1261011', '1061011'];
const COMPARE_URL = `/porownaj?jst=${CITIES.join(',')}&wsk=kontekst.ludnosc&lata=2018-2019`;

const unescape = (text: string): string =>
  text
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');

/** The inputs of the `nth` form of the page posting to `action`, as a browser would send them. */
function formFields(body: string, action: string, nth = 0): Record<string, string> {
  const forms = body.split('<form').filter((f) => f.includes(`action="${action}"`));
  const form = forms[nth]?.split('</form>')[0];
  expect(form, `a form posting to ${action}`).toBeDefined();
  const fields: Record<string, string> = {};
  for (const [, attributes = ''] of (form ?? '').matchAll(/<input\b([^>]*)>/g)) {
    const name = /name="([^"]*)"/.exec(attributes)?.[1];
    if (name) fields[name] = unescape(/value="([^"]*)"/.exec(attributes)?.[1] ?? '');
  }
  return fields;
}

describe('Zapisz and Obserwuj on the portal, on a real release in PostgreSQL', () => {
  let release: RealRelease;
  let user: Browser;
  let anonymous: Browser;
  const items = async () =>
    (
      (await user.request('GET', '/api/v1/me/saved')).json() as {
        items: Array<{ id: number; kind: string; name: string; settings: Record<string, unknown> }>;
      }
    ).items;

  beforeAll(async () => {
    release = await openRealRelease('postgres', REAL_FILES.slice(0, 2));
    await createUser(
      release.test.db,
      { email: 'mieszkanka@example.pl', displayName: 'Mieszkanka', role: 'user', password: PASSWORD },
      { actorId: null, actor: 'cli:test' },
      TEST_HASHING,
    );
    user = new Browser(release.app);
    expect((await user.login('mieszkanka@example.pl', PASSWORD)).statusCode).toBe(200);
    anonymous = new Browser(release.app);
  }, RELEASE_HOOK_MS);
  afterAll(async () => {
    await release?.close();
  });

  it('shows an anonymous visitor one link to sign in and come back, on a page every visitor shares', async () => {
    const unit = await anonymous.request('GET', `/jst/${WIELICZKA}`);
    expect(unit.statusCode).toBe(200);
    expect(unit.headers['cache-control']).toBe('public, max-age=60');
    expect(String(unit.headers.vary)).toMatch(/cookie/i);
    const signIn = `<a href="/logowanie?next=%2Fjst%2F${WIELICZKA}">Zaloguj się, aby zapisać</a>`;
    // The block under the view's form and the Raport form.
    expect(unit.body.split(signIn).length - 1).toBe(2);
    expect(unit.body).not.toContain('name="_csrf"');
    expect(unit.headers['set-cookie']).toBeUndefined();
    // A session cookie that no longer signs anyone in: the same link, but the answer is that visitor's.
    const stale = await release.app.inject({
      url: `/jst/${WIELICZKA}`,
      headers: { cookie: 'smup_session=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA' },
    });
    expect(stale.body).toContain(signIn);
    expect(stale.headers['cache-control']).toBe('private, no-store');
    const english = await anonymous.request('GET', `/en${COMPARE_URL}`);
    expect(english.body).toContain(
      // The page's own URL as the language switch writes it (commas escaped).
      `<a href="/en/logowanie?next=${encodeURIComponent(`/en${COMPARE_URL.replace(/,/g, '%2C')}`)}">Sign in to save</a>`,
    );
  });

  it('saves the unit page’s view and watches the unit by plain forms, then says so on the page', async () => {
    const page = await user.request('GET', `/jst/${WIELICZKA}?porownaj=neighbours&rok=2019`);
    expect(page.headers['cache-control']).toBe('private, no-store');
    expect(page.body).toContain(`formaction="/zapisz/raport/${WIELICZKA}"`);
    const fields = formFields(page.body, '/zapisz');
    expect(fields).toMatchObject({
      _csrf: user.csrf,
      rodzaj: 'report',
      jednostka: WIELICZKA,
      porownaj: 'neighbours',
      rok: '2019',
      wroc: `/jst/${WIELICZKA}?porownaj=neighbours&rok=2019`,
      nazwa: 'Wieliczka — sąsiedzi, 2019',
    });
    // Without its token the form changes nothing.
    const { _csrf: _, ...sent } = fields;
    expect((await user.request('POST', '/zapisz', { form: sent, csrf: null })).statusCode).toBe(403);
    const saved = await user.request('POST', '/zapisz', { form: sent });
    expect(saved.statusCode).toBe(303);
    expect(saved.headers.location).toMatch(
      new RegExp(`^/jst/${WIELICZKA}\\?porownaj=neighbours&rok=2019&zapisano=\\d+#zapisz-h$`),
    );
    const after = await user.request('GET', saved.headers.location?.split('#')[0] ?? '');
    expect(after.body).toContain('role="status"');
    expect(after.body).toContain('Zapisano na Twoim koncie.');
    // The status is not part of the page's permalink or its English twin.
    expect(after.body).toContain(`href="/en/jst/${WIELICZKA}?porownaj=neighbours&amp;rok=2019"`);
    expect((await items())[0]).toMatchObject({
      kind: 'report',
      name: 'Wieliczka — sąsiedzi, 2019',
      settings: { unit: WIELICZKA, against: 'neighbours', year: 2019, areas: [], format: 'pdf', lang: 'pl' },
    });

    const watch = await user.request('POST', '/zmiany/obserwuj', {
      form: formFields(page.body, '/zmiany/obserwuj'),
      csrf: null,
    });
    expect(watch.headers.location).toBe(
      `/jst/${WIELICZKA}?porownaj=neighbours&rok=2019&obserwujesz=1#zapisz-h`,
    );
    const watched = await user.request('GET', `/jst/${WIELICZKA}?obserwujesz=1`);
    expect(watched.body).toContain('Obserwujesz tę jednostkę.');
    expect(watched.body).toContain('href="/zmiany"');
    const stop = await user.request('POST', '/zmiany/usun', {
      form: formFields(watched.body, '/zmiany/usun'),
      csrf: null,
    });
    expect(stop.headers.location).toBe(`/jst/${WIELICZKA}?nieobserwujesz=1#zapisz-h`);
    expect((await user.request('GET', '/api/v1/me/watches')).json()).toEqual({ items: [] });
  });

  it('saves the Raport form’s settings through a page that names them', async () => {
    const unit = await user.request('GET', `/en/jst/${WIELICZKA}`);
    const areas = /<option value="([a-z_,]+)" selected>all areas<\/option>/.exec(unit.body)?.[1] ?? '';
    expect(areas.split(',').length).toBeGreaterThan(5);
    const confirm = await user.request(
      'GET',
      `/en/zapisz/raport/${WIELICZKA}?lang=en&against=group&year=2018&areas=${areas}&format=docx`,
    );
    expect(confirm.statusCode).toBe(200);
    expect(confirm.body).toContain('<h1>Save the report settings</h1>');
    expect(confirm.body).toContain('DOCX (Word)');
    const saved = await user.request('POST', '/en/zapisz', {
      form: formFields(confirm.body, '/en/zapisz'),
      csrf: null,
    });
    expect(saved.headers.location).toMatch(
      new RegExp(`^/en/jst/${WIELICZKA}\\?porownaj=group&rok=2018&zapisano=`),
    );
    expect((await items())[0]).toMatchObject({
      kind: 'report',
      // "All areas" is saved as every area, not today's list of them.
      settings: { year: 2018, areas: [], format: 'docx', lang: 'en' },
    });
    const signedOut = await anonymous.request('GET', `/zapisz/raport/${WIELICZKA}?lang=pl&format=pdf`);
    expect(signedOut.statusCode).toBe(303);
    expect(signedOut.headers.location).toContain('/logowanie?next=');
  });

  it('saves a comparison and its units as a set, and watches an indicator, from the compare page', async () => {
    const page = await user.request('GET', COMPARE_URL);
    expect(page.headers['cache-control']).toBe('private, no-store');
    const comparison = formFields(page.body, '/zapisz', 0);
    expect(comparison).toMatchObject({
      rodzaj: 'compare',
      jst: CITIES.join(','),
      wsk: 'kontekst.ludnosc',
      lata: '2018-2019',
    });
    expect((await user.request('POST', '/zapisz', { form: comparison, csrf: null })).statusCode).toBe(303);
    const set = formFields(page.body, '/zapisz', 1);
    expect(set).toMatchObject({ rodzaj: 'set', jst: CITIES.join(',') });
    expect((await user.request('POST', '/zapisz', { form: set, csrf: null })).statusCode).toBe(303);
    const [savedSet, savedComparison] = await items();
    expect(savedComparison).toMatchObject({
      kind: 'compare',
      settings: { units: CITIES, indicators: ['kontekst.ludnosc'], years: '2018-2019' },
    });
    expect(savedSet).toMatchObject({ kind: 'set', settings: { units: CITIES, level: 'gmina' } });
    // The saved set compares like any set: Kraków's page against it.
    const against = await user.request(
      'GET',
      `/jst/${CITIES[0]}?porownaj=set:${String(savedSet?.settings.setId)}`,
    );
    expect(against.statusCode).toBe(200);
    expect(against.body).toContain(`<option value="set:${String(savedSet?.settings.setId)}" selected>`);
    expect(against.body).toContain('(2 jednostki');

    expect(page.body).toContain('<option value="wsk:kontekst.ludnosc">wskaźnik: Liczba ludności</option>');
    const watch = await user.request('POST', '/zmiany/obserwuj', {
      form: { ...formFields(page.body, '/zmiany/obserwuj'), co: 'wsk:kontekst.ludnosc' },
      csrf: null,
    });
    expect(watch.statusCode).toBe(303);
    expect((await user.request('GET', '/api/v1/me/watches')).json()).toMatchObject({
      items: [{ unit: null, indicator: 'kontekst.ludnosc' }],
    });
    const again = await user.request('GET', COMPARE_URL);
    expect(again.body).not.toContain('value="wsk:kontekst.ludnosc"');
  });

  describe.skipIf(!hasChromium())('in Chromium, signed in', () => {
    it('passes axe (WCAG 2.1 A/AA) without sideways scrolling at 390 px, and saves by a click', async () => {
      await release.app.listen({ port: 0, host: '127.0.0.1' });
      const base = `http://127.0.0.1:${(release.app.server.address() as AddressInfo).port}`;
      const browser = await launchChromium();
      try {
        const context = await newAxeContext(browser, { viewport: { width: 390, height: 800 } });
        await context.addCookies([...user.cookies].map(([name, value]) => ({ name, value, url: base })));
        const page = await context.newPage();
        const created = await user.request('POST', '/api/v1/me/saved', {
          json: { kind: 'compare', name: 'Do przeglądu', settings: { units: CITIES } },
        });
        const share = (
          await user.request('POST', `/api/v1/me/saved/${(created.json() as { id: number }).id}/share`)
        ).json() as {
          id: number;
          share: { url: string };
        };
        // The unit and compare pages' other parts are portal.e2e.test.ts's (anonymous): here only what a
        // signed-in visitor sees more, which keeps axe off their long tables.
        const pages: Array<[string, string[]]> = [
          [`/jst/${WIELICZKA}`, ['.save-section', '.report-section']],
          [COMPARE_URL, ['.save-section']],
          ['/konto/zapisane', []],
          [`/konto/zapisane/${share.id}`, []],
          [share.share.url, []],
          [`/zapisz/raport/${WIELICZKA}?lang=pl&against=group&format=pdf`, []],
        ];
        for (const [path, parts] of pages) {
          const response = await page.goto(`${base}${path}`);
          expect(response?.status(), path).toBe(200);
          const violations = await axeViolations(page, parts);
          expect(violationLines(violations).map((line) => `${path}: ${line}`)).toEqual([]);
          const overflow = await page.evaluate(
            () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
          );
          expect(overflow, path).toBeLessThanOrEqual(0);
        }
        const before = (await items()).length;
        await page.goto(`${base}/jst/${WIELICZKA}`);
        await page.getByRole('button', { name: 'Zapisz', exact: true }).click();
        await page.waitForURL(/zapisano=\d+/);
        await expect(page.locator('.form-ok[role="status"]').textContent()).resolves.toContain(
          'Zapisano na Twoim koncie.',
        );
        expect((await items()).length).toBe(before + 1);
      } finally {
        await browser.close();
      }
    }, 120_000);
  });
});
