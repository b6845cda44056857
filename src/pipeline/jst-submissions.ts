/**
 * Data the JST supply themselves (issue 18, point 4), from submission to release:
 *
 *   submit ─► check rows (type, year, unit of measure) ─► plausibility rules ─► errors: refused, nothing stored
 *          └► stored whole with its warnings (one transaction, with its audit record), state `submitted`
 *   accept ─► state `accepted` + values written into the draft release as a job of source "jst", flag 203
 *             "dane przekazane przez JST", the note naming the submission, the reviewer and the date
 *             (one transaction with the audit record) ─► the next publish makes them live
 *   reject ─► state `rejected` with its reason; the submission stays readable to its author
 *
 * A draft discarded after an accept loses the values it held, not the submission: the next compute writes
 * every accepted, unpublished submission into the new draft again (applyAcceptedSubmissions), and a publish
 * marks those it carried as published (publishDraft → markPublished).
 */
import { JST_SUPPLIED_FLAG } from '../domain/observations/flags.js';
import type { DataSource, Observation } from '../domain/observations/observation.js';
import type { CompiledRule } from '../domain/plausibility/check.js';
import {
  checkEntries,
  type SubmissionProblem,
  type SubmittedEntry,
} from '../domain/submissions/check-entries.js';
import { JST_SOURCE_ID, variablesOfUnit, type JstVariable } from '../domain/submissions/jst-variables.js';
import { acceptedNote, plausibilityProblems } from '../domain/submissions/plausibility-problems.js';
import { appendAudit } from '../store/audit-store.js';
import type { Database, Queryable } from '../store/database.js';
import {
  mergeJob,
  observationsIn,
  stagePage,
  startJob,
  upsertSource,
  upsertVariables,
} from '../store/observations-store.js';
import { liveReleaseId, lockReleases, openDraft } from '../store/releases-store.js';
import {
  decideSubmission,
  getSubmission,
  insertSubmission,
  setDraftRelease,
  unpublishedAccepted,
  type Submission,
} from '../store/submissions-store.js';

/** Who acts, as the audit log records it (api/auth/guard.ts auditActor, or the command line). */
export interface AuditActor {
  readonly actorId: number | null;
  readonly actor: string;
  readonly requestId?: string | null;
  readonly ip?: string | null;
}

/** The user a submission or a review is made by (a JST editor bound to units, a data steward…). */
export interface Person {
  readonly id: number;
  readonly displayName: string;
  readonly role: string;
  readonly units: readonly string[];
}

export const JST_SOURCE: DataSource = {
  id: JST_SOURCE_ID,
  name: 'dane przekazane przez jednostki samorządu terytorialnego (zgłoszenia przyjęte przez opiekuna danych SMUP)',
  citation: 'Źródło: dane przekazane przez JST, przyjęte do SMUP po weryfikacji',
  licence: 'informacja publiczna, ponowne wykorzystanie z podaniem źródła',
  url: null,
};

export class SubmissionError extends Error {
  override name = 'SubmissionError';
  constructor(
    readonly status: 403 | 404 | 409 | 422,
    readonly code: string,
    readonly messages: { pl: string; en: string },
    readonly problems: readonly SubmissionProblem[] = [],
  ) {
    super(messages.en);
  }
}

/** Roles that review submissions. */
export const REVIEWER_ROLES: readonly string[] = ['steward', 'admin'];

export function mayEditUnit(person: Person, unitCode: string): boolean {
  return person.role === 'jst_editor' && person.units.includes(unitCode);
}

/** The first year a JST may report (the catalogue's data start in 2010) and the last (the current year). */
export const FIRST_YEAR = 2010;
export const lastYear = (): number => new Date().getUTCFullYear();

/**
 * Checks and stores a submission. Refused whole (SubmissionError 422 with every problem) when any row has
 * an error or a value breaks a hard plausibility rule; warnings are stored with it for the reviewer.
 */
