/**
 * The indicator page's ranking (issue 16, points 1, 6, 7): the units of the level — filtered by voivodeship
 * or by the chosen unit's reference set — ranked by the indicator's direction, one page of 100 rows at a
 * time (`strona`, or `strona=wszystkie` for all), so a gminy page is a few hundred KB instead of 1.1 MB.
 * Each row names the unit with its kind, the value with its flag, the shown units' median (the same on
 * every row, as in the CSV: a stacked row on a phone is read alone, so it carries what it is measured
 * against) and its position among the shown units (quartiles of the shown values, read through the
 * direction). Below 40rem the rows stack (10-stack.css), and a legend explains the flags used.
 */
import { unitText, withUnit } from '../measure-unit.js';
import { quantileSorted } from 'd3-array';
import { KIND_LABELS, type UnitKind } from '../../domain/units/unit.js';
import { isExcludedFromStatistics } from '../../domain/observations/flags.js';
import { countOf, formatNumber, UNITS_WORD, type Lang } from '../format.js';
import { flagLegend, flagMark } from '../flag-legend.js';
import { html, type Html } from '../html.js';
import { POSITION_LABELS, REASON_LABELS } from '../i18n.js';
import { withLang } from '../layout.js';
import { PageError } from '../page-error.js';
import { sourceLine } from './indicator-figures.js';
import { INDICATOR_TEXT, LEVEL_LABELS } from './indicator-text.js';
import { rankItems, shownItems, type IndicatorView } from './indicator-view.js';

const say = (lang: Lang, key: keyof typeof INDICATOR_TEXT): string => INDICATOR_TEXT[key][lang];

/** Rows per ranking page: 100 gminy are ~25 KB of HTML, and a phone user scrolls no further anyway. */
export const RANKING_PAGE_SIZE = 100;
export const ALL_PAGES = 'wszystkie';

export interface Voivodeship {
  code: string;
  name: string;
}

/** `strona`: a page number from 1, or `wszystkie`; none means the page of the chosen unit, else the first. */
export function parsePage(text: string | undefined): number | 'all' | undefined {
  if (text === undefined || text === '') return undefined;
  if (text === ALL_PAGES) return 'all';
  if (/^[1-9]\d{0,4}$/.test(text)) return Number(text);
  throw new PageError(400, {
    pl: `Parametr „strona”: oczekiwano numeru strony (1, 2, …) albo „${ALL_PAGES}”, otrzymano „${text}”.`,
    en: `Parameter "strona": expected a page number (1, 2, …) or "${ALL_PAGES}", got "${text}".`,
  });
}

type Band = 'top25' | 'middle50' | 'bottom25' | 'neutral';

/**
 * Median and quartiles (R-7, as the API's set statistics) of the ranked values, and each value's position:
 * above Q3 / below Q1 read through the direction, so 'top25' is always the good end.
 */
export function rankingStatistics(
  values: readonly number[],
  direction: string,
): { median: number | null; positionOf: (value: number) => Band } {
  const sorted = [...values].sort((a, b) => a - b);
  if (sorted.length === 0) return { median: null, positionOf: () => 'neutral' };
  const q1 = quantileSorted(sorted, 0.25) as number;
  const q3 = quantileSorted(sorted, 0.75) as number;
  const median = quantileSorted(sorted, 0.5) as number;
  const positionOf = (v: number): Band => {
    if (direction === 'neutral') return 'neutral';
    const high = v > q3;
    const low = v < q1;
    if (!high && !low) return 'middle50';
    return (direction === 'lower_better' ? low : high) ? 'top25' : 'bottom25';
  };
  return { median, positionOf };
}

/**
 * The ranking the screen shows, every page of it: the filtered units ranked by direction, the shown units'
 * median and each value's position. The page and its CSV (ranking-csv.ts) both read this one answer.
 */
export function rankedView(view: IndicatorView) {
  const ranked = rankItems(shownItems(view), view.detail.direction);
  // The values ranked (a suspect value is listed without a rank, and kept out of the median too).
  const rankedValues = ranked.flatMap(({ item }) =>
    item.value === null || isExcludedFromStatistics(item.flag?.id ?? null) ? [] : [item.value],
  );
  return { ranked, ...rankingStatistics(rankedValues, view.detail.direction) };
}

