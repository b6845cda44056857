/**
 * Issue 14, point 5 and the saved sets' expiry, each a reproduction: security headers and frame rules, CORS
 * on the open data API, HEAD with the GET's headers, drafts not listed, the database down answered 503 (not
 * 500), a PostgreSQL restart answered without 500, and unopened saved sets purged. Small databases only.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pg from 'pg';
import type { FastifyInstance } from 'fastify';
import { buildServer } from '../src/server.js';
import { ensureUnitsRegister } from '../src/pipeline/bundled-register.js';
import { migrate } from '../src/store/migrate.js';
import { openPglite } from '../src/store/pglite-database.js';
import { lockReleases, openDraft, publishRelease } from '../src/store/releases-store.js';
import {
  getReferenceSet,
  purgeUnopenedReferenceSets,
  saveReferenceSet,
} from '../src/store/reference-sets-store.js';
import { openTestDatabase, type TestDatabase } from './databases.js';

describe('security headers, CORS, HEAD, drafts and saved sets on PGlite', () => {
  let db: Awaited<ReturnType<typeof openPglite>>;
  let app: FastifyInstance;
  beforeAll(async () => {
    db = await openPglite(null);
    await migrate(db);
    await ensureUnitsRegister(db);
    // One published release (empty) and a draft after it.
    await db.transaction(async (tx) => {
      await lockReleases(tx);
      const { release } = await openDraft(tx, 'published');
      await publishRelease(tx, release.id, {});
    });
    await db.transaction(async (tx) => {
      await lockReleases(tx);
      await openDraft(tx, 'work in progress');
    });
    app = await buildServer({ db, version: 'test', logLevel: 'silent' });
  }, 120_000);
  afterAll(async () => {
    await app?.close();
    await db?.close();
  });

  it('sends a CSP without inline script, nosniff, and forbids framing every page but /osadz', async () => {
    const home = await app.inject({ url: '/', headers: { accept: 'text/html' } });
    const csp = String(home.headers['content-security-policy']);
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("style-src 'self'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).not.toContain('unsafe-inline');
    expect(home.headers['x-content-type-options']).toBe('nosniff');
    expect(home.headers['x-frame-options']).toBe('DENY');
    const embed = await app.inject({
      url: '/osadz/porownanie?jst=1261011',
      headers: { accept: 'text/html' },
    });
    expect(embed.headers['x-frame-options']).toBeUndefined();
    expect(String(embed.headers['content-security-policy'])).toContain('frame-ancestors *');
    const english = await app.inject({ url: '/en/osadz/profil/1261011', headers: { accept: 'text/html' } });
    expect(String(english.headers['content-security-policy'])).toContain('frame-ancestors *');
  });

  it('lets any origin read the open data API (GET, HEAD, no credentials), and not the portal', async () => {
    const api = await app.inject({ url: '/api/v1/units?q=krak', headers: { origin: 'https://example.org' } });
    expect(api.headers['access-control-allow-origin']).toBe('*');
    expect(api.headers['access-control-allow-credentials']).toBeUndefined();
    const preflight = await app.inject({
      method: 'OPTIONS',
      url: '/api/v1/units',
      headers: { origin: 'https://example.org', 'access-control-request-method': 'GET' },
    });
    expect(preflight.statusCode).toBe(204);
    expect(preflight.headers['access-control-allow-methods']).toBe('GET, HEAD');
    const page = await app.inject({
      url: '/',
      headers: { origin: 'https://example.org', accept: 'text/html' },
    });
    expect(page.headers['access-control-allow-origin']).toBeUndefined();
  });

  it('answers HEAD with the headers of GET, ETag included, and no body', async () => {
    const url = '/api/v1/units/1261011/data';
    const get = await app.inject(url);
    const head = await app.inject({ method: 'HEAD', url });
    expect(get.headers.etag).toMatch(/^"r1-/);
    expect(head.statusCode).toBe(200);
    expect(head.body).toBe('');
    for (const name of ['etag', 'cache-control', 'vary', 'x-smup-release', 'content-type']) {
      expect([name, head.headers[name]]).toEqual([name, get.headers[name]]);
    }
    // A HEAD never leaves an empty body in the answer cache for the next GET.
    const again = await app.inject(url);
    expect(again.body).toBe(get.body);
  });

  it('lists published releases only: the draft is not shown publicly', async () => {
    const releases = (await app.inject('/api/v1/releases')).json<{
      live: number;
      items: Array<{ id: number }>;
    }>();
    expect(releases).toMatchObject({ live: 1 });
    expect(releases.items.map((r) => r.id)).toEqual([1]);
  });

  it('purges saved sets nobody opened for the expiry period, and keeps the ones opened', async () => {
    const old = await saveReferenceSet(db, { name: 'stary', level: 'gmina', units: ['1261011', '1465011'] });
    const used = await saveReferenceSet(db, {
      name: 'używany',
      level: 'gmina',
      units: ['1261011', '1465011'],
    });
    await db.query(`UPDATE reference_set SET last_opened_at = now() - interval '100 days'`);
    // Opening a set refreshes it (the refresh is daily at most, and this one is 100 days old).
    expect((await getReferenceSet(db, used.id))?.name).toBe('używany');
    expect(await purgeUnopenedReferenceSets(db, 90)).toBe(1);
    expect(await getReferenceSet(db, old.id)).toBeNull();
    expect(await getReferenceSet(db, used.id)).not.toBeNull();
  });
});

describe('database outages', () => {
  it('answers health and data with 503 + Retry-After (not 500) while the database is down', async () => {
    const db = await openPglite(null);
    await migrate(db);
    const app = await buildServer({ db, version: 'test', logLevel: 'silent' });
    try {
      expect((await app.inject('/api/v1/health')).statusCode).toBe(200);
      await db.close();
      const health = await app.inject('/api/v1/health');
      expect(health.statusCode).toBe(503);
      const units = await app.inject('/api/v1/units');
      expect(units.statusCode).toBe(503);
      expect(units.headers['retry-after']).toBe('5');
      expect(units.json()).toMatchObject({ status: 503, code: 'database-unavailable' });
      const page = await app.inject({ url: '/', headers: { accept: 'text/html' } });
      expect([page.statusCode, page.headers['content-type']]).toEqual([503, 'text/html; charset=utf-8']);
    } finally {
      await app.close();
    }
  }, 60_000);

  describe('on PostgreSQL', () => {
    let test: TestDatabase;
    let app: FastifyInstance;
    beforeAll(async () => {
      test = await openTestDatabase('postgres');
      await migrate(test.db);
      app = await buildServer({ db: test.db, version: 'test', logLevel: 'silent' });
    }, 60_000);
    afterAll(async () => {
      await app?.close();
      await test?.drop();
    });

    it('answers without 500 when the server drops every connection, as a restart does', async () => {
      const admin = new pg.Client({ connectionString: test.url as string });
      await admin.connect();
      const dbName = new URL(test.url as string).pathname.slice(1);
      const statuses: number[] = [];
      try {
        for (let round = 0; round < 3; round++) {
          // Warm the pool, then terminate its connections the way a restart does.
          await Promise.all([1, 2, 3].map(() => app.inject('/api/v1/health')));
          await admin.query(
            `SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()`,
            [dbName],
          );
          for (const response of await Promise.all([1, 2, 3].map(() => app.inject('/api/v1/units?q=a')))) {
            statuses.push(response.statusCode);
          }
        }
      } finally {
        await admin.end();
      }
      // The first query on a dropped connection is retried once on a fresh one: no client saw an error.
      expect(statuses).toEqual([200, 200, 200, 200, 200, 200, 200, 200, 200]);
    }, 60_000);
  });
});
