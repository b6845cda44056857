/**
 * Sessions (migration 006): looked up by the SHA-256 of the cookie's token, never by the token itself.
 */
import type { AccountUser } from '../domain/accounts/roles.js';
import type { Queryable } from './database.js';

export async function insertSession(
  db: Queryable,
  session: {
    tokenHash: string;
    userId: number;
    ttlSeconds: number;
    ip: string | null;
    userAgent: string | null;
  },
): Promise<void> {
  await db.query(
    `INSERT INTO user_session (token_hash, user_id, expires_at, ip, user_agent)
     VALUES ($1, $2, now() + make_interval(secs => $3), $4, $5)`,
    [
      session.tokenHash,
      session.userId,
      session.ttlSeconds,
      session.ip,
      session.userAgent?.slice(0, 300) ?? null,
    ],
  );
}

/**
 * The active user of a live session (not expired, not revoked, account active), or null. `last_seen_at` is
 * refreshed at most every ten minutes, so browsing does not write on every page.
 */
export async function sessionUser(db: Queryable, tokenHash: string): Promise<AccountUser | null> {
  const [row] = await db.query<AccountUser>(
    `SELECT u.id::int AS id, u.email, u.display_name AS "displayName", u.role, u.units, u.status
     FROM user_session s JOIN app_user u ON u.id = s.user_id
     WHERE s.token_hash = $1 AND s.revoked_at IS NULL AND s.expires_at > now() AND u.status = 'active'`,
    [tokenHash],
  );
  if (row) {
    await db.query(
      `UPDATE user_session SET last_seen_at = now()
       WHERE token_hash = $1 AND last_seen_at < now() - interval '10 minutes'`,
      [tokenHash],
    );
  }
  return row ?? null;
}

export async function revokeSession(db: Queryable, tokenHash: string): Promise<boolean> {
  const rows = await db.query<{ token_hash: string }>(
    `UPDATE user_session SET revoked_at = now() WHERE token_hash = $1 AND revoked_at IS NULL RETURNING token_hash`,
    [tokenHash],
  );
  return rows.length > 0;
}

/** Revokes every live session of a user (except `keep`, the one making the request, when given). */
export async function revokeUserSessions(db: Queryable, userId: number, keep?: string): Promise<number> {
  const rows = await db.query<{ token_hash: string }>(
    `UPDATE user_session SET revoked_at = now()
     WHERE user_id = $1 AND revoked_at IS NULL AND expires_at > now() AND token_hash <> coalesce($2, '')
     RETURNING token_hash`,
    [userId, keep ?? null],
  );
  return rows.length;
}

/** Deletes sessions that ended more than `days` days ago; returns how many. */
export async function purgeEndedSessions(db: Queryable, days: number): Promise<number> {
  const rows = await db.query<{ token_hash: string }>(
    `DELETE FROM user_session WHERE expires_at < now() - make_interval(days => $1::int) RETURNING token_hash`,
    [days],
  );
  return rows.length;
}
