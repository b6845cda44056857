/**
 * HTTP caching of published data (issue 6): a published release never changes, so an answer is fully
 * determined by the release it read, the URL and the negotiated format. Routes mark their answer with
 * `markRelease`; this hook then sets a strong ETag and Cache-Control, and answers a matching If-None-Match
 * with 304 and no body. Pinned answers (`release=` in the URL) are immutable; answers from the live
 * release may change at the next publish, so they are cached briefly and revalidated.
 */
import { createHash } from 'node:crypto';
import type { FastifyInstance, FastifyReply } from 'fastify';

const RELEASE_HEADER = 'x-smup-release';
const LIVE_MAX_AGE = 60;

/** Marks an answer as read from `release` (also tells clients which release they got). */
export function markRelease(reply: FastifyReply, release: number): void {
  reply.header(RELEASE_HEADER, String(release));
}

export function installReleaseCaching(app: FastifyInstance): void {
  app.addHook('onSend', async (request, reply, payload) => {
    const release = reply.getHeader(RELEASE_HEADER);
    if (request.method !== 'GET' || reply.statusCode !== 200 || release === undefined) return payload;
    const variant = `${String(reply.getHeader('content-type') ?? '')}|${request.headers['accept-encoding'] ?? ''}`;
    const etag = `"r${String(release)}-${createHash('sha256')
      .update(`${request.url}|${variant}`)
      .digest('base64url')
      .slice(0, 22)}"`;
    const pinned = /[?&]release=\d+/.test(request.url);
    reply.header('etag', etag);
    reply.header(
      'cache-control',
      pinned ? 'public, max-age=31536000, immutable' : `public, max-age=${LIVE_MAX_AGE}`,
    );
    reply.header('vary', 'Accept, Accept-Encoding');
    const match = request.headers['if-none-match'];
    if (match !== undefined && match.split(',').some((tag) => tag.trim() === etag)) {
      reply.code(304);
      reply.removeHeader('content-type');
      reply.removeHeader('content-disposition');
      return '';
    }
    return payload;
  });
}
