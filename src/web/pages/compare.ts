/**
 * `/porownaj`: up to 10 units (of any levels) side by side on chosen indicators. Everything is in the URL —
 * `jst` (TERYT codes), `wsk` (indicator ids; default: every indicator with data for the units' levels) and
 * `lata` (a year or a range; default: the latest year with data in the table, every year in the trends) —
 * so a view is a permalink, and units are added and removed with plain links (no JavaScript needed). The
 * view is a table (rows: indicators, columns: units) and, per indicator, a bar chart and a trend of the
 * same numbers, with downloads of exactly these cells from GET /api/v1/compare and an embed code.
 */
// Over 400 lines: the compare page, its figure (reused by the embed page) and its picker form; to be split by those three (issue 19).
import { jstLevelOfCode, UNIT_CODE } from '../../domain/units/teryt-code.js';
import { compareReportLinks } from './report-form.js';
import { unitFor, unitText, withUnit } from '../measure-unit.js';
import type { Static } from '@sinclair/typebox';
import type { CompareData } from '../../api/schemas/compare.js';
import type { AreaList, IndicatorList } from '../../api/schemas/indicators.js';
import type { UnitDetail, UnitList } from '../../api/schemas/units.js';
import { DATA_LIMITS } from '../../domain/query-params.js';
import { apiGet, apiOk } from '../api-client.js';
import { barChart, trendChart, type Bar } from '../charts/bars.js';
import { formatNumber, type Lang } from '../format.js';
import { flagLegend, flagMark } from '../flag-legend.js';
import { html, type Html } from '../html.js';
import { REASON_LABELS } from '../i18n.js';
import { page, withLang } from '../layout.js';
import { PageError, type PageContext } from '../page-error.js';
import { parseYearsParam } from '../page-params.js';
import { COMPARE_TEXT, LEVEL_LABELS } from './compare-text.js';
import { comparedYears, compareRowStats, type RowStats } from '../../domain/benchmark/compare-stats.js';
import { accountView, compareSaveBlock } from './save-controls.js';

type Compare = Static<typeof CompareData>;
type Cell = Compare['items'][number];
type IndicatorRef = Compare['indicators'][number];
type IndicatorSummary = Static<typeof IndicatorList>['items'][number];

/** Units in one comparison on the portal (the API allows more, for analysts). */
export const MAX_UNITS = 10;
const CODE = UNIT_CODE;
const INDICATOR_ID = /^[a-z][a-z0-9_]*(\.[a-z][a-z0-9_]*)+$/;

const say = (lang: Lang, key: keyof typeof COMPARE_TEXT): string => COMPARE_TEXT[key][lang];

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

const yearsText = (years: CompareState['years']): string =>
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

/** "gmina miejska (gmina)", but "województwo" once. */
function levelOf(lang: Lang, unit: ComparedUnit): string {
  const level = LEVEL_LABELS[unit.level]?.[lang] ?? unit.level;
  return unit.kindLabel[lang] === level ? level : `${unit.kindLabel[lang]} (${level})`;
}

const slug = (id: string): string => id.replace(/[^a-z0-9]+/g, '-');

function reasonOf(lang: Lang, cell: Cell | undefined): string {
  if (!cell?.reason) return say(lang, 'noData');
  return REASON_LABELS[cell.reason]?.[lang] ?? cell.reason;
}

function flagOf(lang: Lang, cell: Cell | undefined): Html | string {
  return flagMark(cell?.flag, lang);
}

/** One cell for people: the value, its flag, measure unit and year; or why it is missing, and the year. */
function valueCell(
  lang: Lang,
  indicator: IndicatorRef,
  cell: Cell | undefined,
  year: number | null,
  label: string,
  rank?: { readonly rank: number; readonly of: number },
): Html {
  if (cell?.value == null) {
    return html`<td class="missing" data-label="${label}">
      <span class="cell muted">${reasonOf(lang, cell)}${year === null ? '' : html` (${year})`}</span>
    </td>`;
  }
  const unit = unitFor(cell.value, indicator.decimals, indicator.measureUnit, lang);
  const ranked = rank ? html`<br /><span class="rank">${rankText(lang, rank)}</span>` : '';
  const when = html`<span class="muted">${year ?? ''}</span>`;
  return html`<td class="num" data-label="${label}">
    <span class="cell"
      >${formatNumber(cell.value, indicator.decimals, lang)}${flagOf(lang, cell)}
      <span class="unit">${unit}</span><br />${when}${ranked}</span
    >
  </td>`;
}

