/**
 * The catalogue's plausibility rules (catalog/plausibility.yaml) on submitted values, named as problems of
 * the submission: a hard rule is an error (the value is refused at once), a warning goes to the reviewer.
 * The judge needs other values (population for a per-resident bound, last year for a jump): `get` gives the
 * submitted values first, then the live release's.
 */
import type { GetCell } from '../formula/evaluation.js';
import { checkPlausibility, type CompiledRule } from '../plausibility/check.js';
import type { PlausibilityRule } from '../plausibility/rules.js';
import type { CheckedValue, SubmissionProblem } from './check-entries.js';

export function plausibilityProblems(
  rules: readonly CompiledRule[],
  unitCode: string,
  values: readonly CheckedValue[],
  get: GetCell,
): SubmissionProblem[] {
  const lineOf = new Map(values.map((v) => [`${v.variableId}|${v.year}`, v.line]));
  const describe = new Map<string, PlausibilityRule>(rules.map((r) => [r.rule.id, r.rule]));
  const violations = checkPlausibility(
    rules,
    values.map((v) => ({ variableId: v.variableId, unitCode, year: v.year, value: v.value })),
    get,
  );
  return violations.map((v) => {
    const rule = describe.get(v.ruleId);
    return {
      line: lineOf.get(`${v.variableId}|${v.year}`) ?? null,
      variableId: v.variableId,
      field: 'rule',
      severity: v.severity === 'hard' ? 'error' : 'warning',
      ruleId: v.ruleId,
      message: {
        pl: `${v.year}: ${rule?.description.pl ?? v.ruleId} (${v.detail})`,
        en: `${v.year}: ${rule?.description.en ?? v.ruleId} (${v.detail})`,
      },
    };
  });
}

/** The note an accepted value carries in every release, screen and export: which submission, who, when. */
export function acceptedNote(submission: {
  readonly id: number;
  readonly reviewer: string;
  readonly reviewedAt: string;
}): string {
  return `dane przekazane przez JST (zgłoszenie nr ${submission.id}); przyjął: ${submission.reviewer}, ${submission.reviewedAt.slice(0, 10)}`;
}