export async function submitValues(
  db: Database,
  input: {
    readonly actor: AuditActor;
    readonly author: Person;
    readonly unitCode: string;
    readonly comment: string;
    readonly origin: 'form' | 'csv' | 'xlsx';
    readonly fileName?: string | null;
    readonly entries: readonly SubmittedEntry[];
    readonly variables: readonly JstVariable[];
    readonly rules: readonly CompiledRule[];
  },
): Promise<Submission> {
  const { author, unitCode } = input;
  if (!mayEditUnit(author, unitCode)) {
    throw new SubmissionError(403, 'forbidden', {
      pl: `Brak uprawnień: dane jednostki ${unitCode} przekazuje tylko przypisany do niej redaktor JST.`,
      en: `Not allowed: only a JST editor bound to unit ${unitCode} submits its data.`,
    });
  }
  const variables = variablesOfUnit(input.variables, unitCode);
  const { values, problems } = checkEntries(input.entries, {
    unitCode,
    variables,
    minYear: FIRST_YEAR,
    maxYear: lastYear(),
  });
  const judged = problems.length === 0 ? await judge(db, input.rules, unitCode, values) : [];
  const all = [...problems, ...judged];
  if (all.some((p) => p.severity === 'error')) {
    throw new SubmissionError(
      422,
      'submission-invalid',
      {
        pl: `Zgłoszenie nie zostało przyjęte: ${all.filter((p) => p.severity === 'error').length} błędów (lista w „problems”).`,
        en: `The submission was not accepted: ${all.filter((p) => p.severity === 'error').length} errors (listed in "problems").`,
      },
      all,
    );
  }
  return db.transaction(async (tx) => {
    const id = await insertSubmission(tx, {
      unitCode,
      authorId: author.id,
      comment: input.comment.trim(),
      origin: input.origin,
      fileName: input.fileName ?? null,
      warnings: judged,
      values,
    });
    await appendAudit(tx, {
      ...input.actor,
      action: 'submission.create',
      targetType: 'jst_submission',
      targetId: id,
      after: { unitCode, values: values.length, origin: input.origin, warnings: judged.length },
    });
    return (await getSubmission(tx, id)) as Submission;
  });
}

/** The plausibility rules on the submitted values, reading other values (population, last year) live. */
async function judge(
  db: Queryable,
  rules: readonly CompiledRule[],
  unitCode: string,
  values: ReadonlyArray<{ variableId: string; year: number; value: number; line: number | null }>,
): Promise<SubmissionProblem[]> {
  const submitted = new Set(values.map((v) => v.variableId));
  const relevant = rules.filter((r) => submitted.has(r.variableId));
  if (relevant.length === 0) return [];
  const live = await liveReleaseId(db);
  const years = [...new Set(values.flatMap((v) => [v.year, v.year - 1]))];
  const stored = live
    ? await observationsIn(db, live, {
        variableIds: [...new Set(relevant.flatMap((r) => r.inputs))],
        unitCodes: [unitCode],
        years,
      })
    : [];
  const cells = new Map<string, { value: number | null; flag: number | null }>();
  for (const o of stored) cells.set(`${o.variableId}|${o.year}`, { value: o.value, flag: o.flag });
  for (const v of values) cells.set(`${v.variableId}|${v.year}`, { value: v.value, flag: null });
  return plausibilityProblems(relevant, unitCode, values, (variableId, unit, year) =>
    unit === unitCode ? cells.get(`${variableId}|${year}`) : undefined,
  );
}

function observationsOf(submission: Submission): Observation[] {
  const note = acceptedNote({
    id: submission.id,
    reviewer: submission.reviewer ?? '?',
    reviewedAt: submission.reviewedAt ?? '',
  });
  return submission.values.map((v) => ({
    variableId: v.variableId,
    unitCode: submission.unitCode,
    year: v.year,
    value: v.value,
    flag: JST_SUPPLIED_FLAG,
    note,
  }));
}

/**
 * Writes an accepted submission's values into the open draft (opened if none) as the job
 * `jst:submission:<id>`: only its cells are touched (the job's scope is empty, so nothing else is removed).
 * Call in a transaction holding lockReleases.
 */
async function writeIntoDraft(
  tx: Queryable,
  submission: Submission,
  variables: readonly JstVariable[],
): Promise<number> {
  const { release } = await openDraft(tx, `data supplied by JST (submission ${submission.id})`);
  await upsertSource(tx, JST_SOURCE);
  const used = new Set(submission.values.map((v) => v.variableId));
  await upsertVariables(
    tx,
    variables
      .filter((v) => used.has(v.id))
      .map((v) => ({
        id: v.id,
        sourceId: JST_SOURCE_ID,
        sourceCode: v.id.slice(JST_SOURCE_ID.length + 1),
        name: v.label.pl,
        nameEn: v.label.en,
        subjectPath: null,
        measureUnit: v.measureUnit,
        levels: [...v.levels],
        metadata: { suppliedBy: 'jst' },
      })),
  );
  const job = await startJob(tx, {
    releaseId: release.id,
    sourceId: JST_SOURCE_ID,
    jobKey: `jst:submission:${submission.id}`,
    description: `JST submission ${submission.id} (${submission.unitCode})`,
    scope: { variables: [], years: [], unitCodeLengths: [] },
  });
  if (job.status === 'merged') return release.id;
  await stagePage(tx, job.id, 'values', observationsOf(submission));
  await mergeJob(tx, job.id);
  await setDraftRelease(tx, submission.id, release.id);
  return release.id;
}

