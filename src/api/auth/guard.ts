/**
 * The one module routes use for who is asking (issue 18): the signed-in user, role and unit checks as
 * Fastify preHandlers, the CSRF token for forms, and the audit record of an action, written in the
 * caller's transaction. Everything here reads what api/auth/install.ts set up for the request.
 *
 *   app.post('/x', { preHandler: requireRole('steward') }, async (request) => {
 *     const user = await requireCurrentUser(request);
 *     await db.transaction(async (tx) => {
 *       … change …
 *       await recordAudit(tx, request, { action: 'x.change', targetType: 'x', targetId: id, before, after });
 *     });
 *   });
 *
 * Unsafe methods (POST, PUT, PATCH, DELETE) are checked for a CSRF token by install.ts before any
 * preHandler of a route runs; a route opts out only with `config: { csrf: false }` (for anonymous writes that
 * no cookie authorises).
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { AccountUser, Role } from '../../domain/accounts/roles.js';
import type { Actor } from '../../accounts/accounts.js';
import { userOfToken } from '../../accounts/accounts.js';
import { csrfTokenFor } from '../../accounts/tokens.js';
import { appendAudit } from '../../store/audit-store.js';
import type { Queryable } from '../../store/database.js';
import { clientOf } from '../plugins/client-limits.js';
import { ApiProblem } from '../problem.js';
import { requestState } from './request-state.js';

export type { AccountUser, Role } from '../../domain/accounts/roles.js';

/** The signed-in user of the request (an active account with a live session), or null. */
export function currentUser(request: FastifyRequest): Promise<AccountUser | null> {
  const state = requestState(request);
  if (!state) return Promise.resolve(null);
  state.user ??= userOfToken(state.db, state.sessionToken);
  return state.user;
}

export const NOT_SIGNED_IN = {
  pl: 'Trzeba się zalogować.',
  en: 'You need to sign in.',
} as const;

/** The signed-in user, or a 401 problem. */
export async function requireCurrentUser(request: FastifyRequest): Promise<AccountUser> {
  const user = await currentUser(request);
  if (!user) throw new ApiProblem(401, 'not-signed-in', { ...NOT_SIGNED_IN });
  return user;
}

function forbidden(needed: string): ApiProblem {
  return new ApiProblem(403, 'forbidden', {
    pl: `Brak uprawnień: potrzebna rola ${needed}.`,
    en: `Not allowed: this needs the role ${needed}.`,
  });
}

type PreHandler = (request: FastifyRequest, reply: FastifyReply) => Promise<void>;

/** preHandler: any signed-in user (401 otherwise). */
export function requireUser(): PreHandler {
  return async (request) => {
    await requireCurrentUser(request);
  };
}

/** preHandler: a signed-in user with one of `roles` (401 without a session, 403 with another role). */
export function requireRole(...roles: readonly Role[]): PreHandler {
  return async (request) => {
    const user = await requireCurrentUser(request);
    if (!roles.includes(user.role)) throw forbidden(roles.join(' | '));
  };
}

/** True when `user` is a JST editor bound to unit `teryt`. */
export function editsUnit(user: AccountUser | null, teryt: string): boolean {
  return user !== null && user.role === 'jst_editor' && user.units.includes(teryt);
}

/**
 * preHandler: a JST editor bound to the unit `terytOf` names (e.g. `(r) => r.params.teryt`), or a user with
 * one of `alsoRoles` (e.g. 'steward', who may act for any unit). 401 without a session, 403 otherwise.
 */
export function requireUnitEditor(
  terytOf: (request: FastifyRequest) => string | undefined,
  alsoRoles: readonly Role[] = [],
): PreHandler {
  return async (request) => {
    const user = await requireCurrentUser(request);
    if (alsoRoles.includes(user.role)) return;
    const teryt = terytOf(request);
    if (teryt === undefined || !editsUnit(user, teryt)) {
      throw new ApiProblem(403, 'forbidden', {
        pl: `Brak uprawnień: potrzebny redaktor JST przypisany do jednostki ${teryt ?? '?'}.`,
        en: `Not allowed: this needs a JST editor bound to unit ${teryt ?? '?'}.`,
      });
    }
  };
}

/**
 * The CSRF token a form or an `x-csrf-token` header must carry on this request's next unsafe request: bound
 * to the session when signed in, else to the pre-session cookie (GET /api/v1/auth/session sets it). Empty
 * when the request has neither (then no unsafe request can pass; fetch the session first).
 */
export async function csrfToken(request: FastifyRequest): Promise<string> {
  const state = requestState(request);
  if (!state) return '';
  const secret = (await currentUser(request)) ? state.sessionToken : state.preSession;
  return secret ? csrfTokenFor(secret) : '';
}

/** Who acts in this request, as the audit log records it. */
export async function auditActor(request: FastifyRequest): Promise<Actor> {
  const user = await currentUser(request);
  return {
    actorId: user?.id ?? null,
    actor: user?.email ?? 'anonymous',
    requestId: request.id,
    ip: clientOf(request),
  };
}

export interface AuditAction {
  /** `<object>.<verb>`, e.g. `submission.accept`. */
  readonly action: string;
  readonly targetType: string;
  readonly targetId?: string | number | null;
  readonly before?: unknown;
  readonly after?: unknown;
}

/**
 * Appends the audit record of `request`'s action inside the caller's transaction `tx`: the change and its
 * record are stored together or not at all. Returns the record's id.
 */
export async function recordAudit(
  tx: Queryable,
  request: FastifyRequest,
  action: AuditAction,
): Promise<number> {
  return appendAudit(tx, { ...(await auditActor(request)), ...action });
}
