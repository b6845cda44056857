import type { Migration } from './migration.js';

/**
 * Data the JST supply themselves (issue 18, point 4). A submission holds one unit's values, as its JST editor
 * sent them, whole: it is written in one transaction with its values, or not at all, and it is never deleted.
 * Its state moves once, from `submitted` to `accepted` or `rejected` (a rejection names its reason); the
 * reviewer is kept as a user id (null from the command line) and as the name shown in the values' notes.
 * An accepted submission's values are written into the draft release (`draft_release`) and become live with
 * the publish of that draft (`published_release`); a draft discarded in between gets them again from the
 * next compute (pipeline/jst-submissions.ts, applyAcceptedSubmissions).
 */
export const jstSubmissions: Migration = {
  id: '010-jst-submissions',
  statements: [
    `CREATE TABLE jst_submission (
       id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
       unit_code text NOT NULL,
       author_id bigint NOT NULL REFERENCES app_user (id),
       comment text NOT NULL DEFAULT '' CHECK (length(comment) <= 2000),
       origin text NOT NULL CHECK (origin IN ('form', 'csv', 'xlsx')),
       file_name text,
       status text NOT NULL DEFAULT 'submitted' CHECK (status IN ('submitted', 'accepted', 'rejected')),
       warnings jsonb NOT NULL DEFAULT '[]',
       submitted_at timestamptz NOT NULL DEFAULT now(),
       reviewer_id bigint REFERENCES app_user (id),
       reviewer text,
       reviewed_at timestamptz,
       reason text CHECK (length(reason) <= 2000),
       draft_release integer REFERENCES release (id),
       published_release integer REFERENCES release (id),
       CHECK ((status = 'submitted') = (reviewed_at IS NULL)),
       CHECK (status <> 'rejected' OR (reason IS NOT NULL AND length(trim(reason)) > 0))
     )`,
    `CREATE INDEX jst_submission_author ON jst_submission (author_id)`,
    `CREATE INDEX jst_submission_unit ON jst_submission (unit_code)`,
    `CREATE INDEX jst_submission_pending ON jst_submission (status) WHERE published_release IS NULL`,
    `CREATE TABLE jst_submission_value (
       submission_id bigint NOT NULL REFERENCES jst_submission (id),
       variable_id text NOT NULL,
       year smallint NOT NULL,
       value double precision NOT NULL,
       line integer,
       PRIMARY KEY (submission_id, variable_id, year)
     )`,
  ],
};
