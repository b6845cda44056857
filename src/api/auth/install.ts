/**
 * Accounts on the whole server (API and portal): cookies, the per-request session state the guard reads
 * (guard.ts), and CSRF protection of every unsafe request.
 *
 * CSRF: a synchronizer token derived from the cookie's secret (accounts/tokens.ts, csrfTokenFor) — the
 * session token once signed in, the pre-session cookie before. Pages put it in a hidden `_csrf` field, API
 * clients in an `x-csrf-token` header (GET /api/v1/auth/session answers it). Why not @fastify/csrf-protection:
 * it keeps its own secret in a cookie or a session store; ours already has a server-side session, and a
 * token bound to it cannot be planted by a sibling sub-domain setting cookies (the weakness of a plain
 * double-submit cookie) and ends with the session. No state is added: the token is recomputed per request.
 */
import cookie from '@fastify/cookie';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { LoginLimits } from '../../accounts/accounts.js';
import type { Mailer } from '../../accounts/mailer.js';
import type { PasswordHashing } from '../../accounts/passwords.js';
import { csrfTokenFor, sameSecret } from '../../accounts/tokens.js';
import type { Database } from '../../store/database.js';
import { isInProcess } from '../plugins/client-limits.js';
import { ApiProblem } from '../problem.js';
import { PRE_SESSION_COOKIE, SESSION_COOKIE, type CookieSecurity } from './cookies.js';
import { currentUser } from './guard.js';
import { requestState, setRequestState } from './request-state.js';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** false: this unsafe route is not checked for a CSRF token (anonymous writes only). */
    csrf?: boolean;
  }
}

export interface AccountOptions {
  /** argon2id parameters (default: production, accounts/passwords.ts); tests pass cheaper ones. */
  readonly hashing?: PasswordHashing;
  /** How long a session lasts from sign-in (default 14 days). */
  readonly sessionTtlSeconds?: number;
  /** When cookies are marked Secure (SMUP_COOKIE_SECURE; see cookies.ts). */
  readonly cookieSecure?: CookieSecurity;
  /** E-mail for reset links, invitations and sign-up (SMUP_SMTP_URL); null: no sign-up, links by an admin. */
  readonly mailer?: Mailer | null;
  /** Sign-in lockout (default accounts.ts LOGIN_LIMITS: 5 per account, 20 per address, in 15 min). */
  readonly loginLimits?: LoginLimits;
}

export const DEFAULT_SESSION_TTL_SECONDS = 14 * 86_400;

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

export const CSRF_HEADER = 'x-csrf-token';
export const CSRF_FIELD = '_csrf';

function sentToken(request: FastifyRequest): string | undefined {
  const header = request.headers[CSRF_HEADER];
  if (typeof header === 'string' && header !== '') return header;
  const body = request.body;
  if (body instanceof URLSearchParams) return body.get(CSRF_FIELD) ?? undefined;
  if (body !== null && typeof body === 'object' && CSRF_FIELD in body) {
    const value = (body as Record<string, unknown>)[CSRF_FIELD];
    return typeof value === 'string' ? value : undefined;
  }
  return undefined;
}

export async function installAccounts(app: FastifyInstance, db: Database): Promise<void> {
  await app.register(cookie);
  // A callback hook: nothing to wait for, and a promise per request is overhead on every answer.
  app.addHook('onRequest', (request, _reply, done) => {
    setRequestState(request, {
      db,
      sessionToken: request.cookies[SESSION_COOKIE],
      preSession: request.cookies[PRE_SESSION_COOKIE],
    });
    done();
  });
  app.addHook('preHandler', async (request) => {
    if (SAFE_METHODS.has(request.method)) return;
    // The portal's own calls to the API were made for a form post that passed this check already.
    if (isInProcess(request)) return;
    if (request.routeOptions.config.csrf === false) return;
    const state = requestState(request);
    const secret = (await currentUser(request)) ? state?.sessionToken : state?.preSession;
    const sent = sentToken(request);
    if (!secret || !sent || !sameSecret(sent, csrfTokenFor(secret))) {
      throw new ApiProblem(403, 'csrf-failed', {
        pl: `Brak lub niepoprawny token CSRF (pole ${CSRF_FIELD} formularza albo nagłówek ${CSRF_HEADER}). Odśwież stronę i spróbuj ponownie.`,
        en: `Missing or wrong CSRF token (form field ${CSRF_FIELD} or header ${CSRF_HEADER}). Reload the page and try again.`,
      });
    }
  });
}
