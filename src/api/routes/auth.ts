/**
 * Signing in and out (issue 18, point 1), under /api/v1/auth. A browser keeps the session in an HttpOnly
 * cookie (api/auth/cookies.ts); every POST needs the CSRF token that GET /auth/session answers, in the
 * `x-csrf-token` header (api/auth/install.ts).
 */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { login, logout, logoutEverywhere, type LoginLimits } from '../../accounts/accounts.js';
import type { PasswordHashing } from '../../accounts/passwords.js';
import { csrfTokenFor, newToken } from '../../accounts/tokens.js';
import type { Database } from '../../store/database.js';
import { neverCached, SESSION_SECURITY } from '../auth/account-routes.js';
import { asProblem } from '../auth/account-problem.js';
import {
  clearSessionCookie,
  setPreSessionCookie,
  setSessionCookie,
  type CookieSecurity,
} from '../auth/cookies.js';
import { auditActor, csrfToken, currentUser, requireCurrentUser } from '../auth/guard.js';
import { requestState } from '../auth/request-state.js';
import { clientOf } from '../plugins/client-limits.js';
import { ApiProblem } from '../problem.js';
import { LoginBody, LogoutEverywhereAnswer, SessionAnswer } from '../schemas/accounts.js';

export interface AuthRoutesOptions {
  readonly db: Database;
  readonly hashing?: PasswordHashing | undefined;
  readonly sessionTtlSeconds: number;
  readonly cookieSecure: CookieSecurity;
  readonly limits?: LoginLimits | undefined;
}

// Over 80 lines: a Fastify plugin: its body is the registrations of its routes (schema, then a handler each).
export const authRoutes: FastifyPluginAsyncTypebox<AuthRoutesOptions> = async (
  app,
  { db, hashing, sessionTtlSeconds, cookieSecure, limits },
) => {
  neverCached(app);

  app.get(
    '/auth/session',
    {
      schema: {
        summary: 'Bieżąca sesja i token CSRF / the current session and its CSRF token',
        description:
          'Zalogowany użytkownik (lub null) i token CSRF dla nagłówka x-csrf-token. Bez sesji ustawia ciasteczko smup_csrf, z którego token pochodzi. / The signed-in user (or null) and the CSRF token; without a session it sets the smup_csrf cookie the token derives from.',
        tags: ['accounts'],
        response: { 200: SessionAnswer },
      },
    },
    async (request, reply) => {
      const user = await currentUser(request);
      if (user) return { user, csrfToken: await csrfToken(request) };
      let secret = requestState(request)?.preSession;
      if (!secret || secret.length < 43 || secret.length > 64) {
        secret = newToken();
        setPreSessionCookie(request, reply, secret, cookieSecure);
      }
      return { user: null, csrfToken: csrfTokenFor(secret) };
    },
  );

  app.post(
    '/auth/login',
    {
      schema: {
        summary: 'Logowanie / sign in',
        description:
          'Ustawia ciasteczko sesji smup_session (HttpOnly, SameSite=Lax). Odpowiedź niesie nowy token CSRF, związany z sesją. 5 nieudanych prób na konto lub 20 z jednego adresu w 15 min: 429 z Retry-After. / Sets the session cookie; the answer carries the new CSRF token, bound to the session. 5 failures for an account or 20 from one address within 15 min: 429 with Retry-After.',
        tags: ['accounts'],
        body: LoginBody,
        response: { 200: SessionAnswer },
      },
    },
    async (request, reply) => {
      const signedIn = await asProblem(
        login(
          db,
          request.body,
          {
            ip: clientOf(request),
            userAgent: request.headers['user-agent'] ?? null,
            requestId: request.id,
          },
          { ttlSeconds: sessionTtlSeconds, ...(hashing ? { hashing } : {}), ...(limits ? { limits } : {}) },
        ),
      );
      if (!signedIn) {
        throw new ApiProblem(401, 'invalid-credentials', {
          pl: 'Niepoprawny e-mail lub hasło.',
          en: 'Wrong e-mail or password.',
        });
      }
      setSessionCookie(request, reply, signedIn.token, sessionTtlSeconds, cookieSecure);
      return { user: signedIn.user, csrfToken: csrfTokenFor(signedIn.token) };
    },
  );

  app.post(
    '/auth/logout',
    {
      schema: {
        summary: 'Wylogowanie / sign out (this session)',
        tags: ['accounts'],
        security: SESSION_SECURITY,
        response: { 204: { type: 'null', description: 'Wylogowano / signed out' } },
      },
    },
    async (request, reply) => {
      const user = await requireCurrentUser(request);
      const token = requestState(request)?.sessionToken ?? '';
      await logout(db, token, user, await auditActor(request));
      clearSessionCookie(request, reply, cookieSecure);
      return reply.code(204).send();
    },
  );

  app.post(
    '/auth/logout-everywhere',
    {
      schema: {
        summary: 'Wylogowanie ze wszystkich urządzeń / sign out of every session',
        tags: ['accounts'],
        security: SESSION_SECURITY,
        response: { 200: LogoutEverywhereAnswer },
      },
    },
    async (request, reply) => {
      const user = await requireCurrentUser(request);
      const revoked = await logoutEverywhere(db, user, await auditActor(request));
      clearSessionCookie(request, reply, cookieSecure);
      return { revoked };
    },
  );
};
