/** Single-use links and failed sign-ins (migration 008). */
import type { Queryable } from './database.js';

export type TokenPurpose = 'reset' | 'invite' | 'confirm';

export async function insertAccountToken(
  db: Queryable,
  token: { tokenHash: string; userId: number; purpose: TokenPurpose; ttlSeconds: number },
): Promise<void> {
  await db.query(
    `INSERT INTO account_token (token_hash, user_id, purpose, expires_at)
     VALUES ($1, $2, $3, now() + make_interval(secs => $4))`,
    [token.tokenHash, token.userId, token.purpose, token.ttlSeconds],
  );
}

export interface StoredToken {
  readonly userId: number;
  readonly purpose: TokenPurpose;
  readonly expired: boolean;
  readonly used: boolean;
}

/** The token's row, locked until the transaction ends (two uses at once: the second waits, then sees it used). */
export async function lockAccountToken(db: Queryable, tokenHash: string): Promise<StoredToken | null> {
  const [row] = await db.query<StoredToken>(
    `SELECT user_id::int AS "userId", purpose, expires_at <= now() AS expired, used_at IS NOT NULL AS used
     FROM account_token WHERE token_hash = $1 FOR UPDATE`,
    [tokenHash],
  );
  return row ?? null;
}

export async function markTokenUsed(db: Queryable, tokenHash: string): Promise<void> {
  await db.query(`UPDATE account_token SET used_at = now() WHERE token_hash = $1`, [tokenHash]);
}

/** Ends every unused token of a purpose for a user (a new reset link replaces the old ones). */
export async function retireTokens(db: Queryable, userId: number, purpose: TokenPurpose): Promise<void> {
  await db.query(
    `UPDATE account_token SET used_at = now() WHERE user_id = $1 AND purpose = $2 AND used_at IS NULL`,
    [userId, purpose],
  );
}

export async function recordLoginFailure(db: Queryable, email: string, ip: string): Promise<void> {
  await db.query(`DELETE FROM login_failure WHERE at < now() - interval '1 day'`);
  await db.query(`INSERT INTO login_failure (email, ip) VALUES ($1, $2)`, [email, ip]);
}

export async function clearLoginFailures(db: Queryable, email: string): Promise<void> {
  await db.query(`DELETE FROM login_failure WHERE email = $1`, [email]);
}

export interface FailureCount {
  readonly count: number;
  /** Seconds until the oldest failure counted leaves the window. */
  readonly retryAfter: number;
}

export async function countLoginFailures(
  db: Queryable,
  by: 'email' | 'ip',
  value: string,
  windowSeconds: number,
): Promise<FailureCount> {
  const [row] = await db.query<{ count: number; retry: number | null }>(
    `SELECT count(*)::int AS count,
       ceil(extract(epoch FROM min(at) + make_interval(secs => $2) - now()))::int AS retry
     FROM login_failure WHERE ${by === 'email' ? 'email' : 'ip'} = $1 AND at > now() - make_interval(secs => $2)`,
    [value, windowSeconds],
  );
  return { count: row?.count ?? 0, retryAfter: Math.max(1, row?.retry ?? 1) };
}
