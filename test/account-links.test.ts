/**
 * Lockout, passwords and single-use links (issue 18, point 1) on both databases, with e-mail through a real
 * SMTP server on loopback (smtp-server) — no mocks: SMUP's mailer (nodemailer) delivers, the test reads the
 * message and follows its link. argon2id with cheap parameters (TEST_HASHING).
 */
import type { AddressInfo } from 'node:net';
import type { FastifyInstance } from 'fastify';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser } from '../src/accounts/accounts.js';
import { smtpMailer } from '../src/accounts/mailer.js';
import { buildServer } from '../src/server.js';
import { listAudit } from '../src/store/audit-store.js';
import { migrate } from '../src/store/migrate.js';
import { Browser, TEST_HASHING } from './accounts-client.js';
import { DATABASE_KINDS, openTestDatabase, type TestDatabase } from './databases.js';

const PASSWORD = 'correct horse battery';
const CLI = { actorId: null, actor: 'cli:test' };
const PUBLIC_URL = 'https://smup.example.gov.pl';

interface Mail {
  readonly to: string;
  readonly text: string;
}

/** Decodes quoted-printable soft line breaks and escapes, enough to read a link. */
function readable(raw: string): string {
  return raw
    .replace(/=\r?\n/g, '')
    .replace(/=([0-9A-F]{2})/g, (_m, hex: string) => String.fromCharCode(parseInt(hex, 16)));
}

