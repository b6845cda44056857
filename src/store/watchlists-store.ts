/** Watchlists (migration 011): a user's watched units and indicators. */
import type { Queryable } from './database.js';

export interface Watch {
  /** '' for a watch of an indicator (in the user's watched units). */
  readonly unitCode: string;
  /** '' for a watch of a unit (every indicator). */
  readonly indicatorId: string;
  readonly sinceRelease: number | null;
  readonly createdAt: string;
}

export function listWatches(db: Queryable, userId: number): Promise<Watch[]> {
  return db.query<Watch>(
    `SELECT unit_code AS "unitCode", indicator_id AS "indicatorId", since_release AS "sinceRelease",
       to_char(created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS "createdAt"
     FROM watch WHERE user_id = $1 ORDER BY unit_code, indicator_id`,
    [userId],
  );
}

/** Adds a watch from the live release on; false when the user already had it. */
export async function addWatch(
  db: Queryable,
  userId: number,
  watch: { unitCode: string; indicatorId: string },
): Promise<boolean> {
  const rows = await db.query<{ n: number }>(
    `INSERT INTO watch (user_id, unit_code, indicator_id, since_release)
     VALUES ($1, $2, $3, (SELECT release_id FROM live_release))
     ON CONFLICT DO NOTHING RETURNING 1 AS n`,
    [userId, watch.unitCode, watch.indicatorId],
  );
  return rows.length === 1;
}

export async function removeWatch(
  db: Queryable,
  userId: number,
  watch: { unitCode: string; indicatorId: string },
): Promise<boolean> {
  const rows = await db.query<{ n: number }>(
    `DELETE FROM watch WHERE user_id = $1 AND unit_code = $2 AND indicator_id = $3 RETURNING 1 AS n`,
    [userId, watch.unitCode, watch.indicatorId],
  );
  return rows.length === 1;
}

/** Users with at least one watch and an e-mail, not yet told about release `releaseId`. */
export function usersToNotify(
  db: Queryable,
  releaseId: number,
): Promise<Array<{ id: number; email: string; displayName: string }>> {
  return db.query(
    `SELECT u.id::int AS id, u.email, u.display_name AS "displayName" FROM app_user u
     WHERE u.status = 'active' AND EXISTS (SELECT 1 FROM watch w WHERE w.user_id = u.id)
       AND NOT EXISTS (SELECT 1 FROM watch_notification n WHERE n.user_id = u.id AND n.release_id = $1)
     ORDER BY u.id`,
    [releaseId],
  );
}

export async function recordNotification(
  db: Queryable,
  userId: number,
  releaseId: number,
  changes: number,
): Promise<void> {
  await db.query(
    `INSERT INTO watch_notification (user_id, release_id, changes) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING`,
    [userId, releaseId, changes],
  );
}
