/**
 * The ingest runner every source uses:
 *
 *   open (or resume) the draft ─► per job: register source + variables ─► stage pages not yet fetched
 *   (one transaction per page) ─► merge the job into the draft (one transaction) ─► [publish]
 *
 * A run that fails, is interrupted or is killed leaves the live release untouched: nothing reaches it
 * before publish. Run again and it resumes: a merged job is skipped, a running job skips the pages it
 * already has. Ingesting the same data twice merges as "unchanged".
 */
import type {
  DataSource,
  IngestScope,
  Observation,
  VariableMeta,
} from '../domain/observations/observation.js';
import type { ObservationSlices } from '../domain/observations/observation-list.js';
import type { Database } from '../store/database.js';
import {
  mergeJob,
  stagePage,
  startJob,
  upsertSource,
  upsertVariables,
  type MergeStats,
} from '../store/observations-store.js';
import { lockReleases, openDraft } from '../store/releases-store.js';
import { publishDraft, type PublishResult } from './releases.js';

export interface IngestPage {
  /** Stable identity of the request or file part, so a resumed run does not fetch it again. */
  readonly requestKey: string;
  readonly observations: readonly Observation[];
}

export interface IngestJobSpec {
  readonly source: DataSource;
  /** Stable key of what the job ingests (same key → same job when a run is resumed). */
  readonly jobKey: string;
  readonly description: string;
  readonly scope: IngestScope;
  readonly variables: readonly VariableMeta[];
  /** Pages of data; `alreadyFetched(key)` is true for pages a previous run staged (skip them). */
  pages(alreadyFetched: (requestKey: string) => boolean): AsyncIterable<IngestPage>;
}

export type IngestEvent =
  | { readonly kind: 'draft'; readonly releaseId: number; readonly created: boolean }
  | {
      readonly kind: 'job-start';
      readonly job: string;
      readonly resumedPages: number;
      readonly alreadyMerged: boolean;
    }
  | {
      readonly kind: 'page';
      readonly job: string;
      readonly requestKey: string;
      readonly observations: number;
      readonly totalObservations: number;
    }
  | { readonly kind: 'job-merged'; readonly job: string; readonly stats: MergeStats }
  | { readonly kind: 'published'; readonly result: PublishResult };

/** The event of one page of a job, with the job's running total of observations (`total` includes it). */
export function pageEvent(
  job: { readonly description: string },
  page: { readonly requestKey: string; readonly observations: readonly unknown[] },
  total: number,
): IngestEvent {
  return {
    kind: 'page',
    job: job.description,
    requestKey: page.requestKey,
    observations: page.observations.length,
    totalObservations: total,
  };
}

export interface IngestReport {
  readonly releaseId: number;
  readonly jobs: ReadonlyArray<{ job: string; stats: MergeStats | null; observations: number }>;
  readonly published: PublishResult | null;
}

export async function runIngest(
  db: Database,
  jobs: readonly IngestJobSpec[],
  {
    description,
    publish = false,
    onEvent = () => undefined,
  }: {
    /** Description of the draft release, when this run opens one. */
    description: string;
    /** Publish the draft when every job is merged. */
    publish?: boolean;
    onEvent?: (event: IngestEvent) => void;
  },
): Promise<IngestReport> {
  const { release, created } = await db.transaction(async (tx) => {
    await lockReleases(tx);
    return openDraft(tx, description);
  });
  onEvent({ kind: 'draft', releaseId: release.id, created });

  const results: Array<{ job: string; stats: MergeStats | null; observations: number }> = [];
  for (const job of jobs) {
    const state = await db.transaction(async (tx) => {
      await upsertSource(tx, job.source);
      await upsertVariables(tx, job.variables);
      return startJob(tx, {
        releaseId: release.id,
        sourceId: job.source.id,
        jobKey: job.jobKey,
        description: job.description,
        scope: job.scope,
      });
    });
    onEvent({
      kind: 'job-start',
      job: job.description,
      resumedPages: state.fetchedPages.size,
      alreadyMerged: state.status === 'merged',
    });
    if (state.status === 'merged') {
      results.push({ job: job.description, stats: null, observations: 0 });
      continue;
    }
    let total = state.stagedObservations;
    for await (const page of job.pages((key) => state.fetchedPages.has(key))) {
      await db.transaction((tx) => stagePage(tx, state.id, page.requestKey, page.observations));
      total += page.observations.length;
      onEvent(pageEvent(job, page, total));
    }
    const stats = await db.transaction(async (tx) => {
      await lockReleases(tx);
      return mergeJob(tx, state.id);
    });
    onEvent({ kind: 'job-merged', job: job.description, stats });
    results.push({ job: job.description, stats, observations: total });
  }

  let published: PublishResult | null = null;
  if (publish) {
    published = await publishDraft(db);
    onEvent({ kind: 'published', result: published });
  }
  return { releaseId: release.id, jobs: results, published };
}

/**
 * The pages of a job whose observations are all in memory (our own steps: check, sums, indicators): slices
 * of `pageSize`, keyed by their offset, so a resumed run skips the slices it staged.
 */
export function pagesOf(
  observations: ObservationSlices,
  keyPrefix: string,
  pageSize = 50_000,
): IngestJobSpec['pages'] {
  return async function* (alreadyFetched) {
    for (let start = 0; start < observations.length; start += pageSize) {
      const requestKey = `${keyPrefix}:${start}`;
      if (alreadyFetched(requestKey)) continue;
      yield { requestKey, observations: observations.slice(start, start + pageSize) };
    }
  };
}
