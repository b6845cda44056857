/**
 * The public revision log of a release (issue 18, point 3), on both databases: a real release of population
 * and area (test/real-release.ts), then a second release revising Kraków's working-age population of 2019,
 * adding a value and re-flagging one; the log names each change by variable and unit with old → new, the
 * portal lists it, and the unit page links the changed value to its entry.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Observation } from '../src/domain/observations/observation.js';
import { computeIndicators } from '../src/pipeline/compute.js';
import { runIngest, type IngestJobSpec } from '../src/pipeline/ingest.js';
import { observationsIn } from '../src/store/observations-store.js';
import { liveReleaseId } from '../src/store/releases-store.js';
import { DATABASE_KINDS } from './databases.js';
import { openRealRelease, RELEASE_HOOK_MS, REAL_FILES, type RealRelease } from './real-release.js';

const KRAKOW = '1261011';
const WIELICZKA = '1219053';

interface Log {
  release: number;
  previous: number | null;
  total: number;
  summary: Array<{ variable: { id: string }; new: number; revised: number; flag: number; removed: number }>;
  items: Array<{
    variable: { id: string; name: string | null };
    unit: { code: string; name: string | null };
    year: number;
    kind: string;
    before: { value: number | null; flag: { id: number } | null } | null;
    after: { value: number | null; flag: { id: number } | null } | null;
  }>;
}

describe.each(DATABASE_KINDS)('revision log on %s', (kind) => {
  let release: RealRelease;
  let first: number;
  let second: number;
  let krakowBefore: number;

  beforeAll(async () => {
    release = await openRealRelease(kind, REAL_FILES.slice(0, 2));
    const { db } = release.test;
    first = (await liveReleaseId(db)) as number;
    const [krakow] = await observationsIn(db, first, {
      variableIds: ['bdl:152'],
      unitCodes: [KRAKOW],
      years: [2019],
    });
    krakowBefore = krakow?.value as number;
    const [wieliczka] = await observationsIn(db, first, {
      variableIds: ['bdl:152'],
      unitCodes: [WIELICZKA],
      years: [2019],
    });
    const changes: Observation[] = [
      {
        variableId: 'bdl:152',
        unitCode: KRAKOW,
        year: 2019,
        value: krakowBefore + 1000,
        flag: null,
        note: null,
      },
      // Same value, now flagged preliminary (9 "s").
      {
        variableId: 'bdl:152',
        unitCode: WIELICZKA,
        year: 2019,
        value: wieliczka?.value ?? null,
        flag: 9,
        note: null,
      },
    ];
    const job: IngestJobSpec = {
      source: {
        id: 'bdl',
        name: 'GUS BDL',
        citation: 'Źródło: GUS, Bank Danych Lokalnych',
        licence: 'CC BY 4.0',
        url: null,
      },
      jobKey: 'test:revision',
      description: 'a revision of two gminy',
      // No scope: the job changes these cells and removes nothing else.
      scope: { variables: [], years: [], unitCodeLengths: [] },
      variables: [],
      async *pages() {
        yield { requestKey: 'only', observations: changes };
      },
    };
    await runIngest(db, [job], { description: 'test: revision' });
    const population = release.catalog.indicators.filter((i) => i.id === 'kontekst.ludnosc');
    const { report } = await computeIndicators(db, population, {
      publish: true,
      rules: release.catalog.rules,
    });
    second = report.published?.releaseId as number;
  }, RELEASE_HOOK_MS);
  afterAll(async () => {
    await release?.close();
  });

  it('lists each changed value by variable and unit, with old → new, against the previous release', async () => {
    expect(second).toBeGreaterThan(first);
    const { status, body } = await release.get(
      `/api/v1/releases/${second}/changes?unit=${KRAKOW},${WIELICZKA}`,
    );
    expect(status).toBe(200);
    const log = body as unknown as Log;
    expect(log.previous).toBe(first);
    const krakow = log.items.find((i) => i.variable.id === 'bdl:152' && i.unit.code === KRAKOW);
    expect(krakow).toMatchObject({ year: 2019, kind: 'revised', unit: { name: 'Kraków' } });
    expect(krakow?.before?.value).toBe(krakowBefore);
    expect(krakow?.after?.value).toBe(krakowBefore + 1000);
    const wieliczka = log.items.find((i) => i.variable.id === 'bdl:152' && i.unit.code === WIELICZKA);
    expect(wieliczka).toMatchObject({ kind: 'flag', before: { flag: null }, after: { flag: { id: 9 } } });
    // The indicator computed from it is revised too (population = the three age groups).
    const indicator = log.items.find(
      (i) => i.variable.id === 'ind:kontekst.ludnosc' && i.unit.code === KRAKOW,
    );
    expect(indicator?.kind).toBe('revised');
    expect((indicator?.after?.value ?? 0) - (indicator?.before?.value ?? 0)).toBe(1000);
    // Nothing else of these two units changed; the summary counts the same cells.
    expect(log.total).toBe(log.items.length);
    expect(log.summary.find((s) => s.variable.id === 'bdl:152')).toMatchObject({
      revised: 1,
      flag: 1,
      new: 0,
    });
    // A filter by kind, and the first release, which has nothing to compare with.
    const flagged = (await release.get(`/api/v1/releases/${second}/changes?kind=flag&variable=bdl:152`))
      .body as unknown as Log;
    expect(flagged.items.map((i) => i.unit.code)).toEqual([WIELICZKA]);
    const initial = (await release.get(`/api/v1/releases/${first}/changes`)).body as unknown as Log;
    expect(initial).toMatchObject({ previous: null, total: 0 });
    expect((await release.get('/api/v1/releases/999999/changes')).status).toBe(404);
    expect((await release.get(`/api/v1/releases/${second}/changes?kind=changed`)).status).toBe(400);
  });

  it('shows the log in the portal and links a changed value of the unit page to its entry', async () => {
    const log = await release.app.inject(`/wydania/${second}/zmiany?jst=${KRAKOW}`);
    expect(log.statusCode).toBe(200);
    expect(log.body).toContain(`<h1>Zmiany w wydaniu ${second}</h1>`);
    expect(log.body).toContain('wartość zmieniona');
    expect(log.body).toContain(`id="bdl:152-${KRAKOW}-2019"`);
    const unit = await release.app.inject(`/jst/${KRAKOW}`);
    expect(unit.statusCode).toBe(200);
    expect(unit.body).toContain(
      `href="/wydania/${second}/zmiany?zmienna=ind%3Akontekst.ludnosc&amp;jst=${KRAKOW}#ind:kontekst.ludnosc-${KRAKOW}-2019"`,
    );
    // A unit with no change gets no link.
    const other = await release.app.inject('/jst/1465011');
    expect(other.body).not.toContain('zmiana w wydaniu');
    const home = await release.app.inject('/');
    expect(home.body).toContain(`href="/wydania/${second}/zmiany"`);
  });
});
