/**
 * The portal's account pages read and change the visitor's session through the API, in-process, as the
 * visitor: their cookies go with the call and the cookies the API sets come back to the browser. The
 * visitor's own form post has passed the CSRF check already (api/auth/install.ts), so the in-process call
 * is not checked again.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import { clientOf, inProcessHeaders } from '../api/plugins/client-limits.js';
import type { Static } from '@sinclair/typebox';
import type { SessionAnswer } from '../api/schemas/accounts.js';

export type Session = Static<typeof SessionAnswer>;

export interface AnswerAs<T> {
  readonly status: number;
  readonly body: T;
  readonly retryAfter?: string | undefined;
}

/** Calls the API as the visitor of `request`, passing Set-Cookie back through `reply`. */
export async function apiAs<T>(
  request: FastifyRequest,
  reply: FastifyReply,
  method: 'GET' | 'POST' | 'PATCH' | 'DELETE',
  url: string,
  body?: unknown,
  /** The body as bytes of this type instead of JSON (a file passed on, e.g. text/csv). */
  raw?: { readonly bytes: Buffer; readonly type: string },
): Promise<AnswerAs<T>> {
  const answer = await request.server.inject({
    method,
    url,
    headers: {
      accept: 'application/json',
      ...(raw
        ? { 'content-type': raw.type }
        : body === undefined
          ? {}
          : { 'content-type': 'application/json' }),
      ...(request.headers.cookie ? { cookie: request.headers.cookie } : {}),
      ...(request.headers['user-agent'] ? { 'user-agent': request.headers['user-agent'] } : {}),
      // Must match OUTER_PROTOCOL_HEADER of api/auth/cookies.ts: decides the Secure flag of cookies set.
      'x-smup-protocol': request.protocol,
      ...inProcessHeaders(clientOf(request)),
    },
    ...(raw ? { payload: raw.bytes } : body === undefined ? {} : { payload: JSON.stringify(body) }),
  });
  const cookies = answer.headers['set-cookie'];
  if (cookies !== undefined) reply.header('set-cookie', cookies);
  return {
    status: answer.statusCode,
    body: (answer.body === '' ? null : answer.json()) as T,
    retryAfter: answer.headers['retry-after']?.toString(),
  };
}

/** The visitor's session: who is signed in (or null) and the CSRF token for the page's forms. */
export async function sessionOf(request: FastifyRequest, reply: FastifyReply): Promise<Session> {
  const answer = await apiAs<Session>(request, reply, 'GET', '/api/v1/auth/session');
  if (answer.status !== 200) throw new Error(`GET /api/v1/auth/session answered ${answer.status}`);
  return answer.body;
}

/** A message of a problem+json answer, in both languages (with a fallback). */
export function problemMessage(body: unknown): { pl: string; en: string } {
  const message = (body as { message?: { pl: string; en: string } } | null)?.message;
  return message ?? { pl: 'Nie udało się wykonać operacji.', en: 'The operation failed.' };
}
