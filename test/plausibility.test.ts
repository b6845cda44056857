/**
 * Plausibility rules on real data, on both databases: the BDL export gives Boguszów-Gorce (0221011) an own
 * revenue of 0 zł for 2019 (19–29 M zł the years before; shared/data/README.md). The catalogue's rules flag
 * it suspect; it stays visible with its flag, but out of the set statistics, the ranking and the map classes;
 * a rule that no longer holds lifts the mark and gives the source's flag back.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { computeIndicators } from '../src/pipeline/compute.js';
import { checkRelease } from '../src/pipeline/check.js';
import { observationsIn } from '../src/store/observations-store.js';
import { liveReleaseId } from '../src/store/releases-store.js';
import { DATABASE_KINDS } from './databases.js';
import { FINANCE_INDICATORS, openRealRelease, RELEASE_HOOK_MS, type RealRelease } from './real-release.js';

const ID = 'administracja_finanse.dochody_wlasne_na_mieszkanca';
const BOGUSZOW = '0221011';

describe.each(DATABASE_KINDS)('plausibility rules on %s', (kind) => {
  let release: RealRelease;
  const ownRevenue = async () => {
    const id = (await liveReleaseId(release.test.db)) as number;
    const [row] = await observationsIn(release.test.db, id, {
      variableIds: ['bdl:76070'],
      unitCodes: [BOGUSZOW],
      years: [2019],
    });
    return row;
  };

  beforeAll(async () => {
    // Own revenue and the population (groups need it) among them: the rules run on their variables whatever is
    // computed. The reports' lean set, so the run builds it once for both suites.
    release = await openRealRelease(kind, undefined, FINANCE_INDICATORS);
  }, RELEASE_HOOK_MS);
  afterAll(async () => {
    await release?.close();
  });

  it('flags the zero own revenue of Boguszów-Gorce 2019 suspect, naming the rules, and lists it', async () => {
    expect(await ownRevenue()).toMatchObject({
      value: 0,
      flag: 201,
      note: 'suspect: dochody-wlasne-na-mieszkanca, dochody-wlasne-niezerowe | was: flag=-',
    });
    const { violations } = await checkRelease(release.test.db, release.catalog.rules);
    const hard = violations.filter((v) => v.severity === 'hard');
    expect(hard.map((v) => [v.ruleId, v.unitCode, v.year])).toEqual([
      ['dochody-wlasne-niezerowe', BOGUSZOW, 2019],
      ['dochody-wlasne-na-mieszkanca', BOGUSZOW, 2019],
    ]);
  });

  it('shows the value with its flag in the API, and leaves it out of the set and the ranking', async () => {
    const data = (await release.get(`/api/v1/indicators/${ID}/data?level=gmina&year=2019`)).body as {
      items: Array<{
        unit: { code: string };
        value: number | null;
        flag: { id: number; label: { pl: string } } | null;
      }>;
    };
    const item = data.items.find((i) => i.unit.code === BOGUSZOW);
    expect(item).toMatchObject({ value: 0, flag: { id: 201 } });
    expect(item?.flag?.label.pl).toMatch(/^wartość podejrzana/);

    const { body } = await release.get(
      `/api/v1/indicators/${ID}/distribution?year=2019&level=gmina&against=voivodeship&unit=${BOGUSZOW}`,
    );
    const distribution = body as {
      statistics: { members: number; countWithData: number; excluded: { codes: string[] } };
      position: unknown;
    };
    expect(distribution.statistics.excluded.codes).toEqual([BOGUSZOW]);
    // Dolnośląskie has 169 gminy; the suspect one is not among those with data.
    expect(distribution.statistics.members).toBe(169);
    expect(distribution.statistics.countWithData).toBe(168);
    expect(distribution.position).toBeNull();

    const page = await release.app.inject(`/wskaznik/${ID}?jst=${BOGUSZOW}&rok=2019`);
    const row = page.body.split('id="ranking"')[1]?.split(`href="/jst/${BOGUSZOW}"`)[0]?.split('<tr').at(-1);
    expect(row).toMatch(/data-label="Miejsce">\s*<span class="cell">—<\/span>/);
    // The map is a file of its own (the page's <img>): the suspect value is named in its shape's title.
    const mapSrc = /<img class="choropleth" src="([^"]+)"/.exec(page.body)?.[1]?.replace(/&amp;/g, '&') ?? '';
    expect((await release.app.inject(mapSrc)).body).toContain(
      'Boguszów-Gorce: 0 zł na mieszkańca (wartość podejrzana, pominięta w klasach)',
    );
  });

  it(
    'lifts the mark when the rules no longer hold, giving the source flag back',
    { timeout: 120_000 },
    async () => {
      const rules = release.catalog.rules.filter((r) => !r.rule.id.startsWith('dochody-wlasne'));
      // One indicator is enough to run the check (the rules read their own variables) and keeps this quick.
      const indicators = release.catalog.indicators.filter((i) => i.id === ID);
      const { check } = await computeIndicators(release.test.db, indicators, {
        publish: true,
        rules,
      });
      expect(check).toMatchObject({ marked: 0, lifted: 1 });
      expect(await ownRevenue()).toMatchObject({ value: 0, flag: null, note: null });
      // And back: the full catalogue marks it again.
      const again = await computeIndicators(release.test.db, indicators, {
        publish: true,
        rules: release.catalog.rules,
      });
      expect(again.check).toMatchObject({ marked: 1, lifted: 0 });
      expect((await ownRevenue())?.flag).toBe(201);
    },
  );
});
