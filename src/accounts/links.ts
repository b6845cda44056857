/**
 * Single-use links (issue 18): password reset (1 hour), invitation by an administrator (7 days), sign-up
 * confirmation (24 hours). A link carries a random 256-bit token; the database keeps its SHA-256, marks it
 * used the first time it works, and refuses it after that or after it expires (410, saying which). Setting a
 * password by a link ends every session of the account. Every step is in the audit log.
 */
import type { AccountUser } from '../domain/accounts/roles.js';
import {
  insertAccountToken,
  lockAccountToken,
  markTokenUsed,
  retireTokens,
  clearLoginFailures,
  type TokenPurpose,
} from '../store/account-tokens-store.js';
import { appendAudit } from '../store/audit-store.js';
import type { Database, Queryable } from '../store/database.js';
import { revokeUserSessions } from '../store/sessions-store.js';
import {
  getPasswordHash,
  getUser,
  getUserForLogin,
  setPasswordHash,
  updateUser,
} from '../store/users-store.js';
import { AccountError, auditView, checkEmail, createUser, existingUser, type Actor } from './accounts.js';
import type { Mailer } from './mailer.js';
import { hashPassword, passwordProblem, verifyPassword, type PasswordHashing } from './passwords.js';
import { newToken, tokenHash, TOKEN_PATTERN } from './tokens.js';

export const TOKEN_TTL_SECONDS: Readonly<Record<TokenPurpose, number>> = {
  reset: 3600,
  invite: 7 * 86_400,
  confirm: 86_400,
};

/** Portal paths the links open (web/account-routes.ts serves them). */
export const LINK_PATHS: Readonly<Record<TokenPurpose, string>> = {
  reset: '/haslo/nowe',
  invite: '/zaproszenie',
  confirm: '/rejestracja/potwierdz',
};

export function linkPath(purpose: TokenPurpose, token: string): string {
  return `${LINK_PATHS[purpose]}?token=${token}`;
}

export async function issueToken(
  tx: Queryable,
  userId: number,
  purpose: TokenPurpose,
  ttlSeconds: number = TOKEN_TTL_SECONDS[purpose],
): Promise<string> {
  await retireTokens(tx, userId, purpose);
  const token = newToken();
  await insertAccountToken(tx, { tokenHash: tokenHash(token), userId, purpose, ttlSeconds });
  return token;
}

function checkNewPassword(password: string): void {
  const problem = passwordProblem(password);
  if (problem) throw new AccountError(400, 'weak-password', problem, 'password');
}

const INVALID = {
  pl: 'Ten link jest niepoprawny. Poproś o nowy.',
  en: 'This link is not valid. Ask for a new one.',
};

/** Locks the token's row and checks it is of `purposes`, unused and unexpired; returns its user. */
async function takeToken(
  tx: Queryable,
  token: string,
  purposes: readonly TokenPurpose[],
): Promise<{ userId: number; purpose: TokenPurpose }> {
  if (!TOKEN_PATTERN.test(token)) throw new AccountError(400, 'token-invalid', INVALID, 'token');
  const stored = await lockAccountToken(tx, tokenHash(token));
  if (!stored || !purposes.includes(stored.purpose)) {
    throw new AccountError(400, 'token-invalid', INVALID, 'token');
  }
  if (stored.used) {
    throw new AccountError(
      410,
      'token-used',
      {
        pl: 'Ten link został już użyty. Poproś o nowy.',
        en: 'This link has been used already. Ask for a new one.',
      },
      'token',
    );
  }
  if (stored.expired) {
    throw new AccountError(
      410,
      'token-expired',
      { pl: 'Ten link wygasł. Poproś o nowy.', en: 'This link has expired. Ask for a new one.' },
      'token',
    );
  }
  await markTokenUsed(tx, tokenHash(token));
  return stored;
}

/**
 * Sends a reset link when the address belongs to an active account; says nothing either way (the answer
 * must not tell who has an account). Without a mailer nothing is sent: an administrator makes the link.
 */
export async function requestPasswordReset(
  db: Database,
  email: string,
  actor: Actor,
  mailer: Mailer | null,
): Promise<void> {
  const address = checkEmail(email);
  const user = await getUserForLogin(db, address);
  if (!user || user.status !== 'active' || !mailer) return;
  const token = await db.transaction(async (tx) => {
    const issued = await issueToken(tx, user.id, 'reset');
    await appendAudit(tx, { ...actor, action: 'user.reset-link', targetType: 'user', targetId: user.id });
    return issued;
  });
  await mailer.send({
    to: user.email,
    subject: 'SMUP: nowe hasło / new password',
    text: [
      'Ktoś (zapewne Ty) poprosił o ustawienie nowego hasła do konta SMUP.',
      'Link działa raz i przez godzinę:',
      `${mailer.publicUrl}${linkPath('reset', token)}`,
      'Jeśli to nie Ty, zignoruj tę wiadomość: hasło się nie zmieni.',
      '',
      'Someone (probably you) asked to set a new password for your SMUP account.',
      'The link works once, for one hour (see above). If it was not you, ignore this message.',
    ].join('\n'),
  });
}

/** An administrator's reset link for a user (where no SMTP server is configured): the path, once, 1 hour. */
export async function adminResetLink(db: Database, userId: number, actor: Actor): Promise<string> {
  return db.transaction(async (tx) => {
    const user = await existingUser(tx, userId);
    const purpose: TokenPurpose = user.status === 'pending' ? 'invite' : 'reset';
    const token = await issueToken(tx, userId, purpose);
    await appendAudit(tx, { ...actor, action: `user.${purpose}-link`, targetType: 'user', targetId: userId });
    return linkPath(purpose, token);
  });
}

