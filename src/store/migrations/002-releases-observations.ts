import type { Migration } from './migration.js';

/**
 * Sources, variables, releases and observations.
 *
 * Observations are versioned by release, like a slowly changing dimension: a row is visible in release R
 * when first_release <= R and (last_release IS NULL or last_release > R). Releases are linear (one draft
 * at a time, always newer than every published one), so
 *   - a draft's writes (first_release = draft, or last_release = draft on the rows they replace) are
 *     invisible to the live release: publishing is one UPDATE of live_release;
 *   - a failed, interrupted or killed run leaves the live release exactly as it was, and discarding a
 *     draft deletes its rows and reopens the rows it had closed;
 *   - every published release stays queryable (permalinks, `release=`).
 * Ingests stage their pages first (staged_observation, ingest_page: resumable, one transaction per page)
 * and merge a finished job into the draft in one transaction.
 */
export const releasesObservations: Migration = {
  id: '002-releases-observations',
  statements: [
    `CREATE TABLE data_source (
       id text PRIMARY KEY,
       name text NOT NULL,
       citation text NOT NULL,
       licence text NOT NULL,
       url text
     )`,
    `CREATE TABLE variable (
       id text PRIMARY KEY,
       source_id text NOT NULL REFERENCES data_source (id),
       source_code text NOT NULL,
       name text NOT NULL,
       name_en text,
       subject_path text,
       measure_unit text,
       levels text[] NOT NULL DEFAULT '{}',
       metadata jsonb NOT NULL DEFAULT '{}',
       search_name text NOT NULL,
       updated_at timestamptz NOT NULL DEFAULT now(),
       UNIQUE (source_id, source_code)
     )`,
    `CREATE TABLE release (
       id integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
       status text NOT NULL CHECK (status IN ('draft', 'published', 'discarded')),
       description text NOT NULL,
       created_at timestamptz NOT NULL DEFAULT now(),
       published_at timestamptz,
       based_on integer REFERENCES release (id),
       reverts_to integer REFERENCES release (id),
       stats jsonb NOT NULL DEFAULT '{}'
     )`,
    // At most one draft: releases stay linear, which the visibility rule above relies on.
    `CREATE UNIQUE INDEX release_single_draft ON release ((true)) WHERE status = 'draft'`,
    `CREATE TABLE live_release (
       singleton boolean PRIMARY KEY DEFAULT true CHECK (singleton),
       release_id integer NOT NULL REFERENCES release (id),
       switched_at timestamptz NOT NULL DEFAULT now()
     )`,
    `CREATE TABLE observation (
       variable_id text NOT NULL,
       unit_code text NOT NULL,
       year smallint NOT NULL,
       value double precision,
       flag smallint,
       note text,
       first_release integer NOT NULL REFERENCES release (id),
       last_release integer REFERENCES release (id),
       PRIMARY KEY (variable_id, unit_code, year, first_release),
       CHECK (last_release IS NULL OR last_release > first_release)
     )`,
    `CREATE INDEX observation_open ON observation (variable_id, year, unit_code) WHERE last_release IS NULL`,
    `CREATE INDEX observation_unit ON observation (unit_code, variable_id, year)`,
    `CREATE INDEX observation_last_release ON observation (last_release) WHERE last_release IS NOT NULL`,
    `CREATE INDEX observation_first_release ON observation (first_release)`,
    `CREATE TABLE ingest_job (
       id integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
       release_id integer NOT NULL REFERENCES release (id),
       source_id text NOT NULL REFERENCES data_source (id),
       job_key text NOT NULL,
       description text NOT NULL,
       scope jsonb NOT NULL,
       status text NOT NULL CHECK (status IN ('running', 'merged')),
       started_at timestamptz NOT NULL DEFAULT now(),
       finished_at timestamptz,
       stats jsonb NOT NULL DEFAULT '{}',
       UNIQUE (release_id, job_key)
     )`,
    `CREATE TABLE ingest_page (
       job_id integer NOT NULL REFERENCES ingest_job (id) ON DELETE CASCADE,
       request_key text NOT NULL,
       observations integer NOT NULL,
       fetched_at timestamptz NOT NULL DEFAULT now(),
       PRIMARY KEY (job_id, request_key)
     )`,
    `CREATE TABLE staged_observation (
       job_id integer NOT NULL REFERENCES ingest_job (id) ON DELETE CASCADE,
       variable_id text NOT NULL,
       unit_code text NOT NULL,
       year smallint NOT NULL,
       value double precision,
       flag smallint,
       note text,
       PRIMARY KEY (job_id, variable_id, unit_code, year)
     )`,
  ],
};
