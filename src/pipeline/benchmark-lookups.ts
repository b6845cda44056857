/**
 * Lookups every benchmarking answer shares: units named as in the release, the unit being benchmarked (or a
 * refusal), and its comparison group; plus the refusal the service throws for a request it cannot answer.
 */
import type { ComparisonGroup, GroupAssignment } from '../domain/benchmark/typology.js';
import { displayName } from '../domain/units/unit.js';
import type { BenchmarkContext, ContextUnit } from './benchmark-context.js';

export type Text = { readonly pl: string; readonly en: string };

/** A request benchmarking cannot answer: an unknown unit, indicator or set, or a set that needs a unit. */
export class BenchmarkRefusal extends Error {
  constructor(
    readonly kind: 'not-found' | 'invalid',
    readonly code: string,
    readonly messages: Text,
    readonly param?: string,
  ) {
    super(messages.en);
  }
}

export interface UnitRef {
  readonly code: string;
  readonly name: string;
  readonly kind: string;
}

export function unitRef(context: BenchmarkContext, code: string): UnitRef {
  const unit = context.unit(code);
  return unit ? { code, name: displayName(unit), kind: unit.kind } : { code, name: code, kind: 'unknown' };
}

/** A unit that can be benchmarked (not a part of a gmina), or a refusal. */
export function benchmarkedUnit(context: BenchmarkContext, code: string): ContextUnit {
  const unit = context.unit(code);
  if (!unit || unit.level === 'czesc_gminy') {
    throw new BenchmarkRefusal(
      'not-found',
      'unit-not-found',
      { pl: `Nie ma jednostki ${code} w rejestrze.`, en: `There is no unit ${code} in the register.` },
      'teryt',
    );
  }
  return unit;
}

/** The unit's comparison group in a structure year and the rule that put it there, or undefined. */
export function groupOf(
  context: BenchmarkContext,
  year: number,
  code: string,
): { group: ComparisonGroup; assignment: GroupAssignment } | undefined {
  const groups = context.groups(year);
  const assignment = groups.assignments.get(code);
  const group = assignment ? groups.groups.find((g) => g.id === assignment.groupId) : undefined;
  return group && assignment ? { group, assignment } : undefined;
}
