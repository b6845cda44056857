/**
 * Passwords and single-use links (issue 18): change the password, ask for a reset link, set a password by a
 * reset or invitation link, sign up and confirm (only where an SMTP server is configured; otherwise accounts
 * come by an administrator's invitation). Every POST needs the CSRF token (api/auth/install.ts).
 */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import {
  changePassword,
  confirmSignUp,
  requestPasswordReset,
  setPasswordByLink,
  signUp,
} from '../../accounts/links.js';
import { tokenHash } from '../../accounts/tokens.js';
import { type AccountRoutesOptions, neverCached, SESSION_SECURITY } from '../auth/account-routes.js';
import { asProblem } from '../auth/account-problem.js';
import { auditActor, requireCurrentUser } from '../auth/guard.js';
import { requestState } from '../auth/request-state.js';
import { clientOf } from '../plugins/client-limits.js';
import { ApiProblem } from '../problem.js';
import {
  Accepted,
  ConfirmBody,
  PasswordByLinkBody,
  PasswordChangeAnswer,
  PasswordChangeBody,
  ResetRequestBody,
  SignUpBody,
  UserAnswer,
} from '../schemas/accounts.js';

// Over 80 lines: a Fastify plugin: its body is the registrations of its routes (schema, then a handler each).
export const authLinkRoutes: FastifyPluginAsyncTypebox<AccountRoutesOptions> = async (
  app,
  { db, hashing, mailer },
) => {
  neverCached(app);
  const requestActor = (request: { id: string }, ip: string) => ({ requestId: request.id, ip });

  app.post(
    '/auth/password',
    {
      schema: {
        summary: 'Zmiana hasła / change the password',
        description: 'Kończy pozostałe sesje konta. / Ends the account’s other sessions.',
        tags: ['accounts'],
        security: SESSION_SECURITY,
        body: PasswordChangeBody,
        response: { 200: PasswordChangeAnswer },
      },
    },
    async (request) => {
      const user = await requireCurrentUser(request);
      const keep = tokenHash(requestState(request)?.sessionToken ?? '');
      const otherSessionsEnded = await asProblem(
        changePassword(
          db,
          user,
          { current: request.body.currentPassword, next: request.body.newPassword },
          keep,
          await auditActor(request),
          hashing,
        ),
      );
      return { otherSessionsEnded };
    },
  );

  app.post(
    '/auth/password-reset',
    {
      schema: {
        summary: 'Link do ustawienia nowego hasła / ask for a password-reset link',
        description:
          'Zawsze 202, czy konto istnieje, czy nie. Link (jednorazowy, 1 h) idzie e-mailem, gdy skonfigurowano SMTP; bez SMTP link wydaje administrator. / Always 202, whether the account exists or not; the link (once, 1 hour) is e-mailed where SMTP is configured, else an administrator makes it.',
        tags: ['accounts'],
        body: ResetRequestBody,
        response: { 202: Accepted },
      },
    },
    async (request, reply) => {
      try {
        await asProblem(requestPasswordReset(db, request.body.email, await auditActor(request), mailer));
      } catch (error) {
        if (error instanceof ApiProblem) throw error;
        // A mail server that fails must not tell who has an account (nor answer 5xx): logged, same answer.
        request.log.error({ err: error }, 'password-reset e-mail failed');
      }
      return reply.code(202).send({
        message: {
          pl: 'Jeśli to adres konta w SMUP, wysłaliśmy na niego link do ustawienia nowego hasła (ważny godzinę).',
          en: 'If this is the address of a SMUP account, a link to set a new password (valid for an hour) is on its way.',
        },
      });
    },
  );

  app.post(
    '/auth/password-by-link',
    {
      schema: {
        summary: 'Nowe hasło z linku (reset lub zaproszenie) / set a password by a reset or invitation link',
        description:
          'Link działa raz; użyty: 410 token-used, wygasły: 410 token-expired. Kończy wszystkie sesje konta. / The link works once (410 when used or expired); every session of the account ends.',
        tags: ['accounts'],
        body: PasswordByLinkBody,
        response: { 200: UserAnswer },
      },
    },
    async (request) => {
      const user = await asProblem(
        setPasswordByLink(
          db,
          request.body.token,
          request.body.password,
          requestActor(request, clientOf(request)),
          hashing,
        ),
      );
      return { user };
    },
  );

  app.post(
    '/auth/signup',
    {
      schema: {
        summary: 'Rejestracja (gdy skonfigurowano SMTP) / sign up (where SMTP is configured)',
        description:
          'Zakłada konto użytkownika czekające na potwierdzenie linkiem z e-maila (raz, 24 h). Bez SMTP: 404 signup-disabled (konta zakłada administrator). / Makes a registered-user account pending confirmation by an e-mailed link; without SMTP 404 (accounts come by invitation).',
        tags: ['accounts'],
        body: SignUpBody,
        response: { 202: Accepted },
      },
    },
    async (request, reply) => {
      if (!mailer) {
        throw new ApiProblem(404, 'signup-disabled', {
          pl: 'Rejestracja jest wyłączona (brak serwera poczty); konto może założyć administrator.',
          en: 'Sign-up is off (no mail server); an administrator can make you an account.',
        });
      }
      try {
        await asProblem(signUp(db, request.body, await auditActor(request), mailer, hashing));
      } catch (error) {
        if (error instanceof ApiProblem) throw error;
        request.log.error({ err: error }, 'sign-up e-mail failed');
        throw new ApiProblem(503, 'mail-unavailable', {
          pl: 'Nie udało się wysłać e-maila z potwierdzeniem; spróbuj później.',
          en: 'The confirmation e-mail could not be sent; try again later.',
        });
      }
      return reply.code(202).send({
        message: {
          pl: 'Wysłaliśmy link potwierdzający na podany adres (ważny 24 godziny).',
          en: 'A confirmation link (valid for 24 hours) is on its way to that address.',
        },
      });
    },
  );

  app.post(
    '/auth/signup/confirm',
    {
      schema: {
        summary: 'Potwierdzenie rejestracji / confirm a sign-up',
        tags: ['accounts'],
        body: ConfirmBody,
        response: { 200: UserAnswer },
      },
    },
    async (request) => {
      const user = await asProblem(
        confirmSignUp(db, request.body.token, requestActor(request, clientOf(request))),
      );
      return { user };
    },
  );
};
