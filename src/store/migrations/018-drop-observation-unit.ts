import type { Migration } from './migration.js';

/**
 * Drops `observation_unit` (unit_code, variable_id, year), made by 002. Every query that reads by unit names
 * its variables too (a unit's data and profile: the indicators of its level; a submission's check: the rule
 * inputs; revisions find their rows by release), and the primary key answers those, one descent per
 * variable. On the bundled release PGlite chose the key even with this index present (EXPLAIN of a unit's
 * 499 indicators: 1.5-1.9 ms). PostgreSQL with statistics chose this index where it had it, for no gain
 * (5 million rows, 125 variables of one unit: 6.6 ms with it, 6.1 ms through the key without it). What the
 * index cost (issue 14, point 7): the largest single statement of making a SMUP-scale release queryable,
 * 29.7 of 70.1 s (bench:scale, 28.8 million rows; its rows come in key order, so this was the one index
 * sorted from scratch), and a share of every first start's rebuild.
 */
export const dropObservationUnit: Migration = {
  id: '018-drop-observation-unit',
  statements: ['DROP INDEX IF EXISTS observation_unit'],
};
