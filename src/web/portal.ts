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
import { indicatorMapSvg, indicatorPage } from './pages/indicator.js';
import { compareEmbedPage, embedPage } from './pages/embed.js';
import { comparePage } from './pages/compare.js';
import { saveSetAction } from './pages/save-set.js';
import { accessibilityPage } from './pages/info/accessibility.js';
import { guidePage } from './pages/info/guide.js';
import { methodologyPage } from './pages/info/methodology.js';
import { installStaticAssets } from './static-assets.js';
import { accountRoutes } from './account-routes.js';
import { jstPortalRoutes } from './jst-routes.js';
import { adminReleasePortalRoutes } from './admin-release-routes.js';
import { adminIngestPortalRoutes } from './admin-ingest-routes.js';
import { savedPortalRoutes } from './saved-routes.js';
import { searchUnits } from './unit-search.js';
import { releaseChangesPage } from './pages/release-changes.js';
import { rankingCsv, rankingFileName } from './pages/ranking-csv.js';
import { PageError, type PageContext, type PageHandler, type Visitor } from './page-error.js';
import { apiAs, type Session } from './session.js';
import { STATUS_PARAMS } from './pages/save-controls.js';

/** The session cookie's name: must match SESSION_COOKIE of api/auth/cookies.ts (web/ does not import it). */
const SESSION_COOKIE = 'smup_session';

/** Polish URLs first (`/jst/1261011`); each also under `/en` for English. */
const PAGES: ReadonlyArray<readonly [string, PageHandler]> = [
  ['/', homePage],
  ['/jst/:teryt', unitPage],
  ['/wskaznik/:id', indicatorPage],
  ['/porownaj', comparePage],
  ['/osadz/porownanie', compareEmbedPage],
  ['/osadz/:kind/:id', embedPage],
  ['/metodologia', methodologyPage],
  ['/deklaracja-dostepnosci', accessibilityPage],
  ['/jak-korzystac', guidePage],
  ['/wydania/:id/zmiany', releaseChangesPage],
];

function queryOf(request: FastifyRequest): URLSearchParams {
  const at = request.url.indexOf('?');
  return new URLSearchParams(at < 0 ? '' : request.url.slice(at + 1));
}

export function langOf(request: FastifyRequest): Lang {
  const path = request.url.split('?', 1)[0] ?? '';
  return path.startsWith('/en/') || path === '/en' || queryOf(request).get('lang') === 'en' ? 'en' : 'pl';
}

/**
 * The request's URL without `/en`, `lang=` and the status a form's redirect added (`zapisano=`…): the
 * page's identity, to which a language is then added.
 */
function plainUrl(request: FastifyRequest): string {
  const [path = '/', query = ''] = request.url.split('?', 2) as [string, string?];
  const params = new URLSearchParams(query);
  params.delete('lang');
  for (const name of STATUS_PARAMS) params.delete(name);
  const bare = path === '/en' ? '/' : path.startsWith('/en/') ? path.slice(3) : path;
  const rest = params.toString();
  return rest ? `${bare}?${rest}` : bare;
}

/**
 * The visitor of `request` for a page (page-error.ts Visitor). `asked` and `personal` tell render() how
 * the answer may be cached: a page that asked varies by cookie, one that read a session is the visitor's.
 */
function visitorOf(request: FastifyRequest, reply: FastifyReply) {
  const seen = { asked: false, personal: false };
  let session: Promise<Session | null> | undefined;
  const visitor: Visitor = {
    async session() {
      seen.asked = true;
      // No session cookie: nobody is signed in, and no API call (which would set a pre-session cookie on a
      // page every anonymous visitor shares through caches).
      if (!request.cookies[SESSION_COOKIE]) return null;
      // With one, the answer is this visitor's: their forms, or a cookie the session call set.
      seen.personal = true;
      // A session the API cannot read now (the database restarting) shows the page as to anyone: the data
      // calls of the page answer the outage themselves, and no page fails for its forms alone.
      session ??= apiAs<Session>(request, reply, 'GET', '/api/v1/auth/session').then((a) =>
        a.status === 200 ? a.body : null,
      );
      const current = await session;
      return current?.user ? { ...current, user: current.user } : null;
    },
    get: (url) => apiAs(request, reply, 'GET', url),
  };
  return { visitor, seen };
}

