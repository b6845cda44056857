/**
 * What a BDL variable of the catalogue must be, checked against what the API answers for its id (issue 17:
 * BDL keeps several variables for one concept, so a wrong id silently brings the wrong statistic). Pure: the
 * lock (src/sources/bdl/lock.ts) fetches, this module judges.
 *
 * A variable's expectation is its `expect` block when it has one (subject, the dimension names n1…n5 or a
 * pattern over the full name, unit, level), otherwise one derived from the catalogue itself: the unit when
 * stated, and a name that holds (nearly) every word of the catalogue's name (COVERED_ENOUGH). Coverage rather
 * than a symmetric similarity: the dangerous wrong id is a near concept ("przedprodukcyjnym" for
 * "poprodukcyjnym") whose other words all match, so every word the catalogue names must be found.
 */

export interface BdlExpectation {
  /** BDL subject id, e.g. "P1312". */
  readonly subject?: string;
  /** The dimension values n1…n5 as BDL writes them (compared trimmed, case-insensitive). */
  readonly names?: readonly string[];
  /** A regular expression (case-insensitive) the full name "<subject> — <n1, n2…>" must match. */
  readonly namePattern?: string;
  readonly measureUnit?: string;
  /** BDL level number: 2 województwo, 5 powiat, 6 gmina. */
  readonly level?: number;
  /** Derived expectations only: the catalogue's name, which the answered full name must resemble. */
  readonly similarTo?: string;
}

/** What the API answered for one variable id, with its subject's name. */
export interface AnsweredVariable {
  readonly id: string;
  readonly subjectId: string;
  readonly subjectName: string | null;
  readonly names: readonly string[];
  readonly measureUnit: string | null;
  readonly level: number;
}

export interface Mismatch {
  readonly field: 'subject' | 'names' | 'namePattern' | 'measureUnit' | 'level' | 'similarTo';
  readonly expected: string;
  readonly found: string;
}

/** Share of the catalogue name's words the answer must hold for a derived expectation to take it. */
export const COVERED_ENOUGH = 0.75;

/** "<subject> — <n1, n2…>", the full name BDL's portal shows. */
export function fullName(answer: Pick<AnsweredVariable, 'subjectName' | 'names'>): string {
  const dimensions = answer.names.join(', ');
  return answer.subjectName ? `${answer.subjectName} — ${dimensions}` : dimensions;
}

const normalise = (text: string): string => text.replace(/\s+/g, ' ').trim().toLowerCase();

/**
 * Words of a name for similarity: lower case, letters and digits only, without words that carry no concept
 * ("w", "i", "ogółem"...) and cut to their first five letters, a crude stem that lets Polish inflection
 * ("wieku"/"wiek", "gmin"/"gminy") meet.
 */
function words(text: string): Set<string> {
  const stop = new Set([
    'w',
    'i',
    'z',
    'na',
    'do',
    'od',
    'o',
    'ogółem',
    'razem',
    'według',
    'wg',
    'xii',
    '31',
  ]);
  return new Set(
    normalise(text)
      .split(/[^\p{L}\p{N}]+/u)
      .filter((w) => w !== '' && !stop.has(w))
      .map((w) => w.slice(0, 5)),
  );
}

/** Dice coefficient of the two names' word sets: 1 for the same words, 0 for none shared. */
export function nameSimilarity(a: string, b: string): number {
  const x = words(a);
  const y = words(b);
  if (x.size === 0 && y.size === 0) return 1;
  let shared = 0;
  for (const w of x) if (y.has(w)) shared++;
  return (2 * shared) / (x.size + y.size);
}

/** Share of the words of `expected` found in `found` (1 when `expected` has no word of substance). */
export function nameCoverage(expected: string, found: string): number {
  const x = words(expected);
  const y = words(found);
  if (x.size === 0) return 1;
  let shared = 0;
  for (const w of x) if (y.has(w)) shared++;
  return shared / x.size;
}

/** Every way the answer differs from the expectation; empty when it is the variable the catalogue means. */
export function checkExpectation(expected: BdlExpectation, answer: AnsweredVariable): Mismatch[] {
  const mismatches: Mismatch[] = [];
  if (expected.subject !== undefined && expected.subject !== answer.subjectId) {
    mismatches.push({ field: 'subject', expected: expected.subject, found: answer.subjectId });
  }
  if (expected.names !== undefined) {
    const want = expected.names.map(normalise);
    const got = answer.names.map(normalise);
    if (want.length !== got.length || want.some((w, i) => w !== got[i])) {
      mismatches.push({
        field: 'names',
        expected: expected.names.join(', '),
        found: answer.names.join(', '),
      });
    }
  }
  const name = fullName(answer);
  if (expected.namePattern !== undefined && !new RegExp(expected.namePattern, 'iu').test(name)) {
    mismatches.push({ field: 'namePattern', expected: `/${expected.namePattern}/`, found: name });
  }
  if (
    expected.measureUnit !== undefined &&
    normalise(expected.measureUnit) !== normalise(answer.measureUnit ?? '')
  ) {
    mismatches.push({
      field: 'measureUnit',
      expected: expected.measureUnit,
      found: answer.measureUnit ?? '(none)',
    });
  }
  if (expected.level !== undefined && expected.level !== answer.level) {
    mismatches.push({ field: 'level', expected: String(expected.level), found: String(answer.level) });
  }
  if (expected.similarTo !== undefined) {
    const coverage = nameCoverage(expected.similarTo, name);
    if (coverage < COVERED_ENOUGH) {
      mismatches.push({
        field: 'similarTo',
        expected: `a name with the words of "${expected.similarTo}"`,
        found: `"${name}" (holds ${Math.round(coverage * 100)}% of them, needs ${COVERED_ENOUGH * 100}%)`,
      });
    }
  }
  return mismatches;
}

/** The expectation of a catalogue variable: its own `expect`, or one derived from its name and unit. */
export function expectationOf(variable: {
  readonly name: string;
  readonly measureUnit: string | null;
  readonly expect?: BdlExpectation;
}): BdlExpectation {
  if (variable.expect) return variable.expect;
  return variable.measureUnit === null
    ? { similarTo: variable.name }
    : { similarTo: variable.name, measureUnit: variable.measureUnit };
}

/** Candidates for a refused variable, most similar to the catalogue's name first (ties: lower id first). */
export function rankCandidates(
  catalogueName: string,
  candidates: readonly AnsweredVariable[],
  limit = 5,
): Array<{ readonly candidate: AnsweredVariable; readonly similarity: number }> {
  return candidates
    .map((candidate) => ({ candidate, similarity: nameSimilarity(catalogueName, fullName(candidate)) }))
    .sort((a, b) => b.similarity - a.similarity || Number(a.candidate.id) - Number(b.candidate.id))
    .slice(0, limit);
}

/**
 * How what the API answers now differs from what it answered when the variable was locked: subject, names,
 * unit and level (compared as checkExpectation does). Years and lastUpdate are left out on purpose: GUS adds
 * a year and revises values under the same variable, which is no reason to stop an ingest.
 */
export function changesSinceLock(locked: AnsweredVariable, answer: AnsweredVariable): Mismatch[] {
  return checkExpectation(
    {
      subject: locked.subjectId,
      names: locked.names,
      ...(locked.measureUnit === null ? {} : { measureUnit: locked.measureUnit }),
      level: locked.level,
    },
    answer,
  );
}
