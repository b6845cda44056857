/**
 * `smup catalog lock`: every BDL variable of the catalogue read from the API (GET /variables/{id} and its
 * subject) and judged against what the catalogue expects of it (domain/catalog/bdl-expectation.ts). A variable
 * that is what the catalogue means is locked with what the API answered; one that is not is refused with
 * expected against found and the subject's variables ranked by similarity to the catalogue's name, so a person
 * can choose the right id. Nothing is guessed: a refused variable stays out of the lock.
 */
import {
  checkExpectation,
  expectationOf,
  fullName,
  rankCandidates,
  type AnsweredVariable,
  type BdlExpectation,
  type Mismatch,
} from '../../domain/catalog/bdl-expectation.js';
import { dimensionParts } from './variable-meta.js';
import { yearNumber, type BdlVariable } from './api-types.js';
import { BdlApiError, type BdlClient } from './client.js';

/** What the lock needs of a catalogue variable. */
export interface LockableVariable {
  readonly id: string;
  readonly sourceCode: string;
  readonly name: string;
  readonly measureUnit: string | null;
  readonly expect?: BdlExpectation;
  /** No id in the catalogue (`confirmation: expectation`): search `expect.subject` for the one that matches. */
  readonly searchSubject?: boolean;
}

/** One locked variable: the id and what the API answered for it, when. */
export interface LockEntry {
  readonly catalogueId: string;
  readonly id: string;
  readonly subjectId: string;
  readonly subjectName: string | null;
  readonly names: readonly string[];
  readonly name: string;
  readonly measureUnit: string | null;
  readonly level: number;
  readonly years: { readonly first: number; readonly last: number } | null;
  readonly lastUpdate: string | null;
  readonly checkedAt: string;
}

export interface LockCandidate {
  readonly id: string;
  readonly name: string;
  readonly measureUnit: string | null;
  readonly level: number;
  readonly similarity: number;
}

export interface LockRefusal {
  readonly catalogueId: string;
  readonly id: string;
  /** Why: the fields that differ, or the API's own error (an id it does not know). */
  readonly mismatches: readonly Mismatch[];
  readonly error: string | null;
  readonly candidates: readonly LockCandidate[];
}

export interface LockResult {
  readonly locked: readonly LockEntry[];
  readonly refused: readonly LockRefusal[];
}

export type LockEvent =
  | { readonly kind: 'checked'; readonly done: number; readonly total: number; readonly catalogueId: string }
  | { readonly kind: 'refused'; readonly refusal: LockRefusal };

