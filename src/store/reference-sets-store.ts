/** Saved reference sets (migration 003): stored once per member list, read by their short id. */
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

/** 10 base-62 characters of the SHA-256 of the sorted codes: ~59 bits, the same list → the same link. */
export function referenceSetId(units: readonly string[]): string {
  const digest = createHash('sha256')
    .update([...units].sort().join(','))
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
  const id = referenceSetId(units);
  const rows = await db.query<{ id: string }>(
    `INSERT INTO reference_set (id, name, level, units) VALUES ($1, $2, $3, $4::text[])
     ON CONFLICT (id) DO NOTHING RETURNING id`,
    [id, set.name, set.level, units],
  );
  return { id, created: rows.length > 0 };
}

export async function getReferenceSet(db: Queryable, id: string): Promise<StoredReferenceSet | null> {
  const [row] = await db.query<StoredReferenceSet>(
    `SELECT id, name, level, units, to_char(created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS "createdAt"
     FROM reference_set WHERE id = $1`,
    [id],
  );
  return row ?? null;
}
