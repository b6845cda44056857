/**
 * `/porownaj`: up to 10 units (of any levels) side by side on chosen indicators. Everything is in the URL —
 * `jst` (TERYT codes), `wsk` (indicator ids; default: every indicator with data for the units' levels) and
 * `lata` (a year or a range; default: the latest year with data in the table, every year in the trends) —
 * so a view is a permalink, and units are added and removed with plain links (no JavaScript needed). The
 * view is a table (rows: indicators, columns: units) and, per indicator, a bar chart and a trend of the
 * same numbers, with downloads of exactly these cells from GET /api/v1/compare and an embed code.
 */
// Over 400 lines: the compare page, its figure (reused by the embed page) and its picker form; to be split by those three (issue 19).
import { compareReportLinks } from './report-form.js';
import type { Static } from '@sinclair/typebox';
import type { AreaList, IndicatorList } from '../../api/schemas/indicators.js';
import type { UnitList } from '../../api/schemas/units.js';
import { apiOk } from '../api-client.js';
import type { Lang } from '../format.js';
import { html, type Html } from '../html.js';
import { page, withLang } from '../layout.js';
import type { PageContext } from '../page-error.js';
import { COMPARE_TEXT } from './compare-text.js';
import { accountView, compareSaveBlock } from './save-controls.js';
import { parseCompareState, stateQuery, yearsText, type CompareState } from './compare-state.js';
import { loadComparison, type ComparedUnit } from './compare-data.js';
import { compareFigure, comparisonTable, levelOf } from './compare-figure.js';
import { picker } from './compare-picker.js';

const say = (lang: Lang, key: keyof typeof COMPARE_TEXT): string => COMPARE_TEXT[key][lang];

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
