/**
 * `/wskaznik/{id}`: one indicator for every unit of a level. Its definition, formula and sources; a
 * choropleth of the level; a ranking table (sortable and filterable in the browser; filtered by
 * voivodeship or the chosen unit's reference set through the URL); the distribution with the unit marked;
 * the unit's time series against its set's median and quartiles. Downloads, a permalink and embed codes
 * for each chart.
 */
import { polishOnly, sourceText } from '../source-text.js';
import { unitText } from '../measure-unit.js';
import { apiOk } from '../api-client.js';
import type { Lang } from '../format.js';
import { html, type Html } from '../html.js';
import { page, withLang } from '../layout.js';
import { mapLayer } from '../map-layers.js';
import { PageError, type PageContext } from '../page-error.js';
import { distributionFigure, mapFigure, mapSvg, seriesFigure } from './indicator-figures.js';
import { DIMENSION_LABELS, DIRECTION_LABELS, INDICATOR_TEXT, LEVEL_LABELS } from './indicator-text.js';
import { loadIndicatorView, type IndicatorView } from './indicator-view.js';
import { parsePage, ranking, type Voivodeship } from './indicator-ranking.js';
import { urlInView, viewField, viewSwitch } from '../view-level.js';
import { AGAINST_OPTIONS } from './unit-text.js';

const say = (lang: Lang, key: keyof typeof INDICATOR_TEXT): string => INDICATOR_TEXT[key][lang];

/** What public sources say about a BDL input (bdl-ids-evidence.tsv): confirmed there, or another id in use. */
function evidenceNote(
  lang: Lang,
  evidence: IndicatorView['detail']['inputs'][number]['evidence'],
): Html | '' {
  if (!evidence) return '';
  const parts: Html[] = [];
  if (evidence.verdict === 'confirmed' || evidence.verdict === 'confirmed-weak') {
    // The label found in the source is the source's own (Polish) words.
    const found = evidence.found ? html`„${polishOnly(evidence.found, lang)}”` : evidence.verdictText;
    const weak = evidence.verdict === 'confirmed-weak' ? `; ${say(lang, 'nameOnly')}` : '';
    parts.push(html`${say(lang, 'publicSource')} (${found}${weak})`);
  }
  if (evidence.competingId) parts.push(html`${say(lang, 'competingId')}: ${evidence.competingId}`);
  return parts.length > 0
    ? html` <span class="muted">(${parts.map((p, i) => (i === 0 ? p : html`; ${p}`))})</span>`
    : '';
}

export async function indicatorPage(context: PageContext): Promise<string> {
  const { app, lang, url, origin } = context;
  const rankingPage = parsePage(context.query.strona);
  const view = await loadIndicatorView(context);
  const [layer, voivodeships] = await Promise.all([
    view.data ? mapLayer(app, view.level) : Promise.resolve(null),
    apiOk<{ items: Voivodeship[] }>(app, '/api/v1/units?level=wojewodztwo&pageSize=50'),
  ]);
  const { detail } = view;
  const body = html`<p class="muted">
      ${say(lang, 'area')}: ${detail.area.name[lang]} · ${say(lang, 'service')}: ${detail.service.name[lang]}
    </p>
    <h1>${detail.name[lang]}</h1>
    ${viewSwitch(lang, url, view.viewLevel)} ${definition(view, lang)}
    ${controls(view, lang, voivodeships.items)}
    ${
      view.data
        ? html`${mapFigure(view, lang, layer, 2, mapUrl(view, lang))}
          ${ranking(view, lang, voivodeships.items, rankingPage, coverageNotice(view, lang, voivodeships.items))}
          ${distributionFigure(view, lang)} ${seriesFigure(view, lang)} ${downloads(view, lang, url, origin)}`
        : missing(view, lang, url)
    }`;
  return page({ lang, title: detail.name[lang], url, body });
}

/**
 * The map's own URL: the page's state plus the release, so a browser may keep it for a day (a new release
 * is a new URL) and the page's HTML does not carry ~470 KB of gminy shapes.
 */
