/**
 * Accounts (issue 18, points 1, 5, 6) on both databases: sign-in and out, cookies, CSRF on every unsafe
 * request, the admin's user endpoints tried with every role and with no session, the append-only audit
 * log, and the portal's sign-in page. argon2id runs with cheap parameters here (TEST_HASHING, through the
 * server's `accounts.hashing` option); src/accounts/passwords.test.ts uses the production ones.
 */
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser } from '../src/accounts/accounts.js';
import type { Role } from '../src/domain/accounts/roles.js';
import { ensureUnitsRegister } from '../src/pipeline/bundled-register.js';
import { buildServer } from '../src/server.js';
import { listAudit } from '../src/store/audit-store.js';
import { migrate } from '../src/store/migrate.js';
import { Browser, TEST_HASHING } from './accounts-client.js';
import { DATABASE_KINDS, openTestDatabase, type TestDatabase } from './databases.js';

const PASSWORD = 'correct horse battery';
const CLI = { actorId: null, actor: 'cli:test' };
const ACCOUNTS: ReadonlyArray<{ role: Role; email: string; units?: string[] }> = [
  { role: 'admin', email: 'admin@example.pl' },
  { role: 'steward', email: 'steward@example.pl' },
  { role: 'jst_editor', email: 'editor@example.pl', units: ['1261011'] },
  { role: 'user', email: 'user@example.pl' },
];

