/**
 * Builds data/geo/: gzip copies of the boundary layers of ../shared/data/geo (województwa, powiaty, gminy;
 * PRG-derived, state about 2022) and manifest.json with each file's SHA-256 and provenance. Each layer is
 * read and checked first (readBoundaryLayer), so a broken file never reaches the bundle.
 *
 *   npm run data:build:geo
 */
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import {
  GEO_BUNDLE_DIR,
  GEO_BUNDLE_FORMAT,
  type GeoBundleEntry,
  type GeoBundleManifest,
} from '../src/sources/bundle/geo-bundle.js';
import { REPO_ROOT } from '../src/sources/bundle/release-bundle.js';
import { readBoundaryLayer, type BoundaryLevel } from '../src/sources/geo/boundary-reader.js';

const SHARED = resolve(process.env.SMUP_SHARED_DATA ?? `${REPO_ROOT}../shared/data`);
const PROVENANCE =
  'shared/data/geo: derived from PRG (GUGiK register of boundaries, open public data), via public repository ' +
  'kreperu/Strona (commit c304bb9b); the gminy file was unwrapped from "var gmina = …;", nothing else changed';

const LAYERS: ReadonlyArray<{ level: BoundaryLevel; name: string }> = [
  { level: 'wojewodztwo', name: 'wojewodztwa-2022.geojson' },
  { level: 'powiat', name: 'powiaty-2022.geojson' },
  { level: 'gmina', name: 'gminy-2022.geojson' },
];

const entries: GeoBundleEntry[] = LAYERS.map(({ level, name }) => {
  const bytes = readFileSync(`${SHARED}/geo/${name}`);
  const layer = readBoundaryLayer(bytes.toString('utf-8'), name, { level });
  const file = `${name}.gz`;
  writeFileSync(`${GEO_BUNDLE_DIR}${file}`, gzipSync(bytes, { level: 9 }));
  console.log(`${name}: ${layer.features.features.length} units, ${bytes.length} bytes → data/geo/${file}`);
  return {
    level,
    file,
    originalName: name,
    sha256: createHash('sha256').update(bytes).digest('hex'),
    bytes: bytes.length,
    stateOf: 'about 2022–2023',
    provenance: PROVENANCE,
  };
});
const manifest: GeoBundleManifest = {
  format: GEO_BUNDLE_FORMAT,
  description:
    'Boundaries of województwa, powiaty and gminy (WGS84 GeoJSON, full precision) for neighbours and maps',
  entries,
};
writeFileSync(`${GEO_BUNDLE_DIR}manifest.json`, `${JSON.stringify(manifest, null, 2)}\n`);