/** "miejsce 2 z 4" among the compared units (1 = best by the indicator's direction). */
function rankText(lang: Lang, rank: { readonly rank: number; readonly of: number }): string {
  return lang === 'pl' ? `miejsce ${rank.rank} z ${rank.of}` : `rank ${rank.rank} of ${rank.of}`;
}

/** The row's median of the compared units, or why there is none. */
function medianCell(lang: Lang, indicator: IndicatorRef, stats: RowStats): Html {
  const label = say(lang, 'medianCompared');
  if (stats.median === null) {
    const why = stats.mixedLevels
      ? say(lang, 'mixedLevels')
      : stats.countWithData === 1
        ? say(lang, 'oneValue')
        : say(lang, 'noData');
    return html`<td class="missing" data-label="${label}"><span class="cell muted">${why}</span></td>`;
  }
  return html`<td class="num" data-label="${label}">
    <span class="cell"
      >${formatNumber(stats.median, indicator.decimals, lang)}
      <span class="unit">${unitFor(stats.median, indicator.decimals, indicator.measureUnit, lang)}</span
      ><br /><span class="muted">${stats.countWithData} ${say(lang, 'ofCompared')}</span></span
    >
  </td>`;
}

/**
 * One indicator's figure: a caption, the bar chart of the table's year, the trend when several years have
 * values, and a table with the charts' numbers (the charts' description). The embed page reuses it.
 */
// Over 80 lines: the page's sections in reading order, one template over one set of API answers; not yet split by section (issue 19).
export function compareFigure(
  lang: Lang,
  comparison: Comparison,
  indicatorId: string,
  idPrefix = 'wykres',
): Html {
  const indicator = comparison.indicators.find((i) => i.id === indicatorId);
  if (!indicator) return html``;
  const id = `${idPrefix}-${slug(indicator.id)}`;
  const year = comparison.tableYear(indicator.id);
  const n = (v: number | null) => formatNumber(v, indicator.decimals, lang);
  const bars: Bar[] = comparison.units.map((unit) => {
    const cell = year === null ? undefined : comparison.cell(indicator.id, unit.code, year);
    return cell?.value == null
      ? { label: unit.label, value: null, text: reasonOf(lang, cell) }
      : {
          label: unit.label,
          value: cell.value,
          text: withUnit(cell.value, indicator.decimals, indicator.measureUnit, lang),
        };
  });
  const lines = comparison.units.map((unit) => ({
    label: unit.label,
    points: comparison.years.map((y) => ({
      year: y,
      value: comparison.cell(indicator.id, unit.code, y)?.value ?? null,
    })),
  }));
  // The years with a value (or the latest alone): the figure's table holds exactly the downloads' rows.
  const shownYears = comparison.shownYears(indicator.id);
  const trend = shownYears.length >= 2;
  const names = { labelledBy: `${id}-tytul`, describedBy: `${id}-tabela` };
  return html`<figure class="chart compare-figure" id="${id}">
    <figcaption id="${id}-tytul">
      <a href="${withLang(`/wskaznik/${indicator.id}`, lang)}">${indicator.name[lang]}</a>
      <span class="muted"
        >(${unitText(indicator.measureUnit, lang)}${year === null ? '' : html`, ${year}`})</span
      >
    </figcaption>
    ${barChart(bars, names)}
    ${
      trend
        ? html`<p class="chart-title" id="${id}-trend-tytul">
              ${say(lang, 'trend')} ${shownYears[0]}–${shownYears.at(-1)}: ${indicator.name[lang]}
              <span class="muted">(${unitText(indicator.measureUnit, lang)})</span>
            </p>
            ${trendChart(lines, { labelledBy: `${id}-trend-tytul`, describedBy: names.describedBy }, (v, d) =>
              formatNumber(v, d, lang),
            )}`
        : ''
    }
    <details class="chart-data">
      <summary>${say(lang, 'chartData')}</summary>
      <div class="table-wrap" tabindex="0" role="region" aria-labelledby="${id}-tabela-opis">
        <table class="data" id="${id}-tabela">
          <caption id="${id}-tabela-opis">
            ${indicator.name[lang]} (${unitText(indicator.measureUnit, lang)})
          </caption>
          <thead>
            <tr>
              <th scope="col">${say(lang, 'unit')}</th>
              ${shownYears.map((y) => html`<th scope="col" class="num">${y}</th>`)}
            </tr>
          </thead>
          <tbody>
            ${comparison.units.map(
              (unit) =>
                html`<tr>
                  <th scope="row">${unit.label}</th>
                  ${shownYears.map((y) => {
                    const cell = comparison.cell(indicator.id, unit.code, y);
                    return cell?.value == null
                      ? html`<td class="missing"><span class="muted">${reasonOf(lang, cell)}</span></td>`
                      : html`<td class="num">${n(cell.value)}${flagOf(lang, cell)}</td>`;
                  })}
                </tr>`,
            )}
          </tbody>
        </table>
      </div>
    </details>
  </figure>`;
}

