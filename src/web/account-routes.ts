/**
 * The portal's account URLs (issue 18): sign-in, sign-out, the account page, in Polish and under /en. Each
 * acts through the API as the visitor (session.ts); every POST has passed the CSRF check of
 * api/auth/install.ts before it gets here. Nothing here is cached: the pages are personal.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Lang } from './format.js';
import { withLang } from './layout.js';
import { accountPage, ACCOUNT_TEXT, loginPage, safeNext } from './pages/account.js';
import { apiAs, problemMessage, sessionOf, type Session } from './session.js';

type LangOf = (request: FastifyRequest) => Lang;

function formOf(request: FastifyRequest): URLSearchParams {
  return request.body instanceof URLSearchParams ? request.body : new URLSearchParams();
}

function personal(reply: FastifyReply): FastifyReply {
  return reply.header('cache-control', 'no-store').type('text/html; charset=utf-8');
}

export async function accountRoutes(app: FastifyInstance, langOf: LangOf): Promise<void> {
  for (const prefix of ['', '/en']) {
    app.get(`${prefix}/logowanie`, { schema: { hide: true } }, async (request, reply) => {
      const lang = langOf(request);
      const session = await sessionOf(request, reply);
      const query = new URLSearchParams(request.url.split('?')[1] ?? '');
      return personal(reply).send(loginPage(lang, session, { next: safeNext(query.get('next')) }));
    });

    app.post(`${prefix}/logowanie`, { schema: { hide: true } }, async (request, reply) => {
      const lang = langOf(request);
      const form = formOf(request);
      const email = (form.get('email') ?? '').slice(0, 254);
      const next = safeNext(form.get('next'));
      const answer = await apiAs<Session>(request, reply, 'POST', '/api/v1/auth/login', {
        email,
        password: (form.get('password') ?? '').slice(0, 200),
      });
      if (answer.status === 200) return reply.redirect(next ?? withLang('/konto', lang), 303);
      const session = await sessionOf(request, reply);
      if (answer.retryAfter) reply.header('retry-after', answer.retryAfter);
      return personal(reply.code(answer.status >= 500 ? 503 : answer.status)).send(
        loginPage(lang, session, { error: problemMessage(answer.body), email, next }),
      );
    });

    app.get(`${prefix}/konto`, { schema: { hide: true } }, async (request, reply) => {
      const lang = langOf(request);
      const session = await sessionOf(request, reply);
      if (!session.user) {
        return reply.redirect(
          `${withLang('/logowanie', lang)}?next=${encodeURIComponent(withLang('/konto', lang))}`,
          303,
        );
      }
      const query = new URLSearchParams(request.url.split('?')[1] ?? '');
      const notice = query.get('zakonczono') === '1' ? ACCOUNT_TEXT.signedOutEverywhere : null;
      return personal(reply).send(accountPage(lang, { ...session, user: session.user }, notice));
    });

    app.post(`${prefix}/wyloguj`, { schema: { hide: true } }, async (request, reply) => {
      const lang = langOf(request);
      await apiAs(request, reply, 'POST', '/api/v1/auth/logout');
      return reply.redirect(withLang('/', lang), 303);
    });

    app.post(`${prefix}/wyloguj-wszedzie`, { schema: { hide: true } }, async (request, reply) => {
      const lang = langOf(request);
      await apiAs(request, reply, 'POST', '/api/v1/auth/logout-everywhere');
      return reply.redirect(`${withLang('/logowanie', lang)}`, 303);
    });
  }
}
