/**
 * The portal's saved work (issue 18, point 2), in Polish and under /en: "Moje zestawienia" with its edit,
 * delete (after a confirmation page) and share forms (`/konto/zapisane…`), the Zapisz forms' target (`POST /zapisz`, from the unit and
 * compare pages and the Raport form's `/zapisz/raport/{teryt}`), and a share link's read-only page
 * (`/udostepnione/{token}`). Each acts through the API as the visitor (session.ts), so the API's checks are
 * the only ones; every POST has passed the CSRF check of api/auth/install.ts before it gets here. Nothing
 * here is cached: the pages are personal, and a share link's page must stop at once when it is revoked.
 */
import type { Static } from '@sinclair/typebox';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { SavedItem, SavedList, SharedItem } from '../api/schemas/saved.js';
import type { UnitDetail } from '../api/schemas/units.js';
import { REPORT_FORMATS } from '../domain/accounts/saved-items.js';
import { apiGet, apiOk } from './api-client.js';
import type { Lang } from './format.js';
import { withLang } from './layout.js';
import { safeNext } from './pages/account.js';
import { errorPage } from './pages/error.js';
import { LIST_NOTICES, savedDeletePage, savedEditPage, savedListPage } from './pages/saved-list.js';
import { SAVED_TEXT, type CatalogueNames } from './pages/saved-text.js';
import { actionErrorPage, reportConfirmPage, sharedItemPage } from './pages/shared-item.js';
import { kindOf, settingsFromForm } from './saved-form.js';
import { apiAs, problemMessage, sessionOf, type Session } from './session.js';

type LangOf = (request: FastifyRequest) => Lang;
type Item = Static<typeof SavedItem>;
type Text = { readonly pl: string; readonly en: string };

const formOf = (request: FastifyRequest): URLSearchParams =>
  request.body instanceof URLSearchParams ? request.body : new URLSearchParams();

const personal = (reply: FastifyReply): FastifyReply =>
  reply.header('cache-control', 'no-store').type('text/html; charset=utf-8');

const queryOf = (request: FastifyRequest): URLSearchParams =>
  new URLSearchParams(request.url.split('?')[1] ?? '');

/** The page's path without `/en` (the layout adds the language to its links). */
const pathOf = (request: FastifyRequest): string =>
  (request.url.split('?')[0] ?? '/').replace(/^\/en(?=\/|$)/, '') || '/';

function toLogin(reply: FastifyReply, lang: Lang, back: string): FastifyReply {
  return reply.redirect(`${withLang('/logowanie', lang)}?next=${encodeURIComponent(back)}`, 303);
}

/** `?name=value` added to a path of this site, before its fragment. */
function withParam(path: string, name: string, value: string, fragment: string): string {
  const bare = path.split('#')[0] ?? path;
  return `${bare}${bare.includes('?') ? '&' : '?'}${name}=${encodeURIComponent(value)}#${fragment}`;
}

const idOf = (request: FastifyRequest): number => {
  const id = Number((request.params as { id?: string }).id);
  return Number.isInteger(id) && id > 0 && id <= 2_147_483_647 ? id : 0;
};

/** Indicator and area names of the catalogue (public API, in-process), to describe settings in words. */
async function catalogueNames(app: FastifyInstance): Promise<CatalogueNames> {
  type Named = { items: Array<{ id: string; name: Text }> };
  const [indicators, areas] = await Promise.all([
    apiOk<Named>(app, '/api/v1/indicators'),
    apiOk<Named>(app, '/api/v1/areas'),
  ]);
  return {
    indicators: new Map(indicators.items.map((i) => [i.id, i.name])),
    areas: new Map(areas.items.map((a) => [a.id, a.name])),
  };
}

function failed(
  reply: FastifyReply,
  lang: Lang,
  status: number,
  message: Text,
  back: string | null,
  url: string,
) {
  return personal(reply.code(status >= 500 ? 503 : status)).send(
    actionErrorPage(lang, message, { back, url }),
  );
}

/** The signed-in session, or null after answering with the way to sign in and come back to `back`. */
async function signedIn(request: FastifyRequest, reply: FastifyReply, lang: Lang, back: string) {
  const session = await sessionOf(request, reply);
  if (session.user) return session;
  toLogin(reply, lang, back);
  return null;
}