function mapUrl(view: IndicatorView, lang: Lang): string {
  const state = new URLSearchParams({ poziom: view.level, rok: String(view.year ?? '') });
  if (view.unit) state.set('jst', view.unit.code);
  if (view.against !== 'group') state.set('porownaj', view.against);
  if (view.woj) state.set('woj', view.woj);
  if (view.onlySet) state.set('zbior', '1');
  state.set('wydanie', String(view.data?.release ?? ''));
  return withLang(`/wskaznik/${view.detail.id}/mapa.svg?${state.toString()}`, lang);
}

/** The ranking's CSV: the same state as the page, so the file has the rows and columns on the screen. */
function rankingCsvUrl(view: IndicatorView, lang: Lang): string {
  return mapUrl(view, lang).replace('/mapa.svg?', '/ranking.csv?');
}

/** `/wskaznik/{id}/mapa.svg`: the indicator page's map as a standalone SVG file. */
export async function indicatorMapSvg(context: PageContext): Promise<string> {
  const view = await loadIndicatorView(context);
  const layer = view.data ? await mapLayer(context.app, view.level) : null;
  if (!layer) {
    throw new PageError(404, {
      pl: `Brak mapy wskaźnika ${view.detail.id} dla tego szczebla i roku.`,
      en: `No map of ${view.detail.id} for this level and year.`,
    });
  }
  return mapSvg(view, context.lang, layer);
}

function definition(view: IndicatorView, lang: Lang): Html {
  const { detail } = view;
  return html`<dl class="facts">
      <div>
        <dt>${say(lang, 'measureUnit')}</dt>
        <dd>${unitText(detail.measureUnit, lang)}</dd>
      </div>
      <div>
        <dt>${say(lang, 'dimension')}</dt>
        <dd>${DIMENSION_LABELS[detail.dimension]?.[lang] ?? detail.dimension}</dd>
      </div>
      <div>
        <dt>${say(lang, 'direction')}</dt>
        <dd>${DIRECTION_LABELS[detail.direction]?.[lang] ?? detail.direction}</dd>
      </div>
    </dl>
    <details class="definition" open>
      <summary>
        ${say(lang, 'definition')}, ${say(lang, 'formula').toLowerCase()},
        ${say(lang, 'sources').toLowerCase()}
      </summary>
      <p>${detail.definition[lang]}</p>
      ${
        // The formula and the input variables are codes: the advanced view's.
        view.viewLevel === 'advanced'
          ? html`<p><strong>${say(lang, 'formula')}:</strong> <code>${detail.formula}</code></p>`
          : ''
      }
      ${
        view.viewLevel === 'advanced' && detail.inputs.length > 0
          ? html`<p><strong>${say(lang, 'inputs')}:</strong></p>
              <ul>
                ${detail.inputs.map(
                  (i) =>
                    html`<li>
                      <code>${i.id}</code> —
                      ${polishOnly(`${i.name}${i.measureUnit ? ` (${i.measureUnit})` : ''}`, lang)}${
                        i.verified ? '' : html` <span class="muted">(${say(lang, 'unverified')})</span>`
                      }${evidenceNote(lang, i.evidence)}
                    </li>`,
                )}
              </ul>`
          : ''
      }
      <p><strong>${say(lang, 'sources')}:</strong></p>
      <ul>
        ${detail.sources.map(
          (s) =>
            html`<li>
              ${s.url ? html`<a href="${s.url}">${sourceText(s.name, lang)}</a>` : sourceText(s.name, lang)}.
              ${sourceText(s.citation, lang)}
              <span class="muted">(${sourceText(s.licence, lang)})</span>
            </li>`,
        )}
      </ul>
      ${
        (detail.notes[lang] ?? detail.notes.pl)
          ? html`<p><strong>${say(lang, 'notes')}:</strong> ${detail.notes[lang] ?? detail.notes.pl}</p>`
          : ''
      }
    </details>`;
}

