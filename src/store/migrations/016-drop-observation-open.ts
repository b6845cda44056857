import type { Migration } from './migration.js';

/**
 * Drops `observation_open` (variable_id, year, unit_code WHERE last_release IS NULL), made by 002. The
 * primary key (variable_id, unit_code, year, first_release) answers every query that used it: the merge's
 * "is there an open row with this key" probes the key's prefix, and reading one variable and year scans the
 * variable's range of the key, checking the year inside the index (some 43,000 entries at most, all units
 * × 15 years). Since the live release's data routes read the benchmark context in memory (issue 14), no hot
 * path reads the table by variable and year. What the index cost (issue 14, point 7): 5.1 of the 15 s the
 * first start spends rebuilding the table's key and indexes on PGlite, and 23 of the 69 s of building the
 * key and indexes of a SMUP-scale release (bench:scale).
 */
export const dropObservationOpen: Migration = {
  id: '016-drop-observation-open',
  statements: ['DROP INDEX IF EXISTS observation_open'],
};
