/**
 * The bundled boundary layers: gzip copies of the GeoJSON layers of ../shared/data/geo (content unchanged),
 * listed in data/geo/manifest.json with their provenance and SHA-256. Built by scripts/build-geo-bundle.ts;
 * read by neighbours (adjacency) and the map (TopoJSON).
 */
import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import type { BoundaryLevel } from '../geo/boundary-reader.js';
import { REPO_ROOT } from './release-bundle.js';

export const GEO_BUNDLE_FORMAT = 'smup-geo-bundle/1';
export const GEO_BUNDLE_DIR = `${REPO_ROOT}data/geo/`;

export interface GeoBundleEntry {
  readonly level: BoundaryLevel;
  /** The gzip file in data/geo/. */
  readonly file: string;
  readonly originalName: string;
  readonly sha256: string;
  readonly bytes: number;
  /** The date the boundaries and codes are of, as the source states it. */
  readonly stateOf: string;
  readonly provenance: string;
}

export interface GeoBundleManifest {
  readonly format: typeof GEO_BUNDLE_FORMAT;
  readonly description: string;
  readonly entries: readonly GeoBundleEntry[];
}

export function readGeoManifest(dir = GEO_BUNDLE_DIR): GeoBundleManifest {
  const manifest = JSON.parse(readFileSync(`${dir}manifest.json`, 'utf-8')) as GeoBundleManifest;
  if (manifest.format !== GEO_BUNDLE_FORMAT) {
    throw new Error(
      `${dir}manifest.json: expected "format": "${GEO_BUNDLE_FORMAT}", found ${JSON.stringify(manifest.format)}`,
    );
  }
  return manifest;
}

/** The layer of a level: its manifest entry and the GeoJSON text. */
export function readGeoLayerText(
  level: BoundaryLevel,
  dir = GEO_BUNDLE_DIR,
): { entry: GeoBundleEntry; text: string } {
  const entry = readGeoManifest(dir).entries.find((e) => e.level === level);
  if (!entry) throw new Error(`${dir}manifest.json has no layer of level ${level}`);
  return { entry, text: gunzipSync(readFileSync(`${dir}${entry.file}`)).toString('utf-8') };
}
