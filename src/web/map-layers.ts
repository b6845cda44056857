/**
 * Projected map layers for the portal, read from the API's `/geo/{level}` and kept per level until the
 * layer's ETag changes (it depends only on the bundled boundaries and the register). Projecting the gminy
 * layer takes a few hundred milliseconds once; every later map reuses the paths.
 */
import { setImmediate as yieldToServer } from 'node:timers/promises';
import type { FastifyInstance } from 'fastify';
import type { Topology } from 'topojson-specification';
import { inProcessHeaders } from '../api/plugins/client-limits.js';
import { answerError, apiOk } from './api-client.js';
import { projectLayer, type MapGeometry } from './charts/map.js';

export interface MapLayer {
  readonly geometry: MapGeometry;
  /** Units of the level the layer has no shape for, with why (from `/geo/{level}/status`). */
  readonly withoutBoundary: ReadonlyArray<{ unit: { code: string; name: string } }>;
}

const layers = new Map<string, { etag: string; layer: Promise<MapLayer> }>();

/**
 * The level's layer, or null when the API has none for the level (400: not a level with boundaries) — the
 * page then says there is no map. Any other failure (429, 5xx) is thrown, never cached, never "no map".
 */
export async function mapLayer(app: FastifyInstance, level: string): Promise<MapLayer | null> {
  const cached = layers.get(level);
  const url = `/api/v1/geo/${level}`;
  // In-process, like every API read of a page: the page view was counted already (no 429 of our own).
  const response = await app.inject({
    method: 'GET',
    url,
    headers: { ...inProcessHeaders(), ...(cached ? { 'if-none-match': cached.etag } : {}) },
  });
  if (response.statusCode === 304 && cached) return cached.layer;
  if (response.statusCode === 400 || response.statusCode === 404) return null;
  if (response.statusCode !== 200) {
    const { statusCode: status, headers } = response;
    const retryAfter = headers['retry-after']?.toString();
    throw answerError(url, { status, body: response.json() as unknown, retryAfter });
  }
  const etag = String(response.headers.etag ?? '');
  const topology = response.json() as Topology;
  const layer = (async () => {
    const status = await apiOk<{ withoutBoundary: MapLayer['withoutBoundary'] }>(app, `${url}/status`);
    // In-process answers resolve without a turn of the event loop: without this, reading the layer, its
    // status and projecting it were one pause of 0.7-0.9 s on a slow machine (the warm-up's longest).
    await yieldToServer();
    return { geometry: projectLayer(topology, level), withoutBoundary: status.withoutBoundary };
  })();
  layers.set(level, { etag, layer });
  layer.catch(() => layers.delete(level));
  return layer;
}
