/**
 * Limits per client, so that no visitor can lock out the others (issue 14, point 1).
 *
 *   request ─► in-process? (the portal reading its own API) ─► never counted: the page view that made it was
 *          │
 *          ├─► /api/…      ─► bucket "api|<client>"   (SMUP_RATE_LIMIT per minute)
 *          ├─► /static/…   ─► not counted (a page's style sheet and scripts are part of the page view)
 *          └─► any page    ─► bucket "page|<client>"  (SMUP_PAGE_RATE_LIMIT per minute)
 *
 * The client is `request.ip`: the socket's address, or X-Forwarded-For's behind the proxies Fastify's
 * `trustProxy` (SMUP_TRUST_PROXY) trusts. Before, the portal's in-process API calls all counted against one
 * bucket, 127.0.0.1: one client viewing 900 pages made every other visitor's pages answer 429 for 36 s.
 *
 * In-process requests prove themselves with a random token made at start (a header an outside client cannot
 * guess), and name the real client they act for (x-smup-client), so per-client quotas such as saved sets
 * still count the person, not the server.
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import rateLimit from '@fastify/rate-limit';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { ApiProblem } from '../problem.js';

const IN_PROCESS_HEADER = 'x-smup-in-process';
const CLIENT_HEADER = 'x-smup-client';
const TOKEN = Buffer.from(randomBytes(24).toString('base64url'));

/** Headers of a request the server makes to itself on behalf of `client` (the portal's API calls). */
export function inProcessHeaders(client?: string): Record<string, string> {
  return {
    [IN_PROCESS_HEADER]: TOKEN.toString(),
    ...(client === undefined ? {} : { [CLIENT_HEADER]: client }),
  };
}

export function isInProcess(request: FastifyRequest): boolean {
  const header = request.headers[IN_PROCESS_HEADER];
  if (typeof header !== 'string') return false;
  const given = Buffer.from(header);
  return given.length === TOKEN.length && timingSafeEqual(given, TOKEN);
}

/** The client a request counts against: the real one, also when the portal asks on its behalf. */
export function clientOf(request: FastifyRequest): string {
  const named = request.headers[CLIENT_HEADER];
  return isInProcess(request) && typeof named === 'string' && named !== '' ? named : request.ip;
}

export function rateLimited(
  what: { pl: string; en: string },
  limit: string,
  retryAfterSeconds: number,
): ApiProblem {
  return new ApiProblem(429, 'rate-limited', {
    pl: `Przekroczono limit ${limit} (${what.pl}); spróbuj ponownie za ${retryAfterSeconds} s.`,
    en: `The limit of ${limit} (${what.en}) was exceeded; retry in ${retryAfterSeconds} s.`,
  });
}

export interface ClientLimitOptions {
  /** API requests per minute per client; 0: no limit. */
  readonly apiPerMinute: number;
  /** Portal page views (and form posts) per minute per client; 0: no limit. */
  readonly pagesPerMinute: number;
}

/**
 * Installs the two per-client buckets on the whole app. A client over its limit gets 429 with Retry-After
 * (seconds) through the app's error handler: problem+json from the API, an HTML page from the portal.
 */
export async function installClientLimits(
  app: FastifyInstance,
  { apiPerMinute, pagesPerMinute }: ClientLimitOptions,
): Promise<void> {
  if (apiPerMinute <= 0 && pagesPerMinute <= 0) return;
  // The plugin's store only (global: false): which bucket a request counts against is decided below.
  await app.register(rateLimit, { global: false });
  const limiter = (prefix: string, max: number) =>
    max > 0
      ? app.createRateLimit({ max, timeWindow: 60_000, keyGenerator: (r) => `${prefix}|${r.ip}` })
      : null;
  const api = limiter('api', apiPerMinute);
  const pages = limiter('page', pagesPerMinute);
  app.addHook('onRequest', async (request, reply) => {
    if (isInProcess(request)) return;
    const isApi = request.url.startsWith('/api/');
    if (!isApi && request.url.startsWith('/static/')) return;
    const check = isApi ? api : pages;
    if (!check) return;
    const result = await check(request);
    if (result.isAllowed) return;
    reply.header('x-ratelimit-limit', String(result.max));
    reply.header('x-ratelimit-remaining', String(result.remaining));
    if (!result.isExceeded) return;
    const seconds = Math.max(1, result.ttlInSeconds);
    reply.header('retry-after', String(seconds));
    throw rateLimited(
      isApi
        ? { pl: 'zapytań do API na minutę', en: 'API requests per minute' }
        : { pl: 'stron na minutę', en: 'pages per minute' },
      String(result.max),
      seconds,
    );
  });
}

/**
 * A fixed-window counter per client (saved sets per hour): pure, bounded — windows that ended are dropped
 * before a new client is added, and at most `maxClients` are tracked (beyond that, the oldest are forgotten:
 * a flood of addresses can only forget quotas, never grow memory).
 */
export class WindowQuota {
  private readonly windows = new Map<string, { start: number; count: number }>();
  constructor(
    private readonly max: number,
    private readonly windowMs: number,
    private readonly maxClients = 50_000,
  ) {}

  /** Counts one use by `client` at `now`; returns 0 if allowed, else the seconds until the window ends. */
  take(client: string, now: number): number {
    let window = this.windows.get(client);
    if (!window || now - window.start >= this.windowMs) {
      if (!window) this.makeRoom(now);
      window = { start: now, count: 0 };
      this.windows.delete(client);
      this.windows.set(client, window);
    }
    if (window.count >= this.max) return Math.max(1, Math.ceil((window.start + this.windowMs - now) / 1000));
    window.count += 1;
    return 0;
  }

  private makeRoom(now: number): void {
    if (this.windows.size < this.maxClients) return;
    for (const [client, window] of this.windows) {
      if (now - window.start >= this.windowMs || this.windows.size >= this.maxClients) {
        this.windows.delete(client);
      } else break;
    }
  }
}
