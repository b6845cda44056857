/**
 * The indicator data answer written as bytes (api/formats/indicator-items-json.ts) is byte for byte what the
 * route's schema serializer writes for the object answer (issue 14, point 7). For every indicator of the
 * bundled release (the first start's: real GUS, CKE, PSP and nursery-register data) at each of its levels in
 * 2019, the route's bytes — items from the in-memory benchmark context — are compared with a reference: the
 * same answer with its items built as objects from the database rows (indicatorItems over indicatorRows, the
 * path of an old release) and serialized by Fastify with the route's response schema. Also the items alone
 * against JSON.stringify, and pages and ranges of years (the writer's own cases: formats/indicator-items-json.test.ts).
 *
 * On PostgreSQL only: the bundled release takes ~30 s to build there and ~4 min on PGlite, and neither the
 * bytes nor the context depend on the database (the API suites check the answers' values on both).
 */
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../src/api/server.js';
import { indicatorColumns, indicatorItems, unitsOfLevel } from '../src/api/indicator-items.js';
import { indicatorRows } from '../src/api/indicator-values.js';
import { IndicatorData } from '../src/api/schemas/indicators.js';
import { buildServer } from '../src/server.js';
import { ensureUnitsRegister } from '../src/pipeline/bundled-register.js';
import { ensureBundledRelease } from '../src/pipeline/bundled-release.js';
import { loadCatalog } from '../src/sources/catalog/load-catalog.js';
import { JST_LEVELS } from '../src/domain/units/teryt-code.js';
import { currentUnitsCached } from '../src/store/current-units-cache.js';
import { migrate } from '../src/store/migrate.js';
import { liveReleaseId } from '../src/store/releases-store.js';
import { openTestDatabase, type TestDatabase } from './databases.js';

const YEAR = 2019;

interface Answer {
  years: number[];
  level: string;
  page: number;
  pageSize: number;
  items: { value: number | null; flag: unknown; reason: string | null; detail: string | null }[];
}

describe('the indicator data answer as bytes, on the bundled release (PostgreSQL)', () => {
  const catalog = loadCatalog();
  let test: TestDatabase;
  let app: FastifyInstance;
  /** Fastify as the API builds it, with one route that serializes a given answer by the data route's schema. */
  let reference: FastifyInstance;
  let answerToSerialize: Record<string, unknown> = {};
  let release: number;

  beforeAll(async () => {
    test = await openTestDatabase('postgres');
    await migrate(test.db);
    await ensureUnitsRegister(test.db);
    await ensureBundledRelease(test.db);
    release = (await liveReleaseId(test.db)) as number;
    app = await buildServer({
      db: test.db,
      version: 'test',
      logLevel: 'silent',
      catalog,
      responseCacheBytes: 0,
    });
    reference = createApp({ logLevel: 'silent' });
    reference.get(
      '/reference',
      { schema: { response: { 200: IndicatorData } } },
      async () => answerToSerialize,
    );
    await reference.ready();
  }, 300_000);
  afterAll(async () => {
    await app?.close();
    await reference?.close();
    await test?.drop();
  });

  /** The route's bytes for `query`, and the reference bytes of the same answer with its items as objects. */
  async function bothWays(id: string, query: string) {
    const response = await app.inject(`/api/v1/indicators/${id}/data?${query}`);
    expect(response.statusCode, `${id} ${query}`).toBe(200);
    expect(response.headers['content-type']).toBe('application/json; charset=utf-8');
    const fast = response.rawPayload;
    const answer = JSON.parse(fast.toString('utf8')) as Answer;
    const indicator = catalog.indicators.find((i) => i.id === id);
    if (!indicator) throw new Error(`no indicator ${id}`);
    const units = unitsOfLevel(await currentUnitsCached(test.db), answer.level);
    const stored = await indicatorRows(test.db, release, { indicators: [indicator], years: answer.years });
    const columns = indicatorColumns(stored, id, units, answer.years);
    const from = (answer.page - 1) * answer.pageSize;
    const items = indicatorItems(columns, from, from + answer.pageSize);
    answerToSerialize = { ...answer, items };
    const serialized = (await reference.inject('/reference')).rawPayload;
    return { fast, serialized, items, answer };
  }

  it('writes every indicator at each of its levels in 2019 exactly as the schema serializer does', async () => {
    const differences: string[] = [];
    const seen = { answers: 0, values: 0, flags: 0, reasons: new Set<string>(), nonAscii: 0 };
    for (const indicator of catalog.indicators) {
      // The levels the data route serves (an indicator of the country has no JST level to ask for).
      for (const level of indicator.levels.filter((l) => (JST_LEVELS as readonly string[]).includes(l))) {
        const { fast, serialized, items, answer } = await bothWays(
          indicator.id,
          `year=${YEAR}&level=${level}`,
        );
        seen.answers++;
        if (!fast.equals(serialized)) {
          const at = [...fast].findIndex((byte, i) => byte !== serialized[i]);
          differences.push(
            `${indicator.id} ${level} at byte ${at}: …${fast.subarray(at - 40, at + 40).toString()}… ≠ …${serialized.subarray(at - 40, at + 40).toString()}…`,
          );
        }
        // The items alone as JSON.stringify writes the objects (their keys are in the schema's order).
        const text = fast.toString('utf8');
        const itemsJson = JSON.stringify(items);
        if (!text.endsWith(`"items":${itemsJson}}`)) differences.push(`${indicator.id} ${level}: items`);
        for (const item of answer.items) {
          if (item.value !== null) seen.values++;
          if (item.flag !== null) seen.flags++;
          if (item.reason !== null) seen.reasons.add(item.reason);
        }
        if (Buffer.byteLength(itemsJson) > itemsJson.length) seen.nonAscii++; // a character beyond ASCII
      }
    }
    expect(differences.slice(0, 5)).toEqual([]);
    // The release is varied enough for the comparison to mean something: values, flags, reasons of a missing
    // value and names beyond ASCII (a source covering part of the country is the next test's).
    expect(seen.answers).toBeGreaterThan(100);
    expect(seen.values).toBeGreaterThan(50_000);
    expect(seen.flags).toBeGreaterThan(0);
    expect([...seen.reasons]).toEqual(expect.arrayContaining(['not-in-release', 'division-by-zero']));
    expect(seen.nonAscii).toBeGreaterThan(seen.answers / 2);
  }, 300_000);

  it('writes pages and ranges of years exactly as the schema serializer does', async () => {
    for (const query of [
      `years=2015-${YEAR}&level=gmina&pageSize=1000&page=3`,
      `years=2010-${YEAR}&level=gmina`,
      `year=${YEAR}&level=powiat&pageSize=7&page=45`,
      `year=${YEAR}&level=gmina&pageSize=100&page=999`, // past the last page: no items
    ]) {
      const { fast, serialized } = await bothWays('kontekst.ludnosc', query);
      expect(fast.toString('utf8'), query).toBe(serialized.toString('utf8'));
    }
  });
});
