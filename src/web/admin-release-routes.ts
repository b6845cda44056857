/**
 * The portal's release administration URLs (issue 18, point 5), in Polish and under /en: the list, the diff
 * of two releases, and for publish, discard and roll back a GET confirmation page and the POST that acts.
 * Everything goes through the API as the visitor (session.ts), so its role checks (steward, admin) and audit
 * records are the only ones; every POST has passed the CSRF check of api/auth/install.ts before it gets here.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { adminPage, formOf, personal, refusal, toSignIn } from './admin-page.js';
import type { Lang } from './format.js';
import { withLang } from './layout.js';
import {
  ACTION_PATHS,
  confirmPage,
  diffPage,
  releasesPage,
  type Diff,
  type Notice,
  type ReleaseAction,
  type ReleaseList,
} from './pages/admin-releases.js';
import { apiAs, problemMessage, sessionOf } from './session.js';

type LangOf = (request: FastifyRequest) => Lang;

const ID = /^\d{1,9}$/;
const queryOf = (request: FastifyRequest) => new URLSearchParams(request.url.split('?')[1] ?? '');
const idOf = (value: string | null | undefined): number | null =>
  value && ID.test(value) && Number(value) > 0 ? Number(value) : null;

/** The notice a redirect after an action asks for (`?opublikowano=5`…). */
function noticeOf(query: URLSearchParams): Notice | null {
  const n = (name: string) => idOf(query.get(name));
  const published = n('opublikowano');
  if (published)
    return {
      kind: 'ok',
      message: { pl: `Opublikowano wydanie ${published}.`, en: `Release ${published} published.` },
    };
  const same = n('bez-zmian');
  if (same)
    return {
      kind: 'ok',
      message: {
        pl: `Wersja robocza ${same} nie zmieniała żadnej wartości: odrzucono ją, aktualne wydanie się nie zmieniło.`,
        en: `Draft ${same} changed no value: it was discarded and the live release stays as it was.`,
      },
    };
  const discarded = n('odrzucono');
  if (discarded)
    return {
      kind: 'ok',
      message: { pl: `Odrzucono wersję roboczą ${discarded}.`, en: `Draft ${discarded} discarded.` },
    };
  const rolledBack = n('przywrocono');
  if (rolledBack)
    return {
      kind: 'ok',
      message: {
        pl: `Przywrócono dane jako wydanie ${rolledBack}.`,
        en: `Rolled back as release ${rolledBack}.`,
      },
    };
  return null;
}

async function listPage(
  request: FastifyRequest,
  reply: FastifyReply,
  lang: Lang,
  notice: Notice | null,
  status = 200,
) {
  const session = await sessionOf(request, reply);
  return adminPage<ReleaseList>(request, reply.code(status), lang, '/api/v1/admin/releases', (list) =>
    releasesPage(lang, session, list, notice),
  );
}

/** The confirmation of `action`: the release it acts on and the diff it makes to the live data. */
async function confirmation(request: FastifyRequest, reply: FastifyReply, lang: Lang, action: ReleaseAction) {
  const list = await apiAs<ReleaseList>(request, reply, 'GET', '/api/v1/admin/releases');
  if (list.status !== 200) return refusal(request, reply, lang, list);
  const { live, draft } = list.body;
  const target = action === 'rollback' ? idOf(queryOf(request).get('do')) : (draft?.id ?? null);
  if (target === null) {
    const message =
      action === 'rollback'
        ? { pl: 'Podaj numer wydania do przywrócenia.', en: 'Name the release to roll back to.' }
        : { pl: 'Nie ma wersji roboczej.', en: 'There is no draft.' };
    return listPage(request, reply, lang, { kind: 'error', message }, 409);
  }
  const diff =
    live === null || live === target
      ? null
      : await apiAs<Diff>(
          request,
          reply,
          'GET',
          `/api/v1/admin/releases/diff?from=${live}&to=${target}&pageSize=20`,
        );
  if (diff && diff.status !== 200) return refusal(request, reply, lang, diff);
  const session = await sessionOf(request, reply);
  return personal(reply).send(confirmPage(lang, session, action, target, diff?.body ?? null));
}

