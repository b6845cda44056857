/**
 * First start: with no release in the database, ingest the bundled official files (data/release/) through
 * the ordinary ingest paths (table files with their mappings; the nursery register with its own reader)
 * and publish them as the first release. Interrupted, it resumes on the next start (the draft and its
 * staged pages are still there). A database that has any release is left alone. The catalogue's
 * indicators are computed into the same draft before it is published.
 *
 * What an entry's reader leaves out of the data without it being a file error (the nursery register's
 * rows whose names match no gmina) is returned as `notices` and passed to `onNotice`, never dropped in
 * silence.
 */
import {
  bundleEntryKind,
  readBundleEntry,
  readBundleManifest,
  type BundleEntry,
} from '../sources/bundle/release-bundle.js';
import type { UnmatchedRow } from '../sources/nursery/register-reader.js';
import type { Database } from '../store/database.js';
import type { CellReader } from '../store/observation-cells-store.js';
import { listReleases } from '../store/releases-store.js';
import { runIngest, type IngestEvent, type IngestJobSpec, type IngestReport } from './ingest.js';
import { describeUnmatched, prepareNurseryJob } from './nursery-ingest.js';
import { parseMapping, prepareTableJob } from './table-ingest.js';
import { computeIndicators } from './compute.js';
import { buildFirstRelease } from './first-release.js';
import { loadCatalog } from '../sources/catalog/load-catalog.js';

/** Something an entry's reader left out, said in words, with the rows themselves. */
export interface BundleNotice {
  readonly entry: string;
  readonly message: string;
  readonly unmatched: readonly UnmatchedRow[];
}

export interface BundledJobs {
  readonly jobs: IngestJobSpec[];
  readonly notices: BundleNotice[];
}

/** The ingest jobs of the bundle's entries, and what their readers left out (see BundleNotice). */
export async function prepareBundledRelease(
  db: Database,
  entries: readonly BundleEntry[] = readBundleManifest().entries,
): Promise<BundledJobs> {
  const jobs: IngestJobSpec[] = [];
  const notices: BundleNotice[] = [];
  for (const entry of entries) {
    const { bytes, mappingText } = readBundleEntry(entry);
    switch (bundleEntryKind(entry)) {
      case 'table': {
        const { job } = await prepareTableJob(db, {
          bytes,
          fileName: entry.originalName,
          mapping: parseMapping(mappingText ?? '', entry.mapping ?? entry.id),
        });
        jobs.push(job);
        break;
      }
      case 'nursery-register': {
        const { job, read } = await prepareNurseryJob(db, {
          bytes,
          fileName: entry.originalName,
          stateDate: entry.stateDate ?? '',
        });
        jobs.push(job);
        const message = describeUnmatched(entry.originalName, read.unmatched);
        if (message) notices.push({ entry: entry.id, message, unmatched: read.unmatched });
        break;
      }
    }
  }
  return { jobs, notices };
}

/** The jobs only (benchmarks); the readers' notices are written to stderr, not dropped. */
export async function bundledReleaseJobs(db: Database): Promise<IngestJobSpec[]> {
  const { jobs, notices } = await prepareBundledRelease(db);
  for (const notice of notices) process.stderr.write(`${notice.entry}: ${notice.message}\n`);
  return jobs;
}

export interface BundledReleaseReport extends IngestReport {
  readonly notices: readonly BundleNotice[];
  /** The release's cells, still in memory when it was built in memory (an empty database's first start). */
  readonly cells?: CellReader;
}

export async function ensureBundledRelease(
  db: Database,
  {
    onEvent,
    onNotice,
    catalog,
  }: {
    onEvent?: (event: IngestEvent) => void;
    onNotice?: (notice: BundleNotice) => void;
    /** The catalogue the server already read (default: read here). */
    catalog?: Pick<ReturnType<typeof loadCatalog>, 'indicators' | 'rules'>;
  } = {},
): Promise<BundledReleaseReport | null> {
  const releases = await listReleases(db);
  if (releases.some((r) => r.status === 'published')) return null;
  const description = 'bundled release: official data shipped with SMUP (data/release/manifest.json)';
  if (releases.some((r) => r.status === 'draft' && !r.description.startsWith('bundled release'))) return null;
  // Read before any write: a broken catalogue stops the first start before data moves.
  const { indicators, rules } = catalog ?? loadCatalog();
  const events = onEvent ? { onEvent } : {};
  // An empty database (the usual first start): the whole release is built in memory and written once,
  // reading one bundled file at a time.
  if (releases.length === 0) {
    const notices: BundleNotice[] = [];
    async function* jobsOneByOne(): AsyncGenerator<IngestJobSpec> {
      for (const entry of readBundleManifest().entries) {
        const prepared = await prepareBundledRelease(db, [entry]);
        for (const notice of prepared.notices) {
          notices.push(notice);
          onNotice?.(notice);
        }
        yield* prepared.jobs;
      }
    }
    const report = await buildFirstRelease(db, jobsOneByOne(), { description, indicators, rules, ...events });
    return { ...report, notices };
  }
  const { jobs, notices } = await prepareBundledRelease(db);
  for (const notice of notices) onNotice?.(notice);
  // A bundled draft an older version left unfinished: resumed job by job through the database.
  await runIngest(db, jobs, { description, publish: false, ...events });
  // The catalogue's indicators, computed from the bundled data, go live with it.
  const { report } = await computeIndicators(db, indicators, { publish: true, rules, ...events });
  return { ...report, notices };
}
