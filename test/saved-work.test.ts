/**
 * Saved work under an account (issue 18, point 2) on both databases, through the real server (inject) with
 * real accounts: every /api/v1/me/saved endpoint tried by every role and with no session, CSRF refused,
 * another user's item answered 404 (never 403), the per-account bound, the read-only share link and its
 * revocation, the audit records, and the portal's "Moje zestawienia" pages. No data release is needed:
 * items name units of the bundled register and ids of the catalogue.
 */
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser } from '../src/accounts/accounts.js';
import type { Role } from '../src/domain/accounts/roles.js';
import { ensureUnitsRegister } from '../src/pipeline/bundled-register.js';
import { buildServer } from '../src/server.js';
import { listAudit } from '../src/store/audit-store.js';
import { migrate } from '../src/store/migrate.js';
import { purgeUnopenedReferenceSets, saveReferenceSet } from '../src/store/reference-sets-store.js';
import { Browser, TEST_HASHING } from './accounts-client.js';
import { DATABASE_KINDS, openTestDatabase, type TestDatabase } from './databases.js';

const PASSWORD = 'correct horse battery';
const CLI = { actorId: null, actor: 'cli:test' };
type Who = Role | 'anonymous';
const ROLES: readonly Role[] = ['user', 'jst_editor', 'steward', 'admin'];
const KRAKOW = '1261011';
const WIELICZKA = '1219053';
const NIEPOLOMICE = '1219043';
const COMPARE = {
  kind: 'compare',
  name: 'Kraków i Wieliczka',
  settings: { units: [KRAKOW, WIELICZKA], indicators: ['kontekst.ludnosc'], years: '2015-2019' },
};

interface Item {
  id: number;
  name: string;
  settings: Record<string, unknown>;
  links: { view: string; data: string | null };
  share: { token: string; url: string; api: string } | null;
}

