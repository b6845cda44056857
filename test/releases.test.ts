/**
 * Releases and ingest on both databases: publish, idempotent re-ingest, changes and removals, resume after
 * an interrupted run, discard, rollback, diff. Values are real: population on 31 XII 2019 from the BDL portal
 * export in shared/data (Warszawa 1,790,658; Kraków 779,115; Łódź 679,941; Poznań 534,813).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildServer } from '../src/server.js';
import type { Observation } from '../src/domain/observations/observation.js';
import { runIngest, type IngestJobSpec, type IngestPage } from '../src/pipeline/ingest.js';
import { discardCurrentDraft, publishDraft, ReleaseError, rollback } from '../src/pipeline/releases.js';
import type { Database } from '../src/store/database.js';
import { migrate } from '../src/store/migrate.js';
import { observationsIn } from '../src/store/observations-store.js';
import { currentDraft, diffReleases, listReleases, liveReleaseId } from '../src/store/releases-store.js';
import { DATABASE_KINDS, openTestDatabase, type TestDatabase } from './databases.js';
import { POPULATION_2019, POPULATION_VARIABLE, VARIABLE } from './population-job.js';

const variable = POPULATION_VARIABLE;

function obs(unitCode: string, value: number | null, flag: number | null = null): Observation {
  return { variableId: VARIABLE, unitCode, year: 2019, value, flag, note: null };
}

/** A job of two pages; `failAfter` makes the source fail after that many pages (an interrupted run). */
function job(
  values: Record<string, number | null>,
  options: { failAfter?: number; fetched?: string[] } = {},
): IngestJobSpec {
  const entries = Object.entries(values).map(([code, value]) => obs(code, value));
  const pages: IngestPage[] = [
    { requestKey: 'page-0', observations: entries.slice(0, 2) },
    { requestKey: 'page-1', observations: entries.slice(2) },
  ];
  return {
    source: {
      id: 'test',
      name: 'GUS BDL (test)',
      citation: 'Źródło: GUS, Bank Danych Lokalnych',
      licence: 'CC BY 4.0',
      url: null,
    },
    jobKey: 'test:ludnosc:2019',
    description: 'ludność 2019',
    scope: { variables: [VARIABLE], years: [2019], unitCodeLengths: [7] },
    variables: [variable],
    async *pages(alreadyFetched) {
      let served = 0;
      for (const page of pages) {
        if (alreadyFetched(page.requestKey)) continue;
        if (options.failAfter !== undefined && served >= options.failAfter)
          throw new Error('connection reset');
        options.fetched?.push(page.requestKey);
        served++;
        yield page;
      }
    },
  };
}

/**
 * A scenario, not independent tests: the steps share one database and run in the order written (vitest runs
 * a file's tests in sequence), each starting from the releases the one before left — release 1, the same
 * data again, release 2 with a change, an interrupted run, a discard, a rollback. Run alone, a later step
 * would find no release to build on; `-t` on one step is therefore not meaningful.
 */
