import type { Migration } from './migration.js';

/**
 * Links sent to a person (issue 18): password reset, invitation by an administrator, confirmation of a
 * sign-up. Only the token's SHA-256 is stored; a token is used once (`used_at`) and ends at `expires_at`.
 * Failed sign-ins are counted here too, per e-mail and per client address, so that lockout holds across
 * restarts and replicas; rows older than a day are deleted as new ones come.
 */
export const accountTokens: Migration = {
  id: '008-account-tokens',
  statements: [
    `CREATE TABLE account_token (
       token_hash text PRIMARY KEY,
       user_id bigint NOT NULL REFERENCES app_user (id),
       purpose text NOT NULL CHECK (purpose IN ('reset', 'invite', 'confirm')),
       created_at timestamptz NOT NULL DEFAULT now(),
       expires_at timestamptz NOT NULL,
       used_at timestamptz
     )`,
    `CREATE INDEX account_token_user ON account_token (user_id)`,
    `CREATE TABLE login_failure (
       id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
       email text NOT NULL,
       ip text NOT NULL,
       at timestamptz NOT NULL DEFAULT clock_timestamp()
     )`,
    `CREATE INDEX login_failure_email ON login_failure (email, at)`,
    `CREATE INDEX login_failure_ip ON login_failure (ip, at)`,
    `CREATE INDEX login_failure_at ON login_failure (at)`,
  ],
};
