/**
 * Honest coverage: which part of a level a source covers for an indicator and year. A source that covers
 * only some województwa (the CKE exam results of one OKE: mazowieckie) must say so, and a unit outside it
 * has "no data in this source" — not a value missing by chance, and never a rank among strangers.
 *
 *   cells of one indicator, year and level (has the release a row for the unit?)
 *     ──► covered województwa (any unit with a row) ──► complete, or the list of those covered
 */
import { voivodeshipCodeOf } from '../units/teryt-code.js';

export interface Coverage {
  /** Units of the level with a row (value or missing with a reason) in the release. */
  readonly units: number;
  /** Units of the level. */
  readonly of: number;
  /** Units with a value. */
  readonly values: number;
  /** Every województwo with units of the level has at least one row (or the level is the country's). */
  readonly complete: boolean;
  /** Województwa the source covers (codes, ascending); empty when complete. */
  readonly voivodeships: readonly string[];
}

/** Coverage of one indicator, year and level from its cells (one per unit of the level). */
export function coverageOf(
  cells: ReadonlyArray<{ code: string; hasRow: boolean; hasValue: boolean }>,
): Coverage {
  const all = new Set<string>();
  const covered = new Set<string>();
  for (const cell of cells) {
    const woj = voivodeshipCodeOf(cell.code);
    if (woj === null) continue;
    all.add(woj);
    if (cell.hasRow) covered.add(woj);
  }
  const complete = covered.size === 0 || covered.size === all.size;
  return {
    units: cells.filter((c) => c.hasRow).length,
    of: cells.length,
    values: cells.filter((c) => c.hasValue).length,
    complete,
    voivodeships: complete ? [] : [...covered].sort(),
  };
}

/** Whether a unit lies outside a partial coverage (then: "no data in this source"). */
export function outsideCoverage(coverage: Coverage, code: string): boolean {
  const woj = voivodeshipCodeOf(code);
  return !coverage.complete && woj !== null && !coverage.voivodeships.includes(woj);
}

/** The reason code of a cell outside the source's coverage. */
export const NOT_IN_SOURCE = 'not-in-source';