function comparisonTable(lang: Lang, comparison: Comparison, state: CompareState): Html {
  const tableYears = new Set(comparison.indicators.map((i) => comparison.tableYear(i.id)));
  const onlyYear = tableYears.size === 1 ? [...tableYears][0] : null;
  const when =
    onlyYear !== null && onlyYear !== undefined
      ? `${say(lang, 'tableYear')} ${onlyYear}`
      : say(lang, 'tableLatest');
  return html`<div class="table-wrap stacked" tabindex="0" role="region" aria-labelledby="tabela-opis">
      <table class="data compare stack">
        <caption id="tabela-opis">
          ${say(lang, 'tableCaption')}
          (${when}${state.years ? html`; ${say(lang, 'years').toLowerCase()} ${yearsText(state.years)}` : ''}).
          ${say(lang, 'tableRanks')}.
        </caption>
        <thead>
          <tr>
            <th scope="col">${say(lang, 'indicator')}</th>
            ${comparison.units.map(
              (u) =>
                html`<th scope="col" class="num">
                  <a href="${withLang(`/jst/${u.code}`, lang)}">${u.name}</a><br /><span class="muted unit"
                    >${u.kindLabel[lang]}</span
                  >
                </th>`,
            )}
            <th scope="col" class="num">${say(lang, 'medianCompared')}</th>
          </tr>
        </thead>
        <tbody>
          ${comparison.indicators.map((indicator) => {
            const year = comparison.tableYear(indicator.id);
            const stats = compareRowStats(
              comparison.units,
              (code) => (year === null ? undefined : comparison.cell(indicator.id, code, year)),
              indicator.direction,
            );
            return html`<tr>
              <th scope="row">
                <a href="${withLang(`/wskaznik/${indicator.id}`, lang)}">${indicator.name[lang]}</a>
                <br /><span class="muted unit">${unitText(indicator.measureUnit, lang)}</span>
              </th>
              ${comparison.units.map((u) =>
                valueCell(
                  lang,
                  indicator,
                  year === null ? undefined : comparison.cell(indicator.id, u.code, year),
                  year,
                  u.name,
                  stats.rankOf.get(u.code),
                ),
              )}
              ${medianCell(lang, indicator, stats)}
            </tr>`;
          })}
        </tbody>
      </table>
    </div>
    ${flagLegend(
      comparison.indicators.flatMap((indicator) => {
        const year = comparison.tableYear(indicator.id);
        return year === null
          ? []
          : comparison.units.map((u) => comparison.cell(indicator.id, u.code, year)?.flag);
      }),
      lang,
    )}`;
}

interface Area {
  id: string;
  name: { pl: string; en: string };
  services: Array<{ id: string; indicators: string[] }>;
}

