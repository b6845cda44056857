/**
 * The first release of an empty database, built in memory and written once (issue 14: the first start took
 * 91-197 s and 1.5 GiB, staging and merging every job through the database and reading it back for the
 * check, the sums and the indicators).
 *
 *   jobs (bundled ingests) ──► MemoryDraft.merge per job (mergeJob's rules) ──► check, sums, indicators read
 *   the draft in memory and merge into it ──► one transaction: draft, sources, variables, jobs with their
 *   pages and stats, observations by COPY (PGlite) or unnest batches (PostgreSQL), publish
 *
 * The release is the same as the job-by-job path writes (bench/first-start.ts compares the checksums); it
 * is all or nothing: killed before the commit, the next start begins again from an empty database.
 */
import { setImmediate as yieldToServer } from 'node:timers/promises';
import type { Observation } from '../domain/observations/observation.js';
import type { CompiledRule } from '../domain/plausibility/check.js';
import { bulkInsert } from '../store/bulk-insert.js';
import type { Database, Queryable } from '../store/database.js';
import type { CellReader } from '../store/observation-cells-store.js';
import { suspendObservationIndexes } from '../store/observation-indexes.js';
import { startJob, upsertSource, upsertVariables, type MergeStats } from '../store/observations-store.js';
import { lockReleases, openDraft, publishRelease } from '../store/releases-store.js';
import { prepareAggregationJob } from './aggregate.js';
import { prepareCheckJob } from './check.js';
import { prepareComputeJob, type ComputableIndicator } from './compute.js';
import { pageEvent, type IngestEvent, type IngestJobSpec, type IngestReport } from './ingest.js';
import { MemoryDraft } from './memory-draft.js';
import type { PublishResult } from './releases.js';

/** Rows per COPY (or unnest) statement: small enough that the server answers health checks in between. */
const WRITE_CHUNK = 20_000;

interface MergedJob {
  /** The job without its pages (which hold the parsed file: not kept once merged). */
  readonly spec: Omit<IngestJobSpec, 'pages'>;
  readonly pages: ReadonlyArray<{ requestKey: string; observations: number }>;
  readonly stats: MergeStats;
  readonly observations: number;
}

async function mergeInMemory(
  draft: MemoryDraft,
  job: IngestJobSpec,
  onEvent: (event: IngestEvent) => void,
): Promise<MergedJob> {
  onEvent({ kind: 'job-start', job: job.description, resumedPages: 0, alreadyMerged: false });
  const pages: Array<{ requestKey: string; observations: number }> = [];
  let total = 0;
  async function* observed() {
    for await (const page of job.pages(() => false)) {
      pages.push({ requestKey: page.requestKey, observations: page.observations.length });
      total += page.observations.length;
      onEvent(pageEvent(job, page, total));
      yield page.observations;
      await yieldToServer();
    }
  }
  const stats = await draft.merge(job.scope, observed());
  onEvent({ kind: 'job-merged', job: job.description, stats });
  const { source, jobKey, description, scope, variables } = job;
  return { spec: { source, jobKey, description, scope, variables }, pages, stats, observations: total };
}

async function writeObservations(tx: Queryable, draft: MemoryDraft, releaseId: number): Promise<void> {
  const [existing] = await tx.query<{ any: boolean }>('SELECT EXISTS (SELECT 1 FROM observation) AS any');
  if (existing?.any) {
    await copyObservations(tx, draft, releaseId, false);
    return;
  }
  const restore = await suspendObservationIndexes(tx);
  // Where rows go by COPY (PGlite), the table is emptied (again) in this transaction, so COPY may write
  // them frozen (COPY … FREEZE): the first statement to read them after the load, the key's build, does
  // not then mark and rewrite every page of the table (hint bits; measured: the key and indexes 8.7 s ->
  // 7.6 s). Frozen rows are visible to snapshots older than the commit too, which no one holds here (an
  // empty database, one connection). A kill before the commit leaves the table as empty as before.
  const freeze = tx.copyFrom !== undefined;
  if (freeze) await tx.query('TRUNCATE observation');
  await copyObservations(tx, draft, releaseId, freeze);
  await restore();
}

async function copyObservations(
  tx: Queryable,
  draft: MemoryDraft,
  releaseId: number,
  freeze: boolean,
): Promise<void> {
  if (tx.copyFrom) {
    // The next chunk is made while the database stores the last one (PGlite in its own thread,
    // store/pglite-thread.ts; in process the copy is done before the promise returns, as before).
    let storing: Promise<void> | null = null;
    for (const { data } of draft.copyChunks(WRITE_CHUNK, releaseId)) {
      await storing;
      storing = tx.copyFrom(
        `COPY observation (variable_id, unit_code, year, value, flag, note, first_release) FROM '/dev/blob' WITH (FORMAT binary${freeze ? ', FREEZE' : ''})`,
        data,
      );
      // Marked handled at once: a COPY failing while the next chunk is made would otherwise be an unhandled
      // rejection (fatal in Node) before the loop awaits it; the await above or below still throws it.
      storing.catch(() => undefined);
      await yieldToServer();
    }
    await storing;
    return;
  }
  for (const chunk of draft.observationChunks(WRITE_CHUNK)) {
    await bulkInsert(
      tx,
      'observation',
      [
        ['variable_id', 'text', (o: Observation) => o.variableId],
        ['unit_code', 'text', (o) => o.unitCode],
        ['year', 'smallint', (o) => o.year],
        ['value', 'float8', (o) => o.value],
        ['flag', 'smallint', (o) => o.flag],
        ['note', 'text', (o) => o.note],
        ['first_release', 'int', () => releaseId],
      ],
      chunk,
    );
    await yieldToServer();
  }
}