// Over 80 lines: the registrations of the pages and their form actions, in both languages, each a few lines.
export async function savedPortalRoutes(app: FastifyInstance, langOf: LangOf): Promise<void> {
  for (const prefix of ['', '/en']) {
    app.get(`${prefix}/konto/zapisane`, { schema: { hide: true } }, async (request, reply) => {
      const lang = langOf(request);
      const session = await signedIn(request, reply, lang, withLang('/konto/zapisane', lang));
      if (!session) return reply;
      const list = await apiAs<Static<typeof SavedList>>(request, reply, 'GET', '/api/v1/me/saved');
      if (list.status !== 200) throw new Error(`GET /api/v1/me/saved answered ${list.status}`);
      const query = queryOf(request);
      const said = (Object.keys(LIST_NOTICES) as Array<keyof typeof LIST_NOTICES>).find((k) => query.has(k));
      return personal(reply).send(
        savedListPage(lang, session, list.body, {
          names: await catalogueNames(app),
          notice: said ? SAVED_TEXT[LIST_NOTICES[said]] : null,
          origin: `${request.protocol}://${request.host}`,
        }),
      );
    });

    app.get(`${prefix}/konto/zapisane/:id`, { schema: { hide: true } }, async (request, reply) => {
      const lang = langOf(request);
      const id = idOf(request);
      const session = await signedIn(request, reply, lang, withLang(`/konto/zapisane/${id}`, lang));
      if (!session) return reply;
      const item = await apiAs<Item>(request, reply, 'GET', `/api/v1/me/saved/${id}`);
      if (item.status !== 200) {
        return personal(reply.code(404)).send(
          errorPage(lang, 404, problemMessage(item.body), pathOf(request)),
        );
      }
      const names = await catalogueNames(app);
      return personal(reply).send(savedEditPage(lang, session, item.body, { names, error: null }));
    });

    app.post(`${prefix}/konto/zapisane/:id`, { schema: { hide: true } }, async (request, reply) => {
      const lang = langOf(request);
      const id = idOf(request);
      const form = formOf(request);
      const item = await apiAs<Item>(request, reply, 'GET', `/api/v1/me/saved/${id}`);
      if (item.status === 401) return toLogin(reply, lang, withLang(`/konto/zapisane/${id}`, lang));
      if (item.status !== 200) {
        return personal(reply.code(404)).send(
          errorPage(lang, 404, problemMessage(item.body), pathOf(request)),
        );
      }
      const change = {
        name: (form.get('nazwa') ?? '').slice(0, 200),
        settings: settingsFromForm(item.body.kind, form),
      };
      const answer = await apiAs<Item>(request, reply, 'PATCH', `/api/v1/me/saved/${id}`, change);
      if (answer.status === 200) {
        return reply.redirect(
          withParam(withLang('/konto/zapisane', lang), 'zmieniono', String(id), `poz-${id}`),
          303,
        );
      }
      // Shown again as sent, with the API's reason: nothing of it was stored.
      const session = (await sessionOf(request, reply)) as Session;
      const sent = {
        ...item.body,
        name: change.name,
        settings: { ...item.body.settings, ...change.settings },
      } as Item;
      return personal(reply.code(answer.status >= 500 ? 503 : answer.status)).send(
        savedEditPage(lang, session, sent, {
          names: await catalogueNames(app),
          error: problemMessage(answer.body),
        }),
      );
    });

    app.get(`${prefix}/konto/zapisane/:id/usun`, { schema: { hide: true } }, async (request, reply) => {
      const lang = langOf(request);
      const id = idOf(request);
      const session = await signedIn(request, reply, lang, withLang(`/konto/zapisane/${id}/usun`, lang));
      if (!session) return reply;
      const item = await apiAs<Item>(request, reply, 'GET', `/api/v1/me/saved/${id}`);
      if (item.status !== 200) {
        return personal(reply.code(404)).send(
          errorPage(lang, 404, problemMessage(item.body), pathOf(request)),
        );
      }
      return personal(reply).send(savedDeletePage(lang, session, item.body, await catalogueNames(app)));
    });

    for (const [verb, method, api, notice] of [
      ['/usun', 'DELETE', '', 'usunieto'],
      ['/udostepnij', 'POST', '/share', 'udostepniono'],
      ['/cofnij-udostepnienie', 'DELETE', '/share', 'cofnieto'],
    ] as const) {
      app.post(`${prefix}/konto/zapisane/:id${verb}`, { schema: { hide: true } }, async (request, reply) => {
        const lang = langOf(request);
        const id = idOf(request);
        // A delete only from its confirmation page: any other form (a list page of an older version) asks first.
        if (verb === '/usun' && formOf(request).get('potwierdz') !== '1') {
          return reply.redirect(withLang(`/konto/zapisane/${id}/usun`, lang), 303);
        }
        const answer = await apiAs(request, reply, method, `/api/v1/me/saved/${id}${api}`);
        const list = withLang('/konto/zapisane', lang);
        if (answer.status === 401) return toLogin(reply, lang, list);
        if (answer.status < 300) {
          return reply.redirect(
            withParam(list, notice, String(id), verb === '/usun' ? 'tresc' : `poz-${id}`),
            303,
          );
        }
        return failed(reply, lang, answer.status, problemMessage(answer.body), list, pathOf(request));
      });
    }

    app.post(`${prefix}/zapisz`, { schema: { hide: true } }, async (request, reply) => {
      const lang = langOf(request);
      const form = formOf(request);
      const back = safeNext(form.get('wroc'));
      const kind = kindOf(form.get('rodzaj'));
      if (!kind) {
        const message = {
          pl: 'Pole „rodzaj”: set, compare albo report.',
          en: 'Field "rodzaj": set, compare or report.',
        };
        return failed(reply, lang, 400, message, back, pathOf(request));
      }
      const body = {
        kind,
        name: (form.get('nazwa') ?? '').slice(0, 200),
        settings: settingsFromForm(kind, form),
      };
      const answer = await apiAs<Item>(request, reply, 'POST', '/api/v1/me/saved', body);
      if (answer.status === 401) return toLogin(reply, lang, back ?? withLang('/konto/zapisane', lang));
      if (answer.status === 201) {
        const id = String(answer.body.id);
        const to = back
          ? withParam(back, 'zapisano', id, 'zapisz-h')
          : withParam(withLang('/konto/zapisane', lang), 'zapisano', id, `poz-${id}`);
        return reply.redirect(to, 303);
      }
      return failed(reply, lang, answer.status, problemMessage(answer.body), back, pathOf(request));
    });

    app.get(`${prefix}/zapisz/raport/:teryt`, { schema: { hide: true } }, async (request, reply) => {
      const lang = langOf(request);
      const teryt = (request.params as { teryt: string }).teryt;
      const session = await signedIn(request, reply, lang, request.url);
      if (!session) return reply;
      const unit = await apiGet<Static<typeof UnitDetail>>(app, `/api/v1/units/${encodeURIComponent(teryt)}`);
      if (unit.status !== 200) {
        const status = unit.status === 400 ? 404 : unit.status;
        return personal(reply.code(status >= 500 ? 503 : status)).send(
          errorPage(lang, status, problemMessage(unit.body), pathOf(request)),
        );
      }
      const query = queryOf(request);
      const level = unit.body.level;
      const published = level === 'gmina' || level === 'powiat' || level === 'wojewodztwo';
      const [names, atLevel] = await Promise.all([
        catalogueNames(app),
        published
          ? apiOk<{ items: Array<{ area: string }> }>(app, `/api/v1/indicators?level=${level}`)
          : null,
      ]);
      // The form's "all areas" lists the areas with an indicator at the unit's level (the unit page's areas).
      const areasOfLevel = new Set(atLevel ? atLevel.items.map((i) => i.area) : names.areas.keys());
      const areas = (query.get('areas') ?? '').split(',').filter((a) => a !== '');
      const year = Number(query.get('year'));
      const settings = {
        unit: teryt,
        against: (query.get('against') ?? 'group').slice(0, 80),
        year: Number.isInteger(year) && year > 0 ? year : null,
        // The form's "all areas" (every area of the unit's level) is saved as "every area": areas added later count.
        areas: [...areasOfLevel].every((a) => areas.includes(a)) ? [] : areas.slice(0, 20),
        format: REPORT_FORMATS.find((f) => f === query.get('format')) ?? 'pdf',
        lang,
      };
      const view = new URLSearchParams({
        porownaj: settings.against,
        ...(settings.year ? { rok: String(settings.year) } : {}),
      });
      const back = withLang(`/jst/${teryt}?${view.toString()}`, lang);
      return personal(reply).send(
        reportConfirmPage(lang, session, {
          settings,
          unitName: unit.body.name,
          names,
          back,
          url: pathOf(request),
        }),
      );
    });

    app.get(`${prefix}/udostepnione/:token`, { schema: { hide: true } }, async (request, reply) => {
      const lang = langOf(request);
      const token = (request.params as { token: string }).token;
      const shared = await apiGet<Static<typeof SharedItem>>(
        app,
        `/api/v1/shared/${encodeURIComponent(token)}`,
      );
      reply.header('x-robots-tag', 'noindex');
      if (shared.status !== 200) {
        // A malformed link is as unknown as a revoked one.
        const message = shared.status === 404 ? problemMessage(shared.body) : problemMessage(null);
        const status = shared.status === 400 || shared.status === 404 ? 404 : 503;
        return personal(reply.code(status)).send(errorPage(lang, status, message, pathOf(request)));
      }
      const names = await catalogueNames(app);
      return personal(reply).send(sharedItemPage(lang, shared.body, { names, url: pathOf(request) }));
    });
  }
}
