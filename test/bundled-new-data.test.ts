/**
 * The data added to the bundle for issue 13 (point 2), on both databases, through the bundle's own path
 * (manifest entries → jobs, the nursery register as a non-table entry) and the API: the 2020 five-year
 * table at three levels, the 2024 population, the nursery register and the PSP listing whose year is
 * assumed. Only the indicators checked are computed, to keep it lean (~20 s per database).
 */
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildServer } from '../src/server.js';
import { ensureUnitsRegister } from '../src/pipeline/bundled-register.js';
import { prepareBundledRelease, type BundleNotice } from '../src/pipeline/bundled-release.js';
import { computeIndicators } from '../src/pipeline/compute.js';
import { runIngest } from '../src/pipeline/ingest.js';
import { readBundleManifest } from '../src/sources/bundle/release-bundle.js';
import { loadCatalog } from '../src/sources/catalog/load-catalog.js';
import { migrate } from '../src/store/migrate.js';
import { observationsIn } from '../src/store/observations-store.js';
import { liveReleaseId } from '../src/store/releases-store.js';
import { DATABASE_KINDS, openTestDatabase, type TestDatabase } from './databases.js';

const ENTRIES = [
  'ludnosc-5l-gminy-2020',
  'ludnosc-5l-powiaty-2020',
  'ludnosc-5l-wojewodztwa-2020',
  'ludnosc-gestosc-2024',
  'rejestr-zlobkow-2025',
  'psp-zdarzenia',
];
const INDICATORS = [
  'opieka_przedszkolna.udzial_dzieci_0_4_2020', // reads ludnosc_5l_ogolem: its sums up the register are made
  'bezpieczenstwo.zdarzenia_psp_plik_na_1000',
  'opieka_przedszkolna.miejsca_zlobki_rejestr_na_1000_dzieci_0_4',
];

interface Item {
  unit: { code: string };
  value: number | null;
  flag: { id: number } | null;
}

