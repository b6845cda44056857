import type { Migration } from './migration.js';

/**
 * Drops `observation_unit` (unit_code, variable_id, year), made by 002. Every query that reads by unit names
 * its variables too (a unit's data and profile: the indicators of its level; a submission's check: the rule
 * inputs; revisions find their rows by release), and the planner answers those from the primary key, one
 * descent per variable: on the bundled release it chose the key even with this index present (EXPLAIN of a
 * unit's 499 indicators: 1.5-1.9 ms). What the index cost (issue 14, point 7): the largest single statement
 * of making a SMUP-scale release queryable, 29.7 of 70.1 s (bench:scale, 28.8 million rows; its rows come in
 * key order, so this was the one index sorted from scratch), and a share of every first start's rebuild.
 */
export const dropObservationUnit: Migration = {
  id: '018-drop-observation-unit',
  statements: ['DROP INDEX IF EXISTS observation_unit'],
};