// Over 80 lines: its steps share many locals and run once, in order; not yet split by concept (issue 19 lists it).
export async function lockVariables(
  client: BdlClient,
  variables: readonly LockableVariable[],
  { now = new Date(), onEvent }: { now?: Date; onEvent?: (event: LockEvent) => void } = {},
): Promise<LockResult> {
  const subjectNames = new Map<string, Promise<string | null>>();
  const subjectName = (id: string): Promise<string | null> => {
    let name = subjectNames.get(id);
    if (!name) {
      name = client.subject(id).then(
        (s) => s.name,
        () => null, // a subject the API cannot name still lets the variable be judged on its dimensions
      );
      subjectNames.set(id, name);
    }
    return name;
  };
  const answered = async (v: BdlVariable): Promise<AnsweredVariable> => ({
    id: String(v.id),
    subjectId: v.subjectId,
    subjectName: await subjectName(v.subjectId),
    names: dimensionParts(v),
    measureUnit: v.measureUnitName ?? null,
    level: v.level,
  });

  const locked: LockEntry[] = [];
  const refused: LockRefusal[] = [];
  let done = 0;
  const lockEntry = (variable: LockableVariable, raw: BdlVariable, answer: AnsweredVariable): LockEntry => {
    const years = (raw.years ?? []).map(yearNumber).sort((a, b) => a - b);
    return {
      catalogueId: variable.id,
      ...answer,
      name: fullName(answer),
      years: years.length ? { first: years[0] as number, last: years.at(-1) as number } : null,
      lastUpdate: (raw as { lastUpdate?: string }).lastUpdate ?? null,
      checkedAt: now.toISOString(),
    };
  };

  for (const variable of variables) {
    let refusal: LockRefusal | null = null;
    if (variable.searchSubject) {
      const found = await searchSubject(variable);
      if ('entry' in found) locked.push(found.entry);
      else refusal = found.refusal;
      if (refusal) {
        refused.push(refusal);
        onEvent?.({ kind: 'refused', refusal });
      }
      onEvent?.({ kind: 'checked', done: ++done, total: variables.length, catalogueId: variable.id });
      continue;
    }
    try {
      const raw = await client.variable(Number(variable.sourceCode));
      const answer = await answered(raw);
      const mismatches = checkExpectation(expectationOf(variable), answer);
      if (mismatches.length === 0) {
        locked.push(lockEntry(variable, raw, answer));
      } else {
        const subject = variable.expect?.subject ?? answer.subjectId;
        refusal = {
          catalogueId: variable.id,
          id: variable.sourceCode,
          mismatches,
          error: null,
          candidates: await candidatesIn(subject, variable),
        };
      }
    } catch (error) {
      if (!(error instanceof BdlApiError) || error.failure !== 'http') throw error;
      const subject = variable.expect?.subject;
      refusal = {
        catalogueId: variable.id,
        id: variable.sourceCode,
        mismatches: [],
        error: error.message,
        candidates: subject ? await candidatesIn(subject, variable) : [],
      };
    }
    if (refusal) {
      refused.push(refusal);
      onEvent?.({ kind: 'refused', refusal });
    }
    onEvent?.({ kind: 'checked', done: ++done, total: variables.length, catalogueId: variable.id });
  }
  return { locked, refused };

  /**
   * A variable without an id: every variable of its subject judged against the expectation (with the
   * catalogue's name to resemble when the expectation names no dimensions); exactly one must match.
   */
  async function searchSubject(
    variable: LockableVariable,
  ): Promise<{ entry: LockEntry } | { refusal: LockRefusal }> {
    const subject = variable.expect?.subject;
    const refuse = (error: string, candidates: LockCandidate[]) => ({
      refusal: { catalogueId: variable.id, id: '(none)', mismatches: [], error, candidates },
    });
    if (subject === undefined) return refuse('no id and no expect.subject to search', []);
    const expectation: BdlExpectation =
      variable.expect?.names || variable.expect?.namePattern
        ? expectationOf(variable)
        : { ...expectationOf(variable), similarTo: variable.name };
    let raws: BdlVariable[];
    try {
      raws = await client.variablesOfSubject(subject);
    } catch (error) {
      if (!(error instanceof BdlApiError) || error.failure !== 'http') throw error;
      return refuse(error.message, []);
    }
    const all = await Promise.all(raws.map(async (raw) => ({ raw, answer: await answered(raw) })));
    const matching = all.filter(({ answer }) => checkExpectation(expectation, answer).length === 0);
    const [only] = matching;
    if (only && matching.length === 1) return { entry: lockEntry(variable, only.raw, only.answer) };
    const pool = matching.length > 1 ? matching : all;
    return refuse(
      matching.length === 0
        ? `none of the ${all.length} variable(s) of subject ${subject} is what the catalogue expects`
        : `${matching.length} variables of subject ${subject} match the expectation; state names or namePattern in expect, or give the id`,
      ranked(
        variable,
        pool.map((p) => p.answer),
      ),
    );
  }

  function ranked(variable: LockableVariable, all: readonly AnsweredVariable[]): LockCandidate[] {
    return rankCandidates(variable.name, all).map(({ candidate, similarity }) => ({
      id: candidate.id,
      name: fullName(candidate),
      measureUnit: candidate.measureUnit,
      level: candidate.level,
      similarity: Math.round(similarity * 100) / 100,
    }));
  }

  async function candidatesIn(subjectId: string, variable: LockableVariable): Promise<LockCandidate[]> {
    const all = await Promise.all((await client.variablesOfSubject(subjectId)).map(answered));
    return ranked(variable, all);
  }
}

/** A refusal as a person reads it: what was expected, what was found, and the ids to choose from. */
export function describeRefusal(refusal: LockRefusal): string {
  const lines = [
    refusal.id === '(none)'
      ? `refused ${refusal.catalogueId} (no BDL id: searched its subject):`
      : `refused ${refusal.catalogueId} (BDL id ${refusal.id}):`,
  ];
  if (refusal.error)
    lines.push(refusal.id === '(none)' ? `  ${refusal.error}` : `  the API answered: ${refusal.error}`);
  for (const m of refusal.mismatches) lines.push(`  ${m.field}: expected ${m.expected}, found ${m.found}`);
  if (refusal.candidates.length === 0) lines.push('  no candidates (no subject to search)');
  else lines.push('  candidates in the subject, most similar first:');
  for (const c of refusal.candidates) {
    lines.push(
      `    ${c.id}  ${c.name} [${c.measureUnit ?? 'no unit'}, level ${c.level}]  similarity ${c.similarity}`,
    );
  }
  return lines.join('\n');
}
