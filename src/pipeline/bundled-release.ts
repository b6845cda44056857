/**
 * First start: with no release in the database, ingest the bundled official files (data/release/) through
 * the ordinary table-ingest path and publish them as the first release. Interrupted, it resumes on the next
 * start (the draft and its staged pages are still there). A database that has any release is left alone.
 * The catalogue's indicators are computed into the same draft before it is published.
 */
import { readBundleEntry, readBundleManifest } from '../sources/bundle/release-bundle.js';
import type { Database } from '../store/database.js';
import { listReleases } from '../store/releases-store.js';
import { runIngest, type IngestEvent, type IngestJobSpec, type IngestReport } from './ingest.js';
import { parseMapping, prepareTableJob } from './table-ingest.js';
import { computeIndicators } from './compute.js';
import { loadCatalog } from '../sources/catalog/load-catalog.js';

export async function bundledReleaseJobs(db: Database): Promise<IngestJobSpec[]> {
  const jobs: IngestJobSpec[] = [];
  for (const entry of readBundleManifest().entries) {
    const { bytes, mappingText } = readBundleEntry(entry);
    const { job } = await prepareTableJob(db, {
      bytes,
      fileName: entry.originalName,
      mapping: parseMapping(mappingText, entry.mapping),
    });
    jobs.push(job);
  }
  return jobs;
}

export async function ensureBundledRelease(
  db: Database,
  { onEvent }: { onEvent?: (event: IngestEvent) => void } = {},
): Promise<IngestReport | null> {
  const releases = await listReleases(db);
  if (releases.some((r) => r.status === 'published')) return null;
  if (releases.some((r) => r.status === 'draft' && !r.description.startsWith('bundled release'))) return null;
  // Read before any write: a broken catalogue stops the first start before data moves.
  const { indicators } = loadCatalog();
  const events = onEvent ? { onEvent } : {};
  await runIngest(db, await bundledReleaseJobs(db), {
    description: 'bundled release: official data shipped with SMUP (data/release/manifest.json)',
    publish: false,
    ...events,
  });
  // The catalogue's indicators, computed from the bundled data, go live with it.
  const { report } = await computeIndicators(db, indicators, { publish: true, ...events });
  return report;
}