/** The choice of units (search by name, add and remove links) and of indicators and years: plain GET forms. */
// Over 80 lines: one form in reading order (units, search, indicators, years), plain HTML without JavaScript.
function picker(
  lang: Lang,
  state: CompareState,
  units: readonly ComparedUnit[],
  q: string,
  found: Static<typeof UnitList> | null,
  areas: readonly Area[],
  catalogue: readonly IndicatorSummary[],
): Html {
  const action = withLang('/porownaj', lang);
  const href = (next: CompareState, extra: Record<string, string> = {}) => {
    const query = stateQuery(next, extra);
    return withLang(query ? `/porownaj?${query}` : '/porownaj', lang);
  };
  const full = state.units.length >= MAX_UNITS;
  const byId = new Map(catalogue.map((i) => [i.id, i]));
  const chosen = new Set(state.indicators);
  const groups = areas
    .map((area) => ({
      area,
      items: area.services
        .flatMap((s) => s.indicators)
        .flatMap((id) => byId.get(id) ?? [])
        .filter((i) => i.available || chosen.has(i.id)),
    }))
    .filter((g) => g.items.length > 0);
  const hidden = (name: string, value: string) =>
    value === '' ? '' : html`<input type="hidden" name="${name}" value="${value}" />`;
  return html`<div class="compare-picker">
    <section aria-labelledby="wybrane-h">
      <h3 id="wybrane-h">${say(lang, 'selection')} (${units.length}/${MAX_UNITS})</h3>
      ${
        units.length === 0
          ? html`<p>${say(lang, 'noSelection')}</p>`
          : html`<ul class="selection">
              ${units.map(
                (u) =>
                  html`<li>
                    <a href="${withLang(`/jst/${u.code}`, lang)}">${u.name}</a>
                    <span class="muted">${u.kindLabel[lang]}, TERYT ${u.code}</span>
                    <a
                      class="remove"
                      href="${href({ ...state, units: state.units.filter((c) => c !== u.code) }, { q })}"
                      >${say(lang, 'remove')}<span class="visually-hidden">: ${u.name}</span></a
                    >
                  </li>`,
              )}
            </ul>`
      }
    </section>
    <form class="search compare-find" role="search" method="get" action="${action}">
      ${hidden('jst', state.units.join(','))} ${hidden('wsk', state.indicators.join(','))}
      ${hidden('lata', yearsText(state.years))}
      <label for="q">${say(lang, 'findLabel')}</label>
      <div class="row">
        <input
          id="q"
          name="q"
          type="search"
          autocomplete="off"
          spellcheck="false"
          maxlength="100"
          value="${q}"
          aria-describedby="q-hint"
        />
        <button type="submit">${say(lang, 'find')}</button>
      </div>
      <p id="q-hint" class="hint">${say(lang, 'findHint')}</p>
    </form>
    ${
      found
        ? html`<section aria-labelledby="znalezione-h">
            <h3 id="znalezione-h">${say(lang, 'found')} (${formatNumber(found.total, 0, lang)})</h3>
            ${full ? html`<p class="notice">${say(lang, 'limitReached')}</p>` : ''}
            ${
              found.items.length === 0
                ? html`<p>${say(lang, 'nothingFound')}</p>`
                : html`<ul class="results">
                    ${found.items.map(
                      (u) =>
                        html`<li>
                          ${u.name} <span class="muted">${u.kindLabel[lang]}, TERYT ${u.code}</span>
                          ${
                            state.units.includes(u.code)
                              ? html`<span class="chosen-mark">${say(lang, 'chosen')}</span>`
                              : full
                                ? ''
                                : html`<a
                                    class="add"
                                    href="${href({ ...state, units: [...state.units, u.code] }, { q })}"
                                    >${say(lang, 'add')}<span class="visually-hidden">: ${u.name}</span></a
                                  >`
                          }
                        </li>`,
                    )}
                  </ul>`
            }
          </section>`
        : ''
    }
    <form class="compare-options" method="get" action="${action}">
      ${hidden('jst', state.units.join(','))}
      <fieldset class="indicator-choice" aria-describedby="wsk-hint">
        <legend>${say(lang, 'indicators')}</legend>
        <p id="wsk-hint" class="hint">${say(lang, 'indicatorsHint')}</p>
        ${groups.map(
          ({ area, items }) =>
            html`<fieldset>
              <legend>${area.name[lang]}</legend>
              ${items.map(
                (i) =>
                  html`<div class="check">
                    <input
                      type="checkbox"
                      id="wsk-${slug(i.id)}"
                      name="wsk"
                      value="${i.id}"
                      ${chosen.has(i.id) ? 'checked' : ''}
                    />
                    <label for="wsk-${slug(i.id)}"
                      >${i.name[lang]} <span class="muted">(${unitText(i.measureUnit, lang)})</span></label
                    >
                  </div>`,
              )}
            </fieldset>`,
        )}
      </fieldset>
      <div class="years">
        <label for="lata">${say(lang, 'years')}</label>
        <input
          id="lata"
          name="lata"
          type="text"
          inputmode="numeric"
          pattern="\\d{4}(-\\d{4})?"
          size="10"
          value="${yearsText(state.years)}"
          aria-describedby="lata-hint"
        />
        <p id="lata-hint" class="hint">${say(lang, 'yearsHint')}</p>
      </div>
      <button type="submit">${say(lang, 'show')}</button>
    </form>
  </div>`;
}

