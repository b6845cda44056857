import type { Migration } from './migration.js';

/**
 * The audit log (issue 18, point 6): every administrative and data-changing action, who did it, to what,
 * the state before and after, when, and the request it came with. Append-only in the database itself: a
 * trigger refuses UPDATE, DELETE and TRUNCATE (on PGlite and PostgreSQL alike), so no code path — ours or a
 * mistaken one — can rewrite history. `actor_id` is null for actions of the command line (`actor` then names
 * it, e.g. "cli:root"); `actor` keeps the e-mail as it was at the time.
 */
export const auditLog: Migration = {
  id: '007-audit-log',
  statements: [
    `CREATE TABLE audit_log (
       id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
       at timestamptz NOT NULL DEFAULT clock_timestamp(),
       actor_id bigint REFERENCES app_user (id),
       actor text NOT NULL,
       action text NOT NULL,
       target_type text NOT NULL,
       target_id text,
       before jsonb,
       after jsonb,
       request_id text,
       ip text
     )`,
    `CREATE INDEX audit_log_at ON audit_log (at)`,
    `CREATE INDEX audit_log_actor ON audit_log (actor_id)`,
    `CREATE INDEX audit_log_target ON audit_log (target_type, target_id)`,
    `CREATE FUNCTION audit_log_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
     BEGIN
       RAISE EXCEPTION 'audit_log is append-only: % refused', TG_OP USING ERRCODE = '42501';
     END
     $$`,
    `CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE ON audit_log
       FOR EACH ROW EXECUTE FUNCTION audit_log_refuse_change()`,
    `CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
       FOR EACH STATEMENT EXECUTE FUNCTION audit_log_refuse_change()`,
  ],
};
