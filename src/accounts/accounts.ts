/**
 * Accounts: creating users, signing in and out. Every change is written with its audit record in one
 * transaction (store/audit-store.ts), so there is no change without a record.
 */
import {
  isRole,
  TERYT_CODE,
  type AccountUser,
  type Role,
  type UserStatus,
} from '../domain/accounts/roles.js';
import { appendAudit } from '../store/audit-store.js';
import type { Database, Queryable } from '../store/database.js';
import { insertSession, revokeSession, revokeUserSessions, sessionUser } from '../store/sessions-store.js';
import { getUser, getUserForLogin, insertUser, type StoredUser } from '../store/users-store.js';
import { clearLoginFailures, countLoginFailures, recordLoginFailure } from '../store/account-tokens-store.js';
import { hashPassword, passwordProblem, verifyPassword, type PasswordHashing } from './passwords.js';
import { newToken, tokenHash, TOKEN_PATTERN } from './tokens.js';

/** Who acts, as the audit log records it. */
export interface Actor {
  readonly actorId: number | null;
  readonly actor: string;
  readonly requestId?: string | null | undefined;
  readonly ip?: string | null | undefined;
}

/** A request that cannot be carried out, with the field at fault and the reason in Polish and English. */
export class AccountError extends Error {
  constructor(
    readonly status: 400 | 401 | 403 | 404 | 409 | 410 | 429,
    readonly code: string,
    readonly messages: { pl: string; en: string },
    readonly field?: string,
    /** Seconds after which trying again may succeed (429). */
    readonly retryAfter?: number,
  ) {
    super(messages.en);
  }
}

/** The user with this id, or the 404 refusal that names it. */
export async function existingUser(db: Queryable, id: number): Promise<StoredUser> {
  const user = await getUser(db, id);
  if (!user) {
    throw new AccountError(
      404,
      'user-not-found',
      { pl: `Nie ma użytkownika o numerze ${id}.`, en: `There is no user with id ${id}.` },
      'id',
    );
  }
  return user;
}

const EMAIL = /^[^\s@]{1,64}@[^\s@]+\.[^\s@]{2,}$/;

export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}

export function checkEmail(email: string): string {
  const normalized = normalizeEmail(email);
  if (normalized.length > 254 || !EMAIL.test(normalized)) {
    throw new AccountError(
      400,
      'invalid-email',
      {
        pl: `To nie jest poprawny adres e-mail: „${email.slice(0, 80)}”.`,
        en: `This is not a valid e-mail address: "${email.slice(0, 80)}".`,
      },
      'email',
    );
  }
  return normalized;
}

/** The units of a role: a JST editor needs at least one TERYT code, every other role none. */
export function checkRoleUnits(role: string, units: readonly string[]): { role: Role; units: string[] } {
  if (!isRole(role)) {
    throw new AccountError(
      400,
      'invalid-role',
      {
        pl: `Nieznana rola „${role.slice(0, 40)}”; dozwolone: admin, steward, jst_editor, user.`,
        en: `Unknown role "${role.slice(0, 40)}"; allowed: admin, steward, jst_editor, user.`,
      },
      'role',
    );
  }
  const codes = [...new Set(units.map((u) => u.trim()).filter((u) => u !== ''))].sort();
  const bad = codes.find((code) => !TERYT_CODE.test(code));
  if (bad !== undefined) {
    throw new AccountError(
      400,
      'invalid-units',
      {
        pl: `„${bad.slice(0, 20)}” nie jest kodem TERYT (2, 4 lub 7 cyfr).`,
        en: `"${bad.slice(0, 20)}" is not a TERYT code (2, 4 or 7 digits).`,
      },
      'units',
    );
  }
  if (role === 'jst_editor' && codes.length === 0) {
    throw new AccountError(
      400,
      'units-required',
      {
        pl: 'Redaktor JST musi być przypisany do co najmniej jednej jednostki (kod TERYT).',
        en: 'A JST editor must be bound to at least one unit (TERYT code).',
      },
      'units',
    );
  }
  if (role !== 'jst_editor' && codes.length > 0) {
    throw new AccountError(
      400,
      'units-not-allowed',
      {
        pl: 'Jednostki przypisuje się tylko redaktorom JST.',
        en: 'Units are bound to JST editors only.',
      },
      'units',
    );
  }
  return { role, units: codes };
}