// Over 80 lines: the page's sections in reading order, one template over one set of API answers; not yet split by section (issue 19).
export async function comparePage(context: PageContext): Promise<string> {
  const { app, lang, query, url, origin } = context;
  const state = parseCompareState(context);
  const q = (query.q ?? '').trim().slice(0, 100);
  const [areas, catalogue, found] = await Promise.all([
    apiOk<Static<typeof AreaList>>(app, '/api/v1/areas'),
    apiOk<Static<typeof IndicatorList>>(app, '/api/v1/indicators'),
    q === ''
      ? null
      : apiOk<Static<typeof UnitList>>(app, `/api/v1/units?q=${encodeURIComponent(q)}&pageSize=20`),
  ]);
  const comparison = await loadComparison(app, state, catalogue.items);
  const choose = picker(lang, state, comparison.units, q, found, areas.items, catalogue.items);

  if (comparison.units.length === 0) {
    const body = html`<h1>${say(lang, 'title')}</h1>
      <p class="lead">${say(lang, 'intro')}</p>
      <section aria-labelledby="wybor-h">
        <h2 id="wybor-h">${say(lang, 'choose')}</h2>
        ${choose}
      </section>`;
    return page({ lang, title: say(lang, 'title'), url, body });
  }

  const names = comparison.units.map((u) => u.label).join(', ');
  const title = `${say(lang, 'titleOf')}: ${names}`;
  const shown: CompareState = { ...state, indicators: comparison.indicators.map((i) => i.id) };
  // Zapisz / Obserwuj (issue 18): the query as the URL has it (no `wsk`: the page's default stays one).
  const saveBlock = compareSaveBlock(lang, await accountView(context), {
    units: comparison.units,
    indicators: comparison.indicators,
    query: { jst: state.units.join(','), wsk: state.indicators.join(','), lata: yearsText(state.years) },
    title,
  });
  const apiQuery = `units=${state.units.join(',')}&indicators=${shown.indicators.join(',')}${
    state.years ? `&years=${yearsText(state.years)}` : ''
  }`;
  // Only the years the page shows of each indicator (emptyYears=omit): the files hold the screen's cells.
  const apiUrl = `/api/v1/compare?${apiQuery}&emptyYears=omit&lang=${lang}`;
  const permalink = withLang(`/porownaj?${stateQuery(shown)}`, lang);
  const embedSrc = origin + withLang(`/osadz/porownanie?${stateQuery(shown)}`, lang);
  const embed = `<iframe src="${embedSrc}" title="${say(lang, 'embedTitle')}: ${names.replace(/"/g, '&quot;')}" width="100%" height="640" style="border:0" loading="lazy"></iframe>`;
  const flagged = comparison.indicators.some((i) =>
    comparison.units.some((u) => {
      const year = comparison.tableYear(i.id);
      return year !== null && comparison.cell(i.id, u.code, year)?.flag;
    }),
  );

  const body = html`<h1>${title}</h1>
    <ul class="compare-units" aria-label="${say(lang, 'units')}">
      ${comparison.units.map(
        (u) =>
          html`<li>
            <a href="${withLang(`/jst/${u.code}`, lang)}">${u.name}</a>
            <span class="muted">${levelOf(lang, u)}, TERYT ${u.code}</span>
          </li>`,
      )}
    </ul>
    ${saveBlock}
    ${
      comparison.indicators.length === 0
        ? html`<p class="notice">${say(lang, 'noIndicators')}</p>`
        : html`<section aria-labelledby="tabela-h">
              <h2 id="tabela-h">${say(lang, 'table')}</h2>
              ${comparisonTable(lang, comparison, state)}
              ${flagged ? html`<p class="hint">${say(lang, 'flagNote')}</p>` : ''}
            </section>
            <section aria-labelledby="wykresy-h">
              <h2 id="wykresy-h">${say(lang, 'charts')}</h2>
              <div class="compare-charts">
                ${comparison.indicators.map((i) => compareFigure(lang, comparison, i.id))}
              </div>
            </section>
            <section aria-labelledby="pobierz-h" class="downloads-section">
              <h2 id="pobierz-h">${say(lang, 'download')}</h2>
              <p>${say(lang, 'downloadWhat')}</p>
              <p class="downloads">
                <a
                  class="button secondary"
                  href="${`${apiUrl}&format=csv&sep=semicolon&decimal=comma`}"
                  download
                  >${say(lang, 'csvExcel')}</a
                >
                <a class="button secondary" href="${`${apiUrl}&format=csv`}" download>${say(lang, 'csv')}</a>
                <a class="button secondary" href="${`${apiUrl}&format=xlsx`}" download>XLSX</a>
                <a href="${apiUrl}">${say(lang, 'json')}</a>
                <a href="${permalink}" rel="bookmark">${say(lang, 'permalink')}</a>
              </p>
              ${compareReportLinks(
                lang,
                comparison.units.map((u) => u.code),
              )}
              <div class="downloads embed">
                <label for="osadz">${say(lang, 'embed')}</label>
                <textarea id="osadz" readonly rows="3">${embed}</textarea>
              </div>
              <p class="muted">
                ${say(lang, 'source')}: ${say(lang, 'sourceText')} ${comparison.release ?? '—'}.
              </p>
            </section>`
    }
    ${ownSetForm(lang, comparison.units)}
    <section aria-labelledby="wybor-h" class="compare-change">
      <h2 id="wybor-h">${say(lang, 'change')}</h2>
      ${choose}
    </section>`;
  return page({ lang, title, url, body });
}

