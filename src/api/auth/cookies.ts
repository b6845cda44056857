/**
 * The two cookies of accounts, both HttpOnly (no script reads them) and host-only (no Domain):
 *   smup_session — the session token; SameSite=Lax, so a link to SMUP from an e-mail or another site opens
 *                  signed in, while another site's POST carries no session;
 *   smup_csrf    — before signing in, the secret the login and sign-up forms' CSRF token derives from;
 *                  SameSite=Strict.
 *
 * Secure (sent over HTTPS only) is decided per request by `SMUP_COOKIE_SECURE`: `always`, `never`, or `auto`
 * (default): Secure when the request came over HTTPS — as Fastify sees it: a TLS socket, or
 * X-Forwarded-Proto: https from a proxy that SMUP_TRUST_PROXY trusts — or when NODE_ENV=production.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import { isInProcess } from '../plugins/client-limits.js';

export const SESSION_COOKIE = 'smup_session';
export const PRE_SESSION_COOKIE = 'smup_csrf';

export type CookieSecurity = 'auto' | 'always' | 'never';

/** The portal's in-process calls name the protocol of the visitor's request they act for. */
export const OUTER_PROTOCOL_HEADER = 'x-smup-protocol';

export function secureCookie(request: FastifyRequest, mode: CookieSecurity): boolean {
  if (mode !== 'auto') return mode === 'always';
  const protocol = isInProcess(request) ? request.headers[OUTER_PROTOCOL_HEADER] : request.protocol;
  return protocol === 'https' || process.env.NODE_ENV === 'production';
}

export function setSessionCookie(
  request: FastifyRequest,
  reply: FastifyReply,
  token: string,
  maxAgeSeconds: number,
  mode: CookieSecurity,
): void {
  reply.setCookie(SESSION_COOKIE, token, {
    path: '/',
    httpOnly: true,
    sameSite: 'lax',
    secure: secureCookie(request, mode),
    maxAge: maxAgeSeconds,
  });
}

export function clearSessionCookie(request: FastifyRequest, reply: FastifyReply, mode: CookieSecurity): void {
  reply.clearCookie(SESSION_COOKIE, {
    path: '/',
    httpOnly: true,
    sameSite: 'lax',
    secure: secureCookie(request, mode),
  });
}

export function setPreSessionCookie(
  request: FastifyRequest,
  reply: FastifyReply,
  secret: string,
  mode: CookieSecurity,
): void {
  reply.setCookie(PRE_SESSION_COOKIE, secret, {
    path: '/',
    httpOnly: true,
    sameSite: 'strict',
    secure: secureCookie(request, mode),
  });
}