/** Checks that every code names a current unit of the register. */
export async function checkUnitsExist(db: Queryable, units: readonly string[]): Promise<void> {
  if (units.length === 0) return;
  const rows = await db.query<{ code: string }>(
    `SELECT DISTINCT code FROM unit_version WHERE code = ANY($1::text[]) AND valid_to IS NULL`,
    [[...units]],
  );
  const known = new Set(rows.map((r) => r.code));
  const missing = units.find((u) => !known.has(u));
  if (missing !== undefined) {
    throw new AccountError(
      400,
      'unknown-unit',
      {
        pl: `Nie ma jednostki o kodzie TERYT ${missing} w rejestrze.`,
        en: `There is no unit with TERYT code ${missing} in the register.`,
      },
      'units',
    );
  }
}

/** What the audit log keeps of a user: everything but the password hash. */
export function auditView(user: AccountUser): Record<string, unknown> {
  return {
    id: user.id,
    email: user.email,
    displayName: user.displayName,
    role: user.role,
    units: user.units,
    status: user.status,
  };
}

export interface NewUser {
  readonly email: string;
  readonly displayName: string;
  readonly role: string;
  readonly units?: readonly string[];
  /** Null: the account has no password yet (an invitation sets it). */
  readonly password: string | null;
  readonly status?: UserStatus;
}

export async function createUser(
  db: Database,
  input: NewUser,
  actor: Actor,
  hashing?: PasswordHashing,
): Promise<StoredUser> {
  const email = checkEmail(input.email);
  const displayName = input.displayName.trim();
  if (displayName === '' || displayName.length > 100) {
    throw new AccountError(
      400,
      'invalid-name',
      {
        pl: 'Nazwa wyświetlana musi mieć od 1 do 100 znaków.',
        en: 'The display name must have 1 to 100 characters.',
      },
      'displayName',
    );
  }
  const { role, units } = checkRoleUnits(input.role, input.units ?? []);
  if (input.password !== null) {
    const problem = passwordProblem(input.password);
    if (problem) throw new AccountError(400, 'weak-password', problem, 'password');
  }
  const passwordHash = input.password === null ? null : await hashPassword(input.password, hashing);
  return db.transaction(async (tx) => {
    await checkUnitsExist(tx, units);
    const user = await insertUser(tx, {
      email,
      displayName,
      role,
      units,
      status: input.status ?? 'active',
      passwordHash,
    });
    if (!user) {
      throw new AccountError(
        409,
        'email-taken',
        {
          pl: `Konto z adresem ${email} już istnieje.`,
          en: `An account with the address ${email} already exists.`,
        },
        'email',
      );
    }
    await appendAudit(tx, {
      ...actor,
      action: 'user.create',
      targetType: 'user',
      targetId: user.id,
      after: auditView(user),
    });
    return user;
  });
}

/**
 * A hash of a password nobody has, verified when the e-mail is unknown so that an unknown address takes
 * as long to refuse as a wrong password (no account discovery by timing).
 */
let decoy: Promise<string> | undefined;

/**
 * Sign-in limits (issue 18: rate limiting and lockout), counted in the database over a sliding window:
 * `perAccount` failures for one e-mail lock it (even the right password is refused until the oldest failure
 * leaves the window — the password-reset link still works), `perIp` failures from one client address block
 * that address's sign-ins, whatever the account.
 */
export interface LoginLimits {
  readonly perAccount: number;
  readonly perIp: number;
  readonly windowSeconds: number;
}

export const LOGIN_LIMITS: LoginLimits = { perAccount: 5, perIp: 20, windowSeconds: 15 * 60 };

function lockedOut(retryAfter: number, scope: 'account' | 'ip', limits: LoginLimits): AccountError {
  const minutes = Math.ceil(retryAfter / 60);
  return scope === 'account'
    ? new AccountError(
        429,
        'login-locked',
        {
          pl: `Konto zablokowane po ${limits.perAccount} nieudanych próbach logowania; spróbuj za ${minutes} min albo ustaw nowe hasło przez link z e-maila.`,
          en: `The account is locked after ${limits.perAccount} failed sign-ins; try again in ${minutes} min or set a new password by an e-mailed link.`,
        },
        'email',
        retryAfter,
      )
    : new AccountError(
        429,
        'login-rate-limited',
        {
          pl: `Za dużo nieudanych logowań z tego adresu (${limits.perIp} w ${limits.windowSeconds / 60} min); spróbuj za ${minutes} min.`,
          en: `Too many failed sign-ins from this address (${limits.perIp} in ${limits.windowSeconds / 60} min); try again in ${minutes} min.`,
        },
        undefined,
        retryAfter,
      );
}