function contextOf(request: FastifyRequest, visitor: Visitor): PageContext {
  const query = queryOf(request);
  return {
    app: request.server,
    lang: langOf(request),
    params: (request.params ?? {}) as Record<string, string>,
    query: Object.fromEntries([...query.keys()].map((k) => [k, query.get(k) ?? undefined])),
    queryAll: (name) => query.getAll(name),
    url: plainUrl(request),
    origin: `${request.protocol}://${request.host}`,
    visitor,
  };
}

async function render(handler: PageHandler, request: FastifyRequest, reply: FastifyReply): Promise<string> {
  const { visitor, seen } = visitorOf(request, reply);
  const context = contextOf(request, visitor);
  const { lang } = context;
  reply.type('text/html; charset=utf-8');
  reply.header('content-language', lang);
  try {
    checkPageParameters(context);
    const body = await handler(context);
    // Pages follow the live release, so they are revalidated rather than cached for long; a page with a
    // signed-in visitor's forms (their CSRF token) is theirs alone.
    reply.header('cache-control', seen.personal ? 'private, no-store' : 'public, max-age=60');
    if (seen.asked) reply.header('vary', 'cookie');
    return body;
  } catch (error) {
    if (error instanceof PageError) {
      reply.code(error.status).header('cache-control', 'public, max-age=60');
      if (error.retryAfter !== undefined) reply.header('retry-after', error.retryAfter);
      return errorPage(lang, error.status, error.messages, context.url);
    }
    throw error;
  }
}

