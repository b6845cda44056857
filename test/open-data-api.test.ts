/**
 * The open data API's contract (issue 6), on both databases: the OpenAPI document validates with a standard
 * validator and describes every data route; data endpoints answer in JSON, CSV (BOM, `;` and decimal comma
 * for Polish Excel), XLSX (with a metadata sheet) and JSON-stat 2.0 that a third-party reader parses; published
 * answers carry an ETag and revalidate with 304; a client over the rate limit gets 429 in the problem shape.
 */
import type { AddressInfo } from 'node:net';
import ExcelJS from 'exceljs';
import JSONstat from 'jsonstat-toolkit';
import { Validator } from '@seriousme/openapi-schema-validator';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildServer } from '../src/server.js';
import { runIngest, type IngestJobSpec } from '../src/pipeline/ingest.js';
import { DATABASE_KINDS } from './databases.js';
import { openRealRelease, RELEASE_HOOK_MS, REAL_FILES, type RealRelease } from './real-release.js';

const DATA = '/api/v1/indicators/kontekst.gestosc_zaludnienia/data?year=2019&level=gmina';

/** GET /compare's JSON, as far as these tests read it. */
interface CompareCells {
  total: number;
  indicators: Array<{ id: string; decimals: number }>;
  items: Array<{
    indicator: string;
    unit: string;
    year: number;
    value: number | null;
    comparedMedian: number | null;
    comparedRank: number | null;
    comparedCount: number | null;
  }>;
}

/** One value of a test variable (Kraków, 2019): enough to make the next publish a new release. */
function oneValueJob(): IngestJobSpec {
  const variable = 'test:other';
  return {
    source: { id: 'test', name: 'test data', citation: 'dane testowe', licence: 'none', url: null },
    jobKey: variable,
    description: 'one test value',
    scope: { variables: [variable], years: [2019], unitCodeLengths: [7] },
    variables: [
      {
        id: variable,
        sourceId: 'test',
        sourceCode: 'other',
        name: 'test',
        nameEn: null,
        subjectPath: null,
        measureUnit: null,
        levels: ['gmina'],
        metadata: {},
      },
    ],
    async *pages() {
      yield {
        requestKey: 'only',
        observations: [
          { variableId: variable, unitCode: '1261011', year: 2019, value: 1, flag: null, note: null },
        ],
      };
    },
  };
}

