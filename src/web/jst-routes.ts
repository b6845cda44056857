/**
 * The portal's pages of watchlists and JST data (issue 18, points 3–5): `/zmiany` and `/dane-jst` with their
 * forms, in Polish and under /en. Each acts through the API as the visitor (session.ts), so the API's role
 * checks are the only ones; every POST has passed the CSRF check of api/auth/install.ts before it gets here.
 */
import type { Static } from '@sinclair/typebox';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { JstVariableList, SubmissionList, WatchedChanges } from '../api/schemas/submissions.js';
import type { Lang } from './format.js';
import { withLang } from './layout.js';
import { safeNext } from './pages/account.js';
import { errorPage } from './pages/error.js';
import { jstDataPage, JST_TEXT, type ProblemView } from './pages/jst-data.js';
import { watchChangesPage } from './pages/watch-changes.js';
import { apiAs, problemMessage, sessionOf, type Session } from './session.js';

type LangOf = (request: FastifyRequest) => Lang;

const formOf = (request: FastifyRequest): URLSearchParams =>
  request.body instanceof URLSearchParams ? request.body : new URLSearchParams();

const personal = (reply: FastifyReply): FastifyReply =>
  reply.header('cache-control', 'no-store').type('text/html; charset=utf-8');

function toLogin(reply: FastifyReply, lang: Lang, back: string): FastifyReply {
  return reply.redirect(
    `${withLang('/logowanie', lang)}?next=${encodeURIComponent(withLang(back, lang))}`,
    303,
  );
}

async function watchPage(
  request: FastifyRequest,
  reply: FastifyReply,
  lang: Lang,
  session: Session,
  error: { pl: string; en: string } | null = null,
) {
  const [changes, indicators] = await Promise.all([
    apiAs<Static<typeof WatchedChanges>>(request, reply, 'GET', '/api/v1/me/changes'),
    apiAs<{ items: Array<{ id: string; name: { pl: string; en: string } }> }>(
      request,
      reply,
      'GET',
      '/api/v1/indicators',
    ),
  ]);
  if (changes.status !== 200) throw new Error(`GET /api/v1/me/changes answered ${changes.status}`);
  return personal(reply).send(watchChangesPage(lang, session, changes.body, indicators.body.items, error));
}

async function dataPage(
  request: FastifyRequest,
  reply: FastifyReply,
  lang: Lang,
  session: Session & { user: NonNullable<Session['user']> },
  extra: {
    notice?: { pl: string; en: string } | null;
    refused?: { unit: string; problems: ProblemView[] } | null;
    form?: Record<string, string>;
  } = {},
) {
  const review = session.user.role === 'steward' || session.user.role === 'admin';
  if (!review && session.user.role !== 'jst_editor') {
    return personal(reply.code(403)).send(
      errorPage(lang, 403, { pl: JST_TEXT.pl.forbidden, en: JST_TEXT.en.forbidden }, '/dane-jst'),
    );
  }
  const units = review
    ? []
    : await Promise.all(
        session.user.units.map(async (code) => {
          const answer = await apiAs<Static<typeof JstVariableList>>(
            request,
            reply,
            'GET',
            `/api/v1/jst/units/${code}/variables`,
          );
          return answer.status === 200 ? answer.body : null;
        }),
      );
  const submissions = await apiAs<Static<typeof SubmissionList>>(
    request,
    reply,
    'GET',
    `/api/v1/jst/submissions?pageSize=100${review ? '&status=submitted' : ''}`,
  );
  return personal(reply.code(extra.refused ? 422 : 200)).send(
    jstDataPage(lang, session, {
      units: units.filter((u) => u !== null && u.variables.length > 0) as Array<
        Static<typeof JstVariableList>
      >,
      submissions: submissions.body,
      review,
      notice: extra.notice ?? null,
      refused: extra.refused ?? null,
      ...(extra.form ? { form: extra.form } : {}),
    }),
  );
}

