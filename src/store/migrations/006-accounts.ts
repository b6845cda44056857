import type { Migration } from './migration.js';

/**
 * Accounts and their sessions (issue 18, point 1). A user has one role; a JST editor is bound to the TERYT
 * codes of the units they may submit for (empty for every other role). Users are never deleted, only
 * disabled: the audit log names them. E-mail addresses are unique regardless of case.
 *
 * A session is a random token in an HttpOnly cookie; only its SHA-256 is stored, so a copy of the database
 * cannot be used to sign in. A session ends at `expires_at` or when revoked (logout, logout everywhere,
 * password change, account disabled); revoked rows are kept until they expire, for the account's history.
 */
export const accounts: Migration = {
  id: '006-accounts',
  statements: [
    `CREATE TABLE app_user (
       id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
       email text NOT NULL CHECK (email = lower(email) AND length(email) BETWEEN 3 AND 254),
       display_name text NOT NULL CHECK (length(display_name) BETWEEN 1 AND 100),
       role text NOT NULL CHECK (role IN ('admin', 'steward', 'jst_editor', 'user')),
       units text[] NOT NULL DEFAULT '{}',
       status text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'disabled', 'pending')),
       password_hash text,
       created_at timestamptz NOT NULL DEFAULT now(),
       updated_at timestamptz NOT NULL DEFAULT now(),
       CHECK ((role = 'jst_editor') = (cardinality(units) > 0))
     )`,
    `CREATE UNIQUE INDEX app_user_email ON app_user (email)`,
    `CREATE INDEX app_user_units ON app_user USING gin (units)`,
    `CREATE TABLE user_session (
       token_hash text PRIMARY KEY,
       user_id bigint NOT NULL REFERENCES app_user (id),
       created_at timestamptz NOT NULL DEFAULT now(),
       expires_at timestamptz NOT NULL,
       last_seen_at timestamptz NOT NULL DEFAULT now(),
       revoked_at timestamptz,
       ip text,
       user_agent text
     )`,
    `CREATE INDEX user_session_user ON user_session (user_id)`,
  ],
};