/** The position shown for a ranking row: null for no value, an unranked (suspect) one, or a neutral indicator. */
export function rowPosition(
  item: { value: number | null },
  rank: number | null,
  direction: string,
  positionOf: (v: number) => Band,
): Exclude<Band, 'neutral'> | null {
  if (item.value === null || (rank === null && direction !== 'neutral')) return null;
  const position = positionOf(item.value);
  return position === 'neutral' ? null : position;
}

// Over 80 lines: the page's sections in reading order, one template over one set of API answers; not yet split by section (issue 19).
export function ranking(
  view: IndicatorView,
  lang: Lang,
  voivodeships: readonly Voivodeship[],
  requestedPage: number | 'all' | undefined,
  coverageNotice: Html,
): Html {
  const { detail, data, distribution, unit } = view;
  if (!data) return html``;
  const { ranked, median, positionOf } = rankedView(view);
  const d = detail.decimals;
  const pages = Math.max(1, Math.ceil(ranked.length / RANKING_PAGE_SIZE));
  const unitIndex = unit ? ranked.findIndex((r) => r.item.unit.code === unit.code) : -1;
  const pageNo =
    requestedPage === 'all'
      ? 'all'
      : Math.min(
          requestedPage ?? (unitIndex >= 0 ? Math.floor(unitIndex / RANKING_PAGE_SIZE) + 1 : 1),
          pages,
        );
  const rows =
    pageNo === 'all' ? ranked : ranked.slice((pageNo - 1) * RANKING_PAGE_SIZE, pageNo * RANKING_PAGE_SIZE);
  const scope = [
    view.woj ? (voivodeships.find((v) => v.code === view.woj)?.name ?? view.woj) : '',
    view.onlySet && distribution ? distribution.set.label[lang] : '',
  ]
    .filter(Boolean)
    .join(', ');
  const level = LEVEL_LABELS[view.level]?.[lang] ?? '';
  const caption = `${say(lang, 'ranking')}: ${detail.name[lang]}, ${level}${scope ? ` (${scope})` : ''}, ${view.year} (${unitText(detail.measureUnit, lang)})`;
  const from = pageNo === 'all' ? 1 : (pageNo - 1) * RANKING_PAGE_SIZE + 1;
  const to = from + rows.length - 1;
  const medianText = median === null ? '—' : formatNumber(median, d, lang);
  const labels = {
    rank: say(lang, 'rank'),
    unit: say(lang, 'unit'),
    value: say(lang, 'value'),
    median: lang === 'pl' ? 'Mediana' : 'Median',
    position: lang === 'pl' ? 'Pozycja' : 'Position',
  };
  return html`<section aria-labelledby="ranking-h">
    <h2 id="ranking-h">${say(lang, 'ranking')}</h2>
    ${coverageNotice}
    <p class="muted">${detail.direction === 'neutral' ? say(lang, 'neutralNote') : say(lang, 'rankNote')}</p>
    <p>
      ${
        lang === 'pl'
          ? `W rankingu: ${countOf(ranked.length, lang, UNITS_WORD)}${scope ? ` (${scope})` : ''}; mediana: ${median === null ? '—' : withUnit(median, d, detail.measureUnit, lang)}. Pozycja: ćwiartka wśród tych jednostek (najlepsze 25%, środkowe 50%, najsłabsze 25%).`
          : `${countOf(ranked.length, lang, UNITS_WORD)} in the ranking${scope ? ` (${scope})` : ''}; median: ${median === null ? '—' : withUnit(median, d, detail.measureUnit, lang)}. Position: the quarter among these units (best 25%, middle 50%, weakest 25%).`
      }
    </p>
    ${pager(view, lang, pageNo, pages, from, to, ranked.length)}
    <div class="filter-row">
      <label for="ranking-filter"
        >${lang === 'pl' ? 'Filtruj wiersze tej strony po nazwie' : 'Filter the rows of this page by name'}</label
      >
      <input id="ranking-filter" type="search" data-filter-table="ranking" autocomplete="off" />
    </div>
    <div class="table-wrap stacked" tabindex="0" role="region" aria-labelledby="ranking-caption">
      <table class="data stack" id="ranking" data-sortable>
        <caption id="ranking-caption">
          ${caption}
        </caption>
        <thead>
          <tr>
            <th scope="col" class="num">${labels.rank}</th>
            <th scope="col">${labels.unit}</th>
            <th scope="col" class="num">${labels.value} (${unitText(detail.measureUnit, lang)})</th>
            <th scope="col" class="num">${labels.median}</th>
            <th scope="col">${labels.position}</th>
          </tr>
        </thead>
        <tbody>
          ${rows.map(({ item, rank }) => {
            const reason = item.reason ? (REASON_LABELS[item.reason]?.[lang] ?? item.reason) : '';
            const kind = KIND_LABELS[item.unit.kind as UnitKind]?.[lang] ?? item.unit.kind;
            const position = rowPosition(item, rank, detail.direction, positionOf);
            return html`<tr ${item.unit.code === unit?.code ? html`class="current" aria-current="true"` : ''}>
              <td class="num ${rank === null ? 'optional' : ''}" data-label="${labels.rank}">
                <span class="cell">${rank ?? '—'}</span>
              </td>
              <th scope="row">
                <a href="${withLang(`/jst/${item.unit.code}`, lang)}">${item.unit.name}</a>
                <span class="muted kind">${kind}</span>
              </th>
              <td class="num" data-label="${labels.value}" data-sort="${item.value ?? ''}">
                <span class="cell"
                  >${
                    item.value === null
                      ? html`<span class="muted">${reason}</span>`
                      : html`${formatNumber(item.value, d, lang)}${flagMark(item.flag, lang)}`
                  }</span
                >
              </td>
              <td class="num" data-label="${labels.median}"><span class="cell">${medianText}</span></td>
              <td data-label="${labels.position}" class="${position ? '' : 'optional'}">
                <span class="cell"
                  >${
                    position
                      ? html`<span class="pos pos-${position}">${POSITION_LABELS[position]?.[lang]}</span>`
                      : '—'
                  }</span
                >
              </td>
            </tr>`;
          })}
        </tbody>
      </table>
    </div>
    ${flagLegend(
      rows.map((r) => r.item.flag),
      lang,
    )}
    ${pager(view, lang, pageNo, pages, from, to, ranked.length)} ${sourceLine(view, lang)}
  </section>`;
}