// Over 80 lines: a Fastify plugin: its body is the registrations of its routes (schema, then a handler each).
export async function portalRoutes(app: FastifyInstance): Promise<void> {
  await installStaticAssets(app);
  // HTML forms post `application/x-www-form-urlencoded`; this plugin's scope only (the API takes JSON).
  app.addContentTypeParser(
    'application/x-www-form-urlencoded',
    { parseAs: 'string', bodyLimit: 16_384 },
    (_request, body, done) => done(null, new URLSearchParams(String(body))),
  );
  await accountRoutes(app, langOf);
  await jstPortalRoutes(app, langOf);
  await adminReleasePortalRoutes(app, langOf);
  await adminIngestPortalRoutes(app, langOf);
  await savedPortalRoutes(app, langOf);
  for (const prefix of ['', '/en']) {
    // Anonymous and harmless to forge (it only saves a public set, under nobody's name): no CSRF token.
    app.post(
      `${prefix}/zestaw`,
      { schema: { hide: true }, config: { csrf: false } },
      async (request, reply) => {
        const lang = langOf(request);
        try {
          await saveSetAction(request, reply, lang);
        } catch (error) {
          if (!(error instanceof PageError)) throw error;
          reply.code(error.status).type('text/html; charset=utf-8');
          if (error.retryAfter !== undefined) reply.header('retry-after', error.retryAfter);
          return errorPage(lang, error.status, error.messages, plainUrl(request));
        }
        return reply;
      },
    );
  }
  // The home page's search as you type (web/client/live-search.ts): the same ordered, described results
  // as the page renders without JavaScript.
  app.get('/wyszukaj', { schema: { hide: true } }, async (request, reply) => {
    const q = (queryOf(request).get('q') ?? '').trim().slice(0, 100);
    reply.header('cache-control', 'public, max-age=60');
    if (CONTROL_CHARACTER.test(q)) {
      reply.code(400);
      return { title: 'Bad request', detail: 'Parameter "q": control characters are not allowed.' };
    }
    return q === '' ? { total: 0, items: [] } : searchUnits(request.server, q, 10);
  });
  for (const prefix of ['', '/en']) {
    // The indicator page's map as its own file (issue 16, point 7): cached by the browser for a day, since
    // its URL names the release; an error is a short text answer, as an <img> cannot show a page.
    app.get(`${prefix}/wskaznik/:id/mapa.svg`, { schema: { hide: true } }, async (request, reply) => {
      const context = contextOf(request, visitorOf(request, reply).visitor);
      try {
        checkPageParameters(context);
        const svg = await indicatorMapSvg(context);
        reply.type('image/svg+xml; charset=utf-8');
        reply.header('cache-control', 'public, max-age=86400');
        return svg;
      } catch (error) {
        if (!(error instanceof PageError)) throw error;
        reply.code(error.status).type('text/plain; charset=utf-8');
        return error.messages[context.lang];
      }
    });
  }
  for (const prefix of ['', '/en']) {
    // The ranking as the screen shows it (issue 16, point 3): same rows and columns, for a spreadsheet.
    app.get(`${prefix}/wskaznik/:id/ranking.csv`, { schema: { hide: true } }, async (request, reply) => {
      const context = contextOf(request, visitorOf(request, reply).visitor);
      try {
        checkPageParameters(context);
        const csv = await rankingCsv(context);
        reply.type('text/csv; charset=utf-8');
        reply.header(
          'content-disposition',
          `attachment; filename="${rankingFileName(context, context.lang)}"`,
        );
        reply.header('cache-control', 'public, max-age=60');
        return csv;
      } catch (error) {
        if (!(error instanceof PageError)) throw error;
        reply.code(error.status).type('text/plain; charset=utf-8');
        return error.messages[context.lang];
      }
    });
  }
  for (const [path, handler] of PAGES) {
    for (const prefix of ['', '/en']) {
      const route = prefix === '' ? path : path === '/' ? prefix : `${prefix}${path}`;
      app.get(route, { schema: { hide: true } }, (request, reply) => render(handler, request, reply));
    }
  }
}

/** The portal's page for any error of a non-API URL (404, 400, 429, 503…): see api/problem.ts. */
export function portalErrorPage(
  request: FastifyRequest,
  status: number,
  messages: { readonly pl: string; readonly en: string },
): string {
  return errorPage(langOf(request), status, messages, plainUrl(request));
}

/** Longest value of a page parameter: a list of 10 units or 50 indicators fits many times over. */
const MAX_PARAMETER_LENGTH = 2000;
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const CONTROL_CHARACTER = /[\u0000-\u001F\u007F-\u009F]/;

/**
 * Every page's parameters, checked once before any page reads them (issue 14): no control characters (NUL
 * answered 500 through the API) and no parameter longer than any real one.
 */
function checkPageParameters({ params, query, queryAll }: PageContext): void {
  const values: Array<[string, string]> = [
    ...Object.entries(params),
    ...Object.keys(query).flatMap((name) => queryAll(name).map((value): [string, string] => [name, value])),
  ];
  for (const [name, value] of values) {
    if (CONTROL_CHARACTER.test(value) || CONTROL_CHARACTER.test(name)) {
      throw new PageError(400, {
        pl: `Parametr „${name.slice(0, 40)}”: niedozwolony znak sterujący.`,
        en: `Parameter "${name.slice(0, 40)}": control characters are not allowed.`,
      });
    }
    if (value.length > MAX_PARAMETER_LENGTH) {
      throw new PageError(400, {
        pl: `Parametr „${name.slice(0, 40)}”: najwyżej ${MAX_PARAMETER_LENGTH} znaków, podano ${value.length}.`,
        en: `Parameter "${name.slice(0, 40)}": at most ${MAX_PARAMETER_LENGTH} characters, ${value.length} given.`,
      });
    }
  }
}
