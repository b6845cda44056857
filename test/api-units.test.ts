/** The units API in process (fastify.inject) on both databases, with TERC 2024 and 2026 loaded. */
import { readFileSync } from 'node:fs';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildServer } from '../src/server.js';
import { ensureUnitsRegister } from '../src/pipeline/bundled-register.js';
import { importUnitsRegister } from '../src/pipeline/units-import.js';
import { readTercFile } from '../src/sources/teryt/terc-reader.js';
import { migrate } from '../src/store/migrate.js';
import { DATABASE_KINDS, openTestDatabase, type TestDatabase } from './databases.js';
import { sharedFile, TERC_2024 } from './shared-data.js';

describe.each(DATABASE_KINDS)('units API on %s', (kind) => {
  let test: TestDatabase;
  let app: FastifyInstance;
  const get = async (url: string) => {
    const response = await app.inject({ method: 'GET', url });
    return { status: response.statusCode, type: response.headers['content-type'], body: response.json() };
  };

  beforeAll(async () => {
    test = await openTestDatabase(kind);
    await migrate(test.db);
    await ensureUnitsRegister(test.db);
    const terc = readTercFile(readFileSync(sharedFile(TERC_2024)), 'TERC_Urzedowy_2024-01-01.csv');
    await importUnitsRegister(test.db, {
      ...terc,
      sourceFile: 'TERC_Urzedowy_2024-01-01.csv',
      provenance: {},
    });
    app = await buildServer({ db: test.db, version: 'test', logLevel: 'silent' });
  });
  afterAll(async () => {
    await app?.close();
    await test?.drop();
  });

  it('reports health with the database and the register', async () => {
    const { status, body } = await get('/api/v1/health');
    expect(status).toBe(200);
    expect(body).toMatchObject({
      status: 'ok',
      database: { kind, status: 'ok' },
      register: {
        stateDate: '2026-01-01',
        snapshots: 2,
        units: { gminy: 2479, powiaty: 380, wojewodztwa: 16 },
      },
    });
  });

  it('lists the 2,479 gminy of TERC 2026-01-01, 50 to a page, with paging links', async () => {
    const { status, body } = await get('/api/v1/units?level=gmina');
    expect(status).toBe(200);
    expect(body.total).toBe(2479);
    expect(body.items).toHaveLength(50);
    expect(body.links.next).toBe('/api/v1/units?level=gmina&page=2&pageSize=50');
    expect(body.links.prev).toBeNull();
    expect(body.register).toMatchObject({ stateDate: '2026-01-01', register: 'TERYT TERC' });
    const last = await get('/api/v1/units?level=gmina&page=50&pageSize=50');
    expect(last.body.items).toHaveLength(29); // 2479 = 49 × 50 + 29
    expect(last.body.links.next).toBeNull();
  });

  it('pages in a stable Polish alphabetical order without gaps or repeats', async () => {
    const codes: string[] = [];
    for (let page = 1; page <= 5; page++) {
      const { body } = await get(`/api/v1/units?level=powiat&page=${page}&pageSize=100`);
      codes.push(...body.items.map((u: { code: string }) => u.code));
    }
    expect(codes).toHaveLength(380);
    expect(new Set(codes).size).toBe(380);
    const names = (await get('/api/v1/units?level=wojewodztwo')).body.items.map(
      (u: { name: string }) => u.name,
    );
    expect(names.slice(0, 3)).toEqual(['dolnośląskie', 'kujawsko-pomorskie', 'lubelskie']);
    expect(names.indexOf('łódzkie')).toBe(names.indexOf('lubuskie') + 1); // Ł right after L
  });

  it('finds units by name with Polish letters and case optional', async () => {
    const krak = await get('/api/v1/units?level=gmina&q=krak&page=1&pageSize=50');
    expect(krak.body.items[0]).toMatchObject({ code: '1261011', name: 'Kraków', kind: 'miejska' });
    const lodz = await get('/api/v1/units?level=gmina&q=lodz');
    expect(lodz.body.items[0]).toMatchObject({ code: '1061011', name: 'Łódź' });
    const upper = await get('/api/v1/units?level=gmina&q=%C5%81%C3%93D%C5%B9'); // "ŁÓDŹ"
    expect(upper.body.items[0].code).toBe('1061011');
    const bb = await get('/api/v1/units?q=bielsko%20biala&level=gmina');
    expect(bb.body.items[0]).toMatchObject({ code: '2461011', name: 'Bielsko-Biała' });
  });

  it('finds units by the start of a TERYT code and within a parent', async () => {
    const byCode = await get('/api/v1/units?q=1261');
    expect(byCode.body.items.map((u: { code: string }) => u.code)).toEqual(['1261', '1261011']);
    const inPowiat = await get('/api/v1/units?parent=1261');
    expect(inPowiat.body.total).toBe(1); // Kraków (gmina); its delegatury are parts, listed only with level=czesc_gminy
    const delegatury = await get('/api/v1/units?parent=1261&level=czesc_gminy');
    expect(delegatury.body.items.map((u: { kind: string }) => u.kind)).toEqual(Array(4).fill('delegatura'));
  });

  it('shows Kraków as a gmina miejska in powiat 1261 and województwo 12, with its delegatury', async () => {
    const { status, body } = await get('/api/v1/units/1261011');
    expect(status).toBe(200);
    expect(body).toMatchObject({
      code: '1261011',
      name: 'Kraków',
      level: 'gmina',
      kind: 'miejska',
      kindLabel: { pl: 'gmina miejska', en: 'urban municipality' },
      current: true,
      validTo: null,
      powiat: { code: '1261', name: 'Kraków', kind: 'miasto_na_prawach_powiatu' },
      wojewodztwo: { code: '12', name: 'małopolskie' },
    });
    expect(body.parents.map((p: { code: string }) => p.code)).toEqual(['1261', '12']);
    expect(body.children.map((c: { name: string }) => c.name)).toEqual([
      'Kraków-Krowodrza',
      'Kraków-Nowa Huta',
      'Kraków-Podgórze',
      'Kraków-Śródmieście',
    ]);
  });

  it('shows a województwo with its powiaty and a powiat with its gminy', async () => {
    const woj = await get('/api/v1/units/12');
    expect(woj.body).toMatchObject({ level: 'wojewodztwo', parents: [], powiat: null, wojewodztwo: null });
    expect(woj.body.children).toHaveLength(22); // małopolskie: 19 powiaty + 3 cities with powiat rights
    const powiat = await get('/api/v1/units/1201');
    // Powiat bocheński (TERC 2026): 9 gminy, Bochnia miejska and Bochnia wiejska among them.
    expect(powiat.body.children).toHaveLength(9);
    expect(powiat.body.children.slice(0, 2).map((c: { code: string }) => c.code)).toEqual([
      '1201011',
      '1201022',
    ]);
    const nowyWisnicz = await get('/api/v1/units/1201063');
    expect(nowyWisnicz.body.children.map((c: { kind: string }) => c.kind)).toEqual([
      'miasto',
      'obszar_wiejski',
    ]);
  });

  it('keeps the history of a gmina whose kind changed, linked both ways', async () => {
    const old = await get('/api/v1/units/0601052');
    expect(old.status).toBe(200);
    expect(old.body).toMatchObject({
      kind: 'wiejska',
      current: false,
      validFrom: '2024-01-01',
      validTo: '2026-01-01',
      successors: [{ code: '0601053', date: '2026-01-01', reason: 'kind_changed' }],
    });
    const now = await get('/api/v1/units/0601053');
    expect(now.body.predecessors).toEqual([{ code: '0601052', date: '2026-01-01', reason: 'kind_changed' }]);
    expect(now.body.changes.map((c: { type: string }) => c.type).sort()).toEqual([
      'code_changed',
      'kind_changed',
    ]);
    const renamed = await get('/api/v1/units/2812052');
    expect(renamed.body.history.map((h: { name: string }) => h.name)).toEqual([
      'Nowe Miasto Lubawskie',
      'Bratian',
    ]);
    const then = await get('/api/v1/units/2812052?date=2024-05-01');
    expect(then.body.name).toBe('Nowe Miasto Lubawskie');
  });

  it('answers 404 with a problem+json body for an unknown code or a date when the unit did not exist', async () => {
    const unknown = await get('/api/v1/units/9999999');
    expect(unknown.status).toBe(404);
    expect(unknown.type).toMatch(/^application\/problem\+json/);
    expect(unknown.body).toMatchObject({ status: 404, code: 'unit-not-found', param: 'teryt' });
    expect(unknown.body.message.pl).toMatch(/9999999/);
    const tooEarly = await get('/api/v1/units/1207132?date=2024-06-01');
    expect(tooEarly.status).toBe(404);
    expect(tooEarly.body).toMatchObject({ code: 'unit-not-valid-on-date', param: 'date' });
    const noRoute = await get('/api/v1/nothing');
    expect(noRoute.status).toBe(404);
    expect(noRoute.body.code).toBe('not-found');
  });

  it.each([
    ['/api/v1/units?level=miasto', 'level', /allowed values: kraj, wojewodztwo, powiat, gmina, czesc_gminy/],
    ['/api/v1/units?pageSize=0', 'pageSize', /at least 1/],
    ['/api/v1/units?pageSize=501', 'pageSize', /at most 500/],
    ['/api/v1/units?page=abc', 'page', /expected integer/],
    ['/api/v1/units?pagesize=10', 'pagesize', /unknown parameter/],
    ['/api/v1/units?date=2024-1-1', 'date', /malformed/],
    ['/api/v1/units?parent=126', 'parent', /malformed/],
    ['/api/v1/units?q=', 'q', /at least 1 character/],
    ['/api/v1/units/12610', 'teryt', /malformed/],
    ['/api/v1/units/krakow', 'teryt', /malformed/],
  ])('answers 400 naming the parameter for %s', async (url, param, message) => {
    const { status, type, body } = await get(url);
    expect(status).toBe(400);
    expect(type).toMatch(/^application\/problem\+json/);
    expect(body).toMatchObject({ status: 400, code: 'invalid-parameter', param });
    expect(body.detail).toMatch(message);
    expect(body.message.pl).toMatch(new RegExp(`Parametr '${param}'`));
    expect(JSON.stringify(body)).not.toMatch(/at .*\.(ts|js):\d+/); // no stack trace
  });
});
