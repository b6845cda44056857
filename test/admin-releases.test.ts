/**
 * Release administration (issue 18, point 5) on both databases, through the real server (inject) with real
 * accounts: every endpoint tried by every role and with no session; CSRF refused; the diff of two releases
 * (a draft too) by variable and unit; a publish and a rollback through the API change the live release,
 * which the public API and the portal then show; a discard through the portal's confirmation form; each
 * action in the audit log with before and after, and nothing written by a refused request.
 * Data: population on 31 XII 2019 (BDL) of four cities, revised by hand between releases.
 */
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '../src/domain/accounts/roles.js';
import { ensureUnitsRegister } from '../src/pipeline/bundled-register.js';
import { runIngest } from '../src/pipeline/ingest.js';
import { listAudit } from '../src/store/audit-store.js';
import type { Database } from '../src/store/database.js';
import { migrate } from '../src/store/migrate.js';
import { observationsIn } from '../src/store/observations-store.js';
import { currentDraft, liveReleaseId } from '../src/store/releases-store.js';
import type { Browser } from './accounts-client.js';
import { staffSuite } from './staff-suite.js';
import { DATABASE_KINDS, openTestDatabase, type TestDatabase } from './databases.js';
import { POPULATION_2019, populationJob, VARIABLE } from './population-job.js';

type Who = Role | 'anonymous';
const EVERYONE: readonly Who[] = ['anonymous', 'user', 'jst_editor', 'steward', 'admin'];
const STEWARDS: readonly Who[] = ['steward', 'admin'];

