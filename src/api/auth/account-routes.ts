/**
 * What the account route plugins (auth, auth-links, admin-users) share: their options, the OpenAPI
 * security of a route that reads the session cookie, and the rule that personal answers are never cached.
 */
import type { FastifyInstance } from 'fastify';
import type { Mailer } from '../../accounts/mailer.js';
import type { PasswordHashing } from '../../accounts/passwords.js';
import type { Database } from '../../store/database.js';

export interface AccountRoutesOptions {
  readonly db: Database;
  readonly hashing?: PasswordHashing | undefined;
  /** Null where no SMTP server is configured: no sign-up, and an administrator hands invitation links on. */
  readonly mailer: Mailer | null;
}

/** The OpenAPI `security` of a route that reads the session cookie (api/plugins/openapi.ts names it). */
export const SESSION_SECURITY = [{ sessionCookie: [] }];

/** Personal answers: never stored by a browser's or a proxy's cache (every answer of the plugin `app`). */
export function neverCached(app: FastifyInstance): void {
  app.addHook('onSend', async (_request, reply, payload) => {
    reply.header('cache-control', 'no-store');
    return payload;
  });
}
