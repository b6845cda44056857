/**
 * The plausibility check as a step of the release (catalog/plausibility.yaml, domain/plausibility/): the
 * first step after the ingests, before the sums up the register and the indicators, so a suspect value is
 * neither summed nor ranked.
 *
 *   draft rows of every variable a rule reads ──► checkPlausibility ──► violations (hard and warnings)
 *     ──► job "smup:check": the judged variables' rows, hard violations flagged suspect, marks that no longer
 *         hold lifted (the source's flag and note come back), everything else as it was
 *
 * The job's scope is the judged variables × their years × every level they have, so the rows it does not
 * change are staged again as they are (the merge removes what a scope holds and a job does not stage).
 * Nothing to mark or lift: no job, no write.
 */
import { setImmediate as yieldToServer } from 'node:timers/promises';
import { isDerivedSum } from '../domain/observations/aggregation.js';
import { SUSPECT_FLAG } from '../domain/observations/flags.js';
import { ObservationCube } from '../domain/observations/observation-cube.js';
import type { Observation } from '../domain/observations/observation.js';
import { checkPlausibility, type CompiledRule } from '../domain/plausibility/check.js';
import type { Violation } from '../domain/plausibility/rules.js';
import { withSuspectMark, withoutSuspectMark } from '../domain/plausibility/suspect-note.js';
import type { Database } from '../store/database.js';
import { type IngestJobSpec, pagesOf } from './ingest.js';
import { currentReleaseRows, releaseRowsIn, type ReleaseRows } from './release-rows.js';
import { SMUP_SOURCE } from './smup-source.js';
import { resultsHash } from './results-hash.js';

/** Cells judged between two turns of the event loop. */
const CELLS_PER_TURN = 50_000;

/** The description of the check job starts with this (the CLI tells its merge from the others'). */
export const CHECK_JOB = 'plausibility check';

export interface CheckResult {
  readonly release: number | null;
  readonly violations: readonly Violation[];
  /** Values flagged suspect by this run, and marks lifted because their rule no longer holds. */
  readonly marked: number;
  readonly lifted: number;
}

/**
 * Runs the rules on a release's values (the draft, else the live release; or the one given; or `source`,
 * a release's rows read elsewhere, e.g. a draft in memory on the first start).
 */
export async function checkRelease(
  db: Database,
  rules: readonly CompiledRule[],
  release?: number,
  source?: { id: number; rows: ReleaseRows },
): Promise<CheckResult & { stored: Observation[] }> {
  const current =
    source ??
    (release === undefined
      ? await currentReleaseRows(db)
      : { id: release, rows: releaseRowsIn(db, release) });
  if (current === null) return { release: null, violations: [], marked: 0, lifted: 0, stored: [] };
  const releaseId = current.id;
  // Variables carrying a suspect mark are read too, so a mark whose rule is gone can be lifted.
  const marked = await current.rows.variablesWithFlag(SUSPECT_FLAG);
  const inputs = [...new Set([...rules.flatMap((r) => r.inputs), ...marked])];
  if (inputs.length === 0) return { release: releaseId, violations: [], marked: 0, lifted: 0, stored: [] };
  // Rules judge the values as the sources gave them: an earlier suspect mark is lifted for reading.
  const stored = await current.rows.observations(inputs);
  // Each step below takes a few hundred ms for the bundled release on a slow machine: the server answers
  // other requests between them, and between slices of the judged cells.
  await yieldToServer();
  const rows = stored.map((o) => withoutSuspectMark(o));
  const cube = ObservationCube.from(rows);
  await yieldToServer();
  const judged = new Set(rules.map((r) => r.variableId));
  const cells = rows.filter((o) => judged.has(o.variableId) && !isDerivedSum(o));
  const violations: Violation[] = [];
  for (let at = 0; at < cells.length; at += CELLS_PER_TURN) {
    const slice = cells.slice(at, at + CELLS_PER_TURN);
    const found = checkPlausibility(rules, slice, (variableId, unit, year) =>
      cube.get(variableId, unit, year),
    );
    for (const violation of found) violations.push(violation);
    await yieldToServer();
  }
  return { release: releaseId, violations, marked: 0, lifted: 0, stored };
}

/** The check job for the draft (or the live release): null when no mark is to be set or lifted. */
export async function prepareCheckJob(
  db: Database,
  rules: readonly CompiledRule[],
  source?: { id: number; rows: ReleaseRows },
): Promise<{ job: IngestJobSpec | null; result: CheckResult }> {
  const checked = await checkRelease(db, rules, undefined, source);
  const hard = new Map<string, string[]>();
  for (const v of checked.violations) {
    if (v.severity !== 'hard') continue;
    const key = `${v.variableId}|${v.unitCode}|${v.year}`;
    hard.set(key, [...(hard.get(key) ?? []), v.ruleId]);
  }
  // Restaged: the variables hard rules judge, and those with a mark to lift.
  const judged = new Set([
    ...rules.filter((r) => r.rule.severity === 'hard').map((r) => r.variableId),
    ...checked.stored.filter((o) => o.flag === SUSPECT_FLAG).map((o) => o.variableId),
  ]);
  let marked = 0;
  let lifted = 0;
  const staged = checked.stored
    .filter((o) => judged.has(o.variableId))
    .map((stored) => {
      const ruleIds = hard.get(`${stored.variableId}|${stored.unitCode}|${stored.year}`);
      const next = ruleIds ? withSuspectMark(stored, ruleIds) : withoutSuspectMark(stored);
      if (next.flag !== stored.flag || next.note !== stored.note) {
        if (ruleIds) marked++;
        else lifted++;
      }
      return next;
    });
  const result = { release: checked.release, violations: checked.violations, marked, lifted };
  if (marked === 0 && lifted === 0) return { job: null, result };
  const job: IngestJobSpec = {
    source: SMUP_SOURCE,
    jobKey: `smup:check:${await resultsHash(staged)}`,
    description: `${CHECK_JOB} of ${judged.size} variables`,
    scope: {
      variables: [...judged].sort(),
      years: [...new Set(staged.map((o) => o.year))].sort((a, b) => a - b),
      unitCodeLengths: [...new Set(staged.map((o) => o.unitCode.length))].sort((a, b) => a - b),
    },
    // The variables are the sources' own: their metadata stays as the ingest wrote it.
    variables: [],
    pages: pagesOf(staged, 'check'),
  };
  return { job, result };
}