describe.each(DATABASE_KINDS)('release administration on %s', (kind) => {
  let test: TestDatabase;
  let db: Database;
  let app: FastifyInstance;
  let browsers = new Map<string, Browser>();
  const as = (who: Who) => browsers.get(who) as Browser;
  const valuesIn = async (release: number) =>
    Object.fromEntries(
      (await observationsIn(db, release, { variableIds: [VARIABLE] })).map((o) => [o.unitCode, o.value]),
    );
  const auditOf = async (action: string) => (await listAudit(db, { action, limit: 100, offset: 0 })).items;

  beforeAll(async () => {
    test = await openTestDatabase(kind);
    db = test.db;
    await migrate(db);
    await ensureUnitsRegister(db);
    // Release 1, release 2 (Kraków revised, Poznań removed), and draft 3 (Kraków revised again, Poznań back).
    await runIngest(db, [populationJob(POPULATION_2019)], { description: 'pierwsze', publish: true });
    const { '3064011': _poznan, ...rest } = POPULATION_2019;
    await runIngest(db, [populationJob({ ...rest, '1261011': 779_116 })], {
      description: 'drugie',
      publish: true,
    });
    await runIngest(db, [populationJob({ ...POPULATION_2019, '1261011': 780_000 })], {
      description: 'robocze',
    });
    ({ app, browsers } = await staffSuite(db, { jstUnits: ['1261011'] }));
  }, 120_000);
  afterAll(async () => {
    await app?.close();
    await test?.drop();
  });

  it('lets stewards and administrators, and no one else, use every release endpoint and page', async () => {
    const auditBefore = (await listAudit(db, { limit: 1, offset: 0 })).total;
    // The actions are aimed so that an allowed caller is refused by the data (409), never by the role, and
    // changes nothing: a draft that is not the open one, a release that was never published.
    const endpoints: Array<{ method: 'GET' | 'POST'; url: string; json?: unknown; ok: number }> = [
      { method: 'GET', url: '/api/v1/admin/releases', ok: 200 },
      { method: 'GET', url: '/api/v1/admin/releases/diff?from=1&to=3', ok: 200 },
      { method: 'POST', url: '/api/v1/admin/releases/draft/publish', json: { draft: 999 }, ok: 409 },
      { method: 'POST', url: '/api/v1/admin/releases/draft/discard', json: { draft: 999 }, ok: 409 },
      { method: 'POST', url: '/api/v1/admin/releases/rollback', json: { to: 3 }, ok: 409 },
    ];
    for (const endpoint of endpoints) {
      for (const who of EVERYONE) {
        const response = await as(who).request(endpoint.method, endpoint.url, {
          ...(endpoint.json ? { json: endpoint.json } : {}),
        });
        const expected = STEWARDS.includes(who) ? endpoint.ok : who === 'anonymous' ? 401 : 403;
        expect(response.statusCode, `${endpoint.method} ${endpoint.url} as ${who}`).toBe(expected);
        expect(response.headers['cache-control']).toBe('no-store');
        if (expected === 409) expect(response.json()).toMatchObject({ code: expect.any(String) });
      }
    }
    // Pages: the list and each confirmation. Stewards see the actions; the others are sent to sign in (no
    // session) or get the error page, which has no form and no link to an action.
    for (const path of [
      '/admin/wydania',
      '/admin/wydania/opublikuj',
      '/en/admin/wydania/odrzuc',
      '/admin/wydania/przywroc?do=1',
      '/admin/wydania/roznice?od=1&do=2',
    ]) {
      for (const who of EVERYONE) {
        const response = await as(who).request('GET', path);
        if (STEWARDS.includes(who)) {
          expect(response.statusCode, `${path} as ${who}`).toBe(200);
          expect(response.headers['cache-control']).toBe('no-store');
        } else if (who === 'anonymous') {
          expect(response.statusCode, path).toBe(303);
          expect(response.headers.location).toMatch(/\/logowanie\?next=/);
        } else {
          expect(response.statusCode, `${path} as ${who}`).toBe(403);
          // No action: no form with a token, no button to a confirmation.
          expect(response.body).not.toContain('name="_csrf"');
          expect(response.body).not.toMatch(/Opublikuj…|Odrzuć…|Przywróć…|Publish…|Discard…|Roll back…/);
        }
      }
    }
    const steward = (await as('steward').request('GET', '/admin/wydania')).body;
    expect(steward).toContain('href="/admin/wydania/opublikuj"');
    // While a draft is open a rollback would be refused: no link to one, a sentence saying why.
    expect(steward).not.toContain('href="/admin/wydania/przywroc?do=1"');
    expect(steward).toContain('gdy nie ma wersji roboczej');
    expect(steward).not.toContain('href="/admin/uzytkownicy"'); // an administrator's page
    expect((await as('admin').request('GET', '/admin/wydania')).body).toContain('href="/admin/uzytkownicy"');
    // Account page: the way in, for those who may.
    expect((await as('steward').request('GET', '/konto')).body).toContain('href="/admin/wydania"');
    expect((await as('jst_editor').request('GET', '/konto')).body).not.toContain('href="/admin/wydania"');
    // Nothing changed, and nothing refused was recorded.
    expect(await liveReleaseId(db)).toBe(2);
    expect((await currentDraft(db))?.id).toBe(3);
    expect((await listAudit(db, { limit: 1, offset: 0 })).total).toBe(auditBefore);
  });

  it('refuses every release action without the CSRF token, through the API and the portal', async () => {
    const steward = as('steward');
    for (const [url, json] of [
      ['/api/v1/admin/releases/draft/publish', { draft: 3 }],
      ['/api/v1/admin/releases/draft/discard', { draft: 3 }],
      ['/api/v1/admin/releases/rollback', { to: 1 }],
    ] as const) {
      for (const csrf of [null, 'forged']) {
        const response = await steward.request('POST', url, { json, csrf });
        expect(response.statusCode, url).toBe(403);
        expect(response.json()).toMatchObject({ code: 'csrf-failed' });
      }
    }
    for (const path of ['/admin/wydania/opublikuj', '/admin/wydania/odrzuc', '/admin/wydania/przywroc']) {
      const response = await steward.request('POST', path, { form: { draft: '3', do: '1' }, csrf: null });
      expect(response.statusCode, path).toBe(403);
    }
    expect(await liveReleaseId(db)).toBe(2);
    expect((await currentDraft(db))?.id).toBe(3);
  });

  it('shows what changed between two releases, a draft too, by variable and unit, in either direction', async () => {
    const admin = as('admin');
    const forward = (await admin.request('GET', '/api/v1/admin/releases/diff?from=2&to=3')).json();
    // 2 → 3: Kraków 779,116 → 780,000 (revised), Poznań back (new).
    expect(forward).toMatchObject({
      from: { id: 2, status: 'published', live: true },
      to: { id: 3, status: 'draft' },
      total: 2,
      summary: [
        { variable: { id: VARIABLE, name: 'Ludność ogółem (31 XII)' }, new: 1, revised: 1, removed: 0 },
      ],
    });
    const items = forward.items as Array<{
      unit: { code: string; name: string };
      kind: string;
      before: { value: number } | null;
      after: { value: number } | null;
    }>;
    expect(
      items.map((i) => [i.unit.code, i.unit.name, i.kind, i.before?.value ?? null, i.after?.value ?? null]),
    ).toEqual([
      ['1261011', 'Kraków', 'revised', 779_116, 780_000],
      ['3064011', 'Poznań', 'new', null, 534_813],
    ]);
    // Backwards, 2 → 1 (what a rollback to 1 would do): Kraków back to 779,115, Poznań new again.
    const backwards = (
      await admin.request('GET', '/api/v1/admin/releases/diff?from=2&to=1&unit=1261011')
    ).json();
    expect(backwards).toMatchObject({
      total: 1,
      items: [{ kind: 'revised', before: { value: 779_116 }, after: { value: 779_115 } }],
    });
    expect((await admin.request('GET', '/api/v1/admin/releases/diff?from=2&to=99')).json()).toMatchObject({
      code: 'release-not-found',
      param: 'to',
    });
    expect((await admin.request('GET', '/api/v1/admin/releases/diff?from=2')).statusCode).toBe(400);
    const page = await admin.request('GET', '/en/admin/wydania/roznice?od=2&do=3&jst=1261011');
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Changes: release 2 → 3');
    expect(page.body).toContain('Kraków');
    expect(page.body).not.toContain('Poznań');
  });

  it('publishes the draft through the API: the live release changes, the portal shows it, the audit log says who', async () => {
    const steward = as('steward');
    // The confirmation page names the draft; its form posts it back, so a newer draft is never published by it.
    const confirm = await steward.request('GET', '/admin/wydania/opublikuj');
    expect(confirm.body).toContain('Opublikować wersję roboczą 3?');
    expect(confirm.body).toContain('<input type="hidden" name="draft" value="3" />');
    expect(confirm.body).toContain('Kraków');
    const response = await steward.request('POST', '/api/v1/admin/releases/draft/publish', {
      json: { draft: 3 },
    });
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json()).toMatchObject({
      releaseId: 3,
      previous: 2,
      added: 1,
      changed: 1,
      removed: 0,
      unchanged: false,
    });
    expect(await liveReleaseId(db)).toBe(3);
    expect(await valuesIn(3)).toEqual({ ...POPULATION_2019, '1261011': 780_000 });
    expect((await app.inject('/api/v1/releases')).json()).toMatchObject({ live: 3 });
    const list = await steward.request('GET', '/admin/wydania');
    expect(list.body).toMatch(/<strong>3<\/strong>: robocze/);
    expect((await app.inject('/wydania/3/zmiany')).statusCode).toBe(200);
    const [record] = await auditOf('release.publish');
    expect(record).toMatchObject({
      actor: 'steward@example.org',
      targetType: 'release',
      targetId: '3',
      before: { live: 2, draft: 3 },
      after: { live: 3, added: 1, changed: 1 },
    });
    expect(record?.requestId).toMatch(/^[0-9a-f-]{36}$/);
    // Nothing left to publish: a 409 naming why, in both languages.
    const again = await steward.request('POST', '/api/v1/admin/releases/draft/publish', { json: {} });
    expect(again.statusCode).toBe(409);
    expect(again.json()).toMatchObject({
      code: 'no-draft',
      message: { pl: expect.stringContaining('Nie ma wersji roboczej') },
    });
  });

  it('rolls back through the portal’s confirmation form, as a new live release with release 1’s values', async () => {
    const admin = as('admin');
    expect((await admin.request('GET', '/admin/wydania')).body).toContain(
      'href="/admin/wydania/przywroc?do=1"',
    );
    const confirm = await admin.request('GET', '/admin/wydania/przywroc?do=1');
    expect(confirm.statusCode).toBe(200);
    expect(confirm.body).toContain('Przywrócić dane wydania 1?');
    const token = /name="_csrf" value="([^"]+)"/.exec(confirm.body)?.[1] ?? '';
    const done = await admin.request('POST', '/admin/wydania/przywroc', { form: { do: '1' }, csrf: token });
    expect(done.statusCode).toBe(303);
    expect(done.headers.location).toBe('/admin/wydania?przywrocono=4');
    expect(await liveReleaseId(db)).toBe(4);
    expect(await valuesIn(4)).toEqual(await valuesIn(1));
    expect(await valuesIn(3)).toEqual({ ...POPULATION_2019, '1261011': 780_000 }); // still citable
    const after = await admin.request('GET', done.headers.location as string);
    expect(after.body).toContain('Przywrócono dane jako wydanie 4.');
    const releases = (await app.inject('/api/v1/releases')).json();
    expect(releases.live).toBe(4);
    expect(releases.items[0]).toMatchObject({ id: 4, revertsTo: 1 });
    const [record] = await auditOf('release.rollback');
    expect(record).toMatchObject({
      actor: 'admin@example.org',
      targetId: '4',
      before: { live: 3 },
      after: { live: 4, revertsTo: 1 },
    });
    // The API's own rollback: no `to` means the release live before (3), as `smup releases rollback`.
    const api = await as('steward').request('POST', '/api/v1/admin/releases/rollback', { json: {} });
    expect(api.json()).toMatchObject({ releaseId: 5, previous: 4, revertsTo: 1 });
    // A refusal comes back to the list page as an alert, not an error page.
    const refused = await admin.request('POST', '/admin/wydania/przywroc', {
      form: { do: '5' },
      csrf: token,
    });
    expect(refused.statusCode).toBe(409);
    expect(refused.body).toContain('role="alert"');
    expect(refused.body).toContain('Wydanie 5 jest już aktualne.');
  });

  it('discards a draft through the portal: its values go, the live release stays, the audit log keeps it', async () => {
    await runIngest(db, [populationJob({ ...POPULATION_2019, '1465011': 1 })], { description: 'pomyłka' });
    const draft = (await currentDraft(db))?.id as number;
    const steward = as('steward');
    const confirm = await steward.request('GET', '/en/admin/wydania/odrzuc');
    expect(confirm.body).toContain(`Discard draft ${draft}?`);
    // The rollback links are gone while a draft is open (a rollback would be refused).
    expect((await steward.request('GET', '/admin/wydania')).body).not.toContain(
      '/admin/wydania/przywroc?do=',
    );
    const token = /name="_csrf" value="([^"]+)"/.exec(confirm.body)?.[1] ?? '';
    const done = await steward.request('POST', '/en/admin/wydania/odrzuc', {
      form: { draft: String(draft) },
      csrf: token,
    });
    expect(done.headers.location).toBe(`/en/admin/wydania?odrzucono=${draft}`);
    expect(await currentDraft(db)).toBeNull();
    expect(await liveReleaseId(db)).toBe(5);
    const [row] = await db.query<{ n: number }>(
      'SELECT count(*)::int AS n FROM observation WHERE first_release = $1',
      [draft],
    );
    expect(row?.n).toBe(0);
    const [record] = await auditOf('release.discard');
    expect(record).toMatchObject({
      actor: 'steward@example.org',
      targetId: String(draft),
      before: { draft, status: 'draft' },
      after: { status: 'discarded', live: 5 },
    });
  });
});