describe.each(DATABASE_KINDS)('open data API on %s', (kind) => {
  let release: RealRelease;
  beforeAll(async () => {
    release = await openRealRelease(kind, REAL_FILES.slice(0, 2)); // population and area
  }, RELEASE_HOOK_MS);
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
    const row = lines.find((l) => l.startsWith('"=""1261011""";'))?.split(';');
    // Kraków in 2019: 779,115 residents (the three economic age groups of the BDL export) on 327 km² (the
    // BDL area export) — written out here, not read back from the server's JSON.
    expect(krakow).toBe(779_115 / 327);
    // As shown (the indicator has no decimals) and at 16 significant digits (the 17th is binary noise).
    expect(row?.[5]).toBe('2383');
    expect(row?.[6]).toBe('2382,614678899083');
    expect(row?.[7]).toBe('osoby na km²');
    expect(row?.[12]).toContain('GUS, Bank Danych Lokalnych');
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
    // The same numbers; only the paging links differ (they repeat the request, `release=` included).
    const numbers = (body: unknown) => ({ ...(body as Record<string, unknown>), links: null });
    expect(numbers(pinned.json())).toEqual(numbers(first.json()));
    const gzip = await release.app.inject({ url: DATA, headers: { 'accept-encoding': 'gzip' } });
    expect(gzip.headers['content-encoding']).toBe('gzip');
  });

  it('serves a new release as soon as it is published, never a cached answer of the old one', async () => {
    const before = await release.app.inject(DATA);
    const cachedAgain = await release.app.inject(DATA);
    expect(cachedAgain.headers['x-smup-cache']).toBe('hit');
    // A new release that changes something else (publishing no change is a no-op since issue 14).
    await runIngest(release.test.db, [oneValueJob()], {
      description: 'test: another variable',
      publish: true,
    });
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

  it('documents the new data endpoints and the one problem+json error shape', async () => {
    const document = (await release.app.inject('/api/v1/openapi.json')).json() as {
      paths: Record<
        string,
        Record<string, { responses: Record<string, { content?: Record<string, unknown> }> }>
      >;
      components: { schemas: Record<string, unknown> };
    };
    expect(Object.keys(document.paths)).toEqual(
      expect.arrayContaining(['/api/v1/compare', '/api/v1/units/{teryt}/data']),
    );
    expect(document.components.schemas.Problem).toBeDefined();
    expect(Object.keys(document.paths)).toContain('/api/v1/config');
    const config = (await release.get('/api/v1/config')).body;
    expect(config).toMatchObject({
      languages: ['pl', 'en'],
      limits: { units: 50, indicators: 50, years: 30, requestsPerMinute: null },
      structure: {
        population: 'kontekst.ludnosc',
        density: 'kontekst.gestosc_zaludnienia',
        share_post_working_age: 'kontekst.udzial_poprodukcyjnych',
        revenue_per_resident: 'administracja_finanse.dochody_wlasne_na_mieszkanca',
      },
    });
    expect((config.formats as Array<{ id: string }>).map((f) => f.id)).toEqual([
      'json',
      'csv',
      'xlsx',
      'jsonstat',
    ]);
    expect(config.sources).toEqual(
      expect.arrayContaining([expect.objectContaining({ citation: 'Źródło: GUS, Bank Danych Lokalnych' })]),
    );
    const compare = document.paths['/api/v1/compare']?.get;
    for (const status of ['400', '404', '429']) {
      expect(Object.keys(compare?.responses[status]?.content ?? {})).toEqual(['application/problem+json']);
    }
  });

  it('answers a range of years for an indicator, paged in a stable order', async () => {
    const url = '/api/v1/indicators/kontekst.ludnosc/data?years=2015-2019&level=gmina';
    const { status, body } = await release.get(url);
    expect(status).toBe(200);
    expect(body).toMatchObject({ year: null, years: [2015, 2016, 2017, 2018, 2019], total: 5 * 2479 });
    expect(body.page).toBe(1);
    const items = body.items as Array<{ unit: { code: string }; year: number; value: number | null }>;
    expect(items).toHaveLength(5000); // the default page
    // Year first, then TERYT code: the first 2,479 items are 2015.
    expect(items[0]?.year).toBe(2015);
    expect(items[2479]?.year).toBe(2016);
    const page2 = (await release.get(`${url}&page=2&pageSize=100`)).body as {
      items: typeof items;
      links: { next: string; prev: string };
    };
    expect(page2.items).toEqual(items.slice(100, 200));
    expect(page2.links.next).toContain('page=3');
    expect(page2.links.prev).toContain('page=1');
    // The 2016 block of the range is the year=2016 answer, unit by unit.
    const single = (await release.get('/api/v1/indicators/kontekst.ludnosc/data?year=2016&level=gmina'))
      .body as { items: typeof items };
    expect(items.slice(2479, 2 * 2479).map((i) => [i.unit.code, i.value])).toEqual(
      single.items.map((i) => [i.unit.code, i.value]),
    );
    const csv = await release.app.inject(`${url}&format=csv`);
    expect(csv.body.slice(1).trim().split('\r\n')).toHaveLength(1 + 5 * 2479);
  });

  it('answers one unit’s indicators as time series in every format', async () => {
    const { status, body } = await release.get('/api/v1/units/1261011/data');
    expect(status).toBe(200);
    const data = body as {
      release: number;
      unit: { code: string; name: string; level: string };
      years: number[];
      indicators: Array<{
        id: string;
        citation: string;
        series: Array<{ year: number; value: number | null; reason: string | null }>;
      }>;
    };
    expect(data.unit).toMatchObject({ code: '1261011', name: 'Kraków', level: 'gmina' });
    expect(data.years).toEqual([2010, 2011, 2012, 2013, 2014, 2015, 2016, 2017, 2018, 2019]);
    const ids = data.indicators.map((i) => i.id);
    expect(ids).toEqual(expect.arrayContaining(['kontekst.ludnosc', 'kontekst.gestosc_zaludnienia']));
    const population = data.indicators.find((i) => i.id === 'kontekst.ludnosc');
    const fromIndicator = (
      await release.get('/api/v1/indicators/kontekst.ludnosc/data?year=2019&level=gmina')
    ).body as { indicator: { licence: string }; items: Array<{ unit: { code: string }; value: number }> };
    // Kraków on 31 XII 2019, as GUS publishes it (the BDL export's three economic age groups).
    expect(population?.series.find((c) => c.year === 2019)?.value).toBe(779_115);
    expect(fromIndicator.items.find((i) => i.unit.code === '1261011')?.value).toBe(779_115);
    expect(population?.citation).toContain('Obliczenia własne SMUP');
    // The indicator's data answer names its terms of reuse as the unit's data answer does.
    expect(fromIndicator.indicator.licence).toMatch(/^SMUP: CC BY 4\.0; GUS/);
    // A change over the previous year has no value in the first year, and says why.
    const change = data.indicators.find((i) => i.id === 'kontekst.zmiana_ludnosci');
    // The release starts in 2010, so the change of 2010 (which needs 2009) is a cell the release lacks.
    expect(change?.series[0]).toMatchObject({ year: 2010, value: null, reason: 'not-in-release' });

    const picked = await release.get(
      '/api/v1/units/1261011/data?indicators=kontekst.gestosc_zaludnienia,kontekst.ludnosc&years=2018-2019',
    );
    const pickedBody = picked.body as { indicators: Array<{ id: string; series: unknown[] }> };
    expect(pickedBody.indicators.map((i) => i.id)).toEqual([
      'kontekst.gestosc_zaludnienia',
      'kontekst.ludnosc',
    ]);
    expect(pickedBody.indicators[0]?.series).toHaveLength(2);

    const base = '/api/v1/units/1261011/data?indicators=kontekst.ludnosc&years=2018-2019';
    const csv = await release.app.inject({ url: base, headers: { accept: 'text/csv' } });
    expect(csv.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(csv.body.slice(1).trim().split('\r\n')).toHaveLength(3);
    const xlsx = await release.app.inject({
      url: base,
      headers: { accept: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' },
    });
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    expect(workbook.getWorksheet('dane')?.rowCount).toBe(3);
    const stat = await release.app.inject({ url: base, headers: { accept: 'application/json+jsonstat' } });
    const dataset = JSONstat(stat.json());
    expect(dataset.id).toEqual(['jst', 'wskaznik', 'rok']);
    expect(dataset.n).toBe(2);
    expect(dataset.Data({ jst: '1261011', wskaznik: 'kontekst.ludnosc', rok: '2019' })).toMatchObject({
      value: population?.series.find((c) => c.year === 2019)?.value,
    });

    expect((await release.get('/api/v1/units/9999999/data')).body).toMatchObject({
      status: 404,
      code: 'unit-not-found',
      param: 'teryt',
    });
    expect((await release.get('/api/v1/units/1261011/data?indicators=nie.ma')).body).toMatchObject({
      status: 404,
      code: 'indicator-not-found',
      param: 'indicators',
    });
  });

  it('downloads every value of a unit as shown and at full precision, TERYT as text (issue 16)', async () => {
    // Wrocław: a code with a leading zero, which Excel drops unless it is written as text.
    const json = (await release.get('/api/v1/units/0264011/data')).body as {
      years: number[];
      indicators: Array<{
        id: string;
        measureUnit: string;
        decimals: number;
        citation: string;
        licence: string;
        series: Array<{ year: number; value: number | null; reason: string | null }>;
      }>;
    };
    const cells = json.indicators.flatMap((i) => i.series.map((c) => ({ indicator: i, cell: c })));
    expect(json.indicators.length).toBeGreaterThan(3);
    expect(json.indicators.every((i) => i.licence.startsWith('SMUP: CC BY 4.0; GUS'))).toBe(true);

    const csv = await release.app.inject('/api/v1/units/0264011/data?format=csv&sep=semicolon&decimal=comma');
    const [header, ...rows] = parse(csv.body.slice(1), { delimiter: ';' }) as string[][];
    expect(header).toEqual([
      'kod_teryt',
      'nazwa',
      'wskaznik',
      'nazwa_wskaznika',
      'rok',
      'wartosc',
      'wartosc_pelna',
      'jednostka_miary',
      // The unit page's columns, in the year its tables show (against=group, the page's default).
      'zbior_odniesienia',
      'mediana_zbioru',
      'mediana_zbioru_pelna',
      'kwartyl_dolny',
      'kwartyl_gorny',
      'miejsce_w_zbiorze',
      'z_ilu',
      'pozycja',
      'flaga',
      'flaga_id',
      'flaga_opis',
      'przyczyna_braku',
      'zrodlo',
      'licencja',
      'wydanie',
    ]);
    expect(rows).toHaveLength(cells.length);
    let fractional = 0;
    for (const [i, { indicator, cell }] of cells.entries()) {
      const row = rows[i] as string[];
      expect(row[0]).toBe('="0264011"');
      expect([row[2], row[4]]).toEqual([indicator.id, String(cell.year)]);
      expect(row[7]).toBe(indicator.measureUnit);
      expect(row[20]).toBe(indicator.citation);
      expect(row[21]).toBe(indicator.licence);
      if (cell.value === null) {
        expect(row[5]).toBe('');
        expect(row[19]).toMatch(/^brak|^dzielenie|^tajemnica|^wynik/);
        continue;
      }
      const full = Number(row[6]?.replace(',', '.'));
      expect(full).toBe(Number(cell.value.toPrecision(16)));
      expect(row[6]?.replace(/[-,]/g, '').replace(/^0+/, '').length).toBeLessThanOrEqual(16);
      expect(row[5]).toBe(cell.value.toFixed(indicator.decimals).replace('.', ','));
      if (!Number.isInteger(cell.value)) fractional += 1;
    }
    expect(fractional).toBeGreaterThan(0);
    // The set's columns say what the unit page's profile says, on the rows of the years it compares; the
    // other years' rows leave them empty.
    const profile = (await release.get('/api/v1/units/0264011/profile?against=group')).body as {
      items: Array<{
        indicator: { id: string; decimals: number };
        year: number | null;
        set: { label: { pl: string }; group: { label: { pl: string } } | null } | null;
        statistics: { median: number; q1: number; q3: number } | null;
        position: { rank: number; rankedCount: number; positionClass: string } | null;
      }>;
    };
    const comma = (v: number, d: number) => v.toFixed(d).replace('.', ',');
    const words: Record<string, string> = {
      top25: 'najlepsze 25%',
      middle50: 'środkowe 50%',
      bottom25: 'najsłabsze 25%',
      neutral: 'bez oceny (wskaźnik neutralny)',
    };
    let compared = 0;
    for (const row of rows) {
      const item = profile.items.find((i) => i.indicator.id === row[2] && String(i.year) === row[4]);
      const { statistics: s, position: p } = item ?? { statistics: null, position: null };
      if (!item || !s) {
        expect(row.slice(8, 16), `${row[2]} ${row[4]}`).toEqual(['', '', '', '', '', '', '', '']);
        continue;
      }
      const d = item.indicator.decimals;
      expect(row.slice(8, 16), `${row[2]} ${row[4]}`).toEqual([
        item.set?.group ? `${item.set.label.pl}: ${item.set.group.label.pl}` : (item.set?.label.pl ?? ''),
        comma(s.median, d),
        String(Number(s.median.toPrecision(16))).replace('.', ','),
        comma(s.q1, d),
        comma(s.q3, d),
        p ? String(p.rank) : '',
        p ? String(p.rankedCount) : '',
        p ? words[p.positionClass] : '',
      ]);
      compared += 1;
    }
    expect(compared).toBe(profile.items.filter((i) => i.statistics !== null).length);
    expect(compared).toBeGreaterThan(1);
    // Another set and year, as the page's form chooses them: the same columns for that set and year.
    const voivodeship = await release.app.inject(
      '/api/v1/units/0264011/data?indicators=kontekst.ludnosc&against=voivodeship&setYear=2015&format=csv',
    );
    const [, ...v] = parse(voivodeship.body.slice(1)) as string[][];
    const in2015 = v.find((r) => r[4] === '2015');
    expect(in2015?.[8]).toBe('województwo');
    expect(Number(in2015?.[14])).toBeGreaterThan(1);
    expect(v.filter((r) => r[9] !== '')).toHaveLength(1);
    // A saved set that does not exist: as on the page, no statistics, and the set's column says why.
    const badSet = await release.app.inject(
      '/api/v1/units/0264011/data?indicators=kontekst.ludnosc&against=set:nie-ma&format=csv',
    );
    expect(badSet.statusCode).toBe(200);
    const [, ...b] = parse(badSet.body.slice(1)) as string[][];
    const latest = b.find((r) => r[8] !== '');
    expect(latest?.[8]).toMatch(/^zestaw użytkownika: ./);
    expect(latest?.slice(9, 16)).toEqual(['', '', '', '', '', '', '']);
    expect((await release.get('/api/v1/units/0264011/data?format=csv&against=nic')).body.param).toBe(
      'against',
    );

    const english = await release.app.inject('/api/v1/units/0264011/data?format=csv&lang=en');
    const [enHeader, enRow] = parse(english.body.slice(1)) as string[][];
    expect(enHeader?.slice(0, 8)).toEqual([
      'teryt_code',
      'name',
      'indicator',
      'indicator_name',
      'year',
      'value',
      'value_full',
      'measure_unit',
    ]);
    expect(enRow?.[0]).toBe('0264011');
    expect(english.body).not.toMatch(/osoby|brak danych|mieszkańca/);

    const xlsx = await release.app.inject('/api/v1/units/0264011/data?format=xlsx');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    const sheet = workbook.getWorksheet('dane');
    expect(sheet?.rowCount).toBe(1 + cells.length);
    const first = cells.findIndex((c) => c.cell.value !== null);
    const excelRow = sheet?.getRow(2 + first);
    expect(excelRow?.getCell(1).value).toBe('0264011');
    // As shown (a number rounded to the indicator's decimals), then at full precision.
    const shown = cells[first]?.cell.value?.toFixed(cells[first]?.indicator.decimals);
    expect(excelRow?.getCell(5).value).toBe(Number(shown));
    expect(excelRow?.getCell(6).value).toBe(Number(cells[first]?.cell.value?.toPrecision(16)));
    expect(excelRow?.getCell(19).value).toBe(cells[first]?.indicator.citation);
  });

  it('compares chosen units on chosen indicators and years, in every format', async () => {
    const url =
      '/api/v1/compare?units=1261011,1465011,1261&indicators=kontekst.ludnosc,kontekst.gestosc_zaludnienia&years=2018-2019';
    const { status, body } = await release.get(url);
    expect(status).toBe(200);
    const data = body as {
      release: number;
      units: Array<{ code: string; name: string }>;
      indicators: Array<{ id: string; measureUnit: string }>;
      total: number;
      items: Array<{
        indicator: string;
        unit: string;
        year: number;
        value: number | null;
        reason: string | null;
        detail: string | null;
      }>;
    };
    expect(data.units.map((u) => u.code)).toEqual(['1261011', '1465011', '1261']);
    expect(data.indicators.map((i) => i.id)).toEqual(['kontekst.ludnosc', 'kontekst.gestosc_zaludnienia']);
    expect(data.total).toBe(2 * 3 * 2);
    expect(data.items.slice(0, 3).map((i) => [i.indicator, i.unit, i.year])).toEqual([
      ['kontekst.ludnosc', '1261011', 2018],
      ['kontekst.ludnosc', '1261011', 2019],
      ['kontekst.ludnosc', '1465011', 2018],
    ]);
    const warszawa = data.items.find(
      (i) => i.unit === '1465011' && i.year === 2019 && i.indicator === 'kontekst.ludnosc',
    );
    expect(warszawa?.value).toBe(1_790_658);
    // The city with powiat rights (1261) is the sum of its one gmina, Kraków: 779,115 in 2019 (shared/data/README.md).
    const powiat = data.items.find(
      (i) => i.unit === '1261' && i.year === 2019 && i.indicator === 'kontekst.ludnosc',
    );
    expect(powiat?.value).toBe(779_115);
    // A powiat for a gmina-only indicator: null with the reason, never 0.
    const gminaOnly = await release.get(
      '/api/v1/compare?units=1261&indicators=edukacja.e8_polski&years=2025',
    );
    const [onlyItem] = (gminaOnly.body as { items: Array<Record<string, unknown>> }).items;
    expect(onlyItem).toMatchObject({ value: null, reason: 'not-in-release' });
    expect(String(onlyItem?.detail)).toContain('not published for the level powiat');

    const csv = await release.app.inject(`${url}&format=csv&sep=semicolon&decimal=comma`);
    expect(csv.body.startsWith('\uFEFFkod_teryt;')).toBe(true);
    const lines = csv.body.slice(1).trim().split('\r\n');
    expect(lines).toHaveLength(1 + 12);
    const density = lines.find(
      (l) =>
        l.startsWith('"=""1465011""";') &&
        l.includes('kontekst.gestosc_zaludnienia;') &&
        l.includes(';2019;'),
    );
    expect(density?.split(';')[6]).toMatch(/^\d+,\d+$/);
    const xlsx = await release.app.inject(`${url}&format=xlsx`);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    expect(workbook.getWorksheet('dane')?.rowCount).toBe(1 + 12);
    const meta = workbook.getWorksheet('metadane')?.getSheetValues().flat().join(' ') ?? '';
    expect(meta).toContain('kontekst.ludnosc');
    expect(meta).toContain('kontekst.gestosc_zaludnienia');
    expect(meta).toContain(String(data.release));
    const dataset = JSONstat((await release.app.inject(`${url}&format=jsonstat`)).json());
    expect(dataset.Dimension('jst')?.id).toEqual(['1261011', '1465011', '1261']);
    expect(dataset.n).toBe(12);
    expect(dataset.Data({ jst: '1465011', wskaznik: 'kontekst.ludnosc', rok: '2019' })).toMatchObject({
      value: 1_790_658,
    });

    // Revalidation and a stable page order.
    const first = await release.app.inject(url);
    const again = await release.app.inject({
      url,
      headers: { 'if-none-match': first.headers.etag as string },
    });
    expect(again.statusCode).toBe(304);
    const paged = (await release.get(`${url}&pageSize=5&page=3`)).body as typeof data;
    expect(paged.items).toEqual(data.items.slice(10, 12));
  });

  it("gives every compared cell the compared units' median and n, and the CSV over HTTP the same columns", async () => {
    const cities = ['1261011', '1465011', '1061011', '0264011'];
    const url = `/api/v1/compare?units=${cities.join(',')}&indicators=kontekst.ludnosc,kontekst.gestosc_zaludnienia&years=2018-2019`;
    const data = (await release.get(url)).body as unknown as CompareCells;
    expect(data.items).toHaveLength(2 * 4 * 2);
    for (const item of data.items) {
      const row = data.items.filter((i) => i.indicator === item.indicator && i.year === item.year);
      const values = row.map((i) => i.value as number).sort((a, b) => a - b);
      // The median of four values is halfway between the middle two.
      expect(item.comparedMedian).toBeCloseTo(((values[1] as number) + (values[2] as number)) / 2, 8);
      expect(item.comparedCount).toBe(4);
      // Population and density are context indicators (neutral): a median, no rank (the ranks of a
      // rated indicator are checked in domain/benchmark/compare-stats.test.ts and the researcher journey).
      expect(item.comparedRank).toBeNull();
    }
    const krakow2019 = data.items.find(
      (i) => i.unit === '1261011' && i.year === 2019 && i.indicator === 'kontekst.ludnosc',
    );
    expect(krakow2019?.value).toBe(779_115);
    // A gmina beside its city with powiat rights: no statistic mixes levels.
    const mixed = (
      await release.get(`/api/v1/compare?units=1261011,1261&indicators=kontekst.ludnosc&years=2019`)
    ).body as unknown as CompareCells;
    for (const item of mixed.items)
      expect([item.comparedMedian, item.comparedRank, item.comparedCount]).toEqual([null, null, null]);

    // The Polish Excel CSV as a browser gets it (over HTTP): one row per JSON cell, with its median and n.
    await release.app.listen({ port: 0, host: '127.0.0.1' });
    const base = `http://127.0.0.1:${(release.app.server.address() as AddressInfo).port}`;
    const response = await fetch(`${base}${url}&format=csv&sep=semicolon&decimal=comma`);
    expect(response.status).toBe(200);
    const bytes = Buffer.from(await response.arrayBuffer());
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const [header = [], ...rows] = parse(bytes, { delimiter: ';', bom: true }) as string[][];
    const column = (name: string) => header.indexOf(name);
    expect(header.slice(7, 12)).toEqual([
      'jednostka_miary',
      'mediana_porownywanych',
      'mediana_porownywanych_pelna',
      'miejsce_wsrod_porownywanych',
      'liczba_porownywanych_z_wartoscia',
    ]);
    expect(rows).toHaveLength(data.items.length);
    const decimals = new Map(data.indicators.map((i) => [i.id, i.decimals]));
    for (const [i, item] of data.items.entries()) {
      const row = rows[i] as string[];
      expect([row[0], row[2], row[4]]).toEqual([`="${item.unit}"`, item.indicator, String(item.year)]);
      const median = item.comparedMedian as number;
      expect(row[column('mediana_porownywanych')]).toBe(
        median.toFixed(decimals.get(item.indicator)).replace('.', ','),
      );
      expect(Number(row[column('mediana_porownywanych_pelna')]?.replace(',', '.'))).toBe(
        Number(median.toPrecision(16)),
      );
      expect(row[column('miejsce_wsrod_porownywanych')]).toBe('');
      expect(row[column('liczba_porownywanych_z_wartoscia')]).toBe('4');
    }
    const xlsx = await fetch(`${base}${url}&format=xlsx`);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(await xlsx.arrayBuffer());
    const sheet = workbook.getWorksheet('dane');
    expect(sheet?.getRow(1).getCell(8).value).toBe('mediana porównywanych');
    expect(sheet?.getRow(2).getCell(1).value).toBe('1261011');
    expect(sheet?.getRow(2).getCell(9).value).toBe(Number(data.items[0]?.comparedMedian?.toPrecision(16)));
  });

  it("answers with emptyYears=omit only an indicator's years with a value (the latest when there is none)", async () => {
    const url =
      '/api/v1/compare?units=1261011,1465011&indicators=kontekst.ludnosc,edukacja.e8_polski&years=2018-2025';
    const all = (await release.get(url)).body as unknown as CompareCells;
    expect(all.items).toHaveLength(2 * 2 * 8);
    const shown = (await release.get(`${url}&emptyYears=omit`)).body as unknown as CompareCells;
    // Population: the release's population file ends in 2019. Exam results: none in this release, so the
    // latest year alone, each unit's cell saying why it is missing.
    expect(shown.items.map((i) => `${i.indicator} ${i.unit} ${i.year}`)).toEqual([
      'kontekst.ludnosc 1261011 2018',
      'kontekst.ludnosc 1261011 2019',
      'kontekst.ludnosc 1465011 2018',
      'kontekst.ludnosc 1465011 2019',
      'edukacja.e8_polski 1261011 2025',
      'edukacja.e8_polski 1465011 2025',
    ]);
    expect(shown.total).toBe(6);
    expect(shown.items.at(-1)).toMatchObject({ value: null, comparedMedian: null, comparedCount: null });
    const csv = await release.app.inject(`${url}&emptyYears=omit&format=csv`);
    expect(csv.body.slice(1).trim().split('\r\n')).toHaveLength(1 + 6);
  });

  it('answers bad parameters with 400 or 404 naming the parameter and the limit, never a 500', async () => {
    const many = (n: number, make: (i: number) => string) =>
      Array.from({ length: n }, (_, i) => make(i)).join(',');
    const units51 = many(51, (i) => String(1000000 + i));
    const indicators51 = many(51, (i) => `a.b${i}`);
    const cases: Array<[string, number, string, string?]> = [
      [`/api/v1/compare?units=${units51}&indicators=kontekst.ludnosc`, 400, 'units', '50'],
      [`/api/v1/compare?units=1261011&indicators=${indicators51}`, 400, 'indicators', '50'],
      ['/api/v1/compare?units=1261011&indicators=kontekst.ludnosc&years=1980-2019', 400, 'years', '30'],
      ['/api/v1/compare?units=1261011&indicators=kontekst.ludnosc&years=2019-2015', 400, 'years'],
      ['/api/v1/compare?indicators=kontekst.ludnosc', 400, 'units'],
      ['/api/v1/compare?units=12x&indicators=kontekst.ludnosc', 400, 'units'],
      ['/api/v1/compare?units=1261011&indicators=kontekst.ludnosc&pageSize=100000', 400, 'pageSize'],
      ['/api/v1/compare?units=1261011,9999999&indicators=kontekst.ludnosc', 404, 'units'],
      ['/api/v1/compare?units=1261011&indicators=kontekst.ludnosc&release=99999', 404, 'release'],
      ['/api/v1/indicators/kontekst.ludnosc/data?level=gmina', 400, 'year'],
      ['/api/v1/indicators/kontekst.ludnosc/data?level=gmina&year=2019&years=2018-2019', 400, 'years'],
      ['/api/v1/indicators/kontekst.ludnosc/data?level=gmina&years=2019-20199', 400, 'years'],
      ['/api/v1/units/1261011/data?years=abc', 400, 'years'],
      ['/api/v1/units/1261011/data?format=pdf', 400, 'format'],
    ];
    for (const [url, status, param, limit] of cases) {
      const response = await release.app.inject(url);
      expect({ url, status: response.statusCode }).toEqual({ url, status });
      expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
      const problem = response.json() as { param: string; message: { pl: string; en: string } };
      expect({ url, param: problem.param }).toEqual({ url, param });
      if (limit) {
        expect(problem.message.en).toContain(limit);
        expect(problem.message.pl).toContain(limit);
      }
    }
  });

  it('answers a source variable in CSV and JSON-stat too', async () => {
    // Whichever source variable the release holds first (the mappings name them, not this test).
    const variables = (await release.get('/api/v1/variables?pageSize=1')).body as {
      items: Array<{ id: string }>;
    };
    const id = variables.items[0]?.id as string;
    const url = `/api/v1/variables/${id}/data?year=2019&level=gmina`;
    const csv = await release.app.inject(`${url}&format=csv&sep=semicolon`);
    expect(csv.statusCode).toBe(200);
    expect(csv.body.startsWith('\uFEFFkod_teryt;')).toBe(true);
    const dataset = JSONstat((await release.app.inject(`${url}&format=jsonstat`)).json());
    expect(dataset.class).toBe('dataset');
    expect(dataset.Dimension('wskaznik')?.id).toEqual([id]);
    // An unknown variable is the same 404 problem on the variable and on its data.
    for (const path of ['/api/v1/variables/bdl:0', '/api/v1/variables/bdl:0/data?year=2019&level=gmina']) {
      const missing = await release.get(path);
      expect(missing.status, path).toBe(404);
      expect([missing.body.code, missing.body.param], path).toEqual(['variable-not-found', 'id']);
    }
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
      const over = await limited.inject('/api/v1/health');
      expect(Number(over.headers['retry-after'])).toBeGreaterThan(0);
      expect(over.headers['content-type']).toMatch(/^application\/problem\+json/);
      const problem = over.json() as Record<string, unknown>;
      expect(problem).toMatchObject({ status: 429, code: 'rate-limited' });
      expect((problem.message as { pl: string }).pl).toContain('limit');
    } finally {
      await limited.close();
    }
  });
});
