/**
 * The compare page's state: what the URL asks for (`jst`, `wsk`, `lata`), checked, and the query string that
 * gives it back; with the types of the API's compare answer the other compare modules share.
 */
import { UNIT_CODE } from '../../domain/units/teryt-code.js';
import type { Static } from '@sinclair/typebox';
import type { CompareData } from '../../api/schemas/compare.js';
import type { IndicatorList } from '../../api/schemas/indicators.js';
import { DATA_LIMITS } from '../../domain/query-params.js';
import { PageError, type PageContext } from '../page-error.js';
import { parseYearsParam } from '../page-params.js';

export type Compare = Static<typeof CompareData>;
export type Cell = Compare['items'][number];
export type IndicatorRef = Compare['indicators'][number];
export type IndicatorSummary = Static<typeof IndicatorList>['items'][number];

/** Units in one comparison on the portal (the API allows more, for analysts). */
export const MAX_UNITS = 10;
const CODE = UNIT_CODE;
const INDICATOR_ID = /^[a-z][a-z0-9_]*(\.[a-z][a-z0-9_]*)+$/;

/** What the URL asks for: `jst`, `wsk` and `lata`, checked (a 400 names the parameter and what it expects). */
export interface CompareState {
  readonly units: readonly string[];
  /** Indicators asked for; empty: the default (every indicator with data for the units' levels). */
  readonly indicators: readonly string[];
  readonly years: { readonly from: number; readonly to: number } | null;
}

/** `?jst=a&jst=b,c` → ['a', 'b', 'c']: repeated or comma-separated, without duplicates, in order. */
function listOf(values: readonly string[]): string[] {
  return [...new Set(values.flatMap((v) => v.split(',')).map((v) => v.trim()))].filter((v) => v !== '');
}

export function parseCompareState(context: Pick<PageContext, 'query' | 'queryAll'>): CompareState {
  const units = listOf(context.queryAll('jst'));
  for (const code of units) {
    if (!CODE.test(code)) {
      throw new PageError(400, {
        pl: `Parametr „jst”: „${code}” nie jest kodem TERYT województwa (2 cyfry), powiatu (4) ani gminy (7).`,
        en: `Parameter "jst": "${code}" is not the TERYT code of a voivodeship (2 digits), powiat (4) or gmina (7).`,
      });
    }
  }
  if (units.length > MAX_UNITS) {
    throw new PageError(400, {
      pl: `Parametr „jst”: można porównać najwyżej ${MAX_UNITS} jednostek, podano ${units.length}.`,
      en: `Parameter "jst": at most ${MAX_UNITS} units can be compared, ${units.length} were given.`,
    });
  }
  const indicators = listOf(context.queryAll('wsk'));
  for (const id of indicators) {
    if (!INDICATOR_ID.test(id)) {
      throw new PageError(400, {
        pl: `Parametr „wsk”: „${id}” nie jest identyfikatorem wskaźnika (np. kontekst.ludnosc).`,
        en: `Parameter "wsk": "${id}" is not an indicator id (e.g. kontekst.ludnosc).`,
      });
    }
  }
  if (indicators.length > DATA_LIMITS.indicators) {
    throw new PageError(400, {
      pl: `Parametr „wsk”: można wybrać najwyżej ${DATA_LIMITS.indicators} wskaźników, podano ${indicators.length}.`,
      en: `Parameter "wsk": at most ${DATA_LIMITS.indicators} indicators can be chosen, ${indicators.length} were given.`,
    });
  }
  return { units, indicators, years: parseYearsParam(context.query.lata) };
}

export const yearsText = (years: CompareState['years']): string =>
  years === null ? '' : years.from === years.to ? String(years.from) : `${years.from}-${years.to}`;

/** The state as a query string (`jst=…&wsk=…&lata=…`); codes, ids and years need no escaping. */
export function stateQuery(state: CompareState, extra: Record<string, string> = {}): string {
  const parts: string[] = [];
  if (state.units.length > 0) parts.push(`jst=${state.units.join(',')}`);
  if (state.indicators.length > 0) parts.push(`wsk=${state.indicators.join(',')}`);
  if (state.years) parts.push(`lata=${yearsText(state.years)}`);
  for (const [key, value] of Object.entries(extra)) {
    if (value !== '') parts.push(`${key}=${encodeURIComponent(value)}`);
  }
  return parts.join('&');
}
