/**
 * The public portal, served by the same server as the API: server-rendered pages in Polish (and English,
 * by `/en/…` or `?lang=en`), each reading SMUP's own public API in-process (api-client.ts), so everything
 * the portal shows is reachable through the API. Pages work without JavaScript; the small browser modules
 * of web/client only add search as you type and sortable tables.
 *
 * Why server rendering rather than a client-side app: the first view of a unit page is one HTML answer
 * (no API round trips from the browser), charts are inline SVG with their numbers in real tables, and a
 * page needs no bundle to be readable, printable or embeddable.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Lang } from './format.js';
import { errorPage } from './pages/error.js';
import { homePage } from './pages/home.js';
import { unitPage } from './pages/unit.js';
import { indicatorPage } from './pages/indicator.js';
import { compareEmbedPage, embedPage } from './pages/embed.js';
import { comparePage } from './pages/compare.js';
import { saveSetAction } from './pages/save-set.js';
import { installStaticAssets } from './static-assets.js';

/** What a page handler gets: the language, the route's parameters and the query (first value of each). */
export interface PageContext {
  readonly app: FastifyInstance;
  readonly lang: Lang;
  readonly params: Readonly<Record<string, string>>;
  readonly query: Readonly<Record<string, string | undefined>>;
  /** Every value of a repeated query parameter (`?jst=a&jst=b`). */
  readonly queryAll: (name: string) => string[];
  /** The request's path and query without the language switch: the page's permalink in `lang`. */
  readonly url: string;
  /** `http://host:port` as the client reached the server: absolute links for embed codes. */
  readonly origin: string;
}

/** A page the portal cannot show: answered as an HTML page with this status. */
export class PageError extends Error {
  constructor(
    readonly status: number,
    readonly messages: { pl: string; en: string },
  ) {
    super(messages.en);
  }
}

export type PageHandler = (context: PageContext) => Promise<string>;

/** Polish URLs first (`/jst/1261011`); each also under `/en` for English. */
const PAGES: ReadonlyArray<readonly [string, PageHandler]> = [
  ['/', homePage],
  ['/jst/:teryt', unitPage],
  ['/wskaznik/:id', indicatorPage],
  ['/porownaj', comparePage],
  ['/osadz/porownanie', compareEmbedPage],
  ['/osadz/:kind/:id', embedPage],
];

function queryOf(request: FastifyRequest): URLSearchParams {
  const at = request.url.indexOf('?');
  return new URLSearchParams(at < 0 ? '' : request.url.slice(at + 1));
}

export function langOf(request: FastifyRequest): Lang {
  const path = request.url.split('?', 1)[0] ?? '';
  return path.startsWith('/en/') || path === '/en' || queryOf(request).get('lang') === 'en' ? 'en' : 'pl';
}

/** The request's URL without `/en` and `lang=`: the page's identity, to which a language is then added. */
function plainUrl(request: FastifyRequest): string {
  const [path = '/', query = ''] = request.url.split('?', 2) as [string, string?];
  const params = new URLSearchParams(query);
  params.delete('lang');
  const bare = path === '/en' ? '/' : path.startsWith('/en/') ? path.slice(3) : path;
  const rest = params.toString();
  return rest ? `${bare}?${rest}` : bare;
}

async function render(handler: PageHandler, request: FastifyRequest, reply: FastifyReply): Promise<string> {
  const lang = langOf(request);
  const query = queryOf(request);
  const context: PageContext = {
    app: request.server,
    lang,
    params: (request.params ?? {}) as Record<string, string>,
    query: Object.fromEntries([...query.keys()].map((k) => [k, query.get(k) ?? undefined])),
    queryAll: (name) => query.getAll(name),
    url: plainUrl(request),
    origin: `${request.protocol}://${request.host}`,
  };
  reply.type('text/html; charset=utf-8');
  // Pages follow the live release, so they are revalidated rather than cached for long.
  reply.header('cache-control', 'public, max-age=60');
  reply.header('content-language', lang);
  try {
    return await handler(context);
  } catch (error) {
    if (error instanceof PageError) {
      reply.code(error.status);
      return errorPage(lang, error.status, error.messages, context.url);
    }
    throw error;
  }
}

export async function portalRoutes(app: FastifyInstance): Promise<void> {
  await installStaticAssets(app);
  // HTML forms post `application/x-www-form-urlencoded`; this plugin's scope only (the API takes JSON).
  app.addContentTypeParser(
    'application/x-www-form-urlencoded',
    { parseAs: 'string', bodyLimit: 16_384 },
    (_request, body, done) => done(null, new URLSearchParams(String(body))),
  );
  for (const prefix of ['', '/en']) {
    app.post(`${prefix}/zestaw`, { schema: { hide: true } }, async (request, reply) => {
      const lang = langOf(request);
      try {
        await saveSetAction(request, reply, lang);
      } catch (error) {
        if (!(error instanceof PageError)) throw error;
        reply.code(error.status).type('text/html; charset=utf-8');
        return errorPage(lang, error.status, error.messages, plainUrl(request));
      }
      return reply;
    });
  }
  for (const [path, handler] of PAGES) {
    for (const prefix of ['', '/en']) {
      const route = prefix === '' ? path : path === '/' ? prefix : `${prefix}${path}`;
      app.get(route, { schema: { hide: true } }, (request, reply) => render(handler, request, reply));
    }
  }
}

/** The not-found answer of a non-API URL: the portal's 404 page. */
export function portalNotFound(request: FastifyRequest): string {
  return errorPage(
    langOf(request),
    404,
    {
      pl: `Nie ma strony ${request.url.split('?')[0] ?? ''}.`,
      en: `There is no page at ${request.url.split('?')[0] ?? ''}.`,
    },
    plainUrl(request),
  );
}
