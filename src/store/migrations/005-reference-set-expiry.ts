import type { Migration } from './migration.js';

/**
 * Saved sets expire when nobody opens them (issue 14: nothing an anonymous client writes may grow the
 * database without bound). `last_opened_at` is set when a set is saved and refreshed (at most daily) when it
 * is read; a purge deletes sets not opened for SMUP_SET_EXPIRY_DAYS. Sets saved before this migration count
 * as opened now, so none disappears at the first purge. Ids become the hash of name and units (a set's own
 * content): existing rows keep their ids, so links already shared keep working.
 */
export const referenceSetExpiry: Migration = {
  id: '005-reference-set-expiry',
  statements: [
    `ALTER TABLE reference_set ADD COLUMN last_opened_at timestamptz NOT NULL DEFAULT now()`,
    `CREATE INDEX reference_set_last_opened ON reference_set (last_opened_at)`,
  ],
};
