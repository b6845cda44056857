/**
 * What the indicator page and its embeddable charts show, read from the public API: the definition, the
 * values of every unit of a level in a year, and — when a unit is chosen — its reference set's distribution
 * and its time series against the set. The state comes only from the URL (`poziom`, `rok`, `jst`,
 * `porownaj`, `woj`, `zbior`), so every view is a permalink; a wrong parameter is a 400 page that names it.
 */
import { jstLevelOfCode, UNIT_CODE } from '../../domain/units/teryt-code.js';
import { isExcludedFromStatistics } from '../../domain/observations/flags.js';
import type { Static } from '@sinclair/typebox';
import type { IndicatorData, IndicatorDetail } from '../../api/schemas/indicators.js';
import type { Distribution } from '../../api/schemas/profile.js';
import type { UnitData } from '../../api/schemas/compare.js';
import { POLAND_CODE } from '../../domain/units/unit.js';
import { NOT_IN_SOURCE } from '../../domain/benchmark/coverage.js';
import type { UnitDetail } from '../../api/schemas/units.js';
import { apiGet, apiOk } from '../api-client.js';
import type { SeriesPoint } from '../charts/time-series.js';
import { parseAgainst, parseYear } from '../page-params.js';
import { PageError, type PageContext } from '../page-error.js';
import { parseViewLevel, type ViewLevel } from '../view-level.js';

export type Detail = Static<typeof IndicatorDetail>;
export type LevelData = Static<typeof IndicatorData>;
export type DistributionAnswer = Static<typeof Distribution>;
export type Level = 'gmina' | 'powiat' | 'wojewodztwo';

export interface IndicatorView {
  readonly detail: Detail;
  /** Levels of the indicator that have values in the release (the level select offers these). */
  readonly levels: readonly Level[];
  readonly level: Level;
  /** Years with values at the level, ascending. */
  readonly years: readonly number[];
  readonly year: number | null;
  readonly data: LevelData | null;
  readonly unit: Static<typeof UnitDetail> | null;
  readonly against: string;
  readonly distribution: DistributionAnswer | null;
  readonly series: readonly SeriesPoint[];
  /** Ranking filter: a voivodeship's 2-digit code. */
  readonly woj: string | null;
  /** Ranking filter: only the members of the unit's reference set. */
  readonly onlySet: boolean;
  /** Basic (residents) or advanced (analysts) view: view-level.ts. */
  readonly viewLevel: ViewLevel;
}

const LEVELS: readonly Level[] = ['gmina', 'powiat', 'wojewodztwo'];

const bad = (pl: string, en: string) => new PageError(400, { pl, en });

function parseLevel(text: string | undefined): Level | undefined {
  if (text === undefined || text === '') return undefined;
  if ((LEVELS as readonly string[]).includes(text)) return text as Level;
  throw bad(
    `Parametr „poziom”: dozwolone ${LEVELS.join(', ')}; otrzymano „${text}”.`,
    `Parameter "poziom": allowed ${LEVELS.join(', ')}; got "${text}".`,
  );
}

function parseUnitCode(text: string | undefined): string | undefined {
  if (text === undefined || text.trim() === '') return undefined;
  const code = text.trim();
  if (UNIT_CODE.test(code)) return code;
  throw bad(
    `Parametr „jst”: oczekiwano kodu TERYT (2, 4 lub 7 cyfr), otrzymano „${text}”.`,
    `Parameter "jst": expected a TERYT code (2, 4 or 7 digits), got "${text}".`,
  );
}

function parseWoj(text: string | undefined): string | null {
  if (text === undefined || text === '') return null;
  if (/^\d{2}$/.test(text)) return text;
  throw bad(
    `Parametr „woj”: oczekiwano 2-cyfrowego kodu województwa (np. 12), otrzymano „${text}”.`,
    `Parameter "woj": expected a 2-digit voivodeship code (e.g. 12), got "${text}".`,
  );
}