describe.each(DATABASE_KINDS)('saved work on %s', (kind) => {
  let test: TestDatabase;
  let app: FastifyInstance;
  const browsers = new Map<Who, Browser>();
  const as = (who: Who): Browser => browsers.get(who) as Browser;
  const save = async (who: Who, body: unknown = COMPARE) => {
    const response = await as(who).request('POST', '/api/v1/me/saved', { json: body });
    expect(response.statusCode, response.body).toBe(201);
    return response.json() as Item;
  };

  beforeAll(async () => {
    test = await openTestDatabase(kind);
    await migrate(test.db);
    await ensureUnitsRegister(test.db);
    for (const role of ROLES) {
      await createUser(
        test.db,
        {
          email: `${role}@example.pl`,
          displayName: role,
          role,
          ...(role === 'jst_editor' ? { units: [KRAKOW] } : {}),
          password: PASSWORD,
        },
        CLI,
        TEST_HASHING,
      );
    }
    app = await buildServer({
      db: test.db,
      version: 'test',
      logLevel: 'silent',
      accounts: { hashing: TEST_HASHING },
    });
    for (const role of ROLES) {
      const browser = new Browser(app);
      expect((await browser.login(`${role}@example.pl`, PASSWORD)).statusCode).toBe(200);
      browsers.set(role, browser);
    }
    const anonymous = new Browser(app);
    await anonymous.start();
    browsers.set('anonymous', anonymous);
  });
  afterAll(async () => {
    await app?.close();
    await test?.drop();
  });

  it.each(['anonymous', ...ROLES] as const)(
    'lets %s do exactly what it should on every endpoint',
    async (who) => {
      // Anonymous: its own pre-session CSRF token passes the CSRF check, so the 401 is the guard's.
      const own = who === 'anonymous' ? null : await save(who, { ...COMPARE, name: `${who}'s` });
      const id = own?.id ?? 1;
      const calls: Array<[string, 'GET' | 'POST' | 'PATCH' | 'DELETE', string, unknown, number]> = [
        ['list', 'GET', '/api/v1/me/saved', undefined, 200],
        ['list one kind', 'GET', '/api/v1/me/saved?kind=compare', undefined, 200],
        ['save', 'POST', '/api/v1/me/saved', COMPARE, 201],
        ['read', 'GET', `/api/v1/me/saved/${id}`, undefined, 200],
        ['rename', 'PATCH', `/api/v1/me/saved/${id}`, { name: 'Nowa nazwa' }, 200],
        ['share', 'POST', `/api/v1/me/saved/${id}/share`, undefined, 200],
        ['revoke', 'DELETE', `/api/v1/me/saved/${id}/share`, undefined, 200],
        ['delete', 'DELETE', `/api/v1/me/saved/${id}`, undefined, 204],
      ];
      for (const [name, method, url, json, ok] of calls) {
        const response = await as(who).request(method, url, json === undefined ? {} : { json });
        const expected = who === 'anonymous' ? 401 : ok;
        expect(`${name}: ${response.statusCode}`, response.body).toBe(`${name}: ${expected}`);
        if (expected >= 400) expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
        else if (expected !== 204) expect(response.headers['cache-control']).toBe('no-store');
      }
    },
  );

  it('refuses every change without the right CSRF token and stores nothing', async () => {
    const item = await save('user');
    const before = (await as('user').request('GET', '/api/v1/me/saved')).json() as { total: number };
    const other = new Browser(app);
    await other.start();
    for (const csrf of [null, 'x', other.csrf]) {
      for (const [method, url, json] of [
        ['POST', '/api/v1/me/saved', COMPARE],
        ['PATCH', `/api/v1/me/saved/${item.id}`, { name: 'x' }],
        ['DELETE', `/api/v1/me/saved/${item.id}`, undefined],
        ['POST', `/api/v1/me/saved/${item.id}/share`, undefined],
      ] as const) {
        const response = await as('user').request(method, url, { csrf, ...(json ? { json } : {}) });
        expect(response.statusCode).toBe(403);
        expect(response.json()).toMatchObject({ code: 'csrf-failed' });
      }
    }
    const after = (await as('user').request('GET', '/api/v1/me/saved')).json() as {
      total: number;
      items: Item[];
    };
    expect(after.total).toBe(before.total);
    expect(after.items.find((i) => i.id === item.id)).toMatchObject({ name: COMPARE.name, share: null });
  });

  it("answers another user's item with 404, as if it did not exist, and leaves it alone", async () => {
    const mine = await save('user', { ...COMPARE, name: 'Tylko moje' });
    const missing = await as('steward').request('GET', '/api/v1/me/saved/2147483647');
    for (const [method, url, json] of [
      ['GET', `/api/v1/me/saved/${mine.id}`, undefined],
      ['PATCH', `/api/v1/me/saved/${mine.id}`, { name: 'Przejęte' }],
      ['DELETE', `/api/v1/me/saved/${mine.id}`, undefined],
      ['POST', `/api/v1/me/saved/${mine.id}/share`, undefined],
      ['DELETE', `/api/v1/me/saved/${mine.id}/share`, undefined],
    ] as const) {
      // Even an administrator: saved work is personal.
      for (const who of ['steward', 'admin'] as const) {
        const response = await as(who).request(method, url, json ? { json } : {});
        expect(`${method} ${url} as ${who}: ${response.statusCode}`).toBe(`${method} ${url} as ${who}: 404`);
        // Word for word the answer for an id that does not exist, but for the id itself.
        expect((response.json() as { code: string }).code).toBe((missing.json() as { code: string }).code);
      }
    }
    const list = (await as('admin').request('GET', '/api/v1/me/saved')).json() as { items: Item[] };
    expect(list.items.map((i) => i.id)).not.toContain(mine.id);
    expect((await as('user').request('GET', `/api/v1/me/saved/${mine.id}`)).json()).toMatchObject({
      name: 'Tylko moje',
      share: null,
    });
  });

  it('shares an item read-only by a link anyone may open, until its owner revokes it', async () => {
    const item = await save('user', { ...COMPARE, name: 'Do pokazania radzie' });
    const shared = (await as('user').request('POST', `/api/v1/me/saved/${item.id}/share`)).json() as Item;
    const token = shared.share?.token ?? '';
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    // Sharing again keeps the link.
    const again = (await as('user').request('POST', `/api/v1/me/saved/${item.id}/share`)).json() as Item;
    expect(again.share?.token).toBe(token);
    const stranger = await app.inject({ method: 'GET', url: `/api/v1/shared/${token}` });
    expect(stranger.statusCode).toBe(200);
    expect(stranger.headers['cache-control']).toBe('no-store');
    expect(stranger.headers['x-robots-tag']).toBe('noindex');
    const body = stranger.json() as Record<string, unknown>;
    expect(body).toMatchObject({ kind: 'compare', name: 'Do pokazania radzie', settings: COMPARE.settings });
    // Read-only: no id, no owner, and nothing to write to.
    expect(Object.keys(body).sort()).toEqual(['kind', 'links', 'name', 'settings', 'sharedAt', 'updatedAt']);
    for (const method of ['POST', 'PATCH', 'DELETE', 'PUT'] as const) {
      const write = await app.inject({ method, url: `/api/v1/shared/${token}`, payload: {} });
      expect(write.statusCode, method).toBeGreaterThanOrEqual(403);
      expect(write.statusCode, method).toBeLessThan(500);
    }
    const page = await app.inject({ method: 'GET', url: `/udostepnione/${token}` });
    expect(page.statusCode).toBe(200);
    expect(page.headers['cache-control']).toBe('no-store');
    expect(page.body).toContain('<h1>Do pokazania radzie</h1>');
    expect(page.body).toContain(
      'href="/porownaj?jst=1261011,1219053&amp;wsk=kontekst.ludnosc&amp;lata=2015-2019"',
    );
    expect(page.body).not.toContain('<form method="post"');
    const english = await app.inject({ method: 'GET', url: `/en/udostepnione/${token}` });
    expect(english.body).toContain('<html lang="en">');
    expect(english.body).toContain('href="/en/porownaj?jst=');

    const revoked = await as('user').request('DELETE', `/api/v1/me/saved/${item.id}/share`);
    expect((revoked.json() as Item).share).toBeNull();
    expect((await app.inject(`/api/v1/shared/${token}`)).statusCode).toBe(404);
    expect(
      (await app.inject({ method: 'GET', url: `/udostepnione/${token}`, headers: { accept: 'text/html' } }))
        .statusCode,
    ).toBe(404);
    // Shared anew: a new link; the revoked one stays dead. Deleting the item ends the new one too.
    const renewed = (await as('user').request('POST', `/api/v1/me/saved/${item.id}/share`)).json() as Item;
    expect(renewed.share?.token).not.toBe(token);
    expect((await app.inject(`/api/v1/shared/${token}`)).statusCode).toBe(404);
    expect((await app.inject(`/api/v1/shared/${renewed.share?.token ?? ''}`)).statusCode).toBe(200);
    expect((await as('user').request('DELETE', `/api/v1/me/saved/${item.id}`)).statusCode).toBe(204);
    expect((await app.inject(`/api/v1/shared/${renewed.share?.token ?? ''}`)).statusCode).toBe(404);
    expect((await app.inject('/api/v1/shared/not-a-token')).statusCode).toBe(400);
  });

  it('ends the share links of an account an administrator disables', async () => {
    const { id: userId } = await createUser(
      test.db,
      { email: 'leaving@example.pl', displayName: 'Leaving', role: 'user', password: PASSWORD },
      CLI,
      TEST_HASHING,
    );
    const leaving = new Browser(app);
    await leaving.login('leaving@example.pl', PASSWORD);
    const created = await leaving.request('POST', '/api/v1/me/saved', { json: COMPARE });
    const shared = (
      await leaving.request('POST', `/api/v1/me/saved/${(created.json() as Item).id}/share`)
    ).json() as Item;
    const url = `/api/v1/shared/${shared.share?.token ?? ''}`;
    expect((await app.inject(url)).statusCode).toBe(200);
    const disabled = await as('admin').request('PATCH', `/api/v1/admin/users/${userId}`, {
      json: { status: 'disabled' },
    });
    expect(disabled.statusCode).toBe(200);
    expect((await app.inject(url)).statusCode).toBe(404);
  });

  it('keeps a set as a reference set under the item’s name, which no purge of unopened sets removes', async () => {
    const gminy = [KRAKOW, WIELICZKA, NIEPOLOMICE];
    const set = await save('user', { kind: 'set', name: 'Metropolia', settings: { units: gminy } });
    expect(set.settings).toMatchObject({ units: gminy, level: 'gmina' });
    const setId = set.settings.setId as string;
    expect(set.links.view).toBe(`/jst/${KRAKOW}?porownaj=set:${setId}`);
    const stored = async (id: string) =>
      (await test.db.query<{ name: string }>('SELECT name FROM reference_set WHERE id = $1', [id]))[0];
    expect(await stored(setId)).toEqual({ name: 'Metropolia' });
    // Renamed: stored again under the new name (a set's id is the hash of its name and units).
    const renamed = (
      await as('user').request('PATCH', `/api/v1/me/saved/${set.id}`, {
        json: { name: 'Metropolia krakowska' },
      })
    ).json() as Item;
    const newId = renamed.settings.setId as string;
    expect(newId).not.toBe(setId);
    expect(await stored(newId)).toEqual({ name: 'Metropolia krakowska' });
    // Report settings against an anonymous set keep that set too.
    const anonymous = await saveReferenceSet(test.db, { name: 'Anonimowy', level: 'gmina', units: gminy });
    const orphan = await saveReferenceSet(test.db, { name: 'Niczyj', level: 'gmina', units: gminy });
    await save('user', {
      kind: 'report',
      name: 'Raport Wieliczki',
      settings: { unit: WIELICZKA, against: `set:${anonymous.id}`, year: 2019, format: 'docx' },
    });
    await test.db.query(`UPDATE reference_set SET last_opened_at = now() - interval '400 days'`);
    await purgeUnopenedReferenceSets(test.db, 90);
    expect(await stored(newId)).toBeDefined();
    expect(await stored(anonymous.id)).toBeDefined();
    expect(await stored(orphan.id)).toBeUndefined();
  });

  it('refuses bad settings with a 400 naming the field', async () => {
    const cases: Array<[unknown, string]> = [
      [{ ...COMPARE, kind: 'map' }, 'kind'],
      [{ ...COMPARE, name: 'a\u0000b' }, 'name'],
      [{ ...COMPARE, name: '   ' }, 'name'],
      [
        { kind: 'set', name: 'x', settings: { units: [KRAKOW, WIELICZKA], format: 'pdf' } },
        'settings.format',
      ],
      [{ kind: 'set', name: 'x', settings: { units: [KRAKOW, '12'] } }, 'settings.units'],
      [{ kind: 'set', name: 'x', settings: { units: [KRAKOW, '9999999'] } }, 'settings.units'],
      // The town of Niepołomice: part of a gmina, never a member of a set.
      [{ kind: 'set', name: 'x', settings: { units: [KRAKOW, '1219044'] } }, 'settings.units'],
      [
        { kind: 'compare', name: 'x', settings: { units: [KRAKOW], indicators: ['nie.ma'] } },
        'settings.indicators',
      ],
      [{ kind: 'compare', name: 'x', settings: { units: [KRAKOW], years: '2019-2010' } }, 'settings.years'],
      [{ kind: 'report', name: 'x', settings: { unit: KRAKOW, against: 'set:nieMa' } }, 'settings.against'],
      [{ kind: 'report', name: 'x', settings: { unit: KRAKOW, areas: ['kosmos'] } }, 'settings.areas'],
    ];
    for (const [json, field] of cases) {
      const response = await as('user').request('POST', '/api/v1/me/saved', { json });
      expect(`${field}: ${response.statusCode}`, response.body).toBe(`${field}: 400`);
      const { param } = response.json() as { param?: string };
      expect(param === field || param === field.split('.')[0], `${field} named as ${param}`).toBe(true);
    }
    const item = await save('user');
    const wrongKind = await as('user').request('PATCH', `/api/v1/me/saved/${item.id}`, {
      json: { settings: { unit: KRAKOW } },
    });
    expect(wrongKind.statusCode).toBe(400);
    expect((wrongKind.json() as { message: { en: string } }).message.en).toContain(
      'not part of a comparison',
    );
    const edited = await as('user').request('PATCH', `/api/v1/me/saved/${item.id}`, {
      json: { settings: { units: [WIELICZKA], years: '2019' } },
    });
    expect(edited.json()).toMatchObject({ settings: { units: [WIELICZKA], indicators: [], years: '2019' } });
  });

  it('keeps at most 500 items per account, refused with a 409 that says what to do', async () => {
    await createUser(
      test.db,
      { email: 'busy@example.pl', displayName: 'Busy', role: 'user', password: PASSWORD },
      CLI,
      TEST_HASHING,
    );
    const busy = new Browser(app);
    await busy.login('busy@example.pl', PASSWORD);
    browsers.set('busy' as Who, busy);
    const [user] = await test.db.query<{ id: number }>(
      `SELECT id::int AS id FROM app_user WHERE email = 'busy@example.pl'`,
    );
    await test.db.query(
      `INSERT INTO saved_item (user_id, kind, name, settings)
       SELECT $1, 'compare', 'n' || i, '{"units":["1261011"],"indicators":[],"years":null}'::jsonb
       FROM generate_series(1, 499) i`,
      [user?.id],
    );
    expect((await busy.request('POST', '/api/v1/me/saved', { json: COMPARE })).statusCode).toBe(201);
    const over = await busy.request('POST', '/api/v1/me/saved', { json: COMPARE });
    expect(over.statusCode).toBe(409);
    expect(over.json()).toMatchObject({
      code: 'limit-exceeded',
      message: { pl: expect.stringContaining('najwyżej 500'), en: expect.stringContaining('delete some') },
    });
    expect((await busy.request('GET', '/api/v1/me/saved')).json()).toMatchObject({ total: 500, limit: 500 });
  });

  it('records every change in the audit log, never the share token', async () => {
    const item = await save('jst_editor', { ...COMPARE, name: 'Audytowane' });
    await as('jst_editor').request('PATCH', `/api/v1/me/saved/${item.id}`, {
      json: { name: 'Audytowane 2' },
    });
    const shared = (
      await as('jst_editor').request('POST', `/api/v1/me/saved/${item.id}/share`)
    ).json() as Item;
    await as('jst_editor').request('DELETE', `/api/v1/me/saved/${item.id}/share`);
    await as('jst_editor').request('DELETE', `/api/v1/me/saved/${item.id}`);
    const { items } = await listAudit(test.db, {
      targetType: 'saved_item',
      targetId: String(item.id),
      limit: 10,
      offset: 0,
    });
    expect(items.map((a) => [a.action, a.actor]).reverse()).toEqual([
      ['saved.create', 'jst_editor@example.pl'],
      ['saved.update', 'jst_editor@example.pl'],
      ['saved.share', 'jst_editor@example.pl'],
      ['saved.unshare', 'jst_editor@example.pl'],
      ['saved.delete', 'jst_editor@example.pl'],
    ]);
    expect(items.find((a) => a.action === 'saved.update')).toMatchObject({
      before: { name: 'Audytowane' },
      after: { name: 'Audytowane 2' },
    });
    expect(JSON.stringify(items)).not.toContain(shared.share?.token ?? '-');
  });

  it('lists, renames, edits, shares and deletes through the portal’s forms, in Polish and English', async () => {
    const user = as('user');
    const saved = await user.request('POST', '/zapisz', {
      form: {
        rodzaj: 'compare',
        nazwa: 'Porównanie z formularza',
        jst: `${KRAKOW},${WIELICZKA}`,
        lata: '2018-2019',
        wroc: `/porownaj?jst=${KRAKOW},${WIELICZKA}&lata=2018-2019`,
      },
    });
    expect(saved.statusCode).toBe(303);
    const id = /zapisano=(\d+)/.exec(saved.headers.location ?? '')?.[1] ?? '';
    expect(saved.headers.location).toBe(
      `/porownaj?jst=${KRAKOW},${WIELICZKA}&lata=2018-2019&zapisano=${id}#zapisz-h`,
    );
    const list = await user.request('GET', '/konto/zapisane');
    expect(list.statusCode).toBe(200);
    expect(list.headers['cache-control']).toBe('no-store');
    expect(list.body).toContain('<h1>Moje zestawienia</h1>');
    expect(list.body).toContain(`<h2 id="poz-${id}">Porównanie z formularza</h2>`);
    expect(list.body).toContain(`href="/porownaj?jst=${KRAKOW},${WIELICZKA}&amp;lata=2018-2019"`);
    // Delete is a link to a page that asks first, not a button that deletes.
    expect(list.body).toMatch(
      new RegExp(
        `href="/konto/zapisane/${id}/usun"\\s*>Usuń…<span class="visually-hidden">: Porównanie z formularza</span>`,
      ),
    );
    expect(list.body).not.toContain(`action="/konto/zapisane/${id}/usun"`);

    const edit = await user.request('GET', `/konto/zapisane/${id}`);
    expect(edit.body).toContain('<label for="f-nazwa">Nazwa</label>');
    const renamed = await user.request('POST', `/konto/zapisane/${id}`, {
      form: { nazwa: 'Dwie gminy', jst: `${KRAKOW} ${NIEPOLOMICE}`, wsk: 'kontekst.ludnosc', lata: '' },
    });
    expect(renamed.statusCode).toBe(303);
    expect(renamed.headers.location).toBe(`/konto/zapisane?zmieniono=${id}#poz-${id}`);
    expect((await user.request('GET', `/api/v1/me/saved/${id}`)).json()).toMatchObject({
      name: 'Dwie gminy',
      settings: { units: [KRAKOW, NIEPOLOMICE], indicators: ['kontekst.ludnosc'], years: null },
    });
    // A refused edit comes back as sent, with the reason, and changes nothing.
    const refused = await user.request('POST', `/konto/zapisane/${id}`, {
      form: { nazwa: 'Zła', jst: '9999999' },
    });
    expect(refused.statusCode).toBe(400);
    expect(refused.body).toContain('role="alert"');
    expect(refused.body).toContain('9999999');
    expect((await user.request('GET', `/api/v1/me/saved/${id}`)).json()).toMatchObject({
      name: 'Dwie gminy',
    });

    const shared = await user.request('POST', `/konto/zapisane/${id}/udostepnij`, { form: {} });
    expect(shared.headers.location).toBe(`/konto/zapisane?udostepniono=${id}#poz-${id}`);
    const withLink = await user.request('GET', '/en/konto/zapisane?udostepniono=1');
    expect(withLink.body).toContain('<html lang="en">');
    expect(withLink.body).toContain('role="status"');
    const link =
      /value="(http:\/\/[^"]+\/en\/udostepnione\/[A-Za-z0-9_-]{43})"/.exec(withLink.body)?.[1] ?? '';
    expect(link).not.toBe('');
    const path = new URL(link).pathname;
    expect((await app.inject({ method: 'GET', url: path })).statusCode).toBe(200);
    await user.request('POST', `/en/konto/zapisane/${id}/cofnij-udostepnienie`, { form: {} });
    expect(
      (await app.inject({ method: 'GET', url: path, headers: { accept: 'text/html' } })).statusCode,
    ).toBe(404);

    // Deleting asks first: a page naming the item, with one form (its token, and `potwierdz`) and a way back.
    const confirm = await user.request('GET', `/konto/zapisane/${id}/usun`);
    expect(confirm.statusCode).toBe(200);
    expect(confirm.headers['cache-control']).toBe('no-store');
    expect(confirm.body).toContain('<h1>Usunąć „Dwie gminy”?</h1>');
    expect(confirm.body).toContain('Tego nie można cofnąć.');
    expect(confirm.body).toContain(`<form class="inline" method="post" action="/konto/zapisane/${id}/usun">`);
    expect(confirm.body).toContain('<input type="hidden" name="potwierdz" value="1" />');
    expect(confirm.body).toContain(`href="/konto/zapisane#poz-${id}">Nie usuwaj, wróć do listy</a>`);
    const english = await user.request('GET', `/en/konto/zapisane/${id}/usun`);
    expect(english.body).toContain('<h1>Delete “Dwie gminy”?</h1>');
    expect(english.body).toContain(`action="/en/konto/zapisane/${id}/usun"`);
    // A POST that did not come from that page (no `potwierdz`) deletes nothing and is sent there.
    const unconfirmed = await user.request('POST', `/konto/zapisane/${id}/usun`, { form: {} });
    expect(unconfirmed.statusCode).toBe(303);
    expect(unconfirmed.headers.location).toBe(`/konto/zapisane/${id}/usun`);
    expect((await user.request('GET', `/api/v1/me/saved/${id}`)).statusCode).toBe(200);
    // Without the CSRF token nothing happens; someone else's item is not found; without a session the pages
    // send to sign-in.
    const token = /name="_csrf" value="([^"]+)"/.exec(confirm.body)?.[1] ?? '';
    expect(token).toBe(user.csrf);
    expect(
      (await user.request('POST', `/konto/zapisane/${id}/usun`, { form: { potwierdz: '1' }, csrf: null }))
        .statusCode,
    ).toBe(403);
    expect((await as('steward').request('GET', `/konto/zapisane/${id}/usun`)).statusCode).toBe(404);
    expect(
      (await as('steward').request('POST', `/konto/zapisane/${id}/usun`, { form: { potwierdz: '1' } }))
        .statusCode,
    ).toBe(404);
    const signedOut = await as('anonymous').request('GET', `/konto/zapisane/${id}/usun`);
    expect(signedOut.headers.location).toBe(`/logowanie?next=%2Fkonto%2Fzapisane%2F${id}%2Fusun`);
    expect((await user.request('GET', `/api/v1/me/saved/${id}`)).statusCode).toBe(200);
    const deleted = await user.request('POST', `/konto/zapisane/${id}/usun`, {
      form: { potwierdz: '1' },
      csrf: token,
    });
    expect(deleted.headers.location).toMatch(/^\/konto\/zapisane\?usunieto=/);
    expect((await user.request('GET', `/api/v1/me/saved/${id}`)).statusCode).toBe(404);
    expect((await user.request('GET', `/konto/zapisane/${id}/usun`)).statusCode).toBe(404);
    const anonymous = await as('anonymous').request('GET', '/konto/zapisane');
    expect(anonymous.statusCode).toBe(303);
    expect(anonymous.headers.location).toBe('/logowanie?next=%2Fkonto%2Fzapisane');
    const over = await as('anonymous').request('POST', '/zapisz', {
      form: { rodzaj: 'set', nazwa: 'x', jst: KRAKOW, wroc: '/porownaj' },
    });
    expect(over.statusCode).toBe(303);
    expect(over.headers.location).toBe('/logowanie?next=%2Fporownaj');
    // The account page links to the list.
    expect((await user.request('GET', '/konto')).body).toContain('href="/konto/zapisane"');
  });
});
