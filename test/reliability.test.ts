/**
 * Reliability (issue 14, point 8), bounded in time: one real release on PGlite (population and area,
 * test/real-release.ts) and small empty databases for the rest.
 *   - every parameter of every OpenAPI operation and of every portal page kind fed hostile values
 *     (test/fuzz-values.ts): 0 × 5xx, every API error problem+json, every page error an HTML page;
 *   - the reproductions of the issue, each a test: the 500s on unbounded integers, NUL and impossible
 *     dates; one client locking the portal for everyone; anonymous sets without bound; a database outage
 *     answered 500.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { buildServer } from '../src/server.js';
import { BAD_SET_BODIES, BAD_VALUES } from './fuzz-values.js';
import { openRealRelease, RELEASE_HOOK_MS, REAL_FILES, type RealRelease } from './real-release.js';

interface OpenApiParameter {
  name: string;
  in: 'query' | 'path' | 'header';
  required?: boolean;
  schema?: { type?: string; minimum?: number; maximum?: number; enum?: string[] };
}
interface OpenApiOperation {
  operationId?: string;
  summary?: string;
  parameters?: OpenApiParameter[];
}
type OpenApiPaths = Record<string, Record<string, OpenApiOperation>>;

const DENSITY = 'kontekst.gestosc_zaludnienia';
/** A valid value of each parameter, so that a request fails on the fuzzed one only. */
const GOOD: Record<string, string> = {
  teryt: '1261011',
  level: 'gmina',
  year: '2019',
  years: '2015-2019',
  units: '1261011,1465011',
  indicators: DENSITY,
};