function controls(view: IndicatorView, lang: Lang, voivodeships: readonly Voivodeship[]): Html {
  if (!view.data) return html``;
  const id = view.detail.id;
  const selected = (yes: boolean) => (yes ? 'selected' : '');
  return html`<form class="controls" method="get" action="${withLang(`/wskaznik/${id}`, lang)}">
    ${
      view.levels.length > 1
        ? html`<div>
            <label for="poziom">${say(lang, 'level')}</label>
            <select id="poziom" name="poziom">
              ${view.levels.map(
                (l) =>
                  html`<option value="${l}" ${selected(l === view.level)}>
                    ${LEVEL_LABELS[l]?.[lang] ?? l}
                  </option>`,
              )}
            </select>
          </div>`
        : html`<input type="hidden" name="poziom" value="${view.level}" />`
    }
    <div>
      <label for="rok">${say(lang, 'year')}</label>
      <select id="rok" name="rok">
        ${[...view.years].reverse().map((y) => html`<option value="${y}" ${selected(y === view.year)}>${y}</option>`)}
      </select>
    </div>
    <div>
      <label for="jst">${say(lang, 'unitCode')}</label>
      <input
        id="jst"
        name="jst"
        inputmode="numeric"
        pattern="[0-9]{2}([0-9]{2}([0-9]{3})?)?"
        value="${view.unit?.code ?? ''}"
        aria-describedby="jst-hint"
        size="9"
      />
      <span id="jst-hint" class="hint">${say(lang, 'unitHint')}</span>
    </div>
    <div>
      <label for="porownaj">${say(lang, 'against')}</label>
      <select id="porownaj" name="porownaj">
        ${AGAINST_OPTIONS.map(
          ([value, label]) =>
            html`<option value="${value}" ${selected(value === view.against)}>${label[lang]}</option>`,
        )}
        ${view.against.startsWith('set:') ? html`<option value="${view.against}" selected>${view.against}</option>` : ''}
      </select>
    </div>
    <div>
      <label for="woj">${say(lang, 'voivodeship')}</label>
      <select id="woj" name="woj">
        <option value="" ${selected(view.woj === null)}>${say(lang, 'allVoivodeships')}</option>
        ${voivodeships.map(
          (v) => html`<option value="${v.code}" ${selected(v.code === view.woj)}>${v.name}</option>`,
        )}
      </select>
    </div>
    <div class="check">
      <input type="checkbox" id="zbior" name="zbior" value="1" ${view.onlySet ? 'checked' : ''} />
      <label for="zbior">${say(lang, 'onlySet')}</label>
    </div>
    ${viewField(view.viewLevel)}
    <button type="submit">${say(lang, 'show')}</button>
  </form>`;
}

/** A source that covers only some voivodeships says so, with its counts, above the ranking. */
function coverageNotice(view: IndicatorView, lang: Lang, voivodeships: readonly Voivodeship[]): Html {
  const coverage = view.data?.coverage.find((c) => c.year === view.year);
  if (!coverage || coverage.complete) return html``;
  const names = coverage.voivodeships.map((code) => voivodeships.find((v) => v.code === code)?.name ?? code);
  const level = LEVEL_LABELS[view.level]?.[lang] ?? view.level;
  return html`<p class="notice">
    ${
      lang === 'pl'
        ? `Źródło tego wskaźnika obejmuje w ${view.year} r. tylko: ${names.join(', ')} — ${coverage.units} z ${coverage.of} jednostek (${level}). Ranking, mapa i statystyki obejmują tylko te jednostki; pozostałe mają „brak danych w tym źródle”.`
        : `In ${view.year} the source of this indicator covers only: ${names.join(', ')} — ${coverage.units} of ${coverage.of} units (${level}). The ranking, map and statistics cover only these units; the others have "no data in this source".`
    }
  </p>`;
}

