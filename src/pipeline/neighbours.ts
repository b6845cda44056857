/**
 * Boundaries joined to the units register: which units share a border (under current TERYT codes), which
 * layer codes were recoded (86 gminy changed their kind digit 2 → 3 since the layer), which units have no
 * boundary (gminy created after it) and which layer codes match no unit. Built lazily per level, once per
 * process, from the bundled layers (data/geo): ~0.1–0.3 s for the gminy.
 */
import { adjacencyOf, matchToRegister, type RegisterMatch } from '../sources/geo/adjacency.js';
import { readBoundaryLayer, type BoundaryLayer, type BoundaryLevel } from '../sources/geo/boundary-reader.js';
import { readGeoLayerText, type GeoBundleEntry } from '../sources/bundle/geo-bundle.js';
import { CODE_LENGTH, jstLevelOfLength } from '../domain/units/teryt-code.js';
import type { Database } from '../store/database.js';
import { currentUnits } from '../store/units-store.js';

export interface LevelBoundaries {
  readonly level: BoundaryLevel;
  readonly entry: GeoBundleEntry;
  readonly layer: BoundaryLayer;
  readonly match: RegisterMatch;
  /** Layer code → current code (itself when unchanged or unmatched). */
  readonly currentCodeOf: ReadonlyMap<string, string>;
}

const layers = new Map<BoundaryLevel, BoundaryLayer>();
const byDatabase = new WeakMap<Database, Map<BoundaryLevel, Promise<LevelBoundaries>>>();

function layerOf(level: BoundaryLevel): { layer: BoundaryLayer; entry: GeoBundleEntry } {
  const { entry, text } = readGeoLayerText(level);
  let layer = layers.get(level);
  if (!layer) {
    layer = readBoundaryLayer(text, entry.originalName, { level });
    layers.set(level, layer);
  }
  return { layer, entry };
}

async function build(db: Database, level: BoundaryLevel): Promise<LevelBoundaries> {
  const { layer, entry } = layerOf(level);
  const length = CODE_LENGTH[level];
  const registerCodes = (await currentUnits(db))
    .filter((u) => u.code.length === length && u.level === level)
    .map((u) => u.code);
  const match = matchToRegister({ adjacency: adjacencyOf(layer), registerCodes });
  const currentCodeOf = new Map<string, string>(
    layer.features.features.map((f) => [f.properties.code, f.properties.code]),
  );
  for (const { from, to } of match.recoded) currentCodeOf.set(from, to);
  return { level, entry, layer, match, currentCodeOf };
}

/** The boundaries of a level matched to the register of `db` (cached per database and level). */
export function boundaries(db: Database, level: BoundaryLevel): Promise<LevelBoundaries> {
  let perLevel = byDatabase.get(db);
  if (!perLevel) {
    perLevel = new Map();
    byDatabase.set(db, perLevel);
  }
  let result = perLevel.get(level);
  if (!result) {
    result = build(db, level);
    result.catch(() => perLevel.delete(level));
    perLevel.set(level, result);
  }
  return result;
}

/**
 * Current codes of the units sharing a border with `code`, sorted; null when the unit has no boundary (a
 * gmina created after the layer, or a part of a gmina) — the caller says so rather than showing "none".
 */
export async function neighbourCodes(db: Database, code: string): Promise<readonly string[] | null> {
  const level = jstLevelOfLength(code.length);
  if (!level) return null;
  const { match } = await boundaries(db, level);
  return match.neighbours.get(code) ?? null;
}
