/**
 * The compare page's figure (reused by the embed page): per indicator a bar chart and a trend of the same
 * numbers, and the table (rows: indicators, columns: units) with the compared units' median and ranks.
 */
import { unitFor, unitText, withUnit } from '../measure-unit.js';
import { barChart, trendChart, type Bar } from '../charts/bars.js';
import { formatNumber, type Lang } from '../format.js';
import { flagLegend, flagMark } from '../flag-legend.js';
import { html, type Html } from '../html.js';
import { REASON_LABELS } from '../i18n.js';
import { withLang } from '../layout.js';
import { COMPARE_TEXT, LEVEL_LABELS } from './compare-text.js';
import { compareRowStats, type RowStats } from '../../domain/benchmark/compare-stats.js';
import { yearsText, type Cell, type CompareState, type IndicatorRef } from './compare-state.js';
import type { ComparedUnit, Comparison } from './compare-data.js';

const say = (lang: Lang, key: keyof typeof COMPARE_TEXT): string => COMPARE_TEXT[key][lang];

/** "gmina miejska (gmina)", but "województwo" once. */
export function levelOf(lang: Lang, unit: ComparedUnit): string {
  const level = LEVEL_LABELS[unit.level]?.[lang] ?? unit.level;
  return unit.kindLabel[lang] === level ? level : `${unit.kindLabel[lang]} (${level})`;
}

export const slug = (id: string): string => id.replace(/[^a-z0-9]+/g, '-');

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

export function comparisonTable(lang: Lang, comparison: Comparison, state: CompareState): Html {
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