/**
 * Sets a password by a reset link or an invitation: the token is used up, the account becomes active (an
 * invitation), failed sign-ins are forgotten and every session ends.
 */
export async function setPasswordByLink(
  db: Database,
  token: string,
  password: string,
  actor: Omit<Actor, 'actorId' | 'actor'>,
  hashing?: PasswordHashing,
): Promise<AccountUser> {
  checkNewPassword(password);
  const hash = await hashPassword(password, hashing);
  return db.transaction(async (tx) => {
    const { userId, purpose } = await takeToken(tx, token, ['reset', 'invite']);
    const before = await getUser(tx, userId);
    if (!before || before.status === 'disabled')
      throw new AccountError(400, 'token-invalid', INVALID, 'token');
    await setPasswordHash(tx, userId, hash);
    const after = purpose === 'invite' ? await updateUser(tx, userId, { status: 'active' }) : before;
    await revokeUserSessions(tx, userId);
    await clearLoginFailures(tx, before.email);
    await appendAudit(tx, {
      ...actor,
      actorId: userId,
      actor: before.email,
      action: purpose === 'invite' ? 'user.invitation-accept' : 'user.password-reset',
      targetType: 'user',
      targetId: userId,
      before: { status: before.status },
      after: { status: (after ?? before).status },
    });
    return after ?? before;
  });
}

/** Changes the signed-in user's password; every other session of the account ends. */
export async function changePassword(
  db: Database,
  user: AccountUser,
  passwords: { current: string; next: string },
  keepSessionHash: string,
  actor: Actor,
  hashing?: PasswordHashing,
): Promise<number> {
  const stored = await getPasswordHash(db, user.id);
  if (stored === null || !(await verifyPassword(stored, passwords.current))) {
    throw new AccountError(
      400,
      'wrong-password',
      { pl: 'Obecne hasło jest niepoprawne.', en: 'The current password is wrong.' },
      'currentPassword',
    );
  }
  checkNewPassword(passwords.next);
  const hash = await hashPassword(passwords.next, hashing);
  return db.transaction(async (tx) => {
    await setPasswordHash(tx, user.id, hash);
    const ended = await revokeUserSessions(tx, user.id, keepSessionHash);
    await appendAudit(tx, {
      ...actor,
      action: 'user.password-change',
      targetType: 'user',
      targetId: user.id,
      after: { otherSessionsEnded: ended },
    });
    return ended;
  });
}

/**
 * Sign-up (only with a mailer): a pending registered user and a confirmation link by e-mail. An address
 * that has an active account gets nothing new (and the answer says the same as for a new one); a pending
 * one gets a fresh link.
 */
export async function signUp(
  db: Database,
  input: { email: string; displayName: string; password: string },
  actor: Actor,
  mailer: Mailer,
  hashing?: PasswordHashing,
): Promise<void> {
  const email = checkEmail(input.email);
  checkNewPassword(input.password);
  let existing = await getUserForLogin(db, email);
  if (existing && existing.status !== 'pending') return;
  if (!existing) {
    try {
      await createUser(
        db,
        { email, displayName: input.displayName, role: 'user', password: input.password, status: 'pending' },
        actor,
        hashing,
      );
    } catch (error) {
      if (!(error instanceof AccountError && error.code === 'email-taken')) throw error;
    }
    existing = await getUserForLogin(db, email);
    if (!existing || existing.status !== 'pending') return;
  }
  const userId = existing.id;
  const token = await db.transaction(async (tx) => {
    const issued = await issueToken(tx, userId, 'confirm');
    await appendAudit(tx, { ...actor, action: 'user.confirm-link', targetType: 'user', targetId: userId });
    return issued;
  });
  await mailer.send({
    to: email,
    subject: 'SMUP: potwierdź adres / confirm your address',
    text: [
      'Potwierdź założenie konta w SMUP, otwierając link (działa raz, przez 24 godziny):',
      `${mailer.publicUrl}${linkPath('confirm', token)}`,
      'Jeśli to nie Ty zakładałeś konto, zignoruj tę wiadomość.',
      '',
      'Confirm your new SMUP account by opening the link above (once, within 24 hours).',
      'If you did not sign up, ignore this message.',
    ].join('\n'),
  });
}

/** Confirms a sign-up: the pending account becomes active. */
export async function confirmSignUp(
  db: Database,
  token: string,
  actor: Omit<Actor, 'actorId' | 'actor'>,
): Promise<AccountUser> {
  return db.transaction(async (tx) => {
    const { userId } = await takeToken(tx, token, ['confirm']);
    const before = await getUser(tx, userId);
    if (!before || before.status !== 'pending')
      throw new AccountError(400, 'token-invalid', INVALID, 'token');
    const after = (await updateUser(tx, userId, { status: 'active' })) ?? before;
    await appendAudit(tx, {
      ...actor,
      actorId: userId,
      actor: before.email,
      action: 'user.confirm',
      targetType: 'user',
      targetId: userId,
      before: auditView(before),
      after: auditView(after),
    });
    return after;
  });
}

/** Sends an invitation link by e-mail (when a mailer is configured). */
export async function mailInvitation(mailer: Mailer, email: string, path: string): Promise<void> {
  await mailer.send({
    to: email,
    subject: 'SMUP: zaproszenie / invitation',
    text: [
      'Administrator SMUP założył Ci konto. Ustaw hasło, otwierając link (działa raz, przez 7 dni):',
      `${mailer.publicUrl}${path}`,
      '',
      'A SMUP administrator has made you an account. Set your password by opening the link above',
      '(once, within 7 days).',
    ].join('\n'),
  });
}
