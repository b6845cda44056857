/**
 * What is wrong with a formula, said so that the reviewer of the catalogue can fix it: which formula
 * (indicator or derived variable id), where in its text (column from 1, with a caret under it), what was
 * expected and what was found. STYLE.md rule 7: formulas compile and fail readably.
 */

export type FormulaErrorKind =
  'syntax' | 'unknown-name' | 'unknown-function' | 'arity' | 'argument' | 'cycle';

export interface FormulaError {
  readonly kind: FormulaErrorKind;
  /** Id of the indicator or derived variable whose formula this is. */
  readonly formulaId: string;
  readonly formula: string;
  /** 0-based offsets into `formula` of the offending text (start === end for "here, nothing found"). */
  readonly start: number;
  readonly end: number;
  /** One sentence, an instruction: what was expected, what was found. */
  readonly message: string;
}

/**
 * `edukacja.x, column 12: expected ")" …` and, below, the formula with a caret under the place:
 *
 *     share(a, b
 *               ^
 */
export function formatFormulaError(error: FormulaError): string {
  const width = Math.max(1, error.end - error.start);
  const caret = `${' '.repeat(error.start)}${'^'.repeat(width)}`;
  return `${error.formulaId}, column ${error.start + 1}: ${error.message}\n    ${error.formula}\n    ${caret}`;
}

/** Thrown by `parseFormula`; the compiler catches it and reports it with the others. */
export class FormulaSyntaxError extends Error {
  constructor(readonly error: FormulaError) {
    super(formatFormulaError(error));
    this.name = 'FormulaSyntaxError';
  }
}
