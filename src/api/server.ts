/**
 * The open data API: Fastify with TypeBox schemas (one schema validates the request, types the handler and
 * documents the API), routes under /api/v1. The server that also serves the portal is src/server.ts: api/
 * never imports web/.
 */
import { randomUUID } from 'node:crypto';
import Fastify, { LogController, type FastifyInstance } from 'fastify';
import type { Database } from '../store/database.js';
import compress from '@fastify/compress';
import { frameworkProblem, installProblemHandlers, type HtmlErrorPage } from './problem.js';
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
import { diagnosisRoutes } from './routes/diagnosis.js';
import { revisionRoutes } from './routes/revisions.js';
import { authRoutes } from './routes/auth.js';
import { adminUserRoutes } from './routes/admin-users.js';
import { authLinkRoutes } from './routes/auth-links.js';
import { adminAuditRoutes } from './routes/admin-audit.js';
import { adminReleaseRoutes } from './routes/admin-releases.js';
import { adminIngestRoutes } from './routes/admin-ingest.js';
import { DEFAULT_SESSION_TTL_SECONDS, installAccounts, type AccountOptions } from './auth/install.js';
import { submissionRoutes } from './routes/submissions.js';
import { watchRoutes } from './routes/watches.js';
import { savedRoutes } from './routes/saved.js';
import { catalogueFacts } from '../domain/report/catalogue-facts.js';
import { loadCatalog } from '../sources/catalog/load-catalog.js';
import { databaseBenchmarkStore } from '../pipeline/benchmark-store.js';
import type { ContextSeeds } from '../pipeline/benchmark-context-cache.js';
import { BenchmarkService } from '../pipeline/benchmarking.js';
import type { Catalog } from '../domain/catalog/schema.js';
import type { CatalogIndicator } from '../domain/catalog/indicators.js';
import type { CompiledRule } from '../domain/plausibility/check.js';

/** Options of the Fastify instance itself (src/server.ts builds it; tests of the API alone too). */
export interface AppOptions {
  /** pino log level: fatal, error, warn, info, debug, trace or silent. */
  readonly logLevel?: string;
  /**
   * Fastify's `trustProxy` (env SMUP_TRUST_PROXY): false (default) takes the client from the socket; true,
   * a hop count or a list of proxy addresses/CIDRs takes it from X-Forwarded-For behind those proxies.
   */
  readonly trustProxy?: boolean | number | string;
  /** The portal's HTML error page for non-API URLs (src/server.ts passes web's); API errors stay JSON. */
  readonly htmlPage?: HtmlErrorPage;
}

export function createApp({
  logLevel = 'info',
  trustProxy = false,
  htmlPage,
}: AppOptions = {}): FastifyInstance {
  const app = Fastify({
    logger: { level: logLevel },
    // A hop count is what proxy-addr makes of a number; Fastify's types take it as this function.
    trustProxy:
      typeof trustProxy === 'number' ? (_address: string, hop: number) => hop < trustProxy : trustProxy,
    // Unknown query parameters are an error (a typo such as `pagesize` must not be silently ignored).
    ajv: {
      customOptions: {
        removeAdditional: false,
        coerceTypes: 'array',
        useDefaults: true,
        allErrors: false,
        // Off on purpose: with it on, ajv 8.20 lets a query's `Infinity` through (coerced, then not checked
        // again). Off, `minimum`/`maximum` refuse ±Infinity, so every number parameter has both (issue 14,
        // checked by test/reliability.test.ts), and `NaN` never coerces to a number.
        strictNumbers: false,
      },
    },
    routerOptions: { ignoreTrailingSlash: true },
    // A URL the router cannot even read (bad percent-encoding, a path parameter over 100 characters) goes
    // to the app's error handler like any other bad request: problem+json, or the portal's HTML page.
    frameworkErrors: frameworkProblem(htmlPage),
    // One access-log line per request (below) instead of Fastify's two.
    logController: new LogController({ disableRequestLogging: true }),
    // A request id unique across restarts and replicas: the audit log keeps it with each record.
    genReqId: () => randomUUID(),
  });
  installProblemHandlers(app, htmlPage ? { htmlPage } : {});
  // A callback hook: nothing to wait for, and a promise per request is overhead on every answer.
  app.addHook('onResponse', (request, reply, done) => {
    request.log.info(
      {
        method: request.method,
        url: request.url,
        status: reply.statusCode,
        ms: Math.round(reply.elapsedTime * 10) / 10,
      },
      'request',
    );
    done();
  });
  return app;
}

export interface ApiOptions {
  readonly db: Database;
  readonly version: string;
  /** The indicator catalogue (default: the bundled catalog/, read and checked once here). */
  readonly catalog?: {
    catalog: Catalog;
    indicators: readonly CatalogIndicator[];
    /** The plausibility rules (submitted JST values are checked against them at once). */
    rules?: readonly CompiledRule[];
  };
  /** Requests per minute per client on /api/, as announced by /config (client-limits.ts enforces it). */
  readonly rateLimit?: number;
  /** Bytes of published answers kept in memory (default 64 MiB; 0: off, every request is computed). */
  readonly responseCacheBytes?: number;
  /** Saved sets one client may add per hour (client-limits.ts); 0: no quota. */
  readonly setsPerHour?: number;
  /** Accounts: password hashing, session length, Secure cookies (api/auth/install.ts). */
  readonly accounts?: AccountOptions;
  /** A release's cells already in memory, for its benchmark context (the first start's release). */
  readonly contextSeeds?: ContextSeeds;
}