describe('reliability: no input answers 5xx, no client locks out another', () => {
  let release: RealRelease;
  let paths: OpenApiPaths;
  beforeAll(async () => {
    release = await openRealRelease('pglite', REAL_FILES.slice(0, 2));
    paths = (await release.app.inject('/api/v1/openapi.json')).json<{ paths: OpenApiPaths }>().paths;
  }, RELEASE_HOOK_MS);
  afterAll(async () => {
    await release?.close();
  });

  it('gives every OpenAPI operation an operationId and a summary, and every number parameter both bounds', () => {
    const operations = Object.entries(paths).flatMap(([path, item]) =>
      Object.entries(item).map(([method, operation]) => ({ at: `${method} ${path}`, operation })),
    );
    expect(operations.length).toBeGreaterThan(20);
    expect(
      operations.filter((o) => !o.operation.operationId || !o.operation.summary).map((o) => o.at),
    ).toEqual([]);
    const ids = operations.map((o) => o.operation.operationId);
    expect(new Set(ids).size).toBe(ids.length);
    const unbounded = operations.flatMap((o) =>
      (o.operation.parameters ?? [])
        .filter((p) => ['integer', 'number'].includes(p.schema?.type ?? ''))
        .filter((p) => p.schema?.minimum === undefined || p.schema.maximum === undefined)
        .map((p) => `${o.at} ${p.name}`),
    );
    expect(unbounded).toEqual([]);
  });

  it('answers every hostile value of every API parameter with 4xx problem+json, never 5xx', async () => {
    const failures: string[] = [];
    let requests = 0;
    for (const [path, item] of Object.entries(paths)) {
      const operation = item.get;
      if (!operation) continue;
      const params = operation.parameters ?? [];
      const valueOf = (p: OpenApiParameter): string =>
        GOOD[p.name] ??
        (p.name === 'id'
          ? path.startsWith('/api/v1/indicators')
            ? DENSITY
            : path.startsWith('/api/v1/variables')
              ? 'bdl:60559'
              : 'abc'
          : String(p.schema?.enum?.[0] ?? 'x'));
      for (const target of params) {
        for (const bad of BAD_VALUES) {
          let url = path;
          const query: string[] = [];
          for (const p of params) {
            const value = p === target ? bad : valueOf(p);
            if (p.in === 'path') url = url.replace(`{${p.name}}`, value);
            else if (p.in === 'query' && (p.required || p === target)) query.push(`${p.name}=${value}`);
          }
          const full = query.length > 0 ? `${url}?${query.join('&')}` : url;
          const response = await release.app.inject(full);
          requests++;
          const type = String(response.headers['content-type']);
          if (
            response.statusCode >= 500 ||
            (response.statusCode >= 400 && !type.startsWith('application/problem+json'))
          )
            failures.push(`${response.statusCode} ${type} ${full.slice(0, 140)}`);
        }
      }
    }
    expect(failures).toEqual([]);
    expect(requests).toBeGreaterThan(2000);
  });

  it.each([
    ['/api/v1/indicators?release=99999999999999999999999', 'release'],
    ['/api/v1/indicators?release=1e308', 'release'],
    ['/api/v1/units?page=Infinity', 'page'],
    ['/api/v1/units?pageSize=Infinity', 'pageSize'],
    [`/api/v1/indicators/${DENSITY}/data?level=gmina&year=Infinity`, 'year'],
    ['/api/v1/units/1261011/peers?k=Infinity', 'k'],
    ['/api/v1/units/1261011/profile?release=2147483648', 'release'],
    ['/api/v1/compare?units=1261011&indicators=kontekst.ludnosc&page=NaN', 'page'],
    ['/api/v1/units?q=%00', 'q'],
    ['/api/v1/variables?q=%00', 'q'],
    ['/api/v1/units?date=2024-13-45', 'date'],
    ['/api/v1/units?date=2024-02-30', 'date'],
  ])('answers %s with 400 naming %s (it answered 500)', async (url, param) => {
    const response = await release.app.inject(url);
    expect(response.statusCode).toBe(400);
    expect(response.headers['content-type']).toBe('application/problem+json; charset=utf-8');
    expect(response.json()).toMatchObject({ status: 400, code: 'invalid-parameter', param });
  });

  it('refuses hostile saved sets with 4xx: a NUL name, a huge name, too many units', async () => {
    const statuses = [];
    for (const body of BAD_SET_BODIES) {
      const response = await release.app.inject({
        method: 'POST',
        url: '/api/v1/sets',
        headers: { 'content-type': 'application/json' },
        payload: JSON.stringify(body),
      });
      statuses.push(response.statusCode);
    }
    expect(statuses.filter((s) => s >= 500 || s < 400)).toEqual([]);
    const nul = await release.app.inject({
      method: 'POST',
      url: '/api/v1/sets',
      payload: { name: '\u0000', units: ['1261011', '1465011'] },
    });
    expect(nul.json()).toMatchObject({ status: 400, param: 'name' });
  });

  it('answers every hostile value of every portal page parameter with an HTML page, never 5xx', async () => {
    const pages: Array<[string, string[]]> = [
      ['/', ['q', 'lang']],
      ['/jst/{v}', []],
      ['/jst/1261011', ['rok', 'porownaj', 'lang']],
      ['/wskaznik/{v}', []],
      [`/wskaznik/${DENSITY}`, ['poziom', 'rok', 'jst', 'porownaj', 'woj', 'zbior']],
      ['/porownaj', ['jst', 'wsk', 'lata']],
      [`/porownaj?jst=1261011&wsk=${DENSITY}`, ['lata', 'jst']],
      ['/osadz/porownanie?jst=1261011', ['wsk', 'lata']],
      ['/osadz/{v}/1261011', []],
      ['/osadz/profil/{v}', []],
      [`/osadz/mapa/${DENSITY}`, ['rok', 'poziom', 'jst']],
      ['/en/jst/1261011', ['rok', 'porownaj']],
    ];
    const failures: string[] = [];
    for (const [page, params] of pages) {
      const urls = page.includes('{v}')
        ? BAD_VALUES.filter((v) => v !== '' && !v.includes('%2f')).map((v) => page.replace('{v}', v))
        : params.flatMap((name) =>
            BAD_VALUES.map((v) => `${page}${page.includes('?') ? '&' : '?'}${name}=${v}`),
          );
      for (const url of urls) {
        const response = await release.app.inject({ url, headers: { accept: 'text/html' } });
        const type = String(response.headers['content-type']);
        if (response.statusCode >= 500 || !type.startsWith('text/html'))
          failures.push(`${response.statusCode} ${type} ${url.slice(0, 140)}`);
      }
    }
    expect(failures).toEqual([]);
  }, 120_000);

  describe('limits per client', () => {
    let app: FastifyInstance;
    beforeAll(async () => {
      // A second server on the same release, with limits (the one above has none, so the fuzz is not limited).
      app = await buildServer({
        db: release.test.db,
        version: 'test',
        logLevel: 'silent',
        catalog: release.catalog,
        rateLimit: 50,
        pageRateLimit: 20,
        setsPerHour: 3,
        trustProxy: 1,
      });
    });
    afterAll(async () => {
      await app?.close();
    });

    const view = (url: string, client: string) =>
      app.inject({ url, remoteAddress: client, headers: { accept: 'text/html' } });

    it('lets one client viewing many pages lock out only itself: 429 as a page, with Retry-After', async () => {
      // Each home page makes in-process API calls: before, those counted against one bucket (127.0.0.1).
      const statuses: number[] = [];
      for (let i = 0; i < 25; i++) statuses.push((await view('/?q=krak', '10.0.0.1')).statusCode);
      expect(statuses.filter((s) => s === 200)).toHaveLength(20);
      expect(statuses.slice(20)).toEqual([429, 429, 429, 429, 429]);
      const over = await view('/', '10.0.0.1');
      expect(over.headers['content-type']).toBe('text/html; charset=utf-8');
      expect(Number(over.headers['retry-after'])).toBeGreaterThan(0);
      expect(over.body).toContain('Zbyt wiele zapytań');
      // Another visitor is untouched, on pages and on the API; the locked-out one still has its API bucket.
      expect((await view('/?q=lodz', '10.0.0.2')).statusCode).toBe(200);
      expect((await app.inject({ url: '/api/v1/units?q=lodz', remoteAddress: '10.0.0.2' })).statusCode).toBe(
        200,
      );
      const api = await app.inject({ url: '/api/v1/units?q=lodz', remoteAddress: '10.0.0.1' });
      expect(api.statusCode).toBe(200);
      // Static files are part of a page view, not counted.
      expect((await view('/static/smup.css', '10.0.0.1')).statusCode).toBe(200);
    });

    it('limits the API per client and answers 429 in problem+json with Retry-After', async () => {
      const statuses: number[] = [];
      for (let i = 0; i < 52; i++) {
        statuses.push((await app.inject({ url: '/api/v1/areas', remoteAddress: '10.0.1.1' })).statusCode);
      }
      expect(statuses.slice(0, 50).every((s) => s === 200)).toBe(true);
      const over = await app.inject({ url: '/api/v1/areas', remoteAddress: '10.0.1.1' });
      expect(over.statusCode).toBe(429);
      expect(over.headers['content-type']).toBe('application/problem+json; charset=utf-8');
      expect(Number(over.headers['retry-after'])).toBeGreaterThan(0);
      expect(over.json()).toMatchObject({ status: 429, code: 'rate-limited' });
    });

    it('takes the client from X-Forwarded-For behind a trusted proxy (SMUP_TRUST_PROXY=1)', async () => {
      const viaProxy = (client: string) =>
        app.inject({
          url: '/',
          remoteAddress: '127.0.0.1',
          headers: { accept: 'text/html', 'x-forwarded-for': client },
        });
      for (let i = 0; i < 21; i++) await viaProxy('203.0.113.7');
      expect((await viaProxy('203.0.113.7')).statusCode).toBe(429);
      expect((await viaProxy('203.0.113.8')).statusCode).toBe(200);
    });

    it('bounds anonymous saved sets per client per hour, and names a set by its name and units', async () => {
      const save = (name: string, client: string) =>
        app.inject({
          method: 'POST',
          url: '/api/v1/sets',
          remoteAddress: client,
          payload: { name, units: ['1261011', '1465011'] },
        });
      const first = await save('Duże miasta', '10.0.2.1');
      expect(first.statusCode).toBe(201);
      const other = await save('Metropolie', '10.0.2.1');
      expect(other.statusCode).toBe(201);
      // The same units under another name are another set: the first name no longer wins for everyone.
      expect(other.json<{ id: string }>().id).not.toBe(first.json<{ id: string }>().id);
      expect(other.json<{ name: string }>().name).toBe('Metropolie');
      const again = await save('Duże miasta', '10.0.2.1');
      expect([again.statusCode, again.json<{ id: string }>().id]).toEqual([
        200,
        first.json<{ id: string }>().id,
      ]);
      const over = await save('Czwarty', '10.0.2.1');
      expect(over.statusCode).toBe(429);
      expect(Number(over.headers['retry-after'])).toBeGreaterThan(3500);
      expect((await save('Czwarty', '10.0.2.2')).statusCode).toBe(201);
      // Through the portal's form the quota counts the visitor, not the server making the API call.
      const form = (client: string) =>
        app.inject({
          method: 'POST',
          url: '/zestaw',
          remoteAddress: client,
          headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'text/html' },
          payload: 'jst=1261011,1465011&dla=1261011&nazwa=Formularz',
        });
      expect((await form('10.0.2.1')).statusCode).toBe(429);
      expect((await form('10.0.2.3')).statusCode).toBe(303);
    });
  });
});
