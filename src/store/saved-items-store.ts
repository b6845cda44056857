/**
 * Saved work (migration 015): a user's named sets, comparisons and report settings. Every query of an
 * owner's items is bounded by `user_id`, so another user's item is simply not found.
 */
import type { SavedKind } from '../domain/accounts/saved-items.js';
import type { Queryable } from './database.js';

export interface StoredSavedItem {
  readonly id: number;
  readonly kind: SavedKind;
  readonly name: string;
  /** As domain/accounts/saved-items.ts describes it for the kind (jsonb, parsed). */
  readonly settings: Record<string, unknown>;
  readonly shareToken: string | null;
  readonly sharedAt: string | null;
  readonly createdAt: string;
  readonly updatedAt: string;
}

const utc = (column: string): string => `to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"')`;

const COLUMNS = `id::int AS id, kind, name, settings, share_token AS "shareToken",
  ${utc('shared_at')} AS "sharedAt", ${utc('created_at')} AS "createdAt", ${utc('updated_at')} AS "updatedAt"`;

/** A user's items, the last changed first; `kind` narrows them. */
export function listSavedItems(
  db: Queryable,
  userId: number,
  kind: SavedKind | null = null,
): Promise<StoredSavedItem[]> {
  return db.query<StoredSavedItem>(
    `SELECT ${COLUMNS} FROM saved_item WHERE user_id = $1 AND ($2::text IS NULL OR kind = $2)
     ORDER BY updated_at DESC, id DESC`,
    [userId, kind],
  );
}

export async function countSavedItems(db: Queryable, userId: number): Promise<number> {
  const [row] = await db.query<{ n: number }>(
    'SELECT count(*)::int AS n FROM saved_item WHERE user_id = $1',
    [userId],
  );
  return row?.n ?? 0;
}

/** The user's item `id`, or null — also when it is another user's. */
export async function getSavedItem(
  db: Queryable,
  userId: number,
  id: number,
): Promise<StoredSavedItem | null> {
  const [row] = await db.query<StoredSavedItem>(
    `SELECT ${COLUMNS} FROM saved_item WHERE user_id = $1 AND id = $2`,
    [userId, id],
  );
  return row ?? null;
}

export async function insertSavedItem(
  db: Queryable,
  item: { userId: number; kind: SavedKind; name: string; settings: unknown },
): Promise<StoredSavedItem> {
  const [row] = await db.query<StoredSavedItem>(
    `INSERT INTO saved_item (user_id, kind, name, settings) VALUES ($1, $2, $3, $4::jsonb) RETURNING ${COLUMNS}`,
    [item.userId, item.kind, item.name, JSON.stringify(item.settings)],
  );
  return row as StoredSavedItem;
}

/** Changes name and settings of the user's item; null when it is not theirs. */
export async function updateSavedItem(
  db: Queryable,
  userId: number,
  id: number,
  change: { name: string; settings: unknown },
): Promise<StoredSavedItem | null> {
  const [row] = await db.query<StoredSavedItem>(
    `UPDATE saved_item SET name = $3, settings = $4::jsonb, updated_at = now()
     WHERE user_id = $1 AND id = $2 RETURNING ${COLUMNS}`,
    [userId, id, change.name, JSON.stringify(change.settings)],
  );
  return row ?? null;
}

export async function deleteSavedItem(db: Queryable, userId: number, id: number): Promise<boolean> {
  const rows = await db.query('DELETE FROM saved_item WHERE user_id = $1 AND id = $2 RETURNING 1 AS n', [
    userId,
    id,
  ]);
  return rows.length === 1;
}

/** Sets (a new token) or clears (null) the item's share link; null when the item is not the user's. */
export async function setShareToken(
  db: Queryable,
  userId: number,
  id: number,
  token: string | null,
): Promise<StoredSavedItem | null> {
  const [row] = await db.query<StoredSavedItem>(
    `UPDATE saved_item SET share_token = $3, shared_at = CASE WHEN $3::text IS NULL THEN NULL ELSE now() END
     WHERE user_id = $1 AND id = $2 RETURNING ${COLUMNS}`,
    [userId, id, token],
  );
  return row ?? null;
}

/** The item a share link opens, while its owner's account is active; null otherwise. */
export async function sharedSavedItem(db: Queryable, token: string): Promise<StoredSavedItem | null> {
  const [row] = await db.query<StoredSavedItem>(
    `SELECT ${COLUMNS} FROM saved_item
     WHERE share_token = $1
       AND EXISTS (SELECT 1 FROM app_user u WHERE u.id = saved_item.user_id AND u.status = 'active')`,
    [token],
  );
  return row ?? null;
}

/**
 * Holds the user's row until the transaction ends, so that two saves of one user at once count each other
 * (the 500-item bound) instead of both seeing 499.
 */
export async function lockUserForSaving(db: Queryable, userId: number): Promise<void> {
  await db.query('SELECT 1 FROM app_user WHERE id = $1 FOR UPDATE', [userId]);
}