describe.each(DATABASE_KINDS)('releases on %s (scenario: steps in order)', (kind) => {
  let test: TestDatabase;
  let db: Database;
  const valuesIn = async (release: number) =>
    Object.fromEntries(
      (await observationsIn(db, release, { variableIds: [VARIABLE] })).map((o) => [o.unitCode, o.value]),
    );

  beforeAll(async () => {
    test = await openTestDatabase(kind);
    db = test.db;
    await migrate(db);
  });
  afterAll(async () => {
    await test?.drop();
  });

  it('publishes an ingest as release 1', async () => {
    const report = await runIngest(db, [job(POPULATION_2019)], { description: 'first', publish: true });
    expect(report.jobs[0]?.stats).toEqual({ added: 4, changed: 0, removed: 0, unchanged: 0 });
    expect(report.published).toMatchObject({ releaseId: 1, previous: null, added: 4 });
    expect(await liveReleaseId(db)).toBe(1);
    expect(await valuesIn(1)).toEqual(POPULATION_2019);
  });

  it('changes nothing when the same data is ingested again: no new release, the empty draft is discarded', async () => {
    const report = await runIngest(db, [job(POPULATION_2019)], { description: 'again', publish: true });
    expect(report.jobs[0]?.stats).toEqual({ added: 0, changed: 0, removed: 0, unchanged: 4 });
    expect(report.published).toMatchObject({ releaseId: 1, previous: 1, unchanged: true, variables: 0 });
    expect(await liveReleaseId(db)).toBe(1);
    expect((await listReleases(db)).find((r) => r.id === 2)?.status).toBe('discarded');
    expect(await currentDraft(db)).toBeNull();
    const [row] = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM observation');
    expect(row?.n).toBe(4); // no duplicates
  });

  it('records a changed and a removed value in a new release; the old release keeps its numbers', async () => {
    const { '3064011': _poznan, ...rest } = POPULATION_2019;
    await runIngest(db, [job({ ...rest, '1261011': 779_116 })], { description: 'revised', publish: true });
    expect(await diffReleases(db, 1, 3)).toEqual([
      { variableId: VARIABLE, added: 0, changed: 1, removed: 1 },
    ]);
    expect(await valuesIn(3)).toEqual({ ...rest, '1261011': 779_116 });
    expect(await valuesIn(1)).toEqual(POPULATION_2019);
  });

  it('leaves the live release as it was when a run fails halfway, and resumes without refetching', async () => {
    const failing = job(POPULATION_2019, { failAfter: 1 });
    await expect(runIngest(db, [failing], { description: 'interrupted', publish: true })).rejects.toThrow(
      'connection reset',
    );
    expect(await liveReleaseId(db)).toBe(3);
    const draft = await currentDraft(db);
    expect(draft?.id).toBe(4);
    await expect(publishDraft(db)).rejects.toThrow(/unfinished ingest jobs \(ludność 2019\)/);
    const fetched: string[] = [];
    const report = await runIngest(db, [job(POPULATION_2019, { fetched })], {
      description: 'resumed',
      publish: true,
    });
    expect(fetched).toEqual(['page-1']); // page-0 was staged by the failed run
    expect(report.releaseId).toBe(4);
    expect(await valuesIn(4)).toEqual(POPULATION_2019);
  });

  it('discards a draft: its writes go, what it replaced comes back', async () => {
    await runIngest(db, [job({ ...POPULATION_2019, '1465011': 1 })], { description: 'wrong' });
    expect(await valuesIn(5)).toMatchObject({ '1465011': 1 });
    expect(await discardCurrentDraft(db)).toBe(5);
    expect(await valuesIn(4)).toEqual(POPULATION_2019);
    expect((await listReleases(db)).find((r) => r.id === 5)?.status).toBe('discarded');
    expect(await currentDraft(db)).toBeNull();
  });

  it('rolls back to the release live before, as a new release that says so', async () => {
    const result = await rollback(db);
    // 4 → 3: Kraków goes back to the revised value, Poznań (absent in 3) is removed again.
    expect(result).toMatchObject({ previous: 4, revertsTo: 3, added: 0, changed: 1, removed: 1 });
    expect(await liveReleaseId(db)).toBe(result.releaseId);
    expect(await valuesIn(result.releaseId)).toEqual(await valuesIn(3));
    expect(await valuesIn(4)).toEqual(POPULATION_2019); // still queryable
    await expect(rollback(db, 5)).rejects.toBeInstanceOf(ReleaseError); // a discarded release
  });

  it('counts what each published release holds once, from the release before it, equal to a count of its rows', async () => {
    const stored = await db.query<{ release: number; rows: string }>(
      `SELECT release_id AS release, string_agg(concat_ws('|', variable_id, year, code_length, value_count, missing_count),
         ',' ORDER BY variable_id, year, code_length) AS rows
       FROM release_coverage GROUP BY 1 ORDER BY 1`,
    );
    const counted = await db.query<{ release: number; rows: string }>(
      `SELECT r.id AS release, string_agg(concat_ws('|', c.variable_id, c.year, c.code_length, c.v, c.m),
         ',' ORDER BY c.variable_id, c.year, c.code_length) AS rows
       FROM release r
       CROSS JOIN LATERAL (
         SELECT o.variable_id, o.year, length(o.unit_code) AS code_length, count(o.value) AS v,
                count(*) - count(o.value) AS m
         FROM observation o
         WHERE o.first_release <= r.id AND (o.last_release IS NULL OR o.last_release > r.id)
         GROUP BY 1, 2, 3) c
       WHERE r.status = 'published' GROUP BY 1 ORDER BY 1`,
    );
    // 1 counted from its rows; 3 from 1 (a change, a removal); 4 from 3 (a value back); 6 from 4 (the rollback).
    expect(stored.map((r) => r.release)).toEqual([1, 3, 4, 6]);
    expect(stored).toEqual(counted);
    expect(stored.find((r) => r.release === 3)?.rows).toBe(`${VARIABLE}|2019|7|3|0`);
  });

  it('serves variables, their years and the releases over the API, and names the live release in /health', async () => {
    const app = await buildServer({ db, version: 'test', logLevel: 'silent' });
    try {
      const get = async (url: string) => (await app.inject({ method: 'GET', url })).json();
      const live = await liveReleaseId(db);
      expect(await get('/api/v1/health')).toMatchObject({ release: { live } });
      const found = await get('/api/v1/variables?q=ludnosc%20ogolem');
      expect(found).toMatchObject({
        total: 1,
        items: [{ id: VARIABLE, measureUnit: 'osoba', source: { id: 'test' } }],
      });
      expect((await get('/api/v1/variables?q=wydatki')).total).toBe(0);
      expect(await get(`/api/v1/variables/${VARIABLE}`)).toMatchObject({
        release: live,
        years: [{ year: 2019, count: 3 }],
      });
      const missing = await app.inject({ method: 'GET', url: '/api/v1/variables/test:none' });
      expect(missing.statusCode).toBe(404);
      const releases = await get('/api/v1/releases');
      expect(releases.live).toBe(live);
      // Published releases only (issue 14): the discarded drafts 2 and 5 are not listed publicly.
      expect(releases.items.map((r: { id: number; status: string }) => `${r.id}:${r.status}`)).toEqual([
        '6:published',
        '4:published',
        '3:published',
        '1:published',
      ]);
    } finally {
      await app.close();
    }
  });
});