async function writeJob(tx: Queryable, releaseId: number, job: MergedJob): Promise<void> {
  await upsertSource(tx, job.spec.source);
  await upsertVariables(tx, job.spec.variables);
  const state = await startJob(tx, {
    releaseId,
    sourceId: job.spec.source.id,
    jobKey: job.spec.jobKey,
    description: job.spec.description,
    scope: job.spec.scope,
  });
  await bulkInsert(
    tx,
    'ingest_page',
    [
      ['job_id', 'int', () => state.id],
      ['request_key', 'text', (p: MergedJob['pages'][number]) => p.requestKey],
      ['observations', 'int', (p) => p.observations],
    ],
    job.pages,
  );
  await tx.query(`UPDATE ingest_job SET status = 'merged', finished_at = now(), stats = $2 WHERE id = $1`, [
    state.id,
    JSON.stringify(job.stats),
  ]);
}

/**
 * The steps computeIndicators runs after the ingests (check, sums up the register, indicators), reading the
 * draft in memory. The id is a placeholder: the steps only report it, the real one comes with the write.
 * Each job is dropped once merged (the compute job holds half a million observations).
 */
async function ourSteps(
  db: Database,
  draft: MemoryDraft,
  indicators: readonly ComputableIndicator[],
  rules: readonly CompiledRule[],
  onEvent: (event: IngestEvent) => void,
): Promise<MergedJob[]> {
  const source = { id: 0, rows: draft };
  const merged: MergedJob[] = [];
  const checkJob = (await prepareCheckJob(db, rules, source)).job;
  if (checkJob) merged.push(await mergeInMemory(draft, checkJob, onEvent));
  const summable = [...new Set(indicators.flatMap((i) => i.summableInputs ?? []))].sort();
  const aggregationJob = (await prepareAggregationJob(db, summable, source)).job;
  if (aggregationJob) merged.push(await mergeInMemory(draft, aggregationJob, onEvent));
  merged.push(await mergeInMemory(draft, (await prepareComputeJob(db, indicators, source)).job, onEvent));
  return merged;
}

/** The first release's report, with its cells still in memory for the benchmark context (ContextSeeds). */
export interface FirstReleaseReport extends IngestReport {
  readonly cells: CellReader;
}

/**
 * Builds the first release from `jobs` (prepared one by one as they are asked for) plus the check, the sums and the indicators, and publishes it.
 * Call only on a database without any release (ensureBundledRelease checks).
 */
export async function buildFirstRelease(
  db: Database,
  jobs: AsyncIterable<IngestJobSpec>,
  {
    description,
    indicators,
    rules,
    onEvent = () => undefined,
  }: {
    description: string;
    indicators: readonly ComputableIndicator[];
    rules: readonly CompiledRule[];
    onEvent?: (event: IngestEvent) => void;
  },
): Promise<FirstReleaseReport> {
  const draft = new MemoryDraft();
  const merged: MergedJob[] = [];
  // One job at a time: each bundled file is read, merged and let go before the next.
  for await (const job of jobs) merged.push(await mergeInMemory(draft, job, onEvent));
  merged.push(...(await ourSteps(db, draft, indicators, rules, onEvent)));
  const { releaseId, published } = await db.transaction(async (tx) => {
    await lockReleases(tx);
    const { release, created } = await openDraft(tx, description);
    if (!created) throw new Error(`a draft release (${release.id}) appeared during the first start`);
    onEvent({ kind: 'draft', releaseId: release.id, created });
    for (const job of merged) await writeJob(tx, release.id, job);
    await writeObservations(tx, draft, release.id);
    // The first release adds every row it has (what diffReleases from nothing would count).
    const summary = { added: draft.size, changed: 0, removed: 0, variables: draft.variableIds().length };
    // What the release holds per variable, year and level, counted in memory (a scan of the table else).
    await publishRelease(tx, release.id, summary, draft.coverage());
    const result: PublishResult = { releaseId: release.id, previous: null, ...summary, unchanged: false };
    return { releaseId: release.id, published: result };
  });
  onEvent({ kind: 'published', result: published });
  return {
    releaseId,
    jobs: merged.map((job) => ({
      job: job.spec.description,
      stats: job.stats,
      observations: job.observations,
    })),
    published,
    cells: (variableIds) => draft.cellColumns(variableIds),
  };
}