// Over 80 lines: the indicator page's reads in one place (definition, data, distribution, map, peers) so they run in parallel.
export async function loadIndicatorView({ app, params, query }: PageContext): Promise<IndicatorView> {
  const id = params.id ?? '';
  if (!/^[a-z][a-z0-9_]*(\.[a-z][a-z0-9_]*)+$/.test(id)) {
    throw new PageError(404, {
      pl: `„${id}” nie jest identyfikatorem wskaźnika (np. kontekst.ludnosc).`,
      en: `"${id}" is not an indicator id (e.g. kontekst.ludnosc).`,
    });
  }
  const askedLevel = parseLevel(query.poziom);
  const askedYear = parseYear(query.rok);
  const code = parseUnitCode(query.jst);
  const against = parseAgainst(query.porownaj);
  const woj = parseWoj(query.woj);
  const onlySet = query.zbior === '1' && code !== undefined;
  const viewLevel = parseViewLevel(query.widok);

  const [detail, unit] = await Promise.all([
    apiOk<Detail>(app, `/api/v1/indicators/${id}`),
    code ? apiOk<Static<typeof UnitDetail>>(app, `/api/v1/units/${code}`) : Promise.resolve(null),
  ]);
  const yearsOf = (level: string) =>
    detail.availability.years
      .filter((y) => y.level === level && y.values > 0)
      .map((y) => y.year)
      .sort((a, b) => a - b);
  const levels = LEVELS.filter((l) => detail.levels.includes(l) && yearsOf(l).length > 0);
  const unitLevel = code ? (jstLevelOfCode(code) ?? undefined) : undefined;
  if (askedLevel && !detail.levels.includes(askedLevel)) {
    throw bad(
      `Wskaźnik ${id} nie jest liczony dla szczebla „${askedLevel}” (jest dla: ${detail.levels.join(', ')}).`,
      `Indicator ${id} is not computed for level "${askedLevel}" (it is for: ${detail.levels.join(', ')}).`,
    );
  }
  if (unitLevel && !detail.levels.includes(unitLevel)) {
    throw bad(
      `Parametr „jst”: ${unit?.name ?? code} (${code}) to jednostka szczebla „${unitLevel}”, a wskaźnik ${id} jest liczony dla: ${detail.levels.join(', ')}.`,
      `Parameter "jst": ${unit?.name ?? code} (${code}) is at level "${unitLevel}", but ${id} is computed for: ${detail.levels.join(', ')}.`,
    );
  }
  if (askedLevel && unitLevel && askedLevel !== unitLevel) {
    throw bad(
      `Jednostka ${code} jest szczebla „${unitLevel}”, a wybrano „${askedLevel}”: usuń „jst” albo zmień „poziom”.`,
      `Unit ${code} is at level "${unitLevel}" but "${askedLevel}" was chosen: drop "jst" or change "poziom".`,
    );
  }
  const level: Level =
    askedLevel ??
    (unitLevel && detail.levels.includes(unitLevel) ? unitLevel : undefined) ??
    levels[0] ??
    (detail.levels.find((l): l is Level => (LEVELS as readonly string[]).includes(l)) as Level | undefined) ??
    'gmina';
  const years = yearsOf(level);
  if (askedYear !== undefined && !years.includes(askedYear)) {
    throw new PageError(404, {
      pl: `Brak wartości wskaźnika ${id} dla szczebla „${level}” w roku ${askedYear}${years.length ? ` (lata z danymi: ${years[0]}–${years[years.length - 1]})` : ''}.`,
      en: `No values of ${id} for level "${level}" in ${askedYear}${years.length ? ` (years with data: ${years[0]}–${years[years.length - 1]})` : ''}.`,
    });
  }
  const year = askedYear ?? years[years.length - 1] ?? null;
  if (year === null) {
    return {
      detail,
      levels,
      level,
      years,
      year,
      data: null,
      unit,
      against,
      distribution: null,
      series: [],
      woj,
      onlySet: false,
      viewLevel,
    };
  }
  const distributionUrl = (y: number) =>
    `/api/v1/indicators/${id}/distribution?${new URLSearchParams({ year: String(y), level, against, unit: code ?? '' }).toString()}`;
  const [data, distribution, unitPoints, poland] = await Promise.all([
    apiOk<LevelData>(app, `/api/v1/indicators/${id}/data?level=${level}&year=${year}`),
    code ? apiOk<DistributionAnswer>(app, distributionUrl(year)) : Promise.resolve(null),
    code ? unitSeries(app, years, distributionUrl) : Promise.resolve([]),
    // Poland's series is the reference line, for an indicator published for the country.
    // (computed for every indicator published for województwa: catalog/README.md)
    code && detail.levels.includes('wojewodztwo') && code !== POLAND_CODE
      ? apiGet<Static<typeof UnitData>>(app, `/api/v1/units/${POLAND_CODE}/data?indicators=${id}`)
      : Promise.resolve(null),
  ]);
  const reference = new Map(
    (poland?.status === 200 ? (poland.body.indicators[0]?.series ?? []) : []).map((c) => [c.year, c.value]),
  );
  const series = unitPoints.map((p) =>
    reference.size > 0 ? { ...p, reference: reference.get(p.year) ?? null } : p,
  );
  return {
    detail,
    levels,
    level,
    years,
    year,
    data,
    unit,
    against,
    distribution,
    series,
    woj,
    onlySet,
    viewLevel,
  };
}

