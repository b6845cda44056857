/**
 * Saved reference sets (migrations 003, 005): stored once per content (name and members), read by their
 * short id; a set nobody opened for a while is purged unless an account's saved work names it (015).
 */
import { createHash } from 'node:crypto';
import type { Queryable } from './database.js';

export interface StoredReferenceSet {
  readonly id: string;
  readonly name: string;
  readonly level: string;
  readonly units: readonly string[];
  readonly createdAt: string;
}

const ALPHABET = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';

/**
 * 10 base-62 characters of the SHA-256 of the name and the sorted codes: ~59 bits. The same set (name and
 * members) → the same link; the same members under another name are another set, so the first name saved
 * no longer wins for everyone who saves those units later (issue 14). The name is length-prefixed, so no
 * name can be made to collide with another name plus codes.
 */
export function referenceSetId(name: string, units: readonly string[]): string {
  const digest = createHash('sha256')
    .update(`${name.length}:${name}\n${[...units].sort().join(',')}`)
    .digest();
  let n = digest.readBigUInt64BE(0);
  let id = '';
  for (let i = 0; i < 10; i++) {
    id += ALPHABET[Number(n % 62n)];
    n /= 62n;
  }
  return id;
}

export async function saveReferenceSet(
  db: Queryable,
  set: { name: string; level: string; units: readonly string[] },
): Promise<{ id: string; created: boolean }> {
  const units = [...new Set(set.units)].sort();
  const id = referenceSetId(set.name, units);
  const rows = await db.query<{ id: string }>(
    `INSERT INTO reference_set (id, name, level, units) VALUES ($1, $2, $3, $4::text[])
     ON CONFLICT (id) DO NOTHING RETURNING id`,
    [id, set.name, set.level, units],
  );
  return { id, created: rows.length > 0 };
}

/** A saved set by id; reading it counts as opening it (refreshed at most once a day: one write per day). */
export async function getReferenceSet(db: Queryable, id: string): Promise<StoredReferenceSet | null> {
  const [row] = await db.query<StoredReferenceSet>(
    `SELECT id, name, level, units, to_char(created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS "createdAt"
     FROM reference_set WHERE id = $1`,
    [id],
  );
  if (row) {
    await db.query(
      `UPDATE reference_set SET last_opened_at = now()
       WHERE id = $1 AND last_opened_at < now() - interval '1 day'`,
      [id],
    );
  }
  return row ?? null;
}

/**
 * Deletes the sets nobody opened for `days` days, except those an account's saved work names (migration
 * 015: a saved set, or report settings against a set): an owner keeps them; returns how many.
 */
export async function purgeUnopenedReferenceSets(db: Queryable, days: number): Promise<number> {
  const rows = await db.query<{ id: string }>(
    `DELETE FROM reference_set r WHERE last_opened_at < now() - make_interval(days => $1::int)
       AND NOT EXISTS (SELECT 1 FROM saved_item s WHERE s.kind = 'set' AND s.settings ->> 'setId' = r.id)
       AND NOT EXISTS (SELECT 1 FROM saved_item s WHERE s.kind = 'report' AND s.settings ->> 'against' = 'set:' || r.id)
     RETURNING id`,
    [days],
  );
  return rows.length;
}
