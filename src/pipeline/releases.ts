/**
 * Release operations: publish the draft, discard it, roll the live data back. Each is one transaction under
 * the release lock, so a crash at any point leaves either the old state or the new one, never a mix. The
 * command line and the data stewards' API (api/routes/admin-releases.ts) both call these; given an actor,
 * the operation's audit record is written in the same transaction (no change without its record).
 */
import { appendAudit } from '../store/audit-store.js';
import type { Database, Queryable } from '../store/database.js';
import { markPublished } from '../store/submissions-store.js';
import { unfinishedJobs } from '../store/observations-store.js';
import {
  currentDraft,
  diffReleases,
  discardDraft,
  getRelease,
  liveReleaseId,
  lockReleases,
  openDraft,
  publishRelease,
  writeRevert,
  type Release,
} from '../store/releases-store.js';

/** Why a release operation was refused: a stable code, and the reason in Polish and English. */
export class ReleaseError extends Error {
  override name = 'ReleaseError';
  constructor(
    readonly code: ReleaseRefusal,
    readonly messages: { readonly pl: string; readonly en: string },
  ) {
    super(messages.en);
  }
}

export type ReleaseRefusal =
  | 'no-draft'
  | 'draft-unfinished'
  | 'draft-changed'
  | 'draft-open'
  | 'nothing-published'
  | 'no-earlier-release'
  | 'not-published'
  | 'already-live';

/** Who acts (api/auth/guard.ts auditActor, or `cli:<login>`), for the audit record. */
export interface ReleaseActor {
  readonly actorId: number | null;
  readonly actor: string;
  readonly requestId?: string | null;
  readonly ip?: string | null;
}

export interface ReleaseOptions {
  /** Given: the operation's audit record is appended in its transaction. */
  readonly actor?: ReleaseActor;
  /**
   * The draft the caller saw (a confirmation page names it): a different or no draft under the lock is
   * refused ('draft-changed'), so a confirmation never applies to a draft opened after it was shown.
   */
  readonly expectDraft?: number;
}

const noDraft = (verb: { pl: string; en: string }) =>
  new ReleaseError('no-draft', {
    pl: `Nie ma wersji roboczej wydania do ${verb.pl}; najpierw wczytaj dane lub przelicz wskaźniki.`,
    en: `there is no draft release to ${verb.en}; run an ingest or compute first`,
  });

const VERBS = {
  publish: { pl: 'opublikowania', en: 'publish' },
  discard: { pl: 'odrzucenia', en: 'discard' },
} as const;

/**
 * The open draft, refused (ReleaseError) when there is none or it is not the one the caller expects. Under
 * the lock inside the operations; callers that work on the draft before publishing it check with it first.
 */
export async function draftToActOn(
  tx: Queryable,
  action: keyof typeof VERBS,
  expectDraft: number | undefined,
): Promise<Release> {
  const verb = VERBS[action];
  const draft = await currentDraft(tx);
  if (expectDraft !== undefined && draft?.id !== expectDraft) {
    throw new ReleaseError('draft-changed', {
      pl: `Wersja robocza ${expectDraft} nie jest już otwarta${draft ? ` (otwarta jest ${draft.id})` : ''}; sprawdź listę wydań.`,
      en: `draft release ${expectDraft} is no longer open${draft ? ` (draft ${draft.id} is)` : ''}; see the list of releases`,
    });
  }
  if (!draft) throw noDraft(verb);
  return draft;
}

async function audit(
  tx: Queryable,
  actor: ReleaseActor | undefined,
  entry: { action: string; targetId: number; before: unknown; after: unknown },
): Promise<void> {
  if (actor) await appendAudit(tx, { ...actor, targetType: 'release', ...entry });
}

export interface PublishResult {
  readonly releaseId: number;
  readonly previous: number | null;
  readonly added: number;
  readonly changed: number;
  readonly removed: number;
  readonly variables: number;
  /** True when the draft held no change against the live release: it was discarded and nothing was published. */
  readonly unchanged: boolean;
}

async function summarise(db: Queryable, from: number | null, to: number) {
  const diff = from === null ? await diffReleases(db, 0, to) : await diffReleases(db, from, to);
  return {
    added: diff.reduce((s, d) => s + d.added, 0),
    changed: diff.reduce((s, d) => s + d.changed, 0),
    removed: diff.reduce((s, d) => s + d.removed, 0),
    variables: diff.length,
  };
}

/**
 * Makes the draft the live release. Refuses while a job of the draft is unfinished. A draft that changes no
 * value, flag or note of the live release is discarded instead: a new release number would tell users that the
 * data changed when they did not (and every cache keyed by release would be thrown away for nothing).
 */
