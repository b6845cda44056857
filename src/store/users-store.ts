/** Accounts (migration 006): the rows of app_user, never with the password hash unless asked for it. */
import type { AccountUser, Role, UserStatus } from '../domain/accounts/roles.js';
import type { Queryable } from './database.js';

export interface StoredUser extends AccountUser {
  readonly createdAt: string;
  readonly updatedAt: string;
}

const USER_COLUMNS = `id::int AS id, email, display_name AS "displayName", role, units, status,
  to_char(created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS "createdAt",
  to_char(updated_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS "updatedAt"`;

export async function insertUser(
  db: Queryable,
  user: {
    email: string;
    displayName: string;
    role: Role;
    units: readonly string[];
    status: UserStatus;
    passwordHash: string | null;
  },
): Promise<StoredUser | null> {
  const [row] = await db.query<StoredUser>(
    `INSERT INTO app_user (email, display_name, role, units, status, password_hash)
     VALUES ($1, $2, $3, $4::text[], $5, $6)
     ON CONFLICT (email) DO NOTHING
     RETURNING ${USER_COLUMNS}`,
    [user.email, user.displayName, user.role, [...user.units], user.status, user.passwordHash],
  );
  return row ?? null;
}

export async function getUser(db: Queryable, id: number): Promise<StoredUser | null> {
  const [row] = await db.query<StoredUser>(`SELECT ${USER_COLUMNS} FROM app_user WHERE id = $1`, [id]);
  return row ?? null;
}

/** A user with their password hash, by e-mail (lower case), for signing in. */
export async function getUserForLogin(
  db: Queryable,
  email: string,
): Promise<(StoredUser & { passwordHash: string | null }) | null> {
  const [row] = await db.query<StoredUser & { passwordHash: string | null }>(
    `SELECT ${USER_COLUMNS}, password_hash AS "passwordHash" FROM app_user WHERE email = $1`,
    [email],
  );
  return row ?? null;
}

export async function getPasswordHash(db: Queryable, id: number): Promise<string | null> {
  const [row] = await db.query<{ hash: string | null }>(
    `SELECT password_hash AS hash FROM app_user WHERE id = $1`,
    [id],
  );
  return row?.hash ?? null;
}

export interface UserFilter {
  readonly role?: Role | undefined;
  readonly status?: UserStatus | undefined;
  /** Part of the e-mail or display name, case-insensitive. */
  readonly q?: string | undefined;
  readonly limit: number;
  readonly offset: number;
}

export async function listUsers(
  db: Queryable,
  filter: UserFilter,
): Promise<{ total: number; items: StoredUser[] }> {
  const where: string[] = [];
  const params: unknown[] = [];
  if (filter.role) where.push(`role = $${params.push(filter.role)}`);
  if (filter.status) where.push(`status = $${params.push(filter.status)}`);
  if (filter.q) {
    const n = params.push(`%${filter.q.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
    where.push(`(email LIKE $${n} OR lower(display_name) LIKE $${n})`);
  }
  const clause = where.length > 0 ? `WHERE ${where.join(' AND ')}` : '';
  const [count] = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM app_user ${clause}`, params);
  const items = await db.query<StoredUser>(
    `SELECT ${USER_COLUMNS} FROM app_user ${clause} ORDER BY id
     LIMIT $${params.length + 1} OFFSET $${params.length + 2}`,
    [...params, filter.limit, filter.offset],
  );
  return { total: count?.n ?? 0, items };
}

export async function updateUser(
  db: Queryable,
  id: number,
  change: {
    displayName?: string | undefined;
    role?: Role | undefined;
    units?: readonly string[] | undefined;
    status?: UserStatus | undefined;
  },
): Promise<StoredUser | null> {
  const [row] = await db.query<StoredUser>(
    `UPDATE app_user SET
       display_name = coalesce($2, display_name),
       role = coalesce($3, role),
       units = coalesce($4::text[], units),
       status = coalesce($5, status),
       updated_at = now()
     WHERE id = $1
     RETURNING ${USER_COLUMNS}`,
    [
      id,
      change.displayName ?? null,
      change.role ?? null,
      change.units ? [...change.units] : null,
      change.status ?? null,
    ],
  );
  return row ?? null;
}

export async function setPasswordHash(db: Queryable, id: number, passwordHash: string): Promise<void> {
  await db.query(`UPDATE app_user SET password_hash = $2, updated_at = now() WHERE id = $1`, [
    id,
    passwordHash,
  ]);
}

export async function countAdmins(db: Queryable): Promise<number> {
  const [row] = await db.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM app_user WHERE role = 'admin' AND status = 'active'`,
  );
  return row?.n ?? 0;
}
