/**
 * The open data API's contract (issue 6), on both databases: the OpenAPI document validates with a standard
 * validator and describes every data route; data endpoints answer in JSON, CSV (BOM, `;` and decimal comma
 * for Polish Excel), XLSX (with a metadata sheet) and JSON-stat 2.0 that a third-party reader parses; published
 * answers carry an ETag and revalidate with 304; a client over the rate limit gets 429 in the problem shape.
 */
import ExcelJS from 'exceljs';
import JSONstat from 'jsonstat-toolkit';
import { Validator } from '@seriousme/openapi-schema-validator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildServer } from '../src/api/server.js';
import { computeIndicators } from '../src/pipeline/compute.js';
import { DATABASE_KINDS } from './databases.js';
import { openRealRelease, REAL_FILES, type RealRelease } from './real-release.js';

const DATA = '/api/v1/indicators/kontekst.gestosc_zaludnienia/data?year=2019&level=gmina';

describe.each(DATABASE_KINDS)('open data API on %s', (kind) => {
  let release: RealRelease;
  beforeAll(async () => {
    release = await openRealRelease(kind, REAL_FILES.slice(0, 2)); // population and area
  }, 180_000);
  afterAll(async () => {
    await release?.close();
  });

  it('publishes an OpenAPI 3.1 document that a standard validator accepts, and readable docs', async () => {
    const response = await release.app.inject('/api/v1/openapi.json');
    const document = response.json() as { openapi: string; paths: Record<string, unknown> };
    expect(document.openapi).toBe('3.1.0');
    const result = await new Validator().validate(document);
    expect(result.errors ?? []).toEqual([]);
    expect(result.valid).toBe(true);
    for (const path of [
      '/api/v1/units',
      '/api/v1/indicators/{id}/data',
      '/api/v1/units/{teryt}/profile',
      '/api/v1/variables/{id}/data',
      '/api/v1/geo/{level}',
    ]) {
      expect(Object.keys(document.paths)).toContain(path);
    }
    const docs = await release.app.inject('/api/docs/');
    expect(docs.statusCode).toBe(200);
    expect(docs.headers['content-type']).toMatch(/text\/html/);
  });

  it('answers in CSV for Polish Excel: BOM, semicolons, decimal comma, unit, flag and source on every row', async () => {
    const json = (await release.get(DATA)).body as {
      items: Array<{ unit: { code: string }; value: number }>;
    };
    const krakow = json.items.find((i) => i.unit.code === '1261011')?.value as number;
    const response = await release.app.inject(`${DATA}&format=csv&sep=semicolon&decimal=comma`);
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(response.headers['content-disposition']).toMatch(/attachment; filename=".+\.csv"/);
    expect(response.body.startsWith('\uFEFFkod_teryt;nazwa;wskaznik;')).toBe(true);
    const lines = response.body.slice(1).trim().split('\r\n');
    expect(lines).toHaveLength(1 + 2479);
    const row = lines.find((l) => l.startsWith('1261011;'))?.split(';');
    expect(row?.[5]).toBe(String(krakow).replace('.', ','));
    expect(row?.[6]).toBe('osoby na km²');
    expect(row?.[10]).toContain('GUS, Bank Danych Lokalnych');
    const plain = await release.app.inject({ url: DATA, headers: { accept: 'text/csv' } });
    expect(plain.body.split('\r\n')[0]).toContain('kod_teryt,nazwa,');
  });

  it('answers in XLSX with a data sheet and a metadata sheet', async () => {
    const response = await release.app.inject(`${DATA}&format=xlsx`);
    expect(response.headers['content-type']).toBe(
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    );
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(response.rawPayload as unknown as ArrayBuffer);
    const data = workbook.getWorksheet('dane');
    expect(data?.rowCount).toBe(1 + 2479);
    const warszawa = data?.getRows(2, 2479)?.find((r) => r.getCell(1).value === '1465011');
    expect(typeof warszawa?.getCell(5).value).toBe('number');
    const meta = workbook.getWorksheet('metadane');
    const text = meta?.getSheetValues().flat().join(' ') ?? '';
    expect(text).toContain('Gęstość zaludnienia');
    expect(text).toContain('per_km2(ludnosc_ogolem)');
    expect(text).toContain('legenda flag');
  });

  it('answers in JSON-stat 2.0 that jsonstat-toolkit reads', async () => {
    const response = await release.app.inject(
      `/api/v1/indicators/kontekst.ludnosc/data?year=2019&level=gmina&format=jsonstat`,
    );
    const dataset = JSONstat(response.json());
    expect(dataset.class).toBe('dataset');
    expect(dataset.id).toEqual(['jst', 'wskaznik', 'rok']);
    expect(dataset.n).toBe(2479);
    expect(dataset.Data({ jst: '1465011', wskaznik: 'kontekst.ludnosc', rok: '2019' })).toMatchObject({
      value: 1_790_658,
    });
    // The two gminy created after 2019 are null, not 0.
    expect(dataset.Data({ jst: '1207132', wskaznik: 'kontekst.ludnosc', rok: '2019' })).toMatchObject({
      value: null,
    });
  });

  it('revalidates published data with ETag and 304, and pins a release for good', async () => {
    const first = await release.app.inject(DATA);
    const etag = first.headers.etag as string;
    expect(etag).toMatch(/^"r\d+-/);
    expect(first.headers['cache-control']).toBe('public, max-age=60');
    const again = await release.app.inject({ url: DATA, headers: { 'if-none-match': etag } });
    expect(again.statusCode).toBe(304);
    expect(again.body).toBe('');
    const live = (await release.get('/api/v1/releases')).body.live as number;
    const pinned = await release.app.inject(`${DATA}&release=${live}`);
    expect(pinned.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(pinned.json()).toEqual(first.json());
    const gzip = await release.app.inject({ url: DATA, headers: { 'accept-encoding': 'gzip' } });
    expect(gzip.headers['content-encoding']).toBe('gzip');
  });

  it('serves a new release as soon as it is published, never a cached answer of the old one', async () => {
    const before = await release.app.inject(DATA);
    const cachedAgain = await release.app.inject(DATA);
    expect(cachedAgain.headers['x-smup-cache']).toBe('hit');
    const indicator = release.catalog.indicators.filter((i) => i.id === 'kontekst.gestosc_zaludnienia');
    await computeIndicators(release.test.db, indicator, { publish: true }); // a new release, same values
    const after = await release.app.inject(DATA);
    expect(after.headers['x-smup-cache']).toBeUndefined();
    expect((after.json() as { release: number }).release).toBe(
      (before.json() as { release: number }).release + 1,
    );
    expect(after.headers.etag).not.toBe(before.headers.etag);
    const oldEtag = await release.app.inject({
      url: DATA,
      headers: { 'if-none-match': before.headers.etag as string },
    });
    expect(oldEtag.statusCode).toBe(200);
  });

  it('rejects an unknown format, and limits the request rate with the same problem shape', async () => {
    const bad = await release.get(`${DATA}&format=pdf`);
    expect(bad.status).toBe(400);
    expect(bad.body.param).toBe('format');
    const limited = await buildServer({
      db: release.test.db,
      version: 'test',
      logLevel: 'silent',
      rateLimit: 2,
    });
    try {
      const statuses = [];
      for (let i = 0; i < 3; i++) statuses.push((await limited.inject('/api/v1/health')).statusCode);
      expect(statuses).toEqual([200, 200, 429]);
      const problem = (await limited.inject('/api/v1/health')).json() as Record<string, unknown>;
      expect(problem).toMatchObject({ status: 429, code: 'rate-limited' });
      expect((problem.message as { pl: string }).pl).toContain('limit');
    } finally {
      await limited.close();
    }
  });
});