/** The URL of the page's state with another ranking page (every other parameter kept). */
export function stateUrl(view: IndicatorView, lang: Lang, extra: Record<string, string> = {}): string {
  const state = new URLSearchParams({ poziom: view.level, rok: String(view.year ?? '') });
  if (view.unit) state.set('jst', view.unit.code);
  if (view.against !== 'group') state.set('porownaj', view.against);
  if (view.woj) state.set('woj', view.woj);
  if (view.onlySet) state.set('zbior', '1');
  if (view.viewLevel === 'advanced') state.set('widok', 'zaawansowany');
  for (const [k, v] of Object.entries(extra)) state.set(k, v);
  return withLang(`/wskaznik/${view.detail.id}?${state.toString()}`, lang);
}

function pager(
  view: IndicatorView,
  lang: Lang,
  pageNo: number | 'all',
  pages: number,
  from: number,
  to: number,
  total: number,
): Html {
  if (pages <= 1) return html``;
  const link = (p: number | 'all', text: string, rel?: string) =>
    html`<a
      href="${stateUrl(view, lang, { strona: p === 'all' ? ALL_PAGES : String(p) })}#ranking-h"
      ${rel ? html`rel="${rel}"` : ''}
      >${text}</a
    >`;
  const label = lang === 'pl' ? 'Strony rankingu' : 'Ranking pages';
  return html`<nav class="pager" aria-label="${label}">
    <span
      >${lang === 'pl' ? `Wiersze ${from}–${to} z ${total}` : `Rows ${from}–${to} of ${total}`}${
        pageNo === 'all'
          ? ''
          : lang === 'pl'
            ? ` (strona ${pageNo} z ${pages})`
            : ` (page ${pageNo} of ${pages})`
      }</span
    >
    ${pageNo !== 'all' && pageNo > 1 ? link(pageNo - 1, lang === 'pl' ? '‹ poprzednia' : '‹ previous', 'prev') : ''}
    ${pageNo !== 'all' && pageNo < pages ? link(pageNo + 1, lang === 'pl' ? 'następna ›' : 'next ›', 'next') : ''}
    ${
      pageNo === 'all'
        ? link(1, lang === 'pl' ? 'po 100 na stronie' : '100 per page')
        : link(
            'all',
            lang === 'pl' ? `wszystkie ${total} (dłużej się wczytuje)` : `all ${total} (slower to load)`,
          )
    }
  </nav>`;
}
