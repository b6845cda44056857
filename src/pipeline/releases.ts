/**
 * Release operations: publish the draft, discard it, roll the live data back. Each is one transaction under
 * the release lock, so a crash at any point leaves either the old state or the new one, never a mix.
 */
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

export class ReleaseError extends Error {
  override name = 'ReleaseError';
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
export function publishDraft(db: Database): Promise<PublishResult> {
  return db.transaction(async (tx) => {
    await lockReleases(tx);
    const draft = await currentDraft(tx);
    if (!draft)
      throw new ReleaseError('there is no draft release to publish; run an ingest or compute first');
    const unfinished = await unfinishedJobs(tx, draft.id);
    if (unfinished.length > 0) {
      throw new ReleaseError(
        `draft release ${draft.id} has unfinished ingest jobs (${unfinished.map((j) => j.description).join('; ')}); ` +
          'run the same ingest again to resume it, or discard the draft with `smup releases discard`',
      );
    }
    const previous = await liveReleaseId(tx);
    const summary = await summarise(tx, previous, draft.id);
    if (previous !== null && summary.variables === 0) {
      await discardDraft(tx, draft.id);
      return { releaseId: previous, previous, ...summary, unchanged: true };
    }
    await publishRelease(tx, draft.id, summary);
    // Accepted JST submissions this draft carried are now in a published release.
    await markPublished(tx, draft.id);
    return { releaseId: draft.id, previous, ...summary, unchanged: false };
  });
}

export function discardCurrentDraft(db: Database): Promise<number> {
  return db.transaction(async (tx) => {
    await lockReleases(tx);
    const draft = await currentDraft(tx);
    if (!draft) throw new ReleaseError('there is no draft release to discard');
    await discardDraft(tx, draft.id);
    return draft.id;
  });
}

/**
 * Brings the live data back to an earlier published release (by default the one live before the current),
 * as a new published release that says what it reverts to; nothing published is deleted.
 */
export function rollback(db: Database, target?: number): Promise<PublishResult & { revertsTo: number }> {
  return db.transaction(async (tx) => {
    await lockReleases(tx);
    const draft = await currentDraft(tx);
    if (draft) {
      throw new ReleaseError(`draft release ${draft.id} is open; publish or discard it before a rollback`);
    }
    const live = await liveReleaseId(tx);
    if (live === null)
      throw new ReleaseError('no release has been published yet; there is nothing to roll back');
    const liveRelease = (await getRelease(tx, live)) as Release;
    const to = target ?? liveRelease.revertsTo ?? liveRelease.basedOn;
    if (to === null || to === undefined)
      throw new ReleaseError(`release ${live} has no earlier release to roll back to`);
    const targetRelease = await getRelease(tx, to);
    if (!targetRelease || targetRelease.status !== 'published') {
      throw new ReleaseError(`release ${to} is not a published release; see \`smup releases list\``);
    }
    if (to === live) throw new ReleaseError(`release ${to} is already live`);
    const { release } = await openDraft(tx, `rollback of release ${live} to release ${to}`);
    await writeRevert(tx, release.id, to);
    const summary = await summarise(tx, live, release.id);
    await publishRelease(tx, release.id, { ...summary, revertsTo: to });
    return { releaseId: release.id, previous: live, revertsTo: to, ...summary, unchanged: false };
  });
}
