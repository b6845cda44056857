/**
 * Projected map layers for the portal, read from the API's `/geo/{level}` and kept per level until the
 * layer's ETag changes (it depends only on the bundled boundaries and the register). Projecting the gminy
 * layer takes a few hundred milliseconds once; every later map reuses the paths.
 */
import type { FastifyInstance } from 'fastify';
import type { Topology } from 'topojson-specification';
import { projectLayer, type MapGeometry } from './charts/map.js';

export interface MapLayer {
  readonly geometry: MapGeometry;
  /** Units of the level the layer has no shape for, with why (from `/geo/{level}/status`). */
  readonly withoutBoundary: ReadonlyArray<{ unit: { code: string; name: string } }>;
}

const layers = new Map<string, { etag: string; layer: Promise<MapLayer> }>();

export async function mapLayer(app: FastifyInstance, level: string): Promise<MapLayer | null> {
  const cached = layers.get(level);
  const response = await app.inject({
    method: 'GET',
    url: `/api/v1/geo/${level}`,
    headers: cached ? { 'if-none-match': cached.etag } : {},
  });
  if (response.statusCode === 304 && cached) return cached.layer;
  if (response.statusCode !== 200) return null;
  const etag = String(response.headers.etag ?? '');
  const topology = response.json() as Topology;
  const layer = (async () => {
    const status = await app.inject({ method: 'GET', url: `/api/v1/geo/${level}/status` });
    const withoutBoundary =
      status.statusCode === 200
        ? (status.json() as { withoutBoundary: MapLayer['withoutBoundary'] }).withoutBoundary
        : [];
    return { geometry: projectLayer(topology, level), withoutBoundary };
  })();
  layers.set(level, { etag, layer });
  layer.catch(() => layers.delete(level));
  return layer;
}
