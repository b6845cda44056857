/**
 * The audit log (migration 007): append-only — the database refuses UPDATE, DELETE and TRUNCATE. Write a
 * record with the same transaction (`tx`) as the change it describes, so that a change is never stored
 * without its record, nor a record without its change.
 */
import type { Queryable } from './database.js';

export interface AuditEntry {
  /** The acting user's id; null for the command line or an anonymous action (sign-up, password reset). */
  readonly actorId: number | null;
  /** Who, in words kept as they were: the user's e-mail, `cli:<login>`, or `anonymous`. */
  readonly actor: string;
  /** What was done: `<object>.<verb>`, e.g. `user.create`, `session.login`, `submission.accept`. */
  readonly action: string;
  readonly targetType: string;
  readonly targetId?: string | number | null | undefined;
  readonly before?: unknown;
  readonly after?: unknown;
  readonly requestId?: string | null | undefined;
  readonly ip?: string | null | undefined;
}

export interface AuditRecord {
  readonly id: number;
  readonly at: string;
  readonly actorId: number | null;
  readonly actor: string;
  readonly action: string;
  readonly targetType: string;
  readonly targetId: string | null;
  readonly before: unknown;
  readonly after: unknown;
  readonly requestId: string | null;
  readonly ip: string | null;
}

export async function appendAudit(tx: Queryable, entry: AuditEntry): Promise<number> {
  const [row] = await tx.query<{ id: number }>(
    `INSERT INTO audit_log (actor_id, actor, action, target_type, target_id, before, after, request_id, ip)
     VALUES ($1, $2, $3, $4, $5, $6::jsonb, $7::jsonb, $8, $9) RETURNING id::int AS id`,
    [
      entry.actorId,
      entry.actor,
      entry.action,
      entry.targetType,
      entry.targetId == null ? null : String(entry.targetId),
      entry.before === undefined ? null : JSON.stringify(entry.before),
      entry.after === undefined ? null : JSON.stringify(entry.after),
      entry.requestId ?? null,
      entry.ip ?? null,
    ],
  );
  return row?.id ?? 0;
}

export interface AuditFilter {
  readonly actor?: string | undefined;
  readonly action?: string | undefined;
  readonly targetType?: string | undefined;
  readonly targetId?: string | undefined;
  /** ISO dates or timestamps, inclusive from, exclusive to. */
  readonly from?: string | undefined;
  readonly to?: string | undefined;
  readonly limit: number;
  readonly offset: number;
}

export async function listAudit(
  db: Queryable,
  filter: AuditFilter,
): Promise<{ total: number; items: AuditRecord[] }> {
  const where: string[] = [];
  const params: unknown[] = [];
  if (filter.actor) where.push(`actor = $${params.push(filter.actor)}`);
  if (filter.action) where.push(`action = $${params.push(filter.action)}`);
  if (filter.targetType) where.push(`target_type = $${params.push(filter.targetType)}`);
  if (filter.targetId) where.push(`target_id = $${params.push(filter.targetId)}`);
  if (filter.from) where.push(`at >= $${params.push(filter.from)}::timestamptz`);
  if (filter.to) where.push(`at < $${params.push(filter.to)}::timestamptz`);
  const clause = where.length > 0 ? `WHERE ${where.join(' AND ')}` : '';
  const [count] = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM audit_log ${clause}`, params);
  const items = await db.query<AuditRecord>(
    `SELECT id::int AS id,
       to_char(at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS at,
       actor_id::int AS "actorId", actor, action, target_type AS "targetType", target_id AS "targetId",
       before, after, request_id AS "requestId", ip
     FROM audit_log ${clause} ORDER BY id DESC
     LIMIT $${params.length + 1} OFFSET $${params.length + 2}`,
    [...params, filter.limit, filter.offset],
  );
  return { total: count?.n ?? 0, items };
}
