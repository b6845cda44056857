import type { Migration } from './migration.js';

/**
 * The units register: every loaded TERC snapshot kept whole (register_snapshot, register_snapshot_unit),
 * and the history derived from all of them (unit_version with validity periods, unit_change, unit_link),
 * rebuilt in the same transaction whenever a snapshot is added. Snapshots are the record; the history is
 * a function of them, so nothing loaded is ever overwritten.
 */
export const unitsRegister: Migration = {
  id: '001-units-register',
  statements: [
    `CREATE TABLE register_snapshot (
       id integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
       register text NOT NULL,
       state_date date NOT NULL,
       content_sha256 text NOT NULL,
       source_file text NOT NULL,
       provenance jsonb NOT NULL,
       unit_count integer NOT NULL,
       loaded_at timestamptz NOT NULL DEFAULT now(),
       UNIQUE (register, state_date)
     )`,
    `CREATE TABLE register_snapshot_unit (
       snapshot_id integer NOT NULL REFERENCES register_snapshot (id) ON DELETE CASCADE,
       code text NOT NULL,
       level text NOT NULL,
       kind text NOT NULL,
       name text NOT NULL,
       description text NOT NULL,
       parent_code text,
       PRIMARY KEY (snapshot_id, code)
     )`,
    `CREATE TABLE unit_version (
       code text NOT NULL,
       valid_from date NOT NULL,
       valid_to date,
       level text NOT NULL,
       kind text NOT NULL,
       name text NOT NULL,
       official_name text NOT NULL,
       description text NOT NULL,
       parent_code text,
       search_name text NOT NULL,
       name_rank integer NOT NULL,
       PRIMARY KEY (code, valid_from),
       CHECK (valid_to IS NULL OR valid_to > valid_from)
     )`,
    `CREATE INDEX unit_version_current_level ON unit_version (level, name_rank) WHERE valid_to IS NULL`,
    `CREATE INDEX unit_version_parent ON unit_version (parent_code)`,
    `CREATE TABLE unit_change (
       change_date date NOT NULL,
       change_type text NOT NULL,
       code text NOT NULL,
       previous_code text,
       before_value text,
       after_value text
     )`,
    `CREATE INDEX unit_change_code ON unit_change (code)`,
    `CREATE INDEX unit_change_previous_code ON unit_change (previous_code)`,
    `CREATE TABLE unit_link (
       predecessor_code text NOT NULL,
       successor_code text NOT NULL,
       change_date date NOT NULL,
       reason text NOT NULL,
       PRIMARY KEY (predecessor_code, successor_code)
     )`,
  ],
};