function downloads(view: IndicatorView, lang: Lang, url: string, origin: string): Html {
  const { detail, level, year, unit } = view;
  const api = `/api/v1/indicators/${detail.id}/data?level=${level}&year=${year}&lang=${lang}`;
  const span = view.years.length > 1 ? `${view.years[0]}-${view.years[view.years.length - 1]}` : String(year);
  const state = new URLSearchParams({ poziom: level, rok: String(year ?? '') });
  if (unit) state.set('jst', unit.code);
  if (view.against !== 'group') state.set('porownaj', view.against);
  const embedOf = (kind: string) =>
    `<iframe src="${origin}${withLang(`/osadz/${kind}/${detail.id}?${state.toString()}`, lang)}" title="${detail.name[lang].replace(/"/g, '&quot;')}" width="680" height="${kind === 'mapa' ? 760 : 520}" loading="lazy"></iframe>`;
  const embeds: Array<[string, string]> = [
    ['mapa', say(lang, 'map')],
    ['rozklad', say(lang, 'distribution')],
    ...(unit ? ([['szereg', say(lang, 'timeSeries')]] as Array<[string, string]>) : []),
  ];
  return html`<section aria-labelledby="pobierz-h" class="downloads-section">
    <h2 id="pobierz-h">${say(lang, 'download')}</h2>
    <p class="downloads">
      <a class="button" href="${rankingCsvUrl(view, lang)}" download
        >${lang === 'pl' ? 'Ranking jak na ekranie (CSV)' : 'The ranking as shown (CSV)'}</a
      >
      <a class="button secondary" href="${`${api}&format=csv&sep=semicolon&decimal=comma`}" download
        >${say(lang, 'rankingCsv')}</a
      >
      <a class="button secondary" href="${`${api}&format=xlsx`}" download>${say(lang, 'rankingXlsx')}</a>
      <a
        href="${`/api/v1/indicators/${detail.id}/data?level=${level}&years=${span}&lang=${lang}&format=csv&sep=semicolon&decimal=comma`}"
        >${say(lang, 'allYearsCsv')}</a
      >
      ${
        unit
          ? html`<a
              href="${`/api/v1/units/${unit.code}/data?indicators=${detail.id}&lang=${lang}&format=csv&sep=semicolon&decimal=comma`}"
              >${say(lang, 'seriesCsv')}</a
            >`
          : ''
      }
      <a href="${api}">${say(lang, 'json')}</a>
      <a href="${withLang(url, lang)}">${say(lang, 'permalink')}</a>
    </p>
    <h3>${say(lang, 'embed')}</h3>
    ${embeds.map(
      ([kind, label]) =>
        html`<div class="embed-code">
          <label for="osadz-${kind}">${label}</label>
          <textarea id="osadz-${kind}" readonly rows="3">${embedOf(kind)}</textarea>
          <button type="button" class="secondary" data-copy-target="osadz-${kind}">
            ${say(lang, 'copy')}<span class="visually-hidden">: ${label}</span>
          </button>
        </div>`,
    )}
  </section>`;
}

function missing(view: IndicatorView, lang: Lang, url: string): Html {
  const { availability } = view.detail;
  if (view.viewLevel === 'basic') {
    // For residents: what is missing in words, no variable codes or commands (those are for analysts).
    return html`<section aria-labelledby="brak-h">
      <h2 id="brak-h">${lang === 'pl' ? 'Brak danych' : 'No data'}</h2>
      <p class="notice">
        ${
          lang === 'pl'
            ? 'To wydanie nie zawiera jeszcze wartości tego wskaźnika: jego dane źródłowe nie zostały wczytane.'
            : 'This release has no values of this indicator yet: its source data have not been loaded.'
        }
        <a href="${withLang(urlInView(url, 'advanced'), lang)}"
          >${lang === 'pl' ? 'Szczegóły dla analityków' : 'Details for analysts'}</a
        >.
      </p>
    </section>`;
  }
  return html`<section aria-labelledby="brak-h">
    <h2 id="brak-h">${say(lang, 'toLoad')}</h2>
    <p class="notice">${availability.message?.[lang] ?? say(lang, 'noData')}</p>
    ${
      availability.missingInputs.length > 0
        ? html`<ul>
            ${availability.missingInputs.map(
              (m) =>
                html`<li>
                  <code>${m.variable}</code> — ${m.name}: ${m.message[lang]}
                  ${m.command ? html`<br /><code>${m.command}</code>` : ''}
                </li>`,
            )}
          </ul>`
        : ''
    }
  </section>`;
}
