import type { Migration } from './migration.js';

/**
 * Saved work under an account (issue 18, point 2): a user's named sets, comparisons and report settings
 * (domain/accounts/saved-items.ts says what `settings` holds for each kind). At most 500 per user, counted
 * by accounts/saved-work.ts under a lock of the user's row.
 *
 * `share_token` is the secret of the item's read-only link (256 random bits), null while not shared;
 * revoking sets it back to null, sharing again makes a new one. It is stored as it is, unlike session and
 * link tokens (only their SHA-256): it opens nothing but this row's own content, which a copy of the
 * database holds anyway, and the owner must be able to copy the link again later, as in any share dialog.
 *
 * A set item names the reference set its units are stored as (`settings.setId`), and report settings may
 * name one (`settings.against` = `set:ID`): the purge of unopened anonymous sets leaves those alone
 * (store/reference-sets-store.ts), hence the two expression indexes.
 */
export const savedItems: Migration = {
  id: '015-saved-items',
  statements: [
    `CREATE TABLE saved_item (
       id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
       user_id bigint NOT NULL REFERENCES app_user (id),
       kind text NOT NULL CHECK (kind IN ('set', 'compare', 'report')),
       name text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
       settings jsonb NOT NULL,
       share_token text UNIQUE CHECK (share_token IS NULL OR length(share_token) = 43),
       shared_at timestamptz,
       created_at timestamptz NOT NULL DEFAULT now(),
       updated_at timestamptz NOT NULL DEFAULT now(),
       CHECK ((share_token IS NULL) = (shared_at IS NULL))
     )`,
    `CREATE INDEX saved_item_user ON saved_item (user_id, updated_at DESC)`,
    `CREATE INDEX saved_item_set ON saved_item ((settings ->> 'setId')) WHERE kind = 'set'`,
    `CREATE INDEX saved_item_against ON saved_item ((settings ->> 'against')) WHERE kind = 'report'`,
  ],
};