/** The POST of `action`: the API call, then back to the list saying what happened (or why not). */
async function act(request: FastifyRequest, reply: FastifyReply, lang: Lang, action: ReleaseAction) {
  const form = formOf(request);
  const [url, body] =
    action === 'publish'
      ? ['/api/v1/admin/releases/draft/publish', { draft: idOf(form.get('draft')) ?? undefined }]
      : action === 'discard'
        ? ['/api/v1/admin/releases/draft/discard', { draft: idOf(form.get('draft')) ?? undefined }]
        : ['/api/v1/admin/releases/rollback', { to: idOf(form.get('do')) ?? undefined }];
  const answer = await apiAs<{ releaseId?: number; discarded?: number; unchanged?: boolean }>(
    request,
    reply,
    'POST',
    url,
    body,
  );
  if (answer.status === 401 || answer.status === 403) return refusal(request, reply, lang, answer);
  if (answer.status !== 200) {
    const status = answer.status >= 500 ? 503 : answer.status;
    return listPage(request, reply, lang, { kind: 'error', message: problemMessage(answer.body) }, status);
  }
  const done =
    action === 'discard'
      ? `odrzucono=${answer.body.discarded}`
      : action === 'rollback'
        ? `przywrocono=${answer.body.releaseId}`
        : answer.body.unchanged
          ? `bez-zmian=${body.draft ?? ''}`
          : `opublikowano=${answer.body.releaseId}`;
  return reply.redirect(`${withLang('/admin/wydania', lang)}?${done}`, 303);
}

export async function adminReleasePortalRoutes(app: FastifyInstance, langOf: LangOf): Promise<void> {
  for (const prefix of ['', '/en']) {
    app.get(`${prefix}/admin/wydania`, { schema: { hide: true } }, async (request, reply) =>
      listPage(request, reply, langOf(request), noticeOf(queryOf(request))),
    );

    app.get(`${prefix}/admin/wydania/roznice`, { schema: { hide: true } }, async (request, reply) => {
      const lang = langOf(request);
      const query = queryOf(request);
      const from = idOf(query.get('od'));
      const to = idOf(query.get('do'));
      if (from === null || to === null) {
        const message = { pl: 'Podaj numery dwóch wydań.', en: 'Give the numbers of two releases.' };
        return listPage(request, reply, lang, { kind: 'error', message }, 400);
      }
      const kept: Record<string, string> = { od: String(from), do: String(to) };
      const api = new URLSearchParams({ from: String(from), to: String(to), pageSize: '100' });
      for (const [name, param] of [
        ['jst', 'unit'],
        ['zmienna', 'variable'],
        ['rodzaj', 'kind'],
      ] as const) {
        const value = (query.get(name) ?? '').trim().slice(0, 800);
        if (value) {
          kept[name] = value;
          api.set(param, value);
        }
      }
      const page = idOf(query.get('strona'));
      if (page) api.set('page', String(page));
      const session = await sessionOf(request, reply);
      if (!session.user) return toSignIn(reply, lang, '/admin/wydania');
      return adminPage<Diff>(request, reply, lang, `/api/v1/admin/releases/diff?${api.toString()}`, (diff) =>
        diffPage(lang, session, diff, kept),
      );
    });

    for (const action of Object.keys(ACTION_PATHS) as ReleaseAction[]) {
      const path = `${prefix}${ACTION_PATHS[action]}`;
      app.get(path, { schema: { hide: true } }, async (request, reply) =>
        confirmation(request, reply, langOf(request), action),
      );
      app.post(path, { schema: { hide: true } }, async (request, reply) =>
        act(request, reply, langOf(request), action),
      );
    }
  }
}
