/**
 * Ingests from the BDL API take only locked ids (issue 17): an id `smup catalog lock` has not confirmed, or
 * one whose metadata the API now answers differently from the lock, is refused before anything is stored,
 * with the variable, expected against found, and the command that fixes it.
 *
 *   lock file ──lockIndex──► BDL id → LockEntry
 *   GET /variables/{id} (+ subject) ──changesSinceLock(entry, answer)──► [] ok | mismatches → refused
 */
import {
  changesSinceLock,
  type AnsweredVariable,
  type Mismatch,
} from '../../domain/catalog/bdl-expectation.js';
import type { VariableMeta } from '../../domain/observations/observation.js';
import type { LockEntry } from './lock.js';

/** Lock entries by BDL id ("155" → the entry of ludnosc_poprodukcyjny). */
export type LockIndex = ReadonlyMap<string, LockEntry>;

export function lockIndex(entries: Iterable<LockEntry>): LockIndex {
  return new Map([...entries].map((e) => [String(e.id), e]));
}

export type LockProblem =
  | { readonly kind: 'unlocked'; readonly variableId: number }
  | {
      readonly kind: 'changed';
      readonly variableId: number;
      readonly entry: LockEntry;
      readonly mismatches: readonly Mismatch[];
    };

/** Thrown before any job runs when a variable is not locked or changed since; lists every problem. */
export class LockRefusedError extends Error {
  constructor(
    readonly problems: readonly LockProblem[],
    readonly lockFile: string,
  ) {
    super(describeLockProblems(problems, lockFile));
    this.name = 'LockRefusedError';
  }
}

/** What the API answered for a variable (as loadVariableMeta keeps it), in the lock's terms. */
export function answeredFromMeta(meta: VariableMeta): AnsweredVariable {
  const m = meta.metadata as { subjectId?: string; dimensions?: string[]; bdlLevel?: number };
  return {
    id: meta.sourceCode,
    subjectId: m.subjectId ?? '',
    subjectName: null,
    names: m.dimensions ?? [],
    measureUnit: meta.measureUnit,
    level: m.bdlLevel ?? -1,
  };
}

/** The problem with ingesting `variableId` now, or null when it is locked and unchanged. */
export function lockProblem(
  index: LockIndex,
  variableId: number,
  answer: AnsweredVariable | null,
): LockProblem | null {
  const entry = index.get(String(variableId));
  if (!entry) return { kind: 'unlocked', variableId };
  if (answer === null) return null;
  // A unit the API names through /measures/{id} only is not compared: the lock stored what /variables said.
  const mismatches = changesSinceLock(
    entry.measureUnit === null || answer.measureUnit === null ? { ...entry, measureUnit: null } : entry,
    answer,
  );
  return mismatches.length === 0 ? null : { kind: 'changed', variableId, entry, mismatches };
}

export function describeLockProblems(problems: readonly LockProblem[], lockFile: string): string {
  const lines = [`refused: ${problems.length} BDL variable(s) cannot be ingested, nothing was stored`];
  for (const p of problems) {
    if (p.kind === 'unlocked') {
      lines.push(
        `  BDL variable ${p.variableId} is not in the lock ${lockFile}: state it in catalog/variables.yaml ` +
          '(with `expect`), then run `smup catalog lock --only <its name>` and review the lock file',
      );
    } else {
      lines.push(
        `  BDL variable ${p.variableId} (${p.entry.catalogueId}) changed since it was locked on ${p.entry.checkedAt}:`,
      );
      for (const m of p.mismatches)
        lines.push(`    ${m.field}: locked ${m.expected}, the API now answers ${m.found}`);
      lines.push(
        `    check it is still what the catalogue means, then run \`smup catalog lock --only ${p.entry.catalogueId}\``,
      );
    }
  }
  return lines.join('\n');
}