describe.each(DATABASE_KINDS)('accounts on %s', (kind) => {
  let test: TestDatabase;
  let app: FastifyInstance;
  const browsers = new Map<Role | 'anonymous', Browser>();
  const as = (who: Role | 'anonymous'): Browser => browsers.get(who) as Browser;

  beforeAll(async () => {
    test = await openTestDatabase(kind);
    await migrate(test.db);
    await ensureUnitsRegister(test.db);
    for (const account of ACCOUNTS) {
      await createUser(
        test.db,
        { ...account, displayName: account.role, password: PASSWORD },
        CLI,
        TEST_HASHING,
      );
    }
    // trustProxy: a request may say it came over HTTPS through a proxy (the Secure cookie test).
    app = await buildServer({
      db: test.db,
      version: 'test',
      logLevel: 'silent',
      trustProxy: true,
      accounts: { hashing: TEST_HASHING },
    });
    for (const account of ACCOUNTS) {
      const browser = new Browser(app);
      expect((await browser.login(account.email, PASSWORD)).statusCode).toBe(200);
      browsers.set(account.role, browser);
    }
    const anonymous = new Browser(app);
    await anonymous.start();
    browsers.set('anonymous', anonymous);
  });
  afterAll(async () => {
    await app?.close();
    await test?.drop();
  });

  it('signs in with a session cookie that is HttpOnly, SameSite=Lax, host-only, not Secure over plain http', async () => {
    const browser = new Browser(app);
    await browser.start();
    const response = await browser.login('User@Example.pl ', PASSWORD);
    expect(response.statusCode).toBe(200);
    expect(response.headers['cache-control']).toBe('no-store');
    const cookie = response.cookies.find((c) => c.name === 'smup_session');
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Lax', path: '/' });
    expect(cookie?.secure).toBeUndefined();
    expect(cookie?.domain).toBeUndefined();
    expect(cookie?.value).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const session = await browser.request('GET', '/api/v1/auth/session');
    expect(session.json()).toMatchObject({ user: { email: 'user@example.pl', role: 'user', units: [] } });
    // Only the token's hash is stored.
    const rows = await test.db.query<{ token_hash: string }>('SELECT token_hash FROM user_session');
    expect(rows.map((r) => r.token_hash)).not.toContain(cookie?.value);
  });

  it('marks cookies Secure behind an HTTPS proxy it trusts, and when told to always', async () => {
    const overHttps = await app.inject({
      method: 'GET',
      url: '/api/v1/auth/session',
      headers: { 'x-forwarded-proto': 'https' },
    });
    expect(overHttps.cookies.find((c) => c.name === 'smup_csrf')).toMatchObject({
      secure: true,
      sameSite: 'Strict',
      httpOnly: true,
    });
    const overHttp = await app.inject({ method: 'GET', url: '/api/v1/auth/session' });
    expect(overHttp.cookies.find((c) => c.name === 'smup_csrf')?.secure).toBeUndefined();
    const always = await buildServer({
      db: test.db,
      version: 'test',
      logLevel: 'silent',
      accounts: { hashing: TEST_HASHING, cookieSecure: 'always' },
    });
    try {
      const browser = new Browser(always);
      const response = await browser.login('user@example.pl', PASSWORD);
      expect(response.cookies.find((c) => c.name === 'smup_session')?.secure).toBe(true);
    } finally {
      await always.close();
    }
  });

  it('refuses a wrong password and an unknown e-mail alike (401), and bad input with 400s', async () => {
    const browser = new Browser(app);
    await browser.start();
    for (const [email, password] of [
      ['user@example.pl', 'wrong password!'],
      ['nobody@example.pl', PASSWORD],
    ]) {
      const response = await browser.login(email as string, password as string);
      expect(response.statusCode).toBe(401);
      expect(response.json()).toMatchObject({ code: 'invalid-credentials' });
      expect(response.cookies.find((c) => c.name === 'smup_session')).toBeUndefined();
    }
    for (const json of [
      {},
      { email: 'user@example.pl' },
      { email: 42, password: PASSWORD },
      { email: 'x'.repeat(300), password: PASSWORD },
      { email: 'user@example.pl', password: 'x'.repeat(201) },
      { email: 'user@example.pl', password: PASSWORD, extra: 1 },
      { email: 'a\u0000@b.pl', password: PASSWORD },
    ]) {
      const response = await browser.request('POST', '/api/v1/auth/login', { json });
      expect(response.statusCode, JSON.stringify(json)).toBeGreaterThanOrEqual(400);
      expect(response.statusCode, JSON.stringify(json)).toBeLessThan(500);
    }
    // No SMTP server configured here: no sign-up (accounts come by invitation).
    const signup = await browser.request('POST', '/api/v1/auth/signup', {
      json: { email: 'new@example.pl', displayName: 'New', password: PASSWORD },
    });
    expect(signup.statusCode).toBe(404);
    expect(signup.json()).toMatchObject({ code: 'signup-disabled' });
    const garbage = await browser.request('POST', '/api/v1/auth/login', {
      headers: { 'content-type': 'application/json' },
      json: undefined,
    });
    expect(garbage.statusCode).toBeLessThan(500);
  });

  it('refuses every unsafe request without the right CSRF token (403), also with a valid session', async () => {
    const fresh = new Browser(app);
    await fresh.start();
    const noToken = await fresh.request('POST', '/api/v1/auth/login', {
      json: { email: 'user@example.pl', password: PASSWORD },
      csrf: null,
    });
    expect(noToken.statusCode).toBe(403);
    expect(noToken.json()).toMatchObject({ code: 'csrf-failed' });
    const noCookie = await app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      headers: { 'content-type': 'application/json', 'x-csrf-token': fresh.csrf },
      payload: JSON.stringify({ email: 'user@example.pl', password: PASSWORD }),
    });
    expect(noCookie.statusCode).toBe(403);
    // Another visitor's token does not fit this visitor's cookie.
    const other = new Browser(app);
    await other.start();
    const wrong = await fresh.request('POST', '/api/v1/auth/login', {
      json: { email: 'user@example.pl', password: PASSWORD },
      csrf: other.csrf,
    });
    expect(wrong.statusCode).toBe(403);
    // Signed in, the pre-session token no longer counts: the token is bound to the session.
    const admin = as('admin');
    for (const csrf of [null, 'x', other.csrf]) {
      const response = await admin.request('POST', '/api/v1/admin/users', {
        json: { email: 'csrf@example.pl', displayName: 'CSRF', role: 'user' },
        csrf,
      });
      expect(response.statusCode).toBe(403);
      expect(response.json()).toMatchObject({ code: 'csrf-failed' });
    }
    const form = await admin.request('POST', '/wyloguj', { form: {}, csrf: null });
    expect(form.statusCode).toBe(403);
    expect(form.headers['content-type']).toMatch(/text\/html/);
    expect((await admin.request('GET', '/api/v1/auth/session')).json()).toMatchObject({
      user: { role: 'admin' },
    });
  });

  type Who = Role | 'anonymous';
  const EVERYONE: readonly Who[] = ['anonymous', 'user', 'jst_editor', 'steward', 'admin'];
  /** Each admin endpoint, and who may use it: the others get 401 (no session) or 403. */
  const ENDPOINTS: ReadonlyArray<{
    name: string;
    method: 'GET' | 'POST' | 'PATCH';
    url: () => string;
    json?: () => unknown;
    allowed: readonly Who[];
    ok: number;
  }> = [
    { name: 'list users', method: 'GET', url: () => '/api/v1/admin/users', allowed: ['admin'], ok: 200 },
    { name: 'read a user', method: 'GET', url: () => '/api/v1/admin/users/1', allowed: ['admin'], ok: 200 },
    {
      name: 'add a user',
      method: 'POST',
      url: () => '/api/v1/admin/users',
      json: () => ({
        email: `new-${Math.random().toString(36).slice(2)}@example.pl`,
        displayName: 'New',
        role: 'user',
      }),
      allowed: ['admin'],
      ok: 201,
    },
    {
      name: 'change a user',
      method: 'PATCH',
      url: () => '/api/v1/admin/users/3',
      json: () => ({ displayName: 'Editor of Kraków' }),
      allowed: ['admin'],
      ok: 200,
    },
    {
      name: 'read the audit log',
      method: 'GET',
      url: () => '/api/v1/admin/audit?pageSize=5',
      allowed: ['admin'],
      ok: 200,
    },
    {
      name: 'download the audit log',
      method: 'GET',
      url: () => '/api/v1/admin/audit?format=csv',
      allowed: ['admin'],
      ok: 200,
    },
    {
      name: 'make a reset link',
      method: 'POST',
      url: () => '/api/v1/admin/users/4/link',
      allowed: ['admin'],
      ok: 201,
    },
    {
      name: 'read the session',
      method: 'GET',
      url: () => '/api/v1/auth/session',
      allowed: EVERYONE,
      ok: 200,
    },
  ];
  const CASES = ENDPOINTS.flatMap((endpoint) => EVERYONE.map((who) => ({ endpoint, who })));

  it.each(CASES)('$endpoint.name as $who', async ({ endpoint, who }) => {
    const response = await as(who).request(
      endpoint.method,
      endpoint.url(),
      endpoint.json ? { json: endpoint.json() } : {},
    );
    const expected = endpoint.allowed.includes(who) ? endpoint.ok : who === 'anonymous' ? 401 : 403;
    expect(response.statusCode, response.body).toBe(expected);
    if (expected >= 400) expect(response.headers['content-type']).toMatch(/application\/problem\+json/);
  });

  it('lets an administrator bind a JST editor to units of the register only, and never remove the last administrator', async () => {
    const admin = as('admin');
    const add = (json: unknown) => admin.request('POST', '/api/v1/admin/users', { json });
    expect(
      (await add({ email: 'e1@example.pl', displayName: 'E', role: 'jst_editor' })).json(),
    ).toMatchObject({
      code: 'units-required',
      param: 'units',
    });
    expect(
      (
        await add({ email: 'e2@example.pl', displayName: 'E', role: 'jst_editor', units: ['9999999'] })
      ).json(),
    ).toMatchObject({ code: 'unknown-unit', param: 'units' });
    expect(
      (await add({ email: 'e3@example.pl', displayName: 'E', role: 'user', units: ['1261011'] })).statusCode,
    ).toBe(400);
    expect((await add({ email: 'admin@example.pl', displayName: 'Dup', role: 'user' })).statusCode).toBe(409);
    const created = await add({
      email: 'e4@example.pl',
      displayName: 'E',
      role: 'jst_editor',
      units: ['1261011', '12'],
    });
    expect(created.statusCode).toBe(201);
    expect(created.json()).toMatchObject({ units: ['12', '1261011'], status: 'pending' });
    const lastAdmin = await admin.request('PATCH', '/api/v1/admin/users/1', { json: { role: 'user' } });
    expect(lastAdmin.statusCode).toBe(409);
    expect(lastAdmin.json()).toMatchObject({ code: 'last-admin' });
    // An unknown user is one 404 problem whether read, changed or sent a reset link.
    for (const [method, url] of [
      ['GET', '/api/v1/admin/users/999999'],
      ['PATCH', '/api/v1/admin/users/999999'],
      ['POST', '/api/v1/admin/users/999999/link'],
    ] as const) {
      const missing = await admin.request(
        method,
        url,
        method === 'PATCH' ? { json: { status: 'active' } } : {},
      );
      expect(missing.statusCode, url).toBe(404);
      expect(missing.json(), url).toMatchObject({ code: 'user-not-found', param: 'id' });
    }
    expect((await admin.request('GET', '/api/v1/admin/users/abc')).statusCode).toBe(400);
    expect((await admin.request('GET', '/api/v1/admin/users?role=king')).statusCode).toBe(400);
  });

  it('ends the sessions of a disabled account at once, and logs out everywhere', async () => {
    const admin = as('admin');
    const victim = new Browser(app);
    await createUser(
      test.db,
      { email: 'temp@example.pl', displayName: 'Temp', role: 'user', password: PASSWORD },
      CLI,
      TEST_HASHING,
    );
    expect((await victim.login('temp@example.pl', PASSWORD)).statusCode).toBe(200);
    const second = new Browser(app);
    expect((await second.login('temp@example.pl', PASSWORD)).statusCode).toBe(200);
    const everywhere = await victim.request('POST', '/api/v1/auth/logout-everywhere');
    expect(everywhere.json()).toEqual({ revoked: 2 });
    expect((await second.request('GET', '/api/v1/auth/session')).json()).toMatchObject({ user: null });
    second.csrf = '';
    expect((await second.login('temp@example.pl', PASSWORD)).statusCode).toBe(200);
    const { items } = (await admin.request('GET', '/api/v1/admin/users?q=temp@')).json() as {
      items: Array<{ id: number }>;
    };
    const id = items[0]?.id;
    const disabled = await admin.request('PATCH', `/api/v1/admin/users/${id}`, {
      json: { status: 'disabled' },
    });
    expect(disabled.json()).toMatchObject({ status: 'disabled' });
    expect((await second.request('GET', '/api/v1/auth/session')).json()).toMatchObject({ user: null });
    second.csrf = '';
    expect((await second.login('temp@example.pl', PASSWORD)).statusCode).toBe(401);
  });

  it('keeps an append-only audit log of account changes, which the database refuses to alter', async () => {
    const { items } = await listAudit(test.db, { limit: 500, offset: 0 });
    const actions = new Set(items.map((r) => r.action));
    for (const action of ['user.create', 'user.update', 'session.login', 'session.logout-everywhere']) {
      expect(actions).toContain(action);
    }
    const update = items.find((r) => r.action === 'user.update' && r.actor === 'admin@example.pl');
    expect(update).toMatchObject({ actorId: 1, targetType: 'user' });
    expect(update?.before).toBeTypeOf('object');
    expect(update?.after).toBeTypeOf('object');
    expect(update?.requestId).toMatch(/^[0-9a-f-]{36}$/);
    expect(JSON.stringify(items)).not.toContain('argon2');
    const created = items.find((r) => r.action === 'user.create');
    expect(created?.actor).toBe('cli:test');
    await expect(test.db.query(`UPDATE audit_log SET actor = 'someone else'`)).rejects.toThrow(/append-only/);
    await expect(test.db.query(`DELETE FROM audit_log`)).rejects.toThrow(/append-only/);
    await expect(test.db.query(`TRUNCATE audit_log`)).rejects.toThrow(/append-only/);
    expect((await listAudit(test.db, { limit: 1, offset: 0 })).total).toBe(items.length);
    // The administrator reads it filtered, and downloads it as CSV.
    const admin = as('admin');
    const filtered = await admin.request(
      'GET',
      '/api/v1/admin/audit?action=user.update&actor=admin@example.pl',
    );
    const answer = filtered.json() as { total: number; items: Array<{ action: string; before: unknown }> };
    expect(answer.total).toBeGreaterThan(0);
    expect(answer.items.every((r) => r.action === 'user.update')).toBe(true);
    expect(answer.items[0]?.before).toMatchObject({ role: expect.any(String) });
    const today = new Date().toISOString().slice(0, 10);
    expect(
      (await admin.request('GET', `/api/v1/admin/audit?to=${today}&action=user.update`)).json(),
    ).toMatchObject({
      total: 0,
    });
    const csv = await admin.request('GET', '/api/v1/admin/audit?format=csv&action=user.update');
    expect(csv.headers['content-type']).toMatch(/^text\/csv/);
    expect(csv.headers['content-disposition']).toContain('smup-audit.csv');
    const lines = csv.body
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n');
    expect(lines[0]).toBe('id;at;actor;actorId;action;targetType;targetId;before;after;requestId;ip');
    expect(lines).toHaveLength(answer.total + 1);
    for (const bad of ['from=2024-02-30', 'action=DROP%20TABLE', 'pageSize=0', 'format=xml', 'actor=%00']) {
      const response = await admin.request('GET', `/api/v1/admin/audit?${bad}`);
      expect(response.statusCode, bad).toBe(400);
    }
  });

  it('signs in and out through the portal’s forms, in Polish and English', async () => {
    const browser = new Browser(app);
    const page = await browser.request('GET', '/logowanie');
    expect(page.statusCode).toBe(200);
    expect(page.headers['cache-control']).toBe('no-store');
    expect(page.body).toContain('<html lang="pl"');
    expect(page.body).toContain('<label for="password">Hasło</label>');
    const token = /name="_csrf" value="([^"]+)"/.exec(page.body)?.[1] ?? '';
    expect(token).not.toBe('');
    const wrong = await browser.request('POST', '/logowanie', {
      form: { email: 'user@example.pl', password: 'nope nope nope' },
      csrf: token,
    });
    expect(wrong.statusCode).toBe(401);
    expect(wrong.body).toContain('role="alert"');
    expect(wrong.body).toContain('Niepoprawny e-mail lub hasło.');
    expect(wrong.body).toContain('value="user@example.pl"');
    const ok = await browser.request('POST', '/logowanie', {
      form: { email: 'user@example.pl', password: PASSWORD, next: '/porownaj' },
      csrf: token,
    });
    expect(ok.statusCode).toBe(303);
    expect(ok.headers.location).toBe('/porownaj');
    expect(browser.cookies.has('smup_session')).toBe(true);
    const account = await browser.request('GET', '/en/konto');
    expect(account.statusCode).toBe(200);
    expect(account.body).toContain('<html lang="en"');
    expect(account.body).toContain('user@example.pl');
    expect(account.body).toContain('registered user');
    const sessionToken = /name="_csrf" value="([^"]+)"/.exec(account.body)?.[1] ?? '';
    expect(sessionToken).not.toBe(token);
    const out = await browser.request('POST', '/en/wyloguj', { form: {}, csrf: sessionToken });
    expect(out.statusCode).toBe(303);
    expect(browser.cookies.has('smup_session')).toBe(false);
    const after = await browser.request('GET', '/konto');
    expect(after.statusCode).toBe(303);
    expect(after.headers.location).toBe('/logowanie?next=%2Fkonto');
    // No open redirect: a `next` off this site is ignored.
    const again = await browser.request('GET', '/logowanie');
    const fresh = /name="_csrf" value="([^"]+)"/.exec(again.body)?.[1] ?? '';
    const offsite = await browser.request('POST', '/logowanie', {
      form: { email: 'user@example.pl', password: PASSWORD, next: '//evil.example/' },
      csrf: fresh,
    });
    expect(offsite.headers.location).toBe('/konto');
  });

  it('serves the admin pages to administrators only, in Polish and English', async () => {
    for (const path of ['/admin/uzytkownicy', '/en/admin/dziennik']) {
      const anonymous = await as('anonymous').request('GET', path);
      expect(anonymous.statusCode).toBe(303);
      expect(anonymous.headers.location).toMatch(/\/logowanie\?next=/);
      for (const who of ['user', 'jst_editor', 'steward'] as const) {
        const refused = await as(who).request('GET', path);
        expect(refused.statusCode, who).toBe(403);
        expect(refused.headers['content-type']).toMatch(/text\/html/);
      }
    }
    const users = await as('admin').request('GET', '/admin/uzytkownicy');
    expect(users.statusCode).toBe(200);
    expect(users.headers['cache-control']).toBe('no-store');
    expect(users.body).toContain('<th scope="col">Rola</th>');
    expect(users.body).toContain('editor@example.pl');
    expect(users.body).toContain('redaktor JST');
    const audit = await as('admin').request('GET', '/en/admin/dziennik?action=user.update');
    expect(audit.statusCode).toBe(200);
    expect(audit.body).toContain('<caption id="dziennik">');
    expect(audit.body).toContain('user.update');
    expect(audit.body).not.toContain('<td>session.login</td>');
    expect(audit.body).toContain('/api/v1/admin/audit?action=user.update&amp;format=csv');
    const bad = await as('admin').request('GET', '/admin/dziennik?from=yesterday');
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('from');
  });
});
