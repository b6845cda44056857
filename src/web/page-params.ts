/**
 * The URL parameters several pages share (`rok`, `porownaj`), checked the same way everywhere: a wrong one
 * is a 400 page that names the parameter, says what was expected and what came.
 */
import { AGAINST_OPTIONS } from './pages/unit-text.js';
import { PageError } from './page-error.js';

/** A saved set's id in `porownaj=set:ID` (POST /api/v1/sets makes them). */
export const SET_PATTERN = /^set:[A-Za-z0-9_-]{1,40}$/;

/** `rok`: a four-digit year, or none. */
export function parseYear(text: string | undefined): number | undefined {
  if (text === undefined || text === '') return undefined;
  if (/^\d{4}$/.test(text)) return Number(text);
  throw new PageError(400, {
    pl: `Parametr „rok”: oczekiwano roku (np. 2019), otrzymano „${text}”.`,
    en: `Parameter "rok": expected a year (e.g. 2019), got "${text}".`,
  });
}

/** `porownaj`: a reference set of the API (`group` by default) or a saved set. */
export function parseAgainst(text: string | undefined): string {
  if (text === undefined || text === '') return 'group';
  if (AGAINST_OPTIONS.some(([id]) => id === text) || SET_PATTERN.test(text)) return text;
  const allowed = AGAINST_OPTIONS.map(([id]) => id).join(', ');
  throw new PageError(400, {
    pl: `Parametr „porownaj”: dozwolone ${allowed} lub set:ID; otrzymano „${text}”.`,
    en: `Parameter "porownaj": allowed ${allowed} or set:ID; got "${text}".`,
  });
}
