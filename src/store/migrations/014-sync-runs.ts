import type { Migration } from './migration.js';

/**
 * `smup sync` (issue 17): what a sync of the catalogue's BDL variables has done in the current draft, so a run
 * stopped in any way (kill -9 included) resumes without asking the API again for what it already has.
 *
 *   sync_run       one per draft release and plan (variables × levels × years, `plan_key`); its step
 *   sync_variable  the metadata GET /variables/{id} answered, compared with the lock, for each variable
 *
 * The data pages themselves are kept by the ingest tables (ingest_page with staged_observation, one
 * transaction per page: a page is recorded as fetched together with the values it brought). A run's checks
 * are written in one transaction with the run, only once every variable agreed with the lock.
 */
export const syncRuns: Migration = {
  id: '014-sync-runs',
  statements: [
    `CREATE TABLE sync_run (
       id integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
       release_id integer NOT NULL REFERENCES release (id) ON DELETE CASCADE,
       plan_key text NOT NULL,
       params jsonb NOT NULL,
       step text NOT NULL CHECK (step IN ('fetching', 'computing', 'done')),
       started_at timestamptz NOT NULL DEFAULT now(),
       updated_at timestamptz NOT NULL DEFAULT now(),
       UNIQUE (release_id, plan_key)
     )`,
    `CREATE TABLE sync_variable (
       run_id integer NOT NULL REFERENCES sync_run (id) ON DELETE CASCADE,
       variable_id integer NOT NULL,
       meta jsonb NOT NULL,
       checked_at timestamptz NOT NULL DEFAULT now(),
       PRIMARY KEY (run_id, variable_id)
     )`,
  ],
};
