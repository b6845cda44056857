/**
 * Builds data/release/: gzip copies of the official files in ../shared/data that SMUP ships as its bundled
 * release, and manifest.json naming each file's mapping, SHA-256 and provenance.
 *
 *   npm run data:build:release
 *
 * Checks before writing: every file reads with its mapping without a hard error, against the bundled
 * units register, and the sample values shared/data/README.md states are what the reader gets.
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
import {
  BUNDLE_DIR,
  BUNDLE_FORMAT,
  REPO_ROOT,
  type BundleEntry,
  type BundleManifest,
} from '../src/sources/bundle/release-bundle.js';

const SHARED = resolve(process.env.SMUP_SHARED_DATA ?? `${REPO_ROOT}../shared/data`);

const FILES: ReadonlyArray<{
  id: string;
  path: string;
  mapping: string;
  provenance: string;
  check?: [string, string, number, number];
}> = [
  {
    id: 'ludnosc-ekonomiczne-grupy-wieku',
    path: 'bdl-exports/ludnosc-ekonomiczne-grupy-wieku-gminy-2010-2019.csv',
    mapping: 'mappings/ludnosc-ekonomiczne-grupy-wieku-gminy.yaml',
    provenance:
      'GUS BDL portal export (unchanged), via public repository welkierk/projekt_interdyscyplinarny, commit f0f89881',
    // The working-age group is stored as BDL variable 152 (mappings/…: bdl: 152).
    check: ['bdl:152', '1261011', 2019, 0],
  },
  {
    id: 'powierzchnia-gmin',
    path: 'bdl-exports/powierzchnia-gmin-2010-2019.cp1250.csv',
    mapping: 'mappings/powierzchnia-gmin.yaml',
    provenance:
      'GUS BDL portal export (unchanged), via public repository welkierk/projekt_interdyscyplinarny, commit f0f89881',
  },
  {
    id: 'dochody-gmin',
    path: 'bdl-exports/dochody-gmin-wybrane-kategorie-2010-2019.csv',
    mapping: 'mappings/dochody-gmin-wybrane-kategorie.yaml',
    provenance:
      'GUS BDL portal export (unchanged), via public repository welkierk/projekt_interdyscyplinarny, commit f0f89881',
  },
  {
    id: 'bezrobotni-zarejestrowani',
    path: 'bdl-exports/RYNE_1944_CTAB_20250616184618_registered_unemployed.csv',
    mapping: 'mappings/bezrobotni-zarejestrowani.yaml',
    provenance:
      'GUS BDL portal export (unchanged), via public repository Gorocy/analysis_urban_poland, commit 62fbcd78',
    check: ['gus-bdl-portal:bezrobotni-zarejestrowani', '1261011', 2024, 10_657],
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
  },
];

const resolver = makeUnitResolver([...readBundledSnapshot().records, POLAND]);
const entries: BundleEntry[] = [];
for (const spec of FILES) {
  const bytes = readFileSync(resolve(SHARED, spec.path));
  const mapping = loadMapping(readFileSync(`${REPO_ROOT}${spec.mapping}`, 'utf-8'), spec.mapping);
  const read = await readTable(bytes, basename(spec.path), mapping, { resolveUnit: resolver });
  if (spec.check) {
    const [variable, unit, year, expected] = spec.check;
    const found = read.observations.find(
      (o) => o.variableId === variable && o.unitCode === unit && o.year === year,
    );
    if (!found || (expected !== 0 && found.value !== expected)) {
      throw new Error(`${spec.path}: ${variable} ${unit} ${year} is ${found?.value}, expected ${expected}`);
    }
  }
  const file = `${spec.id}${spec.path.endsWith('.xlsx') ? '.xlsx' : '.csv'}.gz`;
  const gz = gzipSync(bytes, { level: 9 });
  writeFileSync(`${BUNDLE_DIR}${file}`, gz);
  entries.push({
    id: spec.id,
    file,
    originalName: basename(spec.path),
    mapping: spec.mapping,
    sha256: createHash('sha256').update(bytes).digest('hex'),
    bytes: bytes.length,
    provenance: spec.provenance,
  });
  console.log(
    `${spec.id}: ${read.observations.length} observations, ${read.variables.length} variables, ${gz.length} bytes gzipped`,
  );
}
const manifest: BundleManifest = {
  format: BUNDLE_FORMAT,
  description:
    'Real official data bundled with SMUP (no generated values): GUS BDL portal exports, CKE exam results, the GUGiK area register.',
  generatedBy: 'scripts/build-release-bundle.ts',
  entries,
};
writeFileSync(`${BUNDLE_DIR}manifest.json`, `${JSON.stringify(manifest, null, 2)}\n`);
