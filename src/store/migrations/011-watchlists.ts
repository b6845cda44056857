import type { Migration } from './migration.js';

/**
 * Watchlists (issue 18, point 3): a registered user watches units and indicators. A watch of a unit with no
 * indicator (`indicator_id` '') follows every indicator of the unit; a watch of an indicator with no unit
 * (`unit_code` '') follows it in every unit (only shown for the user's other watched units, see
 * pipeline/watchlists.ts). `since_release` is the live release when the watch was added: changes of later
 * releases are shown. `notified_release` is the last release an e-mail was sent for (none without SMTP).
 */
export const watchlists: Migration = {
  id: '011-watchlists',
  statements: [
    `CREATE TABLE watch (
       user_id bigint NOT NULL REFERENCES app_user (id),
       unit_code text NOT NULL DEFAULT '',
       indicator_id text NOT NULL DEFAULT '',
       since_release integer REFERENCES release (id),
       created_at timestamptz NOT NULL DEFAULT now(),
       PRIMARY KEY (user_id, unit_code, indicator_id),
       CHECK (unit_code <> '' OR indicator_id <> '')
     )`,
    `CREATE TABLE watch_notification (
       user_id bigint NOT NULL REFERENCES app_user (id),
       release_id integer NOT NULL REFERENCES release (id),
       changes integer NOT NULL,
       sent_at timestamptz NOT NULL DEFAULT now(),
       PRIMARY KEY (user_id, release_id)
     )`,
  ],
};