// Over 80 lines: the registrations of the pages and their form actions, in both languages, each a few lines.
export async function jstPortalRoutes(app: FastifyInstance, langOf: LangOf): Promise<void> {
  for (const prefix of ['', '/en']) {
    app.get(`${prefix}/zmiany`, { schema: { hide: true } }, async (request, reply) => {
      const lang = langOf(request);
      const session = await sessionOf(request, reply);
      if (!session.user) return toLogin(reply, lang, '/zmiany');
      return watchPage(request, reply, lang, session);
    });
    for (const [path, api] of [
      ['/zmiany/obserwuj', '/api/v1/me/watches'],
      ['/zmiany/usun', '/api/v1/me/watches/remove'],
    ] as const) {
      app.post(`${prefix}${path}`, { schema: { hide: true } }, async (request, reply) => {
        const lang = langOf(request);
        const form = formOf(request);
        // `co` (the compare page's one select): `jst:CODE` or `wsk:ID`.
        const co = form.get('co') ?? '';
        const unit = form.get('unit')?.trim() || (co.startsWith('jst:') ? co.slice(4) : undefined);
        const indicator = form.get('indicator')?.trim() || (co.startsWith('wsk:') ? co.slice(4) : undefined);
        // From a unit or compare page (save-controls.ts): back there, saying what happened.
        const back = safeNext(form.get('wroc'));
        const answer = await apiAs(request, reply, 'POST', api, {
          ...(unit ? { unit } : {}),
          ...(indicator ? { indicator } : {}),
        });
        if (answer.status === 401) return toLogin(reply, lang, back?.replace(/^\/en(?=\/)/, '') ?? '/zmiany');
        if (answer.status === 200 && back) {
          const status = path === '/zmiany/obserwuj' ? 'obserwujesz' : 'nieobserwujesz';
          return reply.redirect(`${back}${back.includes('?') ? '&' : '?'}${status}=1#zapisz-h`, 303);
        }
        if (answer.status === 200) return reply.redirect(withLang('/zmiany', lang), 303);
        const session = await sessionOf(request, reply);
        reply.code(answer.status >= 500 ? 503 : answer.status);
        return watchPage(request, reply, lang, session, problemMessage(answer.body));
      });
    }

    app.get(`${prefix}/dane-jst`, { schema: { hide: true } }, async (request, reply) => {
      const lang = langOf(request);
      const session = await sessionOf(request, reply);
      if (!session.user) return toLogin(reply, lang, '/dane-jst');
      const query = new URLSearchParams(request.url.split('?')[1] ?? '');
      const sent = Number(query.get('zgloszono'));
      const decided = Number(query.get('decyzja'));
      const notice =
        sent > 0
          ? { pl: JST_TEXT.pl.sent(sent), en: JST_TEXT.en.sent(sent) }
          : decided > 0
            ? { pl: JST_TEXT.pl.decided(decided), en: JST_TEXT.en.decided(decided) }
            : null;
      return dataPage(request, reply, lang, { ...session, user: session.user }, { notice });
    });

    app.post(`${prefix}/dane-jst/zglos`, { schema: { hide: true } }, async (request, reply) => {
      const lang = langOf(request);
      const form = formOf(request);
      const unit = (form.get('unit') ?? '').trim();
      const year = Number(form.get('year'));
      const values = [...form.entries()]
        .filter(([name]) => name.startsWith('jst:'))
        .map(([variable, value]) => ({
          variable: variable.slice(0, 100),
          year: Number.isInteger(year) ? year : 0,
          value: value.slice(0, 40),
        }));
      const answer = await apiAs<{ id: number; problems?: ProblemView[] }>(
        request,
        reply,
        'POST',
        `/api/v1/jst/units/${encodeURIComponent(unit)}/submissions`,
        {
          comment: (form.get('comment') ?? '').slice(0, 2000),
          values: values.length > 0 ? values : [{ variable: '', year: 0, value: null }],
        },
      );
      if (answer.status === 401) return toLogin(reply, lang, '/dane-jst');
      if (answer.status === 201)
        return reply.redirect(`${withLang('/dane-jst', lang)}?zgloszono=${answer.body.id}`, 303);
      const session = await sessionOf(request, reply);
      if (!session.user) return toLogin(reply, lang, '/dane-jst');
      const problems: ProblemView[] = answer.body.problems ?? [
        { line: null, severity: 'error', message: problemMessage(answer.body) },
      ];
      return dataPage(
        request,
        reply,
        lang,
        { ...session, user: session.user },
        {
          refused: { unit, problems },
          form: Object.fromEntries(form.entries()),
        },
      );
    });

    for (const [verb, api] of [
      ['przyjmij', 'accept'],
      ['odrzuc', 'reject'],
    ] as const) {
      app.post(
        `${prefix}/dane-jst/zgloszenia/:id/${verb}`,
        { schema: { hide: true } },
        async (request, reply) => {
          const lang = langOf(request);
          const id = Number((request.params as { id: string }).id);
          const form = formOf(request);
          const answer = await apiAs(
            request,
            reply,
            'POST',
            `/api/v1/jst/submissions/${Number.isInteger(id) && id > 0 ? id : 0}/${api}`,
            api === 'reject' ? { reason: (form.get('reason') ?? '').slice(0, 2000) } : undefined,
          );
          if (answer.status === 401) return toLogin(reply, lang, '/dane-jst');
          if (answer.status === 200)
            return reply.redirect(`${withLang('/dane-jst', lang)}?decyzja=${id}`, 303);
          return personal(reply.code(answer.status >= 500 ? 503 : answer.status)).send(
            errorPage(lang, answer.status, problemMessage(answer.body), '/dane-jst'),
          );
        },
      );
    }
  }
}
