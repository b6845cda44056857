import type { Migration } from './migration.js';

/**
 * What each published release holds, per variable, year and level: how many values and how many missing
 * (the catalogue's "available" and years, an indicator's availability, the loading hints). Counted over the
 * observation table on demand, it took 3.1 s and 1.3 s on the bundled release (1.3 million rows), the two
 * longest statements of the first visits, during which PGlite answered nothing else, health included
 * (issue 14). A published release never changes, so it is counted once, when it is published
 * (store/release-coverage-store.ts); `coverage_counted` tells a counted release with no rows from one not
 * counted. Releases published before this migration are counted here.
 */
export const releaseCoverage: Migration = {
  id: '017-release-coverage',
  statements: [
    `CREATE TABLE release_coverage (
       release_id integer NOT NULL REFERENCES release (id),
       variable_id text NOT NULL,
       year smallint NOT NULL,
       code_length smallint NOT NULL,
       value_count integer NOT NULL CHECK (value_count >= 0),
       missing_count integer NOT NULL CHECK (missing_count >= 0),
       PRIMARY KEY (release_id, variable_id, year, code_length)
     )`,
    `ALTER TABLE release ADD COLUMN coverage_counted boolean NOT NULL DEFAULT false`,
    `INSERT INTO release_coverage (release_id, variable_id, year, code_length, value_count, missing_count)
     SELECT r.id, o.variable_id, o.year, length(o.unit_code), count(o.value), count(*) - count(o.value)
     FROM release r
     JOIN observation o ON o.first_release <= r.id AND (o.last_release IS NULL OR o.last_release > r.id)
     WHERE r.status = 'published'
     GROUP BY 1, 2, 3, 4`,
    `UPDATE release SET coverage_counted = true WHERE status = 'published'`,
  ],
};
