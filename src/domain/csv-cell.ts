/**
 * CSV formula injection (OWASP, "CSV Injection"): a spreadsheet runs a cell that begins with `=`, `+`, `-`,
 * `@`, a tab or a carriage return as a formula. Every CSV SMUP writes passes its text cells through here; a
 * dangerous one gets a leading single quote, which spreadsheets show as text and do not evaluate. Numbers are
 * never touched — a negative value must stay a number — so only text cells are given to this function.
 */
const FORMULA_START = /^[=+\-@\t\r]/;

export function neutraliseFormula(text: string): string {
  return FORMULA_START.test(text) ? `'${text}` : text;
}
