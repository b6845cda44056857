/**
 * Checks what a JST editor submits, before anything is stored (issue 18, point 4): every row names its
 * problem — an unknown variable or one the unit does not report, a year out of range, a value that is not a
 * number or has too many decimals, a unit of measure other than the catalogue's, another unit's TERYT code,
 * the same variable and year twice. Plausibility rules are judged after this (plausibility-problems.ts), on
 * the values that pass.
 */
import type { JstVariable } from './jst-variables.js';

export type ProblemSeverity = 'error' | 'warning';

export interface SubmissionProblem {
  /** The line of the uploaded file (CSV line, XLSX row), or the position in a form (1-based); null: the whole. */
  readonly line: number | null;
  readonly variableId: string | null;
  readonly field: 'unit' | 'variable' | 'year' | 'value' | 'measureUnit' | 'rule' | 'file';
  readonly severity: ProblemSeverity;
  readonly ruleId?: string;
  readonly message: { readonly pl: string; readonly en: string };
}

/** One row as submitted: a form field or a line of the filled template; text as typed. */
export interface SubmittedEntry {
  readonly line: number | null;
  readonly unitCode?: string | null;
  readonly variableId: string;
  readonly year: string | number;
  readonly value: string | number | null;
  /** The unit of measure the template row carries (checked when given). */
  readonly measureUnit?: string | null;
}

export interface CheckedValue {
  readonly line: number | null;
  readonly variableId: string;
  readonly year: number;
  readonly value: number;
}

/**
 * A number as people type it in Poland or elsewhere: "1 234,56", "1234.56", "1\u00a0234"; a thousands
 * separator is a space (never "." or ","), the decimal mark a comma or a point. null: not a number.
 */
export function parseSubmittedNumber(text: string | number): number | null {
  if (typeof text === 'number') return Number.isFinite(text) ? text : null;
  const compact = text.trim().replace(/[\s\u00a0\u202f]/g, '');
  if (!/^-?\d+([.,]\d+)?$/.test(compact)) return null;
  const value = Number(compact.replace(',', '.'));
  return Number.isFinite(value) ? value : null;
}

const decimalsOf = (value: number): number => {
  const text = String(value);
  if (text.includes('e')) return 10;
  return text.includes('.') ? (text.split('.')[1] ?? '').length : 0;
};

export interface CheckContext {
  readonly unitCode: string;
  /** The JST variables this unit reports (variablesOfUnit). */
  readonly variables: readonly JstVariable[];
  readonly minYear: number;
  readonly maxYear: number;
}

// Over 80 lines: one check per field of a row, each with its message in both languages, in the row's order.
/** The rows that pass, and every problem of those that do not (errors) — in the order submitted. */
export function checkEntries(
  entries: readonly SubmittedEntry[],
  { unitCode, variables, minYear, maxYear }: CheckContext,
): { values: CheckedValue[]; problems: SubmissionProblem[] } {
  const byId = new Map(variables.map((v) => [v.id, v]));
  const problems: SubmissionProblem[] = [];
  const values: CheckedValue[] = [];
  const seen = new Map<string, number | null>();
  const error = (
    line: number | null,
    variableId: string | null,
    field: SubmissionProblem['field'],
    pl: string,
    en: string,
  ) => problems.push({ line, variableId, field, severity: 'error', message: { pl, en } });
  for (const entry of entries) {
    const { line } = entry;
    const at = line === null ? '' : ` (w. ${line})`;
    const atEn = line === null ? '' : ` (line ${line})`;
    if (entry.unitCode && entry.unitCode.trim() !== unitCode) {
      error(
        line,
        entry.variableId,
        'unit',
        `Wiersz dotyczy jednostki ${entry.unitCode}, a zgłoszenie jednostki ${unitCode}${at}.`,
        `The row is for unit ${entry.unitCode}, the submission for unit ${unitCode}${atEn}.`,
      );
      continue;
    }
    const variable = byId.get(entry.variableId.trim());
    if (!variable) {
      error(
        line,
        entry.variableId,
        'variable',
        `Zmienna „${entry.variableId}” nie jest zmienną, którą ta jednostka przekazuje${at}; dozwolone: ${variables.map((v) => v.id).join(', ')}.`,
        `"${entry.variableId}" is not a variable this unit reports${atEn}; allowed: ${variables.map((v) => v.id).join(', ')}.`,
      );
      continue;
    }
    const year = typeof entry.year === 'number' ? entry.year : Number(String(entry.year).trim());
    if (!Number.isInteger(year) || year < minYear || year > maxYear) {
      error(
        line,
        variable.id,
        'year',
        `Rok „${entry.year}” poza zakresem ${minYear}–${maxYear}${at}.`,
        `Year "${entry.year}" is outside ${minYear}–${maxYear}${atEn}.`,
      );
      continue;
    }
    if (
      entry.measureUnit !== undefined &&
      entry.measureUnit !== null &&
      entry.measureUnit.trim() !== '' &&
      entry.measureUnit.trim() !== variable.measureUnit
    ) {
      error(
        line,
        variable.id,
        'measureUnit',
        `${variable.label.pl}: jednostka miary „${entry.measureUnit}”, oczekiwano „${variable.measureUnit}” (przelicz wartość)${at}.`,
        `${variable.label.en}: unit of measure "${entry.measureUnit}", expected "${variable.measureUnit}" (convert the value)${atEn}.`,
      );
      continue;
    }
    const raw = entry.value;
    if (raw === null || (typeof raw === 'string' && raw.trim() === '')) continue; // a row left empty: not reported
    const value = parseSubmittedNumber(raw);
    if (value === null) {
      error(
        line,
        variable.id,
        'value',
        `${variable.label.pl} ${year}: „${raw}” nie jest liczbą (np. 1234,56)${at}.`,
        `${variable.label.en} ${year}: "${raw}" is not a number (e.g. 1234.56)${atEn}.`,
      );
      continue;
    }
    if (decimalsOf(value) > variable.decimals) {
      error(
        line,
        variable.id,
        'value',
        variable.decimals === 0
          ? `${variable.label.pl} ${year}: ${raw} — wartość musi być liczbą całkowitą (${variable.measureUnit})${at}.`
          : `${variable.label.pl} ${year}: ${raw} — najwyżej ${variable.decimals} miejsca po przecinku (${variable.measureUnit})${at}.`,
        variable.decimals === 0
          ? `${variable.label.en} ${year}: ${raw} — the value must be a whole number (${variable.measureUnit})${atEn}.`
          : `${variable.label.en} ${year}: ${raw} — at most ${variable.decimals} decimals (${variable.measureUnit})${atEn}.`,
      );
      continue;
    }
    const key = `${variable.id}|${year}`;
    if (seen.has(key)) {
      const first = seen.get(key);
      error(
        line,
        variable.id,
        'year',
        `${variable.label.pl} ${year} podano dwa razy${first ? ` (także w. ${first})` : ''}${at}.`,
        `${variable.label.en} ${year} is given twice${first ? ` (also line ${first})` : ''}${atEn}.`,
      );
      continue;
    }
    seen.set(key, line);
    values.push({ line, variableId: variable.id, year, value });
  }
  if (problems.length === 0 && values.length === 0) {
    error(null, null, 'value', 'Zgłoszenie nie zawiera żadnej wartości.', 'The submission holds no value.');
  }
  return { values, problems };
}
