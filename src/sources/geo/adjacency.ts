/**
 * Neighbours: units sharing a border. The layer is turned into a topology (topojson-server), where a
 * border two units share becomes one arc; topojson-client's neighbors() then lists, for each unit, the
 * units with an arc in common. Units touching at a single point share no arc and are not neighbours.
 *
 *   GeoJSON layer ──topology()──► arcs shared by adjacent rings ──neighbors()──► index lists
 *        └── code per feature ─────────────────────────────────────────────────► code → sorted codes
 *                                                         matchToRegister ──► current TERC codes
 */
import { topology } from 'topojson-server';
import { neighbors } from 'topojson-client';
import type { GeometryCollection } from 'topojson-specification';
import type { BoundaryLayer, BoundaryProperties } from './boundary-reader.js';

/** Code → codes of the units sharing a border with it, sorted; every code of the layer is a key. */
export type Adjacency = ReadonlyMap<string, readonly string[]>;

/**
 * Adjacency of one layer. Full precision (no quantisation): borders match when their vertices are equal,
 * which holds for layers cut from one register (PRG). Measured on these machines (Node 20, 2 cores):
 * gminy layer (2,477 units, 3 MB) ~0.11 s on the first call (topology 0.1 s + neighbors 0.01 s), 35–50 ms
 * warm; powiaty ~12 ms; województwa < 15 ms. Parsing the gminy file adds ~20 ms.
 */
export function adjacencyOf(layer: BoundaryLayer): Adjacency {
  const topo = topology({ units: layer.features });
  const units = topo.objects.units as GeometryCollection<BoundaryProperties>;
  const geometries = units.geometries;
  const lists = neighbors(geometries);
  const result = new Map<string, string[]>();
  geometries.forEach((geometry, i) => {
    const code = (geometry.properties as BoundaryProperties).code;
    const codes = (lists[i] ?? []).map((j) => (geometries[j]?.properties as BoundaryProperties).code);
    result.set(code, [...new Set(codes)].sort());
  });
  return new Map([...result].sort(([a], [b]) => (a < b ? -1 : 1)));
}

export interface RegisterMatch {
  /** Adjacency under current register codes; a layer code that matched nothing stays as it is. */
  readonly neighbours: Adjacency;
  /** Layer codes found under another current code (a gmina whose kind digit changed, same 6-digit stem). */
  readonly recoded: readonly { readonly from: string; readonly to: string }[];
  /** Layer codes with no current unit: kept (see neighbours), listed here, never dropped. */
  readonly unmatched: readonly string[];
  /** Current units the layer has no boundary for (e.g. gminy created after the layer's date). */
  readonly withoutBoundary: readonly string[];
}

export interface MatchToRegisterInput {
  readonly adjacency: Adjacency;
  /** Codes of the current register's units of the layer's level (gminy: the 7-digit gmina codes). */
  readonly registerCodes: readonly string[];
}

/**
 * Maps a layer's codes onto the current register: the same code, or for a 7-digit gmina code the one
 * current gmina with the same WOJ+POW+GMI stem (TERC keeps the stem when the kind digit changes, e.g.
 * 0601052 gmina wiejska → 0601053 miejsko-wiejska; shared/data/README.md counts 86 such gminy between this
 * layer and TERC 2026-01-01). A stem shared by two current gminy is ambiguous and left unmatched.
 */
export function matchToRegister(input: MatchToRegisterInput): RegisterMatch {
  const { adjacency, registerCodes } = input;
  const current = new Set(registerCodes);
  const byStem = new Map<string, string[]>();
  for (const code of registerCodes) {
    if (code.length !== 7) continue;
    const list = byStem.get(code.slice(0, 6)) ?? [];
    list.push(code);
    byStem.set(code.slice(0, 6), list);
  }
  const recoded: { from: string; to: string }[] = [];
  const unmatched: string[] = [];
  const rename = new Map<string, string>();
  for (const code of adjacency.keys()) {
    if (current.has(code)) {
      rename.set(code, code);
      continue;
    }
    const candidates = code.length === 7 ? (byStem.get(code.slice(0, 6)) ?? []) : [];
    const to = candidates.length === 1 ? candidates[0] : undefined;
    if (to !== undefined) {
      rename.set(code, to);
      recoded.push({ from: code, to });
    } else {
      rename.set(code, code);
      unmatched.push(code);
    }
  }
  const neighbours = new Map<string, string[]>();
  for (const [code, list] of adjacency) {
    const key = rename.get(code) ?? code;
    neighbours.set(key, [...new Set(list.map((c) => rename.get(c) ?? c))].sort());
  }
  const mapped = new Set(rename.values());
  return {
    neighbours: new Map([...neighbours].sort(([a], [b]) => (a < b ? -1 : 1))),
    recoded,
    unmatched,
    withoutBoundary: registerCodes.filter((c) => !mapped.has(c)).sort(),
  };
}
