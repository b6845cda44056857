/**
 * The bundled release: the official files themselves (gzip-compressed, content unchanged) with what reads
 * each, listed in data/release/manifest.json with their provenance. A `table` entry names its mapping and
 * goes through the same table-ingest path as `smup ingest table`; a `nursery-register` entry is the MRiPS
 * register of żłobki, read by src/sources/nursery (names → gmina, no mapping) with the state date the entry
 * gives. `npm start` ingests them on first start, so the bundle holds real numbers only and is replaced by
 * newer data the ordinary way. Built by scripts/build-release-bundle.ts.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';

export const BUNDLE_FORMAT = 'smup-release-bundle/1';

/** What reads an entry: a table with its mapping (the default), or the nursery register's own reader. */
export const BUNDLE_ENTRY_KINDS = ['table', 'nursery-register'] as const;
export type BundleEntryKind = (typeof BUNDLE_ENTRY_KINDS)[number];

export interface BundleEntry {
  /** Stable id of the entry. */
  readonly id: string;
  /** Absent in older manifests: a table. */
  readonly kind?: BundleEntryKind;
  /** The gzip file in data/release/. */
  readonly file: string;
  /** The original file name (what the user would download). */
  readonly originalName: string;
  /** Mapping file, relative to the repository root (mappings/…); null for a nursery-register entry. */
  readonly mapping: string | null;
  /** nursery-register: the day the register was read (yyyy-mm-dd), the year of its values. */
  readonly stateDate?: string;
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
  for (const entry of manifest.entries) {
    const kind = bundleEntryKind(entry);
    const problem = !BUNDLE_ENTRY_KINDS.includes(kind)
      ? `"kind" one of ${BUNDLE_ENTRY_KINDS.join(', ')}, found ${JSON.stringify(kind)}`
      : kind === 'table' && !entry.mapping
        ? 'a "mapping" (mappings/….yaml) for a table entry'
        : kind === 'nursery-register' && !/^\d{4}-\d{2}-\d{2}$/.test(entry.stateDate ?? '')
          ? `a "stateDate" (yyyy-mm-dd) for a nursery-register entry, found ${JSON.stringify(entry.stateDate)}`
          : null;
    if (problem) throw new Error(`${dir}manifest.json, entry "${entry.id}": expected ${problem}`);
  }
  return manifest;
}

export function bundleEntryKind(entry: BundleEntry): BundleEntryKind {
  return entry.kind ?? 'table';
}

/** The entry's original bytes and its mapping text (null for an entry read without a mapping). */
export function readBundleEntry(
  entry: BundleEntry,
  dir = BUNDLE_DIR,
): { bytes: Buffer; mappingText: string | null } {
  return {
    bytes: gunzipSync(readFileSync(`${dir}${entry.file}`)),
    mappingText: entry.mapping ? readFileSync(`${REPO_ROOT}${entry.mapping}`, 'utf-8') : null,
  };
}