describe.each(DATABASE_KINDS)('passwords, lockout and links on %s', (kind) => {
  let test: TestDatabase;
  let app: FastifyInstance;
  let smtp: SMTPServer;
  const inbox: Mail[] = [];
  const linkIn = (mail: Mail | undefined, path: string): string => {
    const match = new RegExp(`${PUBLIC_URL}(${path}\\?token=[A-Za-z0-9_-]{43})`).exec(mail?.text ?? '');
    if (!match?.[1]) throw new Error(`no ${path} link in ${mail?.text ?? 'no mail'}`);
    return match[1];
  };
  const tokenOf = (path: string): string => path.split('token=')[1] ?? '';
  const mailTo = async (to: string, count: number): Promise<Mail[]> => {
    // Delivery is asynchronous to the SMTP server: wait (bounded) for the messages to arrive.
    for (let i = 0; i < 200 && inbox.filter((m) => m.to === to).length < count; i++) {
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
    return inbox.filter((m) => m.to === to);
  };

  beforeAll(async () => {
    smtp = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS', 'AUTH'],
      logger: false,
      onData(stream, session, callback) {
        const chunks: Buffer[] = [];
        stream.on('data', (chunk: Buffer) => chunks.push(chunk));
        stream.on('end', () => {
          for (const to of session.envelope.rcptTo) {
            inbox.push({ to: to.address, text: readable(Buffer.concat(chunks).toString('utf-8')) });
          }
          callback();
        });
      },
    });
    await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', resolve));
    const port = (smtp.server.address() as AddressInfo).port;
    test = await openTestDatabase(kind);
    await migrate(test.db);
    for (const [email, role] of [
      ['admin@example.pl', 'admin'],
      ['user@example.pl', 'user'],
      ['locked@example.pl', 'user'],
      ['reset@example.pl', 'user'],
    ] as const) {
      await createUser(test.db, { email, displayName: role, role, password: PASSWORD }, CLI, TEST_HASHING);
    }
    app = await buildServer({
      db: test.db,
      version: 'test',
      logLevel: 'silent',
      accounts: {
        hashing: TEST_HASHING,
        mailer: smtpMailer({
          url: `smtp://127.0.0.1:${port}`,
          from: 'SMUP <smup@example.gov.pl>',
          publicUrl: PUBLIC_URL,
        }),
      },
    });
  });
  afterAll(async () => {
    await app?.close();
    await test?.drop();
    await new Promise<void>((resolve) => smtp?.close(() => resolve()));
  });

  it('locks an account after 5 failures in 15 minutes, even for the right password, until they age out', async () => {
    const attacker = new Browser(app, '10.0.0.1');
    for (let i = 0; i < 5; i++) {
      expect((await attacker.login('locked@example.pl', `wrong password ${i}`)).statusCode).toBe(401);
    }
    const locked = await attacker.login('locked@example.pl', PASSWORD);
    expect(locked.statusCode).toBe(429);
    expect(locked.json()).toMatchObject({ code: 'login-locked', param: 'email' });
    expect(Number(locked.headers['retry-after'])).toBeGreaterThan(0);
    // From another address too: the lock is the account's.
    const owner = new Browser(app, '10.0.0.2');
    expect((await owner.login('locked@example.pl', PASSWORD)).statusCode).toBe(429);
    // Other accounts are not affected.
    expect((await owner.login('user@example.pl', PASSWORD)).statusCode).toBe(200);
    const { items } = await listAudit(test.db, { action: 'user.lockout', limit: 10, offset: 0 });
    expect(items).toHaveLength(1);
    expect(items[0]).toMatchObject({ targetType: 'user', ip: '10.0.0.1' });
    // Fifteen minutes later (the failures moved back in time): the right password works, and clears them.
    await test.db.query(`UPDATE login_failure SET at = at - interval '16 minutes'`);
    const later = new Browser(app, '10.0.0.2');
    expect((await later.login('locked@example.pl', PASSWORD)).statusCode).toBe(200);
  });

  it('blocks an address after 20 failures in 15 minutes, whatever the accounts tried', async () => {
    const sprayer = new Browser(app, '10.0.0.3');
    for (let i = 0; i < 20; i++) {
      expect((await sprayer.login(`nobody${i}@example.pl`, 'wrong password')).statusCode).toBe(401);
    }
    const blocked = await sprayer.login('user@example.pl', PASSWORD);
    expect(blocked.statusCode).toBe(429);
    expect(blocked.json()).toMatchObject({ code: 'login-rate-limited' });
    expect((await new Browser(app, '10.0.0.4').login('user@example.pl', PASSWORD)).statusCode).toBe(200);
  });

  it('sends a reset link that works once, ends every session, and says nothing about unknown addresses', async () => {
    const session = new Browser(app, '10.0.1.1');
    expect((await session.login('reset@example.pl', PASSWORD)).statusCode).toBe(200);
    const asker = new Browser(app, '10.0.1.2');
    await asker.start();
    const unknown = await asker.request('POST', '/api/v1/auth/password-reset', {
      json: { email: 'ghost@example.pl' },
    });
    const known = await asker.request('POST', '/api/v1/auth/password-reset', {
      json: { email: 'Reset@example.pl' },
    });
    expect(unknown.statusCode).toBe(202);
    expect(known.statusCode).toBe(202);
    expect(known.json()).toEqual(unknown.json());
    const [mail] = await mailTo('reset@example.pl', 1);
    expect(inbox.filter((m) => m.to === 'ghost@example.pl')).toEqual([]);
    const link = linkIn(mail, '/haslo/nowe');
    // Opening the link shows a form; it does not use the link up.
    const page = await asker.request('GET', link);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain(`name="token" value="${tokenOf(link)}"`);
    const weak = await asker.request('POST', '/api/v1/auth/password-by-link', {
      json: { token: tokenOf(link), password: 'short' },
    });
    expect(weak.json()).toMatchObject({ code: 'weak-password', param: 'password' });
    const set = await asker.request('POST', link.split('?')[0] ?? '', {
      form: { token: tokenOf(link), password: 'a brand new password' },
    });
    expect(set.statusCode).toBe(200);
    expect(set.body).toContain('Hasło ustawione');
    const again = await asker.request('POST', '/api/v1/auth/password-by-link', {
      json: { token: tokenOf(link), password: 'yet another password' },
    });
    expect(again.statusCode).toBe(410);
    expect(again.json()).toMatchObject({ code: 'token-used', param: 'token' });
    expect((await session.request('GET', '/api/v1/auth/session')).json()).toMatchObject({ user: null });
    expect((await new Browser(app, '10.0.1.3').login('reset@example.pl', PASSWORD)).statusCode).toBe(401);
    expect(
      (await new Browser(app, '10.0.1.3').login('reset@example.pl', 'a brand new password')).statusCode,
    ).toBe(200);
    const audit = await listAudit(test.db, { action: 'user.password-reset', limit: 5, offset: 0 });
    expect(audit.items[0]).toMatchObject({ actor: 'reset@example.pl' });
  });

  it('refuses an expired, an unknown and a malformed link', async () => {
    const asker = new Browser(app, '10.0.2.1');
    await asker.start();
    await asker.request('POST', '/api/v1/auth/password-reset', { json: { email: 'user@example.pl' } });
    const [mail] = await mailTo('user@example.pl', 1);
    const token = tokenOf(linkIn(mail, '/haslo/nowe'));
    await test.db.query(
      `UPDATE account_token SET expires_at = now() - interval '1 second' WHERE used_at IS NULL`,
    );
    const expired = await asker.request('POST', '/api/v1/auth/password-by-link', {
      json: { token, password: 'a brand new password' },
    });
    expect(expired.statusCode).toBe(410);
    expect(expired.json()).toMatchObject({ code: 'token-expired' });
    for (const bad of ['x'.repeat(43), 'not a token', 'A'.repeat(100)]) {
      const response = await asker.request('POST', '/api/v1/auth/password-by-link', {
        json: { token: bad, password: 'a brand new password' },
      });
      expect(response.statusCode).toBe(400);
      expect(response.json()).toMatchObject({ code: 'token-invalid' });
    }
    expect(
      (
        await asker.request('POST', '/api/v1/auth/password-by-link', {
          json: { token: 'x'.repeat(101), password: 'p' },
        })
      ).statusCode,
    ).toBe(400);
  });

  it('signs up by e-mail: the account works only after its confirmation link, which works once', async () => {
    const visitor = new Browser(app, '10.0.3.1');
    const form = await visitor.request('GET', '/en/rejestracja');
    expect(form.body).toContain('<label for="f-displayName">Name</label>');
    const token = /name="_csrf" value="([^"]+)"/.exec(form.body)?.[1] ?? '';
    const sent = await visitor.request('POST', '/en/rejestracja', {
      form: { email: 'new@example.pl', displayName: 'Nowa Osoba', password: 'my own long password' },
      csrf: token,
    });
    expect(sent.statusCode).toBe(200);
    expect(sent.body).toContain('confirmation link');
    expect(
      (await new Browser(app, '10.0.3.2').login('new@example.pl', 'my own long password')).statusCode,
    ).toBe(401);
    const [mail] = await mailTo('new@example.pl', 1);
    const link = linkIn(mail, '/rejestracja/potwierdz');
    await visitor.start();
    const confirmed = await visitor.request('POST', '/api/v1/auth/signup/confirm', {
      json: { token: tokenOf(link) },
    });
    expect(confirmed.json()).toMatchObject({
      user: { email: 'new@example.pl', role: 'user', status: 'active' },
    });
    expect(
      (await visitor.request('POST', '/api/v1/auth/signup/confirm', { json: { token: tokenOf(link) } }))
        .statusCode,
    ).toBe(410);
    expect(
      (await new Browser(app, '10.0.3.2').login('new@example.pl', 'my own long password')).statusCode,
    ).toBe(200);
    // Signing up with an address that has an account sends nothing and answers the same.
    const taken = await visitor.request('POST', '/api/v1/auth/signup', {
      json: { email: 'user@example.pl', displayName: 'X', password: 'my own long password' },
    });
    expect(taken.statusCode).toBe(202);
  });

  it('invites by an administrator: a pending account, a link by e-mail, the password set by it', async () => {
    const admin = new Browser(app, '10.0.4.1');
    expect((await admin.login('admin@example.pl', PASSWORD)).statusCode).toBe(200);
    const created = await admin.request('POST', '/api/v1/admin/users', {
      json: { email: 'invited@example.pl', displayName: 'Invited', role: 'steward' },
    });
    expect(created.statusCode).toBe(201);
    expect(created.json()).toMatchObject({
      status: 'pending',
      invitation: expect.stringMatching(/^\/zaproszenie\?token=/),
    });
    const [mail] = await mailTo('invited@example.pl', 1);
    const link = linkIn(mail, '/zaproszenie');
    // The e-mailed link is the one the administrator was given.
    expect(link).toBe(created.json().invitation);
    const invitee = new Browser(app, '10.0.4.2');
    await invitee.start();
    const accepted = await invitee.request('POST', '/api/v1/auth/password-by-link', {
      json: { token: tokenOf(link), password: 'invited person password' },
    });
    expect(accepted.json()).toMatchObject({ user: { status: 'active', role: 'steward' } });
    expect((await invitee.login('invited@example.pl', 'invited person password')).statusCode).toBe(200);
    // A new link from the administrator replaces the old one.
    const id = created.json().id as number;
    const first = (await admin.request('POST', `/api/v1/admin/users/${id}/link`)).json().path as string;
    const second = (await admin.request('POST', `/api/v1/admin/users/${id}/link`)).json().path as string;
    expect(first).toMatch(/^\/haslo\/nowe\?token=/);
    const stale = await invitee.request('POST', '/api/v1/auth/password-by-link', {
      json: { token: tokenOf(first), password: 'whatever password' },
    });
    expect(stale.json()).toMatchObject({ code: 'token-used' });
    expect(second).not.toBe(first);
  });

  it('changes the password: the current one is checked, other sessions end, this one stays', async () => {
    await createUser(
      test.db,
      { email: 'change@example.pl', displayName: 'C', role: 'user', password: PASSWORD },
      CLI,
      TEST_HASHING,
    );
    const here = new Browser(app, '10.0.5.1');
    const there = new Browser(app, '10.0.5.2');
    await here.login('change@example.pl', PASSWORD);
    await there.login('change@example.pl', PASSWORD);
    const wrong = await here.request('POST', '/api/v1/auth/password', {
      json: { currentPassword: 'nope nope nope', newPassword: 'a brand new password' },
    });
    expect(wrong.json()).toMatchObject({ code: 'wrong-password', param: 'currentPassword' });
    const changed = await here.request('POST', '/api/v1/auth/password', {
      json: { currentPassword: PASSWORD, newPassword: 'a brand new password' },
    });
    expect(changed.json()).toEqual({ otherSessionsEnded: 1 });
    expect((await here.request('GET', '/api/v1/auth/session')).json()).toMatchObject({
      user: { email: 'change@example.pl' },
    });
    expect((await there.request('GET', '/api/v1/auth/session')).json()).toMatchObject({ user: null });
    const page = await here.request('GET', '/haslo');
    expect(page.body).toContain('autocomplete="current-password"');
  });

  type Who = 'anonymous' | 'user' | 'admin';
  it.each([
    [
      'POST',
      '/api/v1/auth/password',
      { currentPassword: 'x', newPassword: 'y' },
      { anonymous: 401, user: 400, admin: 400 },
    ],
    ['POST', '/api/v1/admin/users/2/link', undefined, { anonymous: 401, user: 403, admin: 201 }],
    [
      'POST',
      '/api/v1/auth/password-reset',
      { email: 'user@example.pl' },
      { anonymous: 202, user: 202, admin: 202 },
    ],
  ] as const)(
    '%s %s with every role, and refused without a CSRF token',
    async (method, url, json, expected) => {
      for (const who of ['anonymous', 'user', 'admin'] as Who[]) {
        const browser = new Browser(app, `10.0.6.${who.length}`);
        if (who === 'anonymous') await browser.start();
        else expect((await browser.login(`${who}@example.pl`, PASSWORD)).statusCode).toBe(200);
        const noToken = await browser.request(method, url, { ...(json ? { json } : {}), csrf: null });
        expect(noToken.statusCode, `${who} without CSRF`).toBe(403);
        const response = await browser.request(method, url, json ? { json } : {});
        expect(response.statusCode, `${who}: ${response.body}`).toBe(expected[who]);
      }
    },
  );
});
