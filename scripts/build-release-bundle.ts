/**
 * Builds data/release/: gzip copies of the official files in ../shared/data that SMUP ships as its bundled
 * release, and manifest.json naming each file's mapping, SHA-256 and provenance.
 *
 *   npm run data:build:release
 *
 * Checks before writing: every file reads with its mapping (or, for the nursery register, its own reader)
 * without a hard error, against the bundled units register, and the sample values shared/data/README.md
 * states are what the reader gets (a failed check stops the build: nothing is written for it).
 */
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { basename, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { loadMapping } from '../src/sources/tabular/mapping-schema.js';
import { readTable } from '../src/sources/tabular/reader.js';
import { makeUnitResolver } from '../src/sources/tabular/unit-resolver.js';
import { readBundledSnapshot } from '../src/sources/teryt/units-snapshot.js';
import { POLAND } from '../src/domain/units/unit.js';
import type { Observation } from '../src/domain/observations/observation.js';
import { readNurseryRegister } from '../src/sources/nursery/register-reader.js';
import {
  BUNDLE_DIR,
  BUNDLE_FORMAT,
  REPO_ROOT,
  type BundleEntry,
  type BundleEntryKind,
  type BundleManifest,
} from '../src/sources/bundle/release-bundle.js';

const SHARED = resolve(process.env.SMUP_SHARED_DATA ?? `${REPO_ROOT}../shared/data`);

/** A value shared/data/README.md states: variable, unit, year, expected value. */
type Check = readonly [variable: string, unit: string, year: number, expected: number];

interface FileSpec {
  id: string;
  path: string;
  kind?: BundleEntryKind;
  /** table entries: the mapping (mappings/….yaml). */
  mapping?: string;
  /** nursery-register entries: the state date of the register. */
  stateDate?: string;
  provenance: string;
  checks?: readonly Check[];
  /** A check over all observations (a total), returning an error message or null. */
  checkAll?: (observations: readonly Observation[]) => string | null;
  /** nursery-register: how many rows must remain unmatched (reported, not dropped). */
  unmatched?: number;
}

const GUS = (repo: string, commit: string): string =>
  `GUS BDL portal export (unchanged), via public repository ${repo}, commit ${commit}`;

const FILES: readonly FileSpec[] = [
  {
    id: 'ludnosc-ekonomiczne-grupy-wieku',
    path: 'bdl-exports/ludnosc-ekonomiczne-grupy-wieku-gminy-2010-2019.csv',
    mapping: 'mappings/ludnosc-ekonomiczne-grupy-wieku-gminy.yaml',
    provenance: GUS('welkierk/projekt_interdyscyplinarny', 'f0f89881'),
    // README: Warszawa 2019 = 1,790,658 and Kraków 779,115 persons, the sum of the three age groups.
    checkAll: (obs) => {
      const total = (unit: string): number =>
        obs
          .filter((o) => ['bdl:149', 'bdl:152', 'bdl:155'].includes(o.variableId))
          .filter((o) => o.unitCode === unit && o.year === 2019)
          .reduce((s, o) => s + (o.value ?? NaN), 0);
      return total('1465011') === 1_790_658 && total('1261011') === 779_115
        ? null
        : `population 2019: Warszawa ${total('1465011')}, Kraków ${total('1261011')}`;
    },
  },
  {
    id: 'powierzchnia-gmin',
    path: 'bdl-exports/powierzchnia-gmin-2010-2019.cp1250.csv',
    mapping: 'mappings/powierzchnia-gmin.yaml',
    provenance: GUS('welkierk/projekt_interdyscyplinarny', 'f0f89881'),
  },
  {
    id: 'dochody-gmin',
    path: 'bdl-exports/dochody-gmin-wybrane-kategorie-2010-2019.csv',
    mapping: 'mappings/dochody-gmin-wybrane-kategorie.yaml',
    provenance: GUS('welkierk/projekt_interdyscyplinarny', 'f0f89881'),
    checks: [['bdl:76070', '1261011', 2019, 3_833_361_744]],
  },
  {
    id: 'bezrobotni-zarejestrowani',
    path: 'bdl-exports/RYNE_1944_CTAB_20250616184618_registered_unemployed.csv',
    mapping: 'mappings/bezrobotni-zarejestrowani.yaml',
    provenance: GUS('Gorocy/analysis_urban_poland', '62fbcd78'),
    checks: [
      ['gus-bdl-portal:bezrobotni-zarejestrowani', '1261011', 2024, 10_657],
      ['gus-bdl-portal:bezrobotni-zarejestrowani', '1465011', 2024, 18_713],
      ['gus-bdl-portal:bezrobotni-zarejestrowani', '0', 2024, 786_179],
    ],
  },
  {
    id: 'egzamin-osmoklasisty-2025',
    path: 'education/egzamin-osmoklasisty-2025-mazowieckie.csv',
    mapping: 'mappings/egzamin-osmoklasisty-gminy.yaml',
    provenance:
      'CKE school-level results of the egzamin ósmoklasisty 2025 (OKE Warszawa), via public repository Jacek-Korpikiewicz/wyniki-testow-2025, commit 468ecdfe',
  },
  {
    id: 'gugik-powierzchnia-2025',
    path: 'registers/GUGiK_Wykaz_powierzchni_2025-01-01_ha_km2.xlsx',
    mapping: 'mappings/gugik-powierzchnia-jednostek.yaml',
    provenance:
      'GUGiK, wykaz powierzchni jednostek podziału terytorialnego 2025-01-01, via public repository maria0026/fire_alcohol_analysis, commit 12e065e2',
    checks: [
      ['gugik-wykaz-powierzchni:powierzchnia-ha', '1465011', 2025, 51_720],
      ['gugik-wykaz-powierzchni:powierzchnia-ha', '1261011', 2025, 32_685],
    ],
  },
  {
    id: 'ludnosc-5l-gminy-2020',
    path: 'bdl-exports/LUDN_2137_CTAB_20210625164329_population_5y_age_gminy_2020.csv',
    mapping: 'mappings/ludnosc-grupy-piecioletnie-2020.yaml',
    provenance: GUS('poziom-szczepien/poziom-szczepien.github.io', 'a0eede1e'),
    checks: [
      ['gus-bdl-portal:ludnosc-5l-ogolem', '1261011', 2020, 779_966],
      ['gus-bdl-portal:ludnosc-5l-ogolem', '1465011', 2020, 1_794_166],
    ],
    // README: the gminy (kinds 1–3, not the town/rural parts 4–5) sum to 38,265,013.
    checkAll: (obs) => {
      const sum = obs
        .filter((o) => o.variableId === 'gus-bdl-portal:ludnosc-5l-ogolem' && /^\d{6}[123]$/.test(o.unitCode))
        .reduce((s, o) => s + (o.value ?? 0), 0);
      return sum === 38_265_013 ? null : `gminy sum to ${sum}, expected 38,265,013`;
    },
  },
  {
    id: 'ludnosc-5l-powiaty-2020',
    path: 'bdl-exports/LUDN_2137_CTAB_20210624222104_population_5y_age_powiaty_2020.csv',
    mapping: 'mappings/ludnosc-grupy-piecioletnie-2020.yaml',
    provenance: GUS('poziom-szczepien/poziom-szczepien.github.io', 'a0eede1e'),
    checks: [['gus-bdl-portal:ludnosc-5l-ogolem', '1261', 2020, 779_966]],
  },
  {
    id: 'ludnosc-5l-wojewodztwa-2020',
    path: 'bdl-exports/LUDN_2137_CTAB_20210703214543_population_5y_age_woj_2020.csv',
    mapping: 'mappings/ludnosc-grupy-piecioletnie-2020.yaml',
    provenance: GUS('poziom-szczepien/poziom-szczepien.github.io', 'a0eede1e'),
    // The 16 województwa sum to the gminy's total (the same table at another level).
    checkAll: (obs) => {
      const sum = obs
        .filter((o) => o.variableId === 'gus-bdl-portal:ludnosc-5l-ogolem')
        .reduce((s, o) => s + (o.value ?? 0), 0);
      return sum === 38_265_013 ? null : `województwa sum to ${sum}, expected 38,265,013`;
    },
  },
  {
    id: 'ludnosc-gestosc-2024',
    path: 'bdl-exports/LUDN_2425_CTAB_20250611231708_area_population_density_2024.csv',
    mapping: 'mappings/ludnosc-gestosc-urbanizacja-2024.yaml',
    provenance: GUS('maria0026/fire_alcohol_analysis', '12e065e2'),
    checks: [['gus-bdl-portal:ludnosc-tys', '1261011', 2024, 809.17]],
  },
  {
    id: 'migracje-wewnetrzne',
    path: 'bdl-exports/LUDN_1355_CTAB_migrations_1995-2023_caly.csv',
    mapping: 'mappings/migracje-wewnetrzne.yaml',
    provenance: GUS('Gorocy/analysis_urban_poland', '13c82343'),
    // The file's cells: Polska 2014 "zameldowania ogółem" 419,934; Kraków 2019 "saldo migracji" 6,972.
    checks: [
      ['gus-bdl-portal:zameldowania-ogolem', '0', 2014, 419_934],
      ['gus-bdl-portal:saldo-migracji', '1261011', 2019, 6_972],
    ],
    // 2015 of the totals is 0 for every unit in the file (a source error): the mapping leaves it out.
    checkAll: (obs) => (obs.some((o) => o.year === 2015) ? 'a 2015 value of the totals was loaded' : null),
  },
  {
    id: 'psp-zdarzenia',
    path: 'safety/PSP_fire_incidents_by_gmina_3.csv',
    mapping: 'mappings/psp-zdarzenia-gminy.yaml',
    provenance:
      'Państwowa Straż Pożarna, incidents by gmina (year not stated in the file, probably 2024: stored as 2024 ASSUMED, flag 202), via public repository maria0026/fire_alcohol_analysis, commit 12e065e2',
    // README "Kraków: 197" is the first of Kraków's five rows (126101); the city is the sum of the five
    // (126101–126105: 197 + 223 + 320 + 453 + 259 = 1,452), see the mapping.
    checks: [['psp-zdarzenia:zdarzenia-ogolem', '1261011', 2024, 1_452]],
    checkAll: (obs) =>
      obs.every((o) => o.flag === 202) ? null : 'a PSP value without flag 202 (year assumed)',
  },
  {
    id: 'rejestr-zlobkow-2025',
    kind: 'nursery-register',
    path: 'childcare/rejestr-zlobkow-MRiPS-2025-07-08.csv',
    stateDate: '2025-07-08',
    provenance:
      'MRiPS rejestr żłobków (rejestrzlobkow.mrips.gov.pl, register type ZK), scraped 2025-07-08, via public repository oskiral/zlobki, commit 5bf96ca2277a4a70d35e94f3e8a974fe40c4d78d (file zlobki.csv, unchanged); completeness not proven',
    checks: [
      ['mrips-rejestr-zlobkow:zlobki-miejsca', '1261011', 2025, 6_457],
      ['mrips-rejestr-zlobkow:zlobki-dzieci', '1261011', 2025, 5_334],
      ['mrips-rejestr-zlobkow:zlobki-liczba', '1261011', 2025, 155],
      ['mrips-rejestr-zlobkow:zlobki-miejsca', '1465011', 2025, 12_222],
    ],
    unmatched: 17,
  },
];

const units = [...readBundledSnapshot().records, POLAND];
const resolver = makeUnitResolver(units);
const entries: BundleEntry[] = [];
for (const spec of FILES) {
  const bytes = readFileSync(resolve(SHARED, spec.path));
  const kind = spec.kind ?? 'table';
  let observations: readonly Observation[];
  let variables: number;
  let remark = '';
  if (kind === 'nursery-register') {
    const read = readNurseryRegister(bytes, units, { file: basename(spec.path), stateDate: spec.stateDate });
    observations = read.observations;
    variables = read.variables.length;
    if (read.unmatched.length !== spec.unmatched) {
      throw new Error(`${spec.path}: ${read.unmatched.length} unmatched rows, expected ${spec.unmatched}`);
    }
    remark = `, ${read.unmatched.length} rows unmatched (reported by the ingest)`;
  } else {
    const mappingFile = spec.mapping ?? '';
    const mapping = loadMapping(readFileSync(`${REPO_ROOT}${mappingFile}`, 'utf-8'), mappingFile);
    const read = await readTable(bytes, basename(spec.path), mapping, { resolveUnit: resolver });
    observations = read.observations;
    variables = read.variables.length;
  }
  for (const [variable, unit, year, expected] of spec.checks ?? []) {
    const found = observations.find(
      (o) => o.variableId === variable && o.unitCode === unit && o.year === year,
    );
    if (found?.value !== expected) {
      throw new Error(`${spec.path}: ${variable} ${unit} ${year} is ${found?.value}, expected ${expected}`);
    }
  }
  const failed = spec.checkAll?.(observations);
  if (failed) throw new Error(`${spec.path}: ${failed}`);
  const ext = spec.path.endsWith('.xlsx') ? '.xlsx' : '.csv';
  const file = `${spec.id}${ext}.gz`;
  const gz = gzipSync(bytes, { level: 9 });
  writeFileSync(`${BUNDLE_DIR}${file}`, gz);
  entries.push({
    id: spec.id,
    ...(kind === 'table' ? {} : { kind }),
    file,
    originalName: basename(spec.path),
    mapping: spec.mapping ?? null,
    ...(spec.stateDate ? { stateDate: spec.stateDate } : {}),
    sha256: createHash('sha256').update(bytes).digest('hex'),
    bytes: bytes.length,
    provenance: spec.provenance,
  });
  console.log(
    `${spec.id}: ${observations.length} observations, ${variables} variables, ${gz.length} bytes gzipped${remark}`,
  );
}
const manifest: BundleManifest = {
  format: BUNDLE_FORMAT,
  description:
    'Real official data bundled with SMUP (no generated values): GUS BDL portal exports, CKE exam results, the GUGiK area register, the MRiPS register of żłobki, the PSP incident listing (year assumed).',
  generatedBy: 'scripts/build-release-bundle.ts',
  entries,
};
writeFileSync(`${BUNDLE_DIR}manifest.json`, `${JSON.stringify(manifest, null, 2)}\n`);