/** Saves the chosen units as a reference set (POST /zestaw) and opens a unit's page against it. */
function ownSetForm(lang: Lang, units: readonly ComparedUnit[]): Html {
  if (units.length < 2) return html``;
  const oneLevel = new Set(units.map((u) => u.level)).size === 1;
  return html`<section aria-labelledby="zestaw-h" class="compare-set">
    <h2 id="zestaw-h">${say(lang, 'ownSet')}</h2>
    ${
      oneLevel
        ? html`<p>${say(lang, 'ownSetHelp')}</p>
            <form class="controls" method="post" action="${withLang('/zestaw', lang)}">
              <input type="hidden" name="jst" value="${units.map((u) => u.code).join(',')}" />
              <div>
                <label for="zestaw-nazwa">${say(lang, 'ownSetName')}</label>
                <input
                  type="text"
                  id="zestaw-nazwa"
                  name="nazwa"
                  maxlength="200"
                  value="${units
                    .map((u) => u.label)
                    .join(', ')
                    .slice(0, 200)}"
                />
              </div>
              <div>
                <label for="zestaw-dla">${say(lang, 'ownSetFor')}</label>
                <select id="zestaw-dla" name="dla">
                  ${units.map((u) => html`<option value="${u.code}">${u.label}</option>`)}
                </select>
              </div>
              <button type="submit">${say(lang, 'ownSetSave')}</button>
            </form>`
        : html`<p class="muted">${say(lang, 'ownSetLevels')}</p>`
    }
  </section>`;
}
