/**
 * Watchlists (issue 18, point 3): what changed in a user's watched units and indicators, release by release,
 * from the public revision log (store/revisions-store.ts) — new years, revised values, flag changes, removed
 * values — and the e-mail telling them, where SMTP is configured.
 *
 * A watched unit follows every indicator of the unit; watched indicators narrow that to themselves. Only
 * indicators (`ind:…`) are shown: they are what the portal shows; a change of a source variable reaches the
 * user through the indicators computed from it.
 */
import type { Database, Queryable } from '../store/database.js';
import {
  previousPublished,
  revisionCounts,
  revisions,
  variableLabels,
  type Revision,
  type RevisionFilter,
} from '../store/revisions-store.js';
import { listWatches, recordNotification, usersToNotify, type Watch } from '../store/watchlists-store.js';

export const INDICATOR_VARIABLE_PREFIX = 'ind:';

export interface WatchedRelease {
  readonly release: number;
  readonly previous: number;
  readonly publishedAt: string | null;
  readonly total: number;
  readonly items: ReadonlyArray<
    Revision & { readonly name: string | null; readonly measureUnit: string | null }
  >;
}

/** The revision-log filter of a user's watches, or null when nothing is watched in any unit. */
export function watchFilter(watches: readonly Watch[]): RevisionFilter | null {
  const units = watches.filter((w) => w.unitCode !== '').map((w) => w.unitCode);
  if (units.length === 0) return null;
  const indicators = watches
    .filter((w) => w.indicatorId !== '')
    .map((w) => `${INDICATOR_VARIABLE_PREFIX}${w.indicatorId}`);
  return indicators.length > 0
    ? { unitCodes: units, variableIds: indicators }
    : { unitCodes: units, variablePrefix: INDICATOR_VARIABLE_PREFIX };
}

/**
 * The changes of the user's watches in each release published since their first watch (newest first, at
 * most `releases` releases and `perRelease` items each).
 */
export async function watchedChanges(
  db: Queryable,
  userId: number,
  { releases = 10, perRelease = 200 }: { releases?: number; perRelease?: number } = {},
): Promise<{ watches: Watch[]; releases: WatchedRelease[] }> {
  const watches = await listWatches(db, userId);
  const filter = watchFilter(watches);
  if (!filter) return { watches, releases: [] };
  const since = Math.min(...watches.map((w) => w.sinceRelease ?? 0));
  const published = await db.query<{ id: number; publishedAt: string | null }>(
    `SELECT id, to_char(published_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS "publishedAt"
     FROM release WHERE status = 'published' AND id > $1 ORDER BY id DESC LIMIT $2`,
    [since, releases],
  );
  const out: WatchedRelease[] = [];
  for (const r of published) {
    const previous = await previousPublished(db, r.id);
    if (previous === null) continue;
    const counts = await revisionCounts(db, previous, r.id, filter);
    const total = counts.reduce((s, c) => s + c.count, 0);
    if (total === 0) continue;
    const items = await revisions(db, previous, r.id, filter, { offset: 0, limit: perRelease });
    const labels = new Map(
      (await variableLabels(db, [...new Set(items.map((i) => i.variableId))])).map((l) => [l.id, l]),
    );
    out.push({
      release: r.id,
      previous,
      publishedAt: r.publishedAt,
      total,
      items: items.map((i) => ({
        ...i,
        name: labels.get(i.variableId)?.name ?? null,
        measureUnit: labels.get(i.variableId)?.measureUnit ?? null,
      })),
    });
  }
  return { watches, releases: out };
}

/** Sends one message; the server's SMTP transport, when configured (none: no e-mail is sent). */
export interface Mailer {
  send(message: { to: string; subject: string; text: string }): Promise<void>;
}

/**
 * Tells every watching user what release `releaseId` changed in their watches, once per user and release
 * (watch_notification), by e-mail. Users whose watches it did not touch are recorded with 0 and get nothing.
 */
export async function notifyWatchers(
  db: Database,
  releaseId: number,
  mailer: Mailer,
  portalUrl: string,
): Promise<{ sent: number; unchanged: number }> {
  const previous = await previousPublished(db, releaseId);
  let sent = 0;
  let unchanged = 0;
  if (previous === null) return { sent, unchanged };
  for (const user of await usersToNotify(db, releaseId)) {
    const filter = watchFilter(await listWatches(db, user.id));
    const counts = filter ? await revisionCounts(db, previous, releaseId, filter) : [];
    const total = counts.reduce((s, c) => s + c.count, 0);
    if (total > 0) {
      await mailer.send({
        to: user.email,
        subject: `SMUP: wydanie ${releaseId} zmienia ${total} obserwowanych wartości`,
        text:
          `Dzień dobry,\n\nwydanie ${releaseId} danych SMUP zmieniło ${total} wartości wskaźników, które Pan/Pani obserwuje.\n` +
          `Szczegóły: ${portalUrl}/zmiany\nDziennik zmian wydania: ${portalUrl}/wydania/${releaseId}/zmiany\n\n` +
          `Obserwowane jednostki i wskaźniki zmienia się na stronie „Zmiany”.\n`,
      });
      sent++;
    } else unchanged++;
    await recordNotification(db, user.id, releaseId, total);
  }
  return { sent, unchanged };
}
