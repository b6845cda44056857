/**
 * HTTP caching of published data (issue 6). A published release never changes, so an answer is fully
 * determined by the release it read, the URL and the negotiated variant (Accept). Routes mark their answer
 * with `markRelease`; then
 *   - onSend sets a strong ETag and Cache-Control (pinned `release=` answers are immutable; answers from the
 *     live release may change at the next publish, so they are cached briefly and revalidated), answers a
 *     matching If-None-Match with 304, and keeps the serialised answer in a bounded in-memory cache;
 *   - onRequest looks the request up in that cache (keyed by the release it would read: the pinned one, or
 *     the live one asked of the database, so a publish or rollback is seen at once) and answers from it
 *     without running the route again.
 */
import { createHash } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Database } from '../../store/database.js';
import { liveReleaseId, publishesInProcess } from '../../store/releases-store.js';

const RELEASE_HEADER = 'x-smup-release';
const LIVE_MAX_AGE = 60;
/** Headers a cached answer is replayed with. */
const KEPT_HEADERS = ['content-type', 'content-disposition', RELEASE_HEADER] as const;

/** Marks an answer as read from `release` (also tells clients which release they got). */
export function markRelease(reply: FastifyReply, release: number): void {
  reply.header(RELEASE_HEADER, String(release));
}

interface CachedAnswer {
  readonly etag: string;
  readonly body: string | Buffer;
  readonly headers: Readonly<Record<string, string>>;
  readonly pinned: boolean;
}

/** A least-recently-used map bounded by the bytes of the bodies it holds. */
class AnswerCache {
  private readonly entries = new Map<string, CachedAnswer>();
  private bytes = 0;
  constructor(private readonly maxBytes: number) {}

  get(key: string): CachedAnswer | undefined {
    const entry = this.entries.get(key);
    if (entry) {
      this.entries.delete(key);
      this.entries.set(key, entry);
    }
    return entry;
  }

  set(key: string, entry: CachedAnswer): void {
    const size = Buffer.byteLength(entry.body);
    if (size > this.maxBytes / 4) return; // one huge answer must not flush everything else
    const old = this.entries.get(key);
    if (old) {
      this.bytes -= Buffer.byteLength(old.body);
      this.entries.delete(key);
    }
    this.entries.set(key, entry);
    this.bytes += size;
    for (const [k, e] of this.entries) {
      if (this.bytes <= this.maxBytes) break;
      this.entries.delete(k);
      this.bytes -= Buffer.byteLength(e.body);
    }
  }
}

/** The release `release=` pins, if it is one a route would accept (larger ones are refused as 400). */
const pinnedRelease = (url: string): number | null => {
  const match = /[?&]release=(\d{1,10})(?:&|$)/.exec(url);
  return match ? Number(match[1]) : null;
};

/**
 * GET and HEAD: a HEAD is answered with the headers of the GET (ETag, Cache-Control, Vary, the release),
 * so they share one cache entry (HEAD's body is dropped by Fastify).
 */
const isCacheable = (request: FastifyRequest): boolean =>
  (request.method === 'GET' || request.method === 'HEAD') && request.url.startsWith('/api/v1/');

const keyOf = (request: FastifyRequest, release: number | string): string =>
  `${release}|${request.url}|${request.headers.accept ?? ''}`;

const etagOf = (key: string, release: number | string): string =>
  `"r${release}-${createHash('sha256').update(key).digest('base64url').slice(0, 22)}"`;

const matches = (request: FastifyRequest, etag: string): boolean =>
  request.headers['if-none-match']?.split(',').some((tag) => tag.trim() === etag) ?? false;

/** How long a cached answer trusts the live release id it read (a publish by another process is seen after). */
const LIVE_RELEASE_TTL_MS = 1000;

/**
 * The live release id, asked of the database at most once per LIVE_RELEASE_TTL_MS and again at once after
 * a publish in this process: asking for every cached answer was one database round trip per hit, most of
 * a hit's time (issue 14: cached answers at 137 req/s against 230 for the same bytes as a static file).
 * `known` answers without waiting while the note is fresh, so a hit needs no promise at all.
 */
