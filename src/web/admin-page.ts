/**
 * What the portal's admin pages share (users, audit log, releases, ingestion): each reads the API as the
 * visitor, so the API's role checks are the only ones — 401 sends the visitor to sign in and come back,
 * 403 (or any other refusal) is the portal's error page, which shows no admin form. Nothing is cached.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Lang } from './format.js';
import { withLang } from './layout.js';
import { errorPage } from './pages/error.js';
import { apiAs, problemMessage } from './session.js';

export const formOf = (request: FastifyRequest): URLSearchParams =>
  request.body instanceof URLSearchParams ? request.body : new URLSearchParams();

export const personal = (reply: FastifyReply): FastifyReply =>
  reply.header('cache-control', 'no-store').type('text/html; charset=utf-8');

/** The request's path without `/en` (the page's identity, to which a language is added). */
export const plainPath = (request: FastifyRequest): string =>
  request.url.split('?')[0]?.replace(/^\/en(?=\/|$)/, '') || '/';

/** Sends the visitor to sign in, then back to `back` (a plain path). */
export function toSignIn(reply: FastifyReply, lang: Lang, back: string): FastifyReply {
  return reply.redirect(
    `${withLang('/logowanie', lang)}?next=${encodeURIComponent(withLang(back, lang))}`,
    303,
  );
}

/** An API refusal as the portal's error page (or sign-in, for 401). */
export function refusal(
  request: FastifyRequest,
  reply: FastifyReply,
  lang: Lang,
  answer: { status: number; body: unknown },
): FastifyReply {
  if (answer.status === 401) return toSignIn(reply, lang, plainPath(request));
  const status = answer.status >= 500 ? 503 : answer.status;
  return personal(reply.code(status)).send(
    errorPage(lang, status, problemMessage(answer.body), plainPath(request)),
  );
}

/** GETs `api` as the visitor and renders its answer, or answers the API's refusal. */
export async function adminPage<T>(
  request: FastifyRequest,
  reply: FastifyReply,
  lang: Lang,
  api: string,
  render: (body: T) => string | Promise<string>,
): Promise<FastifyReply> {
  const answer = await apiAs<T>(request, reply, 'GET', api);
  if (answer.status !== 200) return refusal(request, reply, lang, answer);
  return personal(reply).send(await render(answer.body));
}
