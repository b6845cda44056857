/**
 * The compare page's data: the chosen units named, and the cells of a view from GET /api/v1/compare with the
 * years and indicators the page and the embed show.
 */
import { jstLevelOfCode } from '../../domain/units/teryt-code.js';
import type { Static } from '@sinclair/typebox';
import type { UnitDetail } from '../../api/schemas/units.js';
import { DATA_LIMITS } from '../../domain/query-params.js';
import { apiGet, apiOk } from '../api-client.js';
import { PageError, type PageContext } from '../page-error.js';
import { comparedYears } from '../../domain/benchmark/compare-stats.js';
import {
  type Cell,
  type CompareState,
  type IndicatorRef,
  type IndicatorSummary,
  type Compare,
  yearsText,
} from './compare-state.js';

export interface ComparedUnit {
  readonly code: string;
  readonly name: string;
  readonly level: string;
  readonly kindLabel: { pl: string; en: string };
  /** The name, with the code when another chosen unit has the same name (Kraków gmina and powiat). */
  readonly label: string;
}

/** The cells of a view, from GET /api/v1/compare, with what the page and the embed draw from them. */
export interface Comparison {
  readonly release: number | null;
  readonly units: readonly ComparedUnit[];
  readonly indicators: readonly IndicatorRef[];
  /** The years shown: the range asked for, or every year the release holds for these units. */
  readonly years: readonly number[];
  cell(indicator: string, unit: string, year: number): Cell | undefined;
  /** An indicator's years on the page and in the downloads (domain comparedYears: those with a value). */
  shownYears(indicator: string): readonly number[];
  /** The table's year of an indicator: the latest shown year in which any of the units has a value. */
  tableYear(indicator: string): number | null;
}

/** The chosen units, each named (with its code when two share a name); a 404 names an unknown code. */
async function loadUnits(app: PageContext['app'], codes: readonly string[]): Promise<ComparedUnit[]> {
  const found = await Promise.all(
    codes.map(async (code) => {
      const answer = await apiGet<Static<typeof UnitDetail>>(app, `/api/v1/units/${code}`);
      if (answer.status === 404) {
        throw new PageError(404, {
          pl: `Parametr „jst”: rejestr TERYT nie zawiera jednostki o kodzie ${code}.`,
          en: `Parameter "jst": the TERYT register has no unit with code ${code}.`,
        });
      }
      if (answer.status !== 200) throw new Error(`API /api/v1/units/${code} answered ${answer.status}`);
      const { name, level, kindLabel } = answer.body;
      return { code, name, level, kindLabel };
    }),
  );
  return found.map((u) => ({
    ...u,
    label: found.filter((o) => o.name === u.name).length > 1 ? `${u.name} (${u.code})` : u.name,
  }));
}

/** The units (404 naming an unknown code) and every cell of the view, all pages of the API's answer. */
export async function loadComparison(
  app: PageContext['app'],
  state: CompareState,
  catalogue: readonly IndicatorSummary[],
): Promise<Comparison> {
  const units = await loadUnits(app, state.units);
  const known = new Set(catalogue.map((i) => i.id));
  for (const id of state.indicators) {
    if (!known.has(id)) {
      throw new PageError(404, {
        pl: `Parametr „wsk”: nie ma wskaźnika ${id} (lista: /api/v1/indicators).`,
        en: `Parameter "wsk": there is no indicator ${id} (see /api/v1/indicators).`,
      });
    }
  }
  const ids = effectiveIndicators(state, catalogue);
  if (units.length === 0 || ids.length === 0) {
    return {
      release: null,
      units,
      indicators: [],
      years: [],
      cell: () => undefined,
      shownYears: () => [],
      tableYear: () => null,
    };
  }
  const years = state.years ? `&years=${yearsText(state.years)}` : '';
  let next: string | null =
    `/api/v1/compare?units=${state.units.join(',')}&indicators=${ids.join(',')}${years}&pageSize=10000`;
  const cells = new Map<string, Cell>();
  let first: Compare | null = null;
  while (next !== null) {
    const answer: Compare = await apiOk<Compare>(app, next);
    first ??= answer;
    for (const c of answer.items) cells.set(`${c.indicator}|${c.unit}|${c.year}`, c);
    next = answer.links.next;
  }
  const data = first as Compare;
  const cell = (indicator: string, unit: string, year: number) => cells.get(`${indicator}|${unit}|${year}`);
  const shownYears = new Map(
    data.indicators.map(
      (i) =>
        [
          i.id,
          comparedYears(data.years, (y) => units.some((u) => cell(i.id, u.code, y)?.value != null)),
        ] as const,
    ),
  );
  // By default (no `wsk`), leave out indicators none of the chosen units has a value of in the years shown
  // (e.g. exam results loaded for one voivodeship only): a row of "no data" for everyone says nothing.
  const shown =
    state.indicators.length > 0
      ? data.indicators
      : data.indicators.filter((i) =>
          data.years.some((y) => units.some((u) => cell(i.id, u.code, y)?.value != null)),
        );
  return {
    release: data.release,
    units,
    indicators: shown,
    years: data.years,
    cell,
    shownYears: (indicator) => shownYears.get(indicator) ?? [],
    tableYear: (indicator) => shownYears.get(indicator)?.at(-1) ?? null,
  };
}

/** The indicators asked for, or every indicator with data for the units' levels (catalogue order); those
 * without a value for any chosen unit are dropped once the values are in (loadComparison). */
function effectiveIndicators(state: CompareState, catalogue: readonly IndicatorSummary[]): string[] {
  if (state.indicators.length > 0) return [...state.indicators];
  const levels = new Set<string | null>(state.units.map((code) => jstLevelOfCode(code)));
  return catalogue
    .filter((i) => i.available && i.levels.some((l) => levels.has(l)))
    .slice(0, DATA_LIMITS.indicators)
    .map((i) => i.id);
}
