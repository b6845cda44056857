/**
 * The composition root: one Fastify server with the open data API (src/api, under /api/v1) and the portal
 * (src/web, at the root). It is the one module that knows both; api/ never imports web/ (eslint.config.js).
 *
 *   createApp (api) ─► error pages (api problem+json, web HTML) ─► security headers ─► per-client limits
 *                  ─► installApi (api) ─► reportRoutes (reports) ─► portalRoutes (web) ─► saved-set purge (store)
 *   createApp (api) ─► error pages (api problem+json, web HTML) ─► security headers ─► startup gate
 *                  ─► per-client limits
 *                  ─► installApi (api) ─► portalRoutes (web) ─► saved-set purge (store)
 */
import cors from '@fastify/cors';
import type { FastifyInstance } from 'fastify';
import { installClientLimits } from './api/plugins/client-limits.js';
import { installHelmetHeaders } from './api/plugins/security-headers.js';
import { installStartupGate, type StartupState } from './api/plugins/startup-gate.js';
import { createApp, installApi, type ApiOptions, type AppOptions } from './api/server.js';
import { purgeUnopenedReferenceSets } from './store/reference-sets-store.js';
import { portalErrorPage, portalRoutes } from './web/portal.js';
import { reportRoutes } from './reports/routes.js';
import { loadCatalog } from './sources/catalog/load-catalog.js';
import { PdfPrinter } from './reports/render-pdf.js';

export type { StartupState };
/** The report formats, for the CLI (which reaches reports through this composition root only). */
export { REPORT_FORMATS, type ReportFormat } from './reports/model.js';

export interface ServerOptions extends ApiOptions, AppOptions {
  /** Portal pages per minute per client; 0 or undefined: no limit (tests, benchmarks). */
  readonly pageRateLimit?: number;
  /** Days after which a saved set nobody opened is deleted; 0 or undefined: never (tests). */
  readonly setExpiryDays?: number;
  /** Chromium for PDF reports (default: SMUP_CHROMIUM or /usr/bin/chromium); without it PDFs answer 503. */
  readonly chromiumPath?: string;
  /** While the first start loads its data: health says so, every other URL answers 503 (startup-gate.ts). */
  readonly startup?: StartupState;
}

/** How often the purge of unopened saved sets runs while the server is up (and once at start). */
const PURGE_EVERY_MS = 6 * 3_600_000;

/** Embeddable pages (`/osadz/…`, `/en/osadz/…`): the only ones other sites may frame. */
const EMBEDDABLE = /^\/(en\/)?osadz\//;

/**
 * Content-Security-Policy of every page: scripts, styles, images and fonts from this origin only — the portal
 * has no inline script or style (layout.ts links its one module and one style sheet; charts are SVG without
 * style attributes), so nothing needs 'unsafe-inline' or a hash. Frames: nobody may frame a page
 * (frame-ancestors 'none', X-Frame-Options DENY) except the embeddable ones, which anyone may.
 */
const CSP_DIRECTIVES = {
  defaultSrc: ["'self'"],
  scriptSrc: ["'self'"],
  styleSrc: ["'self'"],
  imgSrc: ["'self'", 'data:'],
  fontSrc: ["'self'"],
  connectSrc: ["'self'"],
  objectSrc: ["'none'"],
  baseUri: ["'self'"],
  formAction: ["'self'"],
  frameAncestors: ["'none'"],
};

/** CORS of the open data API (made once: the delegator below answers one of these two for every request). */
const API_CORS = Object.freeze({
  origin: '*',
  methods: ['GET', 'HEAD'],
  credentials: false,
  exposedHeaders: ['etag', 'x-smup-release', 'content-disposition', 'retry-after'],
  maxAge: 86_400,
});
const NO_CORS = Object.freeze({ origin: false });

async function installSecurityHeaders(app: FastifyInstance): Promise<void> {
  // helmet's headers, worked out once (plugins/security-headers.ts: @fastify/helmet redid it per request).
  await installHelmetHeaders(app, {
    contentSecurityPolicy: { useDefaults: false, directives: CSP_DIRECTIVES },
    frameguard: { action: 'deny' },
  });
  // A callback hook: nothing to wait for, and a promise per request is overhead on every answer.
  app.addHook('onSend', (request, reply, payload, done) => {
    const path = request.url.split('?', 1)[0] ?? '';
    if (EMBEDDABLE.test(path)) {
      reply.removeHeader('x-frame-options');
      const csp = reply.getHeader('content-security-policy');
      if (typeof csp === 'string') {
        reply.header('content-security-policy', csp.replace("frame-ancestors 'none'", 'frame-ancestors *'));
      }
    } else if (path.startsWith('/api/v1/')) {
      // Open data: other sites' pages may read it (CORS below), so no cross-origin resource block either.
      reply.header('cross-origin-resource-policy', 'cross-origin');
    }
    done(null, payload);
  });
  // CORS on the read-only open data API: any origin may GET or HEAD it, without credentials (nothing in it
  // is personal). Saved sets are written by POST, which a cross-origin page's preflight is not allowed.
  // Registered before the answer cache and the rate limits (both answer in onRequest hooks), so that cached
  // answers and 429s carry the header too.
  await app.register(cors, {
    delegator: (request, callback) => callback(null, request.url.startsWith('/api/v1/') ? API_CORS : NO_CORS),
  });
}

export async function buildServer(options: ServerOptions): Promise<FastifyInstance> {
  const { db, rateLimit = 0, pageRateLimit = 0, setExpiryDays = 0, startup } = options;
  const app = createApp({ ...options, htmlPage: portalErrorPage });
  await installSecurityHeaders(app);
  if (startup) installStartupGate(app, { startup, version: options.version, htmlPage: portalErrorPage });
  await installClientLimits(app, { apiPerMinute: rateLimit, pagesPerMinute: pageRateLimit });
  // Read and checked once for the API and the reports (each reading it alone parsed the YAML twice).
  const catalog = options.catalog ?? loadCatalog();
  await installApi(app, { ...options, catalog });
  // Reports use the portal's charts, so they are registered here rather than by api/ (which imports no web/).
  await app.register(reportRoutes, {
    prefix: '/api/v1',
    db,
    catalog: catalog.catalog,
    ...(options.chromiumPath ? { printer: new PdfPrinter(options.chromiumPath) } : {}),
  });
  await app.register(portalRoutes);
  if (setExpiryDays > 0) schedulePurge(app, () => purgeUnopenedReferenceSets(db, setExpiryDays));
  return app;
}

/** Runs `purge` when the server is ready and then every PURGE_EVERY_MS, until it closes. */
function schedulePurge(app: FastifyInstance, purge: () => Promise<number>): void {
  const run = () =>
    purge().then(
      (deleted) => {
        if (deleted > 0) app.log.info({ deleted }, 'saved sets nobody opened purged');
      },
      (error: unknown) => app.log.warn({ err: error }, 'purge of saved sets failed'),
    );
  let timer: NodeJS.Timeout | undefined;
  app.addHook('onReady', async () => {
    void run();
    timer = setInterval(run, PURGE_EVERY_MS);
    timer.unref();
  });
  app.addHook('onClose', async () => clearInterval(timer));
}
