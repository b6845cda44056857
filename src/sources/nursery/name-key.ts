/**
 * The key two unit names are compared by when a register gives names but no TERYT code. Polish letters
 * stay in the names we store and show; only the comparison folds them (foldForSearch: case, ł, diacritics,
 * hyphens, dots and repeated spaces), so "ŁÓDZKIE" meets "łódzkie" and "Warszawa - Mokotów" meets
 * "Warszawa-Mokotów". Two units of one parent whose names fold to the same key are reported by the
 * matcher as ambiguous, never merged.
 */
import { foldForSearch } from '../../domain/units/search-text.js';

/**
 * Dashes foldForSearch does not know (non-breaking hyphen, figure dash, horizontal bar, minus sign):
 * a hand-typed register uses all of them for the hyphen in "Kraków-Podgórze".
 */
const OTHER_DASHES = /[\u2011\u2012\u2015\u2212\uFE58\uFE63\uFF0D]/g;

/**
 * Words some writers put before a unit's name and TERC does not ("powiat wielicki", "gmina Police",
 * "m. st. Warszawa", "powiat m. Kraków"), in folded form. Longest first: "miasto stoleczne" before "miasto".
 * No TERC 2026 name of a województwo, powiat or gmina begins with one of them, so stripping is safe.
 */
const PREFIXES = ['miasto stoleczne ', 'm st ', 'powiat ', 'gmina ', 'miasto ', 'm '];

export function nameKey(name: string): string {
  let key = foldForSearch(name.replace(OTHER_DASHES, '-'));
  for (let stripped = true; stripped;) {
    stripped = false;
    for (const prefix of PREFIXES) {
      if (key.startsWith(prefix) && key.length > prefix.length) {
        key = key.slice(prefix.length);
        stripped = true;
      }
    }
  }
  return key;
}