type Item = LevelData['items'][number];

/** The units the ranking, the map and the histogram show: the level's, less the voivodeship/set filter. */
export function shownItems(view: IndicatorView): Item[] {
  const { data, distribution } = view;
  if (!data) return [];
  const setCodes =
    view.onlySet && distribution ? new Set(distribution.members.map((m) => m.unit.code)) : null;
  // Units outside a partial source's coverage are not ranked among the covered ones: they are left out.
  return data.items.filter(
    (i) =>
      i.reason !== NOT_IN_SOURCE &&
      (view.woj === null || i.unit.code.startsWith(view.woj)) &&
      (!setCodes || setCodes.has(i.unit.code)),
  );
}

/** The unit's value and its set's median and quartiles in every year of the level (one answer per year). */
async function unitSeries(
  app: PageContext['app'],
  years: readonly number[],
  url: (year: number) => string,
): Promise<SeriesPoint[]> {
  const answers = await Promise.all(years.map((y) => apiGet<DistributionAnswer>(app, url(y))));
  return answers.map((answer, i) => {
    const ok = answer.status === 200 ? answer.body : null;
    return {
      year: years[i] as number,
      value: ok?.value ?? null,
      median: ok?.statistics.median ?? null,
      q1: ok?.statistics.q1 ?? null,
      q3: ok?.statistics.q3 ?? null,
    };
  });
}

/**
 * Competition ranking ("1224") of the units with a value by the indicator's direction; neutral: none. A
 * suspect value (a plausibility rule broken) is listed after the ranked ones, without a rank.
 */
export function rankItems<T extends { value: number | null; flag?: { id: number } | null }>(
  items: readonly T[],
  direction: string,
): Array<{ item: T; rank: number | null }> {
  const suspect = (i: T) => isExcludedFromStatistics(i.flag?.id ?? null);
  const known = items.filter((i): i is T & { value: number } => i.value !== null && !suspect(i));
  const sign = direction === 'lower_better' ? 1 : -1;
  const sorted = [...known].sort((a, b) => sign * (a.value - b.value));
  const ranked = sorted.map((item, i) => ({ item: item as T, rank: i + 1 }));
  for (let i = 1; i < ranked.length; i++) {
    const here = ranked[i] as { item: T; rank: number };
    const before = ranked[i - 1] as { item: T; rank: number };
    if (here.item.value === before.item.value) here.rank = before.rank;
  }
  const unranked = [
    ...items.filter((i) => i.value !== null && suspect(i)),
    ...items.filter((i) => i.value === null),
  ].map((item) => ({ item, rank: null }));
  return [
    ...(direction === 'neutral' ? ranked.map((r) => ({ item: r.item, rank: null })) : ranked),
    ...unranked,
  ];
}
