/**
 * The rules of the query parameters the API and the portal share — years, year ranges, comma lists, saved
 * set references — and the limits that keep one answer bounded (issue 6). One owner (issue 19): the API
 * (api/list-params.ts) turns a problem into a 400 problem answer, the portal (web/page-params.ts) into a
 * 400 page, both naming the parameter as the caller spells it (`years` or `lata`).
 */
import { SAVED_SET_ID } from './benchmark/reference-sets.js';

/** Limits of one data query, announced in the OpenAPI descriptions and in every 400 that enforces them. */
export const DATA_LIMITS = {
  /** Units in one comparison (the portal compares up to 10; the API allows more for analysts). */
  units: 50,
  /** Indicators in one comparison or unit query. */
  indicators: 50,
  /** Years in one `years=` range (financial data start in 2010, so 30 years cover everything). */
  years: 30,
} as const;

export type Text = { readonly pl: string; readonly en: string };

/**
 * A parameter's name as each language's messages quote it: the API writes 'years' in both, the portal
 * „lata” in Polish and "lata" in English.
 */
export type ParamName = Text;
export const apiParam = (name: string): ParamName => ({ pl: `'${name}'`, en: `'${name}'` });
export const pageParam = (name: string): ParamName => ({ pl: `„${name}”`, en: `"${name}"` });

/** What is wrong with a parameter: a bad value, or one over a limit. */
export interface ParamProblem {
  readonly code: 'invalid-parameter' | 'limit-exceeded';
  readonly messages: Text;
}

export type Parsed<T> =
  { readonly ok: true; readonly value: T } | { readonly ok: false; readonly problem: ParamProblem };

const ok = <T>(value: T): Parsed<T> => ({ ok: true, value });
const invalid = (pl: string, en: string): Parsed<never> => ({
  ok: false,
  problem: { code: 'invalid-parameter', messages: { pl, en } },
});
const overLimit = (pl: string, en: string): Parsed<never> => ({
  ok: false,
  problem: { code: 'limit-exceeded', messages: { pl, en } },
});

/** A four-digit year. */
export function parseYear(text: string, param: ParamName): Parsed<number> {
  return /^\d{4}$/.test(text.trim())
    ? ok(Number(text.trim()))
    : invalid(
        `Parametr ${param.pl}: oczekiwano roku (np. 2019), otrzymano „${text}”.`,
        `Parameter ${param.en}: expected a year (e.g. 2019), got "${text}".`,
      );
}

/** `2019` or `2015-2019`: the first and last year, at most DATA_LIMITS.years of them. */
export function parseYearRange(text: string, param: ParamName): Parsed<{ from: number; to: number }> {
  const match = /^(\d{4})(?:-(\d{4}))?$/.exec(text.trim());
  if (!match) {
    return invalid(
      `Parametr ${param.pl}: oczekiwano roku lub zakresu lat, np. 2019 albo 2015-2019; otrzymano „${text}”.`,
      `Parameter ${param.en}: expected a year or a range of years, e.g. 2019 or 2015-2019; got "${text}".`,
    );
  }
  const from = Number(match[1]);
  const to = match[2] === undefined ? from : Number(match[2]);
  if (to < from) {
    return invalid(
      `Parametr ${param.pl}: rok końcowy ${to} jest wcześniejszy niż początkowy ${from}.`,
      `Parameter ${param.en}: the last year ${to} is before the first year ${from}.`,
    );
  }
  const count = to - from + 1;
  if (count > DATA_LIMITS.years) {
    return overLimit(
      `Parametr ${param.pl}: zakres obejmuje ${count} lat, limit to ${DATA_LIMITS.years}.`,
      `Parameter ${param.en}: the range spans ${count} years, the limit is ${DATA_LIMITS.years}.`,
    );
  }
  return ok({ from, to });
}

/** A comma list without duplicates, in the order given (the order rows and columns come back in). */
export function parseList(text: string, param: ParamName, limit: number): Parsed<string[]> {
  const items = [...new Set(text.split(',').map((s) => s.trim()))].filter((s) => s !== '');
  if (items.length === 0) {
    return invalid(`Parametr ${param.pl}: pusta lista.`, `Parameter ${param.en}: empty list.`);
  }
  if (items.length > limit) {
    return overLimit(
      `Parametr ${param.pl}: podano ${items.length} pozycji, limit to ${limit} w jednym zapytaniu.`,
      `Parameter ${param.en}: ${items.length} items given, the limit is ${limit} per request.`,
    );
  }
  return ok(items);
}

/** Whether a value is a saved set reference `set:ID` (the id rule of reference-sets.ts). */
export function isSavedSetReference(text: string): boolean {
  return text.startsWith('set:') && SAVED_SET_ID.test(text.slice(4));
}