export function publishDraft(
  db: Database,
  { actor, expectDraft }: ReleaseOptions = {},
): Promise<PublishResult> {
  return db.transaction(async (tx) => {
    await lockReleases(tx);
    const draft = await draftToActOn(tx, 'publish', expectDraft);
    const unfinished = await unfinishedJobs(tx, draft.id);
    if (unfinished.length > 0) {
      const jobs = unfinished.map((j) => j.description).join('; ');
      throw new ReleaseError('draft-unfinished', {
        pl: `Wersja robocza ${draft.id} ma niedokończone zadania wczytywania (${jobs}); uruchom to samo wczytywanie ponownie, aby je dokończyć, albo odrzuć wersję roboczą.`,
        en:
          `draft release ${draft.id} has unfinished ingest jobs (${jobs}); ` +
          'run the same ingest again to resume it, or discard the draft with `smup releases discard`',
      });
    }
    const previous = await liveReleaseId(tx);
    const summary = await summarise(tx, previous, draft.id);
    const before = { live: previous, draft: draft.id, description: draft.description };
    if (previous !== null && summary.variables === 0) {
      await discardDraft(tx, draft.id);
      const result = { releaseId: previous, previous, ...summary, unchanged: true };
      await audit(tx, actor, {
        action: 'release.publish',
        targetId: draft.id,
        before,
        after: { live: previous, discarded: draft.id, ...summary },
      });
      return result;
    }
    await publishRelease(tx, draft.id, summary);
    // Accepted JST submissions this draft carried are now in a published release.
    await markPublished(tx, draft.id);
    await audit(tx, actor, {
      action: 'release.publish',
      targetId: draft.id,
      before,
      after: { live: draft.id, ...summary },
    });
    return { releaseId: draft.id, previous, ...summary, unchanged: false };
  });
}

export function discardCurrentDraft(
  db: Database,
  { actor, expectDraft }: ReleaseOptions = {},
): Promise<number> {
  return db.transaction(async (tx) => {
    await lockReleases(tx);
    const draft = await draftToActOn(tx, 'discard', expectDraft);
    const live = await liveReleaseId(tx);
    await discardDraft(tx, draft.id);
    await audit(tx, actor, {
      action: 'release.discard',
      targetId: draft.id,
      before: { live, draft: draft.id, status: 'draft', description: draft.description },
      after: { live, draft: null, status: 'discarded' },
    });
    return draft.id;
  });
}

/**
 * Brings the live data back to an earlier published release (by default the one live before the current),
 * as a new published release that says what it reverts to; nothing published is deleted.
 */
export function rollback(
  db: Database,
  target?: number,
  { actor }: Pick<ReleaseOptions, 'actor'> = {},
): Promise<PublishResult & { revertsTo: number }> {
  return db.transaction(async (tx) => {
    await lockReleases(tx);
    const draft = await currentDraft(tx);
    if (draft) {
      throw new ReleaseError('draft-open', {
        pl: `Otwarta jest wersja robocza ${draft.id}; opublikuj ją lub odrzuć przed przywróceniem wcześniejszego wydania.`,
        en: `draft release ${draft.id} is open; publish or discard it before a rollback`,
      });
    }
    const live = await liveReleaseId(tx);
    if (live === null)
      throw new ReleaseError('nothing-published', {
        pl: 'Nie opublikowano jeszcze żadnego wydania: nie ma czego przywracać.',
        en: 'no release has been published yet; there is nothing to roll back',
      });
    const liveRelease = (await getRelease(tx, live)) as Release;
    const to = target ?? liveRelease.revertsTo ?? liveRelease.basedOn;
    if (to === null || to === undefined)
      throw new ReleaseError('no-earlier-release', {
        pl: `Wydanie ${live} nie ma wcześniejszego wydania, do którego można wrócić.`,
        en: `release ${live} has no earlier release to roll back to`,
      });
    const targetRelease = await getRelease(tx, to);
    if (!targetRelease || targetRelease.status !== 'published') {
      throw new ReleaseError('not-published', {
        pl: `Wydanie ${to} nie jest opublikowanym wydaniem.`,
        en: `release ${to} is not a published release; see \`smup releases list\``,
      });
    }
    if (to === live)
      throw new ReleaseError('already-live', {
        pl: `Wydanie ${to} jest już aktualne.`,
        en: `release ${to} is already live`,
      });
    const { release } = await openDraft(tx, `rollback of release ${live} to release ${to}`);
    await writeRevert(tx, release.id, to);
    const summary = await summarise(tx, live, release.id);
    await publishRelease(tx, release.id, { ...summary, revertsTo: to });
    await audit(tx, actor, {
      action: 'release.rollback',
      targetId: release.id,
      before: { live },
      after: { live: release.id, revertsTo: to, ...summary },
    });
    return { releaseId: release.id, previous: live, revertsTo: to, ...summary, unchanged: false };
  });
}