async function decidable(tx: Queryable, id: number): Promise<Submission> {
  const submission = await getSubmission(tx, id);
  if (!submission) {
    throw new SubmissionError(404, 'submission-not-found', {
      pl: `Nie ma zgłoszenia nr ${id}.`,
      en: `There is no submission ${id}.`,
    });
  }
  if (submission.status !== 'submitted') {
    throw new SubmissionError(409, 'submission-decided', {
      pl: `Zgłoszenie nr ${id} jest już ${submission.status === 'accepted' ? 'przyjęte' : 'odrzucone'} (${submission.reviewer ?? '?'}, ${submission.reviewedAt ?? ''}).`,
      en: `Submission ${id} is already ${submission.status} (${submission.reviewer ?? '?'}, ${submission.reviewedAt ?? ''}).`,
    });
  }
  return submission;
}

function requireReviewer(reviewer: Person): void {
  if (!REVIEWER_ROLES.includes(reviewer.role)) {
    throw new SubmissionError(403, 'forbidden', {
      pl: 'Brak uprawnień: zgłoszenia ocenia opiekun danych.',
      en: 'Not allowed: a data steward reviews submissions.',
    });
  }
}

/** Accepts a submission: its values go into the draft release, flagged and noted, with the audit record. */
export function acceptSubmission(
  db: Database,
  input: { actor: AuditActor; reviewer: Person; id: number; variables: readonly JstVariable[] },
): Promise<Submission> {
  requireReviewer(input.reviewer);
  return db.transaction(async (tx) => {
    await lockReleases(tx);
    const before = await decidable(tx, input.id);
    await decideSubmission(tx, input.id, {
      status: 'accepted',
      reviewerId: input.reviewer.id,
      reviewer: input.reviewer.displayName,
      reason: null,
      draftRelease: null,
    });
    const accepted = (await getSubmission(tx, input.id)) as Submission;
    const draft = await writeIntoDraft(tx, accepted, input.variables);
    await appendAudit(tx, {
      ...input.actor,
      action: 'submission.accept',
      targetType: 'jst_submission',
      targetId: input.id,
      before: { status: before.status },
      after: { status: 'accepted', draftRelease: draft, values: accepted.values.length },
    });
    return (await getSubmission(tx, input.id)) as Submission;
  });
}

/** Rejects a submission with its reason; it stays readable to its author. */
export function rejectSubmission(
  db: Database,
  input: { actor: AuditActor; reviewer: Person; id: number; reason: string },
): Promise<Submission> {
  requireReviewer(input.reviewer);
  const reason = input.reason.trim();
  if (reason.length === 0 || reason.length > 2000) {
    throw new SubmissionError(422, 'reason-required', {
      pl: 'Odrzucenie wymaga uzasadnienia (1–2000 znaków).',
      en: 'A rejection needs a reason (1–2000 characters).',
    });
  }
  return db.transaction(async (tx) => {
    const before = await decidable(tx, input.id);
    await decideSubmission(tx, input.id, {
      status: 'rejected',
      reviewerId: input.reviewer.id,
      reviewer: input.reviewer.displayName,
      reason,
      draftRelease: null,
    });
    await appendAudit(tx, {
      ...input.actor,
      action: 'submission.reject',
      targetType: 'jst_submission',
      targetId: input.id,
      before: { status: before.status },
      after: { status: 'rejected', reason },
    });
    return (await getSubmission(tx, input.id)) as Submission;
  });
}

/**
 * Writes every accepted, unpublished submission the current draft lacks into it (after a discarded draft),
 * so accepted values are never lost on their way to a release. Returns how many it wrote.
 */
export async function applyAcceptedSubmissions(
  db: Database,
  variables: readonly JstVariable[],
): Promise<number> {
  return db.transaction(async (tx) => {
    await lockReleases(tx);
    const pending = await unpublishedAccepted(tx);
    let written = 0;
    for (const submission of pending) {
      const [open] = await tx.query<{ id: number }>(
        `SELECT r.id FROM release r WHERE r.status = 'draft' AND r.id = $1`,
        [submission.draftRelease],
      );
      if (open) continue;
      await writeIntoDraft(tx, submission, variables);
      written++;
    }
    return written;
  });
}
