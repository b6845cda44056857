/**
 * What the accounts plugin (install.ts) knows of one request, kept outside the request object so that the
 * guard (guard.ts) can read it without Fastify decorators: the database, the cookie's session token, and
 * the user it names (looked up once, only when asked for).
 */
import type { FastifyRequest } from 'fastify';
import type { AccountUser } from '../../domain/accounts/roles.js';
import type { Database } from '../../store/database.js';

export interface RequestState {
  readonly db: Database;
  /** The session cookie's token, as sent (checked only by the lookup). */
  readonly sessionToken: string | undefined;
  /** The pre-session cookie (CSRF secret before signing in), as sent. */
  readonly preSession: string | undefined;
  /** The user of the session; set on first use. */
  user?: Promise<AccountUser | null>;
}

const states = new WeakMap<FastifyRequest, RequestState>();

export function setRequestState(request: FastifyRequest, state: RequestState): void {
  states.set(request, state);
}

export function requestState(request: FastifyRequest): RequestState | undefined {
  return states.get(request);
}
