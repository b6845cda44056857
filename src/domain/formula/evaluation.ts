/**
 * What evaluating a formula for one unit and year gives: a number, or a missing value with the reason and
 * the input that caused it; always the flags of the inputs read. Never 0, Infinity or NaN in place of a
 * missing value (CONVENTIONS.md, "Flags and missing data": missing is NULL with a reason, never 0).
 */
import { FLAGS } from '../observations/flags.js';

/**
 * Why a result is missing, most serious first:
 * - `confidential-input`: an input is under statistical confidentiality (BDL attrId 4, 14, 91: "x"), so the
 *   derived value is suppressed too (CONVENTIONS.md: "suppressed if an input is confidential");
 * - `missing-input`: an input has no value for that unit and year (absent, empty, or flagged as missing:
 *   attrId 15 "-", 50 "n"), including the earlier year a `lag` asks for at the start of a series;
 * - `no-input-data`: none of the inputs exists at all for that unit and year (a unit or year the sources do
 *   not cover): the compute job leaves such cells out rather than storing a missing value;
 * - `division-by-zero`: a denominator (or the population or area divided by) is 0;
 * - `not-finite`: the arithmetic overflowed (a number beyond ±1.8e308).
 */
export type MissingReason =
  'confidential-input' | 'missing-input' | 'no-input-data' | 'division-by-zero' | 'not-finite';

/** One stored value as the data access returns it: `flag` is the BDL attrId (null or 1 = a plain value). */
export interface InputCell {
  readonly value: number | null;
  readonly flag: number | null;
}

/** The data access, passed in (STYLE.md rule 9): undefined when the store has nothing for that cell. */
export type GetCell = (variableId: string, unit: string, year: number) => InputCell | undefined;

export interface EvaluationContext {
  /** TERYT code of the unit. */
  readonly unit: string;
  readonly year: number;
  readonly get: GetCell;
}

export interface FormulaResult {
  /** null when missing; then `reason` says why. Always finite otherwise. */
  readonly value: number | null;
  /**
   * Every flag of the inputs read (BDL attrIds other than 1, ascending), whether or not the value is
   * missing: a preliminary input (9 "s") makes a preliminary result. `dominantFlag` (observations/flags.ts)
   * picks the one to show.
   */
  readonly flags: readonly number[];
  readonly reason: MissingReason | null;
  /** Which input, unit and year caused the missing value: "bdl:60559 for 1261011 in 2019". */
  readonly detail: string | null;
}

const PRIORITY: Record<MissingReason, number> = {
  'confidential-input': 4,
  'missing-input': 3,
  'no-input-data': 3,
  'division-by-zero': 2,
  'not-finite': 1,
};

/** attrIds whose value must be suppressed, and those that mean "no value", from the BDL attribute list. */
const CONFIDENTIAL_FLAGS = new Set([...FLAGS.values()].filter((f) => f.confidential).map((f) => f.id));
const MISSING_FLAGS = new Set(
  [...FLAGS.values()].filter((f) => f.missing && !f.confidential).map((f) => f.id),
);

/**
 * The mutable state of one evaluation, shared by the closures of a compiled formula. A closure returns a
 * number, or NaN after recording why in here; NaN then propagates through every operator (no
 * short-circuit, so the flags of every input are collected).
 */
export class EvaluationState {
  readonly flags: number[] = [];
  reason: MissingReason | null = null;
  detail: string | null = null;
  /** How many cells the data access returned at all (to tell "no data here" from "an input is missing"). */
  found = 0;

  constructor(
    readonly unit: string,
    readonly year: number,
    readonly get: GetCell,
  ) {}

  miss(reason: MissingReason, detail: string): number {
    if (this.reason === null || PRIORITY[reason] > PRIORITY[this.reason]) {
      this.reason = reason;
      this.detail = detail;
    }
    return NaN;
  }

  /** Reads one input: its value, or NaN with the reason recorded. */
  read(variableId: string, year: number): number {
    const cell = this.get(variableId, this.unit, year);
    if (cell === undefined) return this.miss('missing-input', this.where(variableId, year));
    this.found++;
    const flag = cell.flag;
    if (flag !== null && flag !== 1 && flag !== 0 && !this.flags.includes(flag)) this.flags.push(flag);
    if (flag !== null && CONFIDENTIAL_FLAGS.has(flag)) {
      return this.miss('confidential-input', `${this.where(variableId, year)} (flag ${flag})`);
    }
    if (cell.value === null || (flag !== null && MISSING_FLAGS.has(flag))) {
      return this.miss(
        'missing-input',
        `${this.where(variableId, year)}${flag === null ? '' : ` (flag ${flag})`}`,
      );
    }
    if (!Number.isFinite(cell.value))
      return this.miss('missing-input', `${this.where(variableId, year)} (not a number)`);
    return cell.value;
  }

  /** Where the evaluation stands, to try an alternative and forget it (first()). */
  mark(): { readonly flags: number; readonly reason: MissingReason | null; readonly detail: string | null } {
    return { flags: this.flags.length, reason: this.reason, detail: this.detail };
  }

  /** Forgets the flags and the reason recorded since `mark` (the cells found still count as found). */
  restore(mark: ReturnType<EvaluationState['mark']>): void {
    this.flags.length = mark.flags;
    this.reason = mark.reason;
    this.detail = mark.detail;
  }

  where(variableId: string, year: number): string {
    const lag = year === this.year ? '' : ` (${this.year - year} year(s) before ${this.year})`;
    return `${variableId} for ${this.unit} in ${year}${lag}`;
  }

  result(value: number): FormulaResult {
    const flags = this.flags.length > 1 ? [...this.flags].sort((a, b) => a - b) : this.flags;
    if (this.reason === null && Number.isFinite(value)) {
      return { value: value === 0 ? 0 : value, flags, reason: null, detail: null }; // no "-0" on screen
    }
    const reason =
      this.reason === null
        ? 'not-finite'
        : this.reason === 'missing-input' && this.found === 0
          ? 'no-input-data'
          : this.reason;
    return {
      value: null,
      flags,
      reason,
      detail: this.detail ?? `the result is not a finite number for ${this.unit} in ${this.year}`,
    };
  }
}
