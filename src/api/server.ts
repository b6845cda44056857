/**
 * The HTTP server: Fastify with TypeBox schemas (one schema validates the request, types the handler and
 * document the API). Routes live under /api/v1; the portal (src/web) is served by the same server at the root.
 */
import Fastify, { LogController, type FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { Database } from '../store/database.js';
import compress from '@fastify/compress';
import rateLimit from '@fastify/rate-limit';
import { ApiProblem, installProblemHandlers } from './problem.js';
import { installOpenApi } from './plugins/openapi.js';
import { installReleaseCaching } from './plugins/release-caching.js';
import { dataRoutes } from './routes/data.js';
import { compareRoutes } from './routes/compare.js';
import { unitDataRoutes } from './routes/unit-data.js';
import { configRoutes } from './routes/config.js';
import { healthRoutes } from './routes/health.js';
import { unitsRoutes } from './routes/units.js';
import { indicatorRoutes } from './routes/indicators.js';
import { profileRoutes } from './routes/profile.js';
import { geoRoutes } from './routes/geo.js';
import { loadCatalog } from '../sources/catalog/load-catalog.js';
import type { Catalog } from '../domain/catalog/schema.js';
import type { CatalogIndicator } from '../domain/catalog/indicators.js';
import { portalNotFound, portalRoutes } from '../web/portal.js';

export interface ServerOptions {
  readonly db: Database;
  readonly version: string;
  /** pino log level: fatal, error, warn, info, debug, trace or silent. */
  readonly logLevel?: string;
  /** The indicator catalogue (default: the bundled catalog/, read and checked once here). */
  readonly catalog?: { catalog: Catalog; indicators: readonly CatalogIndicator[] };
  /** Requests per minute per client (IP) on /api/; 0 or undefined: no limit (tests, benchmarks). */
  readonly rateLimit?: number;
  /** Bytes of published answers kept in memory (default 64 MiB; 0: off, every request is computed). */
  readonly responseCacheBytes?: number;
}

export async function buildServer({
  db,
  version,
  logLevel = 'info',
  catalog = loadCatalog(),
  rateLimit: requestsPerMinute = 0,
  responseCacheBytes = 64 * 2 ** 20,
}: ServerOptions): Promise<FastifyInstance> {
  const app = Fastify({
    logger: { level: logLevel },
    // Unknown query parameters are an error (a typo such as `pagesize` must not be silently ignored).
    ajv: {
      customOptions: { removeAdditional: false, coerceTypes: 'array', useDefaults: true, allErrors: false },
    },
    routerOptions: { ignoreTrailingSlash: true },
    // One access-log line per request (below) instead of Fastify's two.
    logController: new LogController({ disableRequestLogging: true }),
  }).withTypeProvider<TypeBoxTypeProvider>();
  installProblemHandlers(app, { htmlNotFound: portalNotFound });
  app.addHook('onResponse', async (request, reply) => {
    request.log.info(
      {
        method: request.method,
        url: request.url,
        status: reply.statusCode,
        ms: Math.round(reply.elapsedTime * 10) / 10,
      },
      'request',
    );
  });
  // Order matters: the rate limit counts every request (cached answers too), then the answer cache, whose
  // 304s and cached bodies compression then handles like any other answer.
  if (requestsPerMinute > 0) {
    await app.register(rateLimit, {
      max: requestsPerMinute,
      timeWindow: 60_000,
      allowList: (request) => !request.url.startsWith('/api/'),
      // Thrown by the plugin, so it reaches the problem handler: the same JSON error shape as any other.
      errorResponseBuilder: (_request, context) =>
        Object.assign(
          new ApiProblem(429, 'rate-limited', {
            pl: `Przekroczono limit ${context.max} zapytań na minutę; spróbuj ponownie za ${context.after}.`,
            en: `The limit of ${context.max} requests per minute was exceeded; retry in ${context.after}.`,
          }),
          { statusCode: 429 },
        ),
    });
  }
  installReleaseCaching(app, { db, cacheBytes: responseCacheBytes });
  await app.register(compress, { threshold: 1024 });
  await installOpenApi(app, version);
  const startedAt = Date.now();
  await app.register(
    async (api) => {
      await api.register(healthRoutes, { db, version, startedAt });
      await api.register(unitsRoutes, { db });
      await api.register(indicatorRoutes, { db, ...catalog });
      await api.register(profileRoutes, { db, indicators: catalog.indicators });
      await api.register(geoRoutes, { db });
      await api.register(dataRoutes, { db });
      await api.register(compareRoutes, { db, ...catalog });
      await api.register(unitDataRoutes, { db, ...catalog });
      await api.register(configRoutes, { catalog: catalog.catalog, rateLimit: requestsPerMinute });
      api.get('/', async () => ({
        name: 'SMUP — System Monitorowania Usług Publicznych',
        version,
        endpoints: [
          '/api/v1/health',
          '/api/v1/config',
          '/api/v1/units',
          '/api/v1/units/{teryt}',
          '/api/v1/variables',
          '/api/v1/variables/{id}',
          '/api/v1/releases',
          '/api/v1/areas',
          '/api/v1/indicators',
          '/api/v1/indicators/{id}',
          '/api/v1/indicators/{id}/data',
          '/api/v1/units/{teryt}/data',
          '/api/v1/compare',
          '/api/v1/indicators/{id}/distribution',
          '/api/v1/units/{teryt}/profile',
          '/api/v1/units/{teryt}/peers',
          '/api/v1/sets',
          '/api/v1/units/{teryt}/neighbours',
          '/api/v1/geo/{level}',
          '/api/v1/geo/{level}/status',
        ],
      }));
    },
    { prefix: '/api/v1' },
  );
  await app.register(portalRoutes);
  return app;
}
