/**
 * A compact TopoJSON of boundary layers for the web map (ARCHITECTURE.md: d3-geo + TopoJSON, no tiles).
 * Quantised only: topojson-simplify is not a dependency, so vertices are snapped to a grid and
 * delta-encoded, never removed. With quantisation 1e5 over Poland's ~10° × 5.8° box, one grid step is about
 * 10° / 1e5 ≈ 0.0001° ≈ 7 m east–west and 6 m north–south: finer than any map of SMUP draws.
 */
import { topology } from 'topojson-server';
import type { Topology } from 'topojson-specification';
import type { BoundaryLayer } from './boundary-reader.js';

export interface WebTopologyOptions {
  /** Grid steps per side of the bounding box (topojson-server's quantization); default 1e5. */
  readonly quantization?: number;
}

/** One topology holding every layer given, each under its level (wojewodztwo, powiat, gmina). */
export function toWebTopology(layers: readonly BoundaryLayer[], options: WebTopologyOptions = {}): Topology {
  const { quantization = 1e5 } = options;
  const objects = Object.fromEntries(layers.map((layer) => [layer.level, layer.features]));
  return topology(objects, quantization);
}
