import helmet from '@fastify/helmet';
import Fastify from 'fastify';
import { describe, expect, it } from 'vitest';
import { helmetHeaders, installHelmetHeaders } from './security-headers.js';

const OPTIONS = {
  contentSecurityPolicy: {
    useDefaults: false,
    directives: { defaultSrc: ["'self'"], frameAncestors: ["'none'"] },
  },
  frameguard: { action: 'deny' as const },
};

/** The headers an app answers `url` with, without those of the moment (date) or of the body. */
async function headersOf(install: (app: ReturnType<typeof Fastify>) => Promise<unknown>, url: string) {
  const app = Fastify();
  await install(app);
  app.get('/page', async () => 'page');
  const response = await app.inject(url);
  await app.close();
  const { date: _date, 'content-length': _length, ...rest } = response.headers;
  return rest;
}

describe('helmet headers worked out once', () => {
  it('answers with exactly the headers @fastify/helmet sets per request, on a route and on a 404', async () => {
    for (const url of ['/page', '/missing']) {
      const once = await headersOf((app) => installHelmetHeaders(app, OPTIONS), url);
      const perRequest = await headersOf((app) => app.register(helmet, OPTIONS), url);
      expect(once, url).toEqual(perRequest);
      expect(once['content-security-policy']).toBe("default-src 'self';frame-ancestors 'none'");
      expect(once['x-frame-options']).toBe('DENY');
    }
  });

  it('refuses options whose headers differ per request (CSP nonces)', async () => {
    await expect(helmetHeaders({ ...OPTIONS, enableCSPNonces: true })).rejects.toThrow(/nonces/);
  });
});
