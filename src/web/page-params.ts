/**
 * The URL parameters several pages share (`rok`, `lata`, `porownaj`), checked the same way everywhere and
 * by the same rules as the API (domain/query-params.ts): a wrong one is a 400 page that names the
 * parameter, says what was expected and what came.
 */
import {
  isSavedSetReference,
  pageParam,
  parseYear as parseYearRule,
  parseYearRange,
  type Parsed,
} from '../domain/query-params.js';
import { AGAINST_OPTIONS } from './pages/unit-text.js';
import { PageError } from './page-error.js';

/** The value, or a 400 page naming the parameter. */
function orPageError<T>(parsed: Parsed<T>): T {
  if (parsed.ok) return parsed.value;
  throw new PageError(400, parsed.problem.messages);
}

/** `rok`: a four-digit year, or none. */
export function parseYear(text: string | undefined): number | undefined {
  if (text === undefined || text === '') return undefined;
  return orPageError(parseYearRule(text, pageParam('rok')));
}

/** `lata`: a year or a range of years (at most DATA_LIMITS.years), or none. */
export function parseYearsParam(text: string | undefined): { from: number; to: number } | null {
  const value = text?.trim() ?? '';
  return value === '' ? null : orPageError(parseYearRange(value, pageParam('lata')));
}

/** `porownaj`: a reference set of the API (`group` by default) or a saved set. */
export function parseAgainst(text: string | undefined): string {
  if (text === undefined || text === '') return 'group';
  if (AGAINST_OPTIONS.some(([id]) => id === text) || isSavedSetReference(text)) return text;
  const allowed = AGAINST_OPTIONS.map(([id]) => id).join(', ');
  throw new PageError(400, {
    pl: `Parametr „porownaj”: dozwolone ${allowed} lub set:ID; otrzymano „${text}”.`,
    en: `Parameter "porownaj": allowed ${allowed} or set:ID; got "${text}".`,
  });
}