describe.each(DATABASE_KINDS)('new bundled data (2020, 2024, nursery register, PSP) on %s', (kind) => {
  let test: TestDatabase;
  let app: FastifyInstance;
  let notices: BundleNotice[];
  const get = async (url: string) => {
    const response = await app.inject(url);
    expect(response.statusCode, url).toBe(200);
    return response.json() as { items: Item[] };
  };
  const item = (body: { items: Item[] }, unit: string) => body.items.find((i) => i.unit.code === unit);

  beforeAll(async () => {
    test = await openTestDatabase(kind);
    await migrate(test.db);
    await ensureUnitsRegister(test.db);
    const entries = readBundleManifest().entries.filter((e) => ENTRIES.includes(e.id));
    expect(entries.map((e) => e.id).sort()).toEqual([...ENTRIES].sort());
    const prepared = await prepareBundledRelease(test.db, entries);
    notices = prepared.notices;
    await runIngest(test.db, prepared.jobs, { description: 'test: new bundled data' });
    const catalog = loadCatalog();
    await computeIndicators(
      test.db,
      catalog.indicators.filter((i) => INDICATORS.includes(i.id)),
      { publish: true },
    );
    app = await buildServer({ db: test.db, version: 'test', logLevel: 'silent', catalog });
  }, 180_000);
  afterAll(async () => {
    await app?.close();
    await test?.drop();
  });

  it("gives Kraków's 2024 population from the 2024 file (809.17 thousand) and its 2020 five-year total", async () => {
    // shared/data/README.md: Kraków 809.17 thousand in 2024, stored in thousands as published.
    const y2024 = await get(
      `/api/v1/variables/${encodeURIComponent('gus-bdl-portal:ludnosc-tys')}/data?year=2024&level=gmina`,
    );
    expect(item(y2024, '1261011')?.value).toBe(809.17);
    // README: Kraków 779,966 and Warszawa 1,794,166 on 31 XII 2020.
    const y2020 = await get(
      `/api/v1/variables/${encodeURIComponent('gus-bdl-portal:ludnosc-5l-ogolem')}/data?year=2020&level=gmina`,
    );
    expect(item(y2020, '1261011')?.value).toBe(779_966);
    expect(item(y2020, '1465011')?.value).toBe(1_794_166);
  });

  it('sums the 2020 five-year table of gminy to 38,265,013 for Poland, as its own województwa rows do', async () => {
    const gminy = await get(
      `/api/v1/variables/${encodeURIComponent('gus-bdl-portal:ludnosc-5l-ogolem')}/data?year=2020&level=gmina`,
    );
    const sum = gminy.items
      .filter((i) => /^\d{6}[123]$/.test(i.unit.code))
      .reduce((s, i) => s + (i.value ?? 0), 0);
    expect(sum).toBe(38_265_013); // README: "gminy sum to 38,265,013"
    // Poland (unit "0") is the sum of the source's own województwa rows, which give the same total.
    const release = (await liveReleaseId(test.db)) as number;
    const [poland] = await observationsIn(test.db, release, {
      variableIds: ['gus-bdl-portal:ludnosc-5l-ogolem'],
      unitCodes: ['0'],
      years: [2020],
    });
    expect(poland?.value).toBe(38_265_013);
  });

  it('gives the nursery places of Kraków and Warszawa and reports the 17 unmatched rows', async () => {
    const places = await get(
      `/api/v1/variables/${encodeURIComponent('mrips-rejestr-zlobkow:zlobki-miejsca')}/data?year=2025&level=gmina`,
    );
    // README: powiat Kraków 6,457 places, Warszawa 12,222 (cities with powiat rights = their gmina).
    expect(item(places, '1261011')?.value).toBe(6_457);
    expect(item(places, '1465011')?.value).toBe(12_222);
    // The 17 rows with empty województwo/powiat/gmina are reported, not silently dropped.
    expect(notices).toHaveLength(1);
    expect(notices[0]?.unmatched).toHaveLength(17);
    expect(notices[0]?.unmatched.every((u) => u.reason === 'empty')).toBe(true);
    expect(notices[0]?.message).toMatch(/^17 rows of rejestr-zlobkow-MRiPS-2025-07-08\.csv matched no gmina/);
    // Places 2025 per 1000 children aged 0–4 of 2020: Kraków 6,457 ÷ its 0–4 group of 2020 × 1000.
    const [children] = await observationsIn(test.db, (await liveReleaseId(test.db)) as number, {
      variableIds: ['gus-bdl-portal:ludnosc-5l-0-4'],
      unitCodes: ['1261011'],
      years: [2020],
    });
    const rate = await get(
      '/api/v1/indicators/opieka_przedszkolna.miejsca_zlobki_rejestr_na_1000_dzieci_0_4/data?year=2025&level=gmina',
    );
    expect(item(rate, '1261011')?.value).toBeCloseTo((6_457 / (children?.value as number)) * 1000, 9);
  });

  it('flags every PSP value 202 (year assumed), and the indicator computed from them too', async () => {
    const psp = await get(
      `/api/v1/variables/${encodeURIComponent('psp-zdarzenia:zdarzenia-ogolem')}/data?year=2024&level=gmina`,
    );
    // Kraków = its five rows 197 + 223 + 320 + 453 + 259 (mappings/psp-zdarzenia-gminy.yaml).
    expect(item(psp, '1261011')).toMatchObject({ value: 1_452, flag: { id: 202 } });
    expect(psp.items.length).toBeGreaterThan(2_400);
    expect(psp.items.every((i) => i.flag?.id === 202)).toBe(true);
    const rate = await get(
      '/api/v1/indicators/bezpieczenstwo.zdarzenia_psp_plik_na_1000/data?year=2024&level=gmina',
    );
    // Incidents ÷ the 2024 population in thousands = per 1000 residents: 1,452 ÷ 809.17.
    expect(item(rate, '1261011')?.value).toBeCloseTo(1_452 / 809.17, 9);
    expect(item(rate, '1261011')?.flag?.id).toBe(202);
  });
});