export interface SessionOptions {
  /** How long a session lasts from sign-in, in seconds. */
  readonly ttlSeconds: number;
  readonly hashing?: PasswordHashing;
  readonly limits?: LoginLimits;
}

/**
 * Signs in: the new session's token for the cookie, or null for a wrong e-mail or password. Throws a 429
 * AccountError while the account or the client address is locked out.
 */
export async function login(
  db: Database,
  credentials: { email: string; password: string },
  client: { ip: string | null; userAgent: string | null; requestId: string | null },
  options: SessionOptions,
): Promise<{ user: AccountUser; token: string } | null> {
  const limits = options.limits ?? LOGIN_LIMITS;
  const email = normalizeEmail(credentials.email).slice(0, 254);
  const ip = client.ip ?? 'unknown';
  const byIp = await countLoginFailures(db, 'ip', ip, limits.windowSeconds);
  if (byIp.count >= limits.perIp) throw lockedOut(byIp.retryAfter, 'ip', limits);
  const byAccount = await countLoginFailures(db, 'email', email, limits.windowSeconds);
  if (byAccount.count >= limits.perAccount) throw lockedOut(byAccount.retryAfter, 'account', limits);
  const found = await getUserForLogin(db, email);
  let valid = false;
  if (!found || found.passwordHash === null || found.status !== 'active') {
    decoy ??= hashPassword(newToken(), options.hashing);
    await verifyPassword(await decoy, credentials.password);
  } else {
    valid = await verifyPassword(found.passwordHash, credentials.password);
  }
  if (!found || !valid || found.status !== 'active') {
    await db.transaction(async (tx) => {
      await recordLoginFailure(tx, email, ip);
      // The failure that locks an existing account is recorded once, for its owner and the administrators.
      if (found && byAccount.count + 1 === limits.perAccount) {
        await appendAudit(tx, {
          actorId: null,
          actor: 'anonymous',
          action: 'user.lockout',
          targetType: 'user',
          targetId: found.id,
          after: { failures: limits.perAccount, windowSeconds: limits.windowSeconds },
          requestId: client.requestId,
          ip: client.ip,
        });
      }
    });
    return null;
  }
  const token = newToken();
  const { passwordHash: _omit, createdAt: _c, updatedAt: _u, ...user } = found;
  await db.transaction(async (tx) => {
    await clearLoginFailures(tx, email);
    await insertSession(tx, {
      tokenHash: tokenHash(token),
      userId: user.id,
      ttlSeconds: options.ttlSeconds,
      ip: client.ip,
      userAgent: client.userAgent,
    });
    await appendAudit(tx, {
      actorId: user.id,
      actor: user.email,
      action: 'session.login',
      targetType: 'user',
      targetId: user.id,
      requestId: client.requestId,
      ip: client.ip,
    });
  });
  return { user, token };
}

/** The user of a session token (from the cookie), or null when it is malformed, unknown, ended or revoked. */
export async function userOfToken(db: Queryable, token: string | undefined): Promise<AccountUser | null> {
  if (token === undefined || !TOKEN_PATTERN.test(token)) return null;
  return sessionUser(db, tokenHash(token));
}

export async function logout(db: Database, token: string, user: AccountUser, actor: Actor): Promise<void> {
  await db.transaction(async (tx) => {
    if (await revokeSession(tx, tokenHash(token))) {
      await appendAudit(tx, { ...actor, action: 'session.logout', targetType: 'user', targetId: user.id });
    }
  });
}

/** Ends every session of the user (logout everywhere); returns how many were live. */
export async function logoutEverywhere(db: Database, user: AccountUser, actor: Actor): Promise<number> {
  return db.transaction(async (tx) => {
    const revoked = await revokeUserSessions(tx, user.id);
    await appendAudit(tx, {
      ...actor,
      action: 'session.logout-everywhere',
      targetType: 'user',
      targetId: user.id,
      after: { revoked },
    });
    return revoked;
  });
}