function liveReleaseNote(db: Database): {
  known(): number | null | undefined;
  ask(): Promise<number | null>;
} {
  let note: { id: number | null; at: number; publishes: number } | null = null;
  const known = () =>
    note && Date.now() - note.at < LIVE_RELEASE_TTL_MS && note.publishes === publishesInProcess()
      ? note.id
      : undefined;
  return {
    known,
    ask: async () => {
      const fresh = known();
      if (fresh !== undefined) return fresh;
      const now = Date.now();
      const publishes = publishesInProcess();
      const id = await liveReleaseId(db);
      note = { id, at: now, publishes };
      return id;
    },
  };
}

export interface ReleaseCachingOptions {
  readonly db: Database;
  /** Bytes of answers kept in memory; 0 turns the answer cache off (ETags and 304 stay). */
  readonly cacheBytes: number;
}

export function installReleaseCaching(app: FastifyInstance, { db, cacheBytes }: ReleaseCachingOptions): void {
  const cache = cacheBytes > 0 ? new AnswerCache(cacheBytes) : null;
  const liveRelease = liveReleaseNote(db);
  const cacheControl = (pinned: boolean) =>
    pinned ? 'public, max-age=31536000, immutable' : `public, max-age=${LIVE_MAX_AGE}`;

  if (cache) {
    // Callback hooks, not async ones: a hit is answered without a promise or a tick when the live release is
    // known (per-request overhead is most of a small cached answer's time, issue 14 point 7).
    app.addHook('onRequest', (request, reply, done) => {
      if (!isCacheable(request) || request.url.startsWith('/api/v1/health')) return done();
      const answer = (release: number | null) => {
        const hit = release === null ? undefined : cache.get(keyOf(request, release));
        if (!hit) return done();
        reply.header('etag', hit.etag).header('cache-control', cacheControl(hit.pinned));
        reply.header('vary', 'Accept, Accept-Encoding');
        reply.headers(hit.headers);
        // Answered here: onSend below sees the header and does not store or tag it again.
        reply.header('x-smup-cache', 'hit');
        if (matches(request, hit.etag)) reply.code(304).send('');
        else reply.send(hit.body);
      };
      const release = pinnedRelease(request.url) ?? liveRelease.known();
      if (release !== undefined) return answer(release);
      // A database that cannot say which release is live cannot serve from the cache either; the route
      // then meets the same error and answers it (503 while the database is down).
      liveRelease
        .ask()
        .then(answer, () => done())
        .catch((error: unknown) => done(error as Error));
    });
  }

  app.addHook('onSend', (request, reply, payload, done) => {
    const release = reply.getHeader(RELEASE_HEADER);
    if (!isCacheable(request) || release === undefined) return done(null, payload);
    if (reply.getHeader('x-smup-cache') === 'hit') {
      if (reply.statusCode === 304) {
        reply.removeHeader('content-type');
        reply.removeHeader('content-disposition');
      }
      return done(null, payload);
    }
    if (reply.statusCode !== 200) return done(null, payload);
    const key = keyOf(request, String(release));
    const etag = etagOf(key, String(release));
    const pinned = pinnedRelease(request.url) !== null;
    reply.header('etag', etag);
    reply.header('cache-control', cacheControl(pinned));
    reply.header('vary', 'Accept, Accept-Encoding');
    // Only a GET's body is stored: a HEAD shares the entry's headers but must never store its own body.
    if (cache && request.method === 'GET' && (typeof payload === 'string' || Buffer.isBuffer(payload))) {
      const headers: Record<string, string> = {};
      for (const name of KEPT_HEADERS) {
        const value = reply.getHeader(name);
        if (value !== undefined) headers[name] = String(value);
      }
      // Kept as bytes: a string body would be encoded to UTF-8 again for every hit.
      const body = typeof payload === 'string' ? Buffer.from(payload) : payload;
      cache.set(key, { etag, body, headers, pinned });
    }
    if (matches(request, etag)) {
      reply.code(304);
      reply.removeHeader('content-type');
      reply.removeHeader('content-disposition');
      return done(null, '');
    }
    done(null, payload);
  });
}
