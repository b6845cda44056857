/**
 * The bundled release: the official files themselves (gzip-compressed, content unchanged) with the mapping
 * that reads each, listed in data/release/manifest.json with their provenance. `npm start` ingests them on
 * first start through the same table-ingest path as `smup ingest table`, so the bundle holds real numbers
 * only and is replaced by newer data the ordinary way. Built by scripts/build-release-bundle.ts.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';

export const BUNDLE_FORMAT = 'smup-release-bundle/1';

export interface BundleEntry {
  /** Stable id of the entry. */
  readonly id: string;
  /** The gzip file in data/release/. */
  readonly file: string;
  /** The original file name (what the user would download). */
  readonly originalName: string;
  /** Mapping file, relative to the repository root (mappings/…). */
  readonly mapping: string;
  readonly sha256: string;
  readonly bytes: number;
  /** Where the file comes from, as shared/data/README.md states it. */
  readonly provenance: string;
}

export interface BundleManifest {
  readonly format: typeof BUNDLE_FORMAT;
  readonly description: string;
  readonly generatedBy: string;
  readonly entries: readonly BundleEntry[];
}

/** Repository root: src/ and dist/ are both one level below it, and this file two levels below them. */
export const REPO_ROOT = fileURLToPath(new URL('../../../', import.meta.url));
export const BUNDLE_DIR = `${REPO_ROOT}data/release/`;

export function readBundleManifest(dir = BUNDLE_DIR): BundleManifest {
  const manifest = JSON.parse(readFileSync(`${dir}manifest.json`, 'utf-8')) as BundleManifest;
  if (manifest.format !== BUNDLE_FORMAT) {
    throw new Error(
      `${dir}manifest.json: expected "format": "${BUNDLE_FORMAT}", found ${JSON.stringify(manifest.format)}`,
    );
  }
  return manifest;
}

/** The entry's original bytes and its mapping text. */
export function readBundleEntry(
  entry: BundleEntry,
  dir = BUNDLE_DIR,
): { bytes: Buffer; mappingText: string } {
  return {
    bytes: gunzipSync(readFileSync(`${dir}${entry.file}`)),
    mappingText: readFileSync(`${REPO_ROOT}${entry.mapping}`, 'utf-8'),
  };
}
