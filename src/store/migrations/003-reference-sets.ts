import type { Migration } from './migration.js';

/**
 * Reference sets users define (issue 5: "any list of units, savable, shareable by a short link"). The id is
 * derived from the sorted member codes, so the same set always gets the same link and saving it twice
 * stores it once. Sets are never edited: a changed list is another set.
 */
export const referenceSets: Migration = {
  id: '003-reference-sets',
  statements: [
    `CREATE TABLE reference_set (
       id text PRIMARY KEY,
       name text NOT NULL,
       level text NOT NULL,
       units text[] NOT NULL,
       created_at timestamptz NOT NULL DEFAULT now()
     )`,
  ],
};
