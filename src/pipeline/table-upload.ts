/**
 * A table file a data steward uploads (issue 18, point 5): read and checked whole against its mapping and
 * the register (nothing is written when any line is wrong: FileFormatError names each problem), then
 * ingested into the draft exactly as `smup ingest table` does (staged page by page, merged in one
 * transaction; the live release is untouched until a publish), then the plausibility rules run on the draft
 * and their findings for the file's variables come back as its validation report.
 *
 *   bytes + mapping ─► prepareTableJob (all problems, or a job) ─► runIngest (draft) ─► checkRelease (draft)
 */
import type { CompiledRule } from '../domain/plausibility/check.js';
import type { Violation } from '../domain/plausibility/rules.js';
import type { TableWarning } from '../sources/tabular/table-plan.js';
import type { TableStats } from '../sources/tabular/reader.js';
import { appendAudit } from '../store/audit-store.js';
import type { Database } from '../store/database.js';
import type { MergeStats } from '../store/observations-store.js';
import { checkRelease } from './check.js';
import { runIngest } from './ingest.js';
import type { ReleaseActor } from './releases.js';
import { prepareTableJob } from './table-ingest.js';
import type { TableMapping } from '../sources/tabular/mapping-schema.js';

/** Findings listed at most (the counts cover all of them). */
const MAX_LISTED = 500;

export interface UploadReport {
  readonly releaseId: number;
  readonly job: string;
  readonly stats: MergeStats | null;
  readonly table: TableStats;
  readonly warnings: readonly TableWarning[];
  readonly check: {
    readonly hard: number;
    readonly warning: number;
    readonly violations: readonly Violation[];
  };
}

export async function uploadTable(
  db: Database,
  input: {
    bytes: Uint8Array;
    fileName: string;
    mappingId: string;
    mapping: TableMapping;
    rules: readonly CompiledRule[];
    actor: ReleaseActor;
  },
): Promise<UploadReport> {
  const { job, read } = await prepareTableJob(db, input);
  const report = await runIngest(db, [job], { description: `upload: ${input.fileName}` });
  const merged = report.jobs[0];
  // The record follows the merge: the values are in the draft only, and the publish has its own record.
  await db.transaction((tx) =>
    appendAudit(tx, {
      ...input.actor,
      action: 'ingest.upload',
      targetType: 'release',
      targetId: report.releaseId,
      before: null,
      after: {
        file: input.fileName,
        mapping: input.mappingId,
        job: job.jobKey,
        stats: merged?.stats ?? null,
      },
    }),
  );
  const variables = new Set(read.variables.map((v) => v.id));
  const { violations } = await checkRelease(db, input.rules, report.releaseId);
  const own = violations.filter((v) => variables.has(v.variableId));
  return {
    releaseId: report.releaseId,
    job: job.description,
    stats: merged?.stats ?? null,
    table: read.stats,
    warnings: read.warnings.slice(0, MAX_LISTED),
    check: {
      hard: own.filter((v) => v.severity === 'hard').length,
      warning: own.filter((v) => v.severity === 'warning').length,
      violations: own.slice(0, MAX_LISTED),
    },
  };
}