/** The endpoints `GET /api/v1/` lists (the OpenAPI document describes each). */
const ENDPOINTS = [
  '/api/v1/health',
  '/api/v1/config',
  '/api/v1/units',
  '/api/v1/units/{teryt}',
  '/api/v1/variables',
  '/api/v1/variables/{id}',
  '/api/v1/releases',
  '/api/v1/releases/{id}/changes',
  '/api/v1/areas',
  '/api/v1/indicators',
  '/api/v1/indicators/{id}',
  '/api/v1/indicators/{id}/data',
  '/api/v1/units/{teryt}/data',
  '/api/v1/compare',
  '/api/v1/indicators/{id}/distribution',
  '/api/v1/units/{teryt}/profile',
  '/api/v1/units/{teryt}/peers',
  '/api/v1/units/{teryt}/diagnosis',
  '/api/v1/sets',
  '/api/v1/units/{teryt}/neighbours',
  '/api/v1/geo/{level}',
  '/api/v1/geo/{level}/status',
  '/api/v1/auth/session',
  '/api/v1/auth/login',
  '/api/v1/auth/logout',
  '/api/v1/auth/logout-everywhere',
  '/api/v1/auth/password',
  '/api/v1/auth/password-reset',
  '/api/v1/auth/password-by-link',
  '/api/v1/auth/signup',
  '/api/v1/auth/signup/confirm',
  '/api/v1/admin/users',
  '/api/v1/admin/users/{id}',
  '/api/v1/admin/users/{id}/link',
  '/api/v1/admin/audit',
  '/api/v1/admin/releases',
  '/api/v1/admin/releases/diff',
  '/api/v1/admin/releases/draft/publish',
  '/api/v1/admin/releases/draft/discard',
  '/api/v1/admin/releases/rollback',
  '/api/v1/admin/ingest/runs',
  '/api/v1/admin/ingest/mappings',
  '/api/v1/admin/ingest/check',
  '/api/v1/admin/ingest/table',
  '/api/v1/me/watches',
  '/api/v1/me/changes',
  '/api/v1/me/saved',
  '/api/v1/me/saved/{id}',
  '/api/v1/me/saved/{id}/share',
  '/api/v1/shared/{token}',
];

/**
 * The open data API under /api/v1 on an app from createApp: answer cache, compression, OpenAPI and routes.
 * Error handlers, rate limits and security headers are the composition root's (src/server.ts).
 */
// Over 80 lines: the API's plugins in the order Fastify must register them (cache, compression, OpenAPI, routes).
export async function installApi(
  app: FastifyInstance,
  {
    db,
    version,
    catalog = loadCatalog(),
    rateLimit: requestsPerMinute = 0,
    responseCacheBytes = 64 * 2 ** 20,
    setsPerHour = 0,
    accounts = {},
    contextSeeds,
  }: ApiOptions,
): Promise<void> {
  // Before every route (API and portal): cookies, the session the guard reads, CSRF on unsafe requests.
  await installAccounts(app, db);
  installReleaseCaching(app, { db, cacheBytes: responseCacheBytes });
  await app.register(compress, { threshold: 1024 });
  await installOpenApi(app, version);
  const startedAt = Date.now();
  // One benchmarking service (and one cache of a release's values) for the profile routes and the set's
  // columns of a unit's downloads.
  const benchmark = new BenchmarkService(
    databaseBenchmarkStore(
      db,
      catalog.indicators.map((i) => i.id),
      catalog.catalog.config.structure ?? null,
      { seeds: contextSeeds },
    ),
    catalog.indicators,
  );
  await app.register(
    async (api) => {
      await api.register(healthRoutes, { db, version, startedAt });
      await api.register(unitsRoutes, { db });
      await api.register(indicatorRoutes, { db, ...catalog, benchmark });
      await api.register(profileRoutes, { db, service: benchmark, setsPerHour });
      await api.register(geoRoutes, { db });
      await api.register(diagnosisRoutes, { facts: catalogueFacts(catalog.catalog) });
      await api.register(dataRoutes, { db });
      await api.register(revisionRoutes, { db });
      await api.register(submissionRoutes, { db, catalog: catalog.catalog, rules: catalog.rules ?? [] });
      await api.register(watchRoutes, { db, indicatorIds: new Set(catalog.indicators.map((i) => i.id)) });
      await api.register(savedRoutes, {
        db,
        known: {
          indicators: new Set(catalog.indicators.map((i) => i.id)),
          areas: new Set(catalog.catalog.areas.map((a) => a.id)),
        },
      });
      await api.register(compareRoutes, { db, ...catalog });
      await api.register(unitDataRoutes, { db, ...catalog, benchmark });
      await api.register(configRoutes, { catalog: catalog.catalog, rateLimit: requestsPerMinute });
      await api.register(authRoutes, {
        db,
        hashing: accounts.hashing,
        sessionTtlSeconds: accounts.sessionTtlSeconds ?? DEFAULT_SESSION_TTL_SECONDS,
        cookieSecure: accounts.cookieSecure ?? 'auto',
        limits: accounts.loginLimits,
      });
      await api.register(authLinkRoutes, { db, hashing: accounts.hashing, mailer: accounts.mailer ?? null });
      await api.register(adminAuditRoutes, { db });
      await api.register(adminReleaseRoutes, {
        db,
        indicators: catalog.indicators,
        rules: catalog.rules ?? [],
        mailer: accounts.mailer ?? null,
      });
      await api.register(adminIngestRoutes, { db, rules: catalog.rules ?? [] });
      await api.register(adminUserRoutes, { db, hashing: accounts.hashing, mailer: accounts.mailer ?? null });
      api.get('/', { schema: { summary: 'Spis zasobów API / the API’s endpoints' } }, async () => ({
        name: 'SMUP — System Monitorowania Usług Publicznych',
        version,
        endpoints: ENDPOINTS,
      }));
    },
    { prefix: '/api/v1' },
  );
}
