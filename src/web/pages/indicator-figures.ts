/**
 * The indicator page's three charts — map, distribution, time series — each a <figure> with a caption that
 * says what, where, when and from which source, and the chart's numbers as a table. The same figures are
 * the embeddable charts of `/osadz/{mapa,rozklad,szereg}/{id}`.
 */
import { sourceText } from '../source-text.js';
import { unitText, withUnit } from '../measure-unit.js';
import { isExcludedFromStatistics } from '../../domain/observations/flags.js';
import { choropleth, mapLegend, quantileClasses } from '../charts/map.js';
import { histogram, histogramBins } from '../charts/histogram.js';
import { timeSeries } from '../charts/time-series.js';
import { countOf, formatNumber, UNITS_WORD, type Lang } from '../format.js';
import { html, type Html } from '../html.js';
import type { MapLayer } from '../map-layers.js';
import { INDICATOR_TEXT, LEVEL_LABELS } from './indicator-text.js';
import { shownItems, type IndicatorView } from './indicator-view.js';

const say = (lang: Lang, key: keyof typeof INDICATOR_TEXT): string => INDICATOR_TEXT[key][lang];

/** "Source: … (release N)" under every figure. */
export function sourceLine(view: IndicatorView, lang: Lang): Html {
  const release = view.data?.release ?? view.detail.availability.release;
  return html`<p class="source">
    ${say(lang, 'source')}:
    ${sourceText(view.data?.indicator.citation ?? view.detail.sources.map((s) => s.name).join('; '), lang)}${
      release ? html`; ${say(lang, 'release')} ${release}` : ''
    }.
  </p>`;
}

function titleOf(view: IndicatorView, lang: Lang, what: string): string {
  const { detail, level, year } = view;
  return `${detail.name[lang]} — ${what}, ${LEVEL_LABELS[level]?.[lang] ?? level}, ${year ?? ''} (${unitText(detail.measureUnit, lang)})`;
}

/** What the map shows: the values of the units the ranking shows, their classes, and which are suspect. */
function mapState(view: IndicatorView) {
  const items = shownItems(view);
  const filtered = view.woj !== null || view.onlySet;
  const values = new Map(items.map((i) => [i.unit.code, i.value]));
  // A suspect value (a plausibility rule broken) is shown on its shape but left out of the classes.
  const excluded = new Set(
    items
      .filter((i) => i.value !== null && isExcludedFromStatistics(i.flag?.id ?? null))
      .map((i) => i.unit.code),
  );
  const known = items.flatMap((i) => (i.value === null || excluded.has(i.unit.code) ? [] : [i.value]));
  return {
    values,
    excluded,
    known,
    classes: quantileClasses(known),
    only: filtered ? new Set(items.map((i) => i.unit.code)) : undefined,
    missing: items.length - known.length - excluded.size,
  };
}

/** A voivodeship's shapes only when the ranking is filtered to it (the view is cropped to them anyway). */
function geometryOf(view: IndicatorView, layer: MapLayer): MapLayer['geometry'] {
  const { woj } = view;
  if (woj === null) return layer.geometry;
  return { ...layer.geometry, shapes: layer.geometry.shapes.filter((s) => s.code.startsWith(woj)) };
}

/** The map alone, as a standalone SVG file (`/wskaznik/{id}/mapa.svg?…`), for an <img> the browser caches. */
export function mapSvg(view: IndicatorView, lang: Lang, layer: MapLayer): string {
  const state = mapState(view);
  const caption = titleOf(view, lang, say(lang, 'map'));
  return choropleth({
    geometry: geometryOf(view, layer),
    values: state.values,
    classes: state.classes,
    lang,
    decimals: view.detail.decimals,
    measureUnit: view.detail.measureUnit,
    highlight: view.unit?.code,
    excluded: state.excluded,
    only: state.only,
    label: `${caption}. ${say(lang, 'mapLabel')}`,
    standalone: true,
  }).text;
}

/**
 * The map figure. With `src`, the map itself is an <img> of that URL (a separate, cached file: the gminy
 * map is ~470 KB of SVG that would otherwise be in every page's HTML); without, the SVG is inline (the
 * embeddable map, one file for an iframe).
 */
export function mapFigure(
  view: IndicatorView,
  lang: Lang,
  layer: MapLayer | null,
  headingLevel = 2,
  src?: string,
): Html {
  const { detail, data } = view;
  if (!data) return html``;
  const state = mapState(view);
  const caption = titleOf(view, lang, say(lang, 'map'));
  const heading =
    headingLevel === 1 ? html`<h1 id="mapa-h">${caption}</h1>` : html`<h2 id="mapa-h">${caption}</h2>`;
  if (!layer) {
    return html`<section aria-labelledby="mapa-h">
      ${heading}
      <p class="notice">
        ${
          lang === 'pl'
            ? 'Warstwa granic tego szczebla nie jest dostępna; wartości są w rankingu.'
            : 'The boundary layer of this level is not available; the values are in the ranking.'
        }
      </p>
    </section>`;
  }
  const label = `${caption}. ${say(lang, 'mapLabel')}`;
  const withoutBoundary = layer.withoutBoundary.filter((w) => !state.only || state.only.has(w.unit.code));
  return html`<section aria-labelledby="mapa-h">
    ${heading}
    <figure class="map">
      ${
        src
          ? html`<img class="choropleth" src="${src}" alt="${label}" width="${layer.geometry.width}" />`
          : choropleth({
              geometry: geometryOf(view, layer),
              values: state.values,
              classes: state.classes,
              lang,
              decimals: detail.decimals,
              measureUnit: detail.measureUnit,
              highlight: view.unit?.code,
              excluded: state.excluded,
              only: state.only,
              label,
            })
      }
      <figcaption>
        ${mapLegend(state.classes, state.missing, lang, detail.decimals, detail.measureUnit, state.excluded.size)}
        ${view.unit ? html`<p><strong>${view.unit.name}</strong>: ${say(lang, 'highlighted')}.</p>` : ''}
        <p class="muted">${say(lang, 'mapNote')}</p>
        ${
          withoutBoundary.length > 0
            ? html`<p class="muted">
                ${say(lang, 'withoutBoundary')}:
                ${withoutBoundary.map((w, i) => html`${i > 0 ? ', ' : ''}${w.unit.name} (${w.unit.code})`)}.
              </p>`
            : ''
        }
        ${sourceLine(view, lang)}
      </figcaption>
    </figure>
  </section>`;
}

export function distributionFigure(view: IndicatorView, lang: Lang, headingLevel = 2): Html {
  const { detail, data, distribution, unit } = view;
  if (!data) return html``;
  // The histogram follows the ranking's filter: a voivodeship's units, the set, or the chosen unit's set.
  const members = view.woj !== null ? shownItems(view) : distribution ? distribution.members : data.items;
  const values = members.flatMap((m) => (m.value === null ? [] : [m.value]));
  const bins = histogramBins(values);
  const bySet = distribution !== null && view.woj === null;
  const setLabel = bySet
    ? distribution.set.label[lang]
    : `${LEVEL_LABELS[view.level]?.[lang] ?? ''}${view.woj ? (lang === 'pl' ? ` (województwo ${view.woj})` : ` (voivodeship ${view.woj})`) : ''}`;
  const median = bySet ? distribution.statistics.median : medianOf(values);
  const caption = `${titleOf(view, lang, say(lang, 'distribution'))}: ${setLabel}`;
  const heading =
    headingLevel === 1 ? html`<h1 id="rozklad-h">${caption}</h1>` : html`<h2 id="rozklad-h">${caption}</h2>`;
  const n = (v: number) => formatNumber(v, detail.decimals, lang);
  const unitValue = distribution?.value ?? null;
  return html`<section aria-labelledby="rozklad-h">
    ${heading}
    <figure class="chart wide" tabindex="0">
      ${histogram({
        bins,
        lang,
        decimals: detail.decimals,
        // The axis title: in the page's language (the catalogue writes units in Polish).
        measureUnit: unitText(detail.measureUnit, lang),
        median,
        marker: unit && unitValue !== null ? { label: unit.name, value: unitValue } : undefined,
        label: `${caption}. ${countOf(values.length, lang, UNITS_WORD)} ${say(lang, 'unitsWithData')}${median !== null ? `; ${say(lang, 'median')} ${withUnit(median, detail.decimals, detail.measureUnit, lang)}` : ''}${unit && unitValue !== null ? `; ${unit.name}: ${withUnit(unitValue, detail.decimals, detail.measureUnit, lang)}` : ''}.`,
        medianLabel: say(lang, 'median'),
      })}
      <figcaption>
        <p>
          ${countOf(values.length, lang, UNITS_WORD)} ${say(lang, 'unitsWithData')} ${say(lang, 'of')}
          ${members.length}${
            median !== null
              ? html`; ${say(lang, 'median')} ${withUnit(median, detail.decimals, detail.measureUnit, lang)}`
              : ''
          }${
            distribution?.position && unit
              ? html`; ${unit.name}: ${say(lang, 'rank').toLowerCase()} ${distribution.position.rank}
                ${say(lang, 'of')} ${distribution.position.rankedCount}`
              : ''
          }.
        </p>
        ${sourceLine(view, lang)}
      </figcaption>
    </figure>
    <details>
      <summary>${say(lang, 'table')}</summary>
      <table class="data">
        <caption>
          ${caption}
        </caption>
        <thead>
          <tr>
            <th scope="col">${say(lang, 'bins')} (${unitText(detail.measureUnit, lang)})</th>
            <th scope="col" class="num">${say(lang, 'count')}</th>
          </tr>
        </thead>
        <tbody>
          ${bins.map(
            (b) =>
              html`<tr>
                <td>${n(b.from)} – ${n(b.to)}</td>
                <td class="num">${b.count}</td>
              </tr>`,
          )}
        </tbody>
      </table>
    </details>
  </section>`;
}

function medianOf(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2
    ? (sorted[mid] as number)
    : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

export function seriesFigure(view: IndicatorView, lang: Lang, headingLevel = 2): Html {
  const { detail, unit, series, distribution } = view;
  const title = `${detail.name[lang]} — ${say(lang, 'timeSeries')} (${unitText(detail.measureUnit, lang)})`;
  const heading =
    headingLevel === 1 ? html`<h1 id="szereg-h">${title}</h1>` : html`<h2 id="szereg-h">${title}</h2>`;
  if (!unit || series.length === 0) {
    return html`<section aria-labelledby="szereg-h">
      ${heading}
      <p>${say(lang, 'chooseUnit')}</p>
    </section>`;
  }
  const n = (v: number | null) => formatNumber(v, detail.decimals, lang);
  const hasReference = series.some((p) => p.reference !== undefined);
  const setLabel = distribution?.set.label[lang] ?? '';
  const caption = `${unit.name}: ${detail.name[lang]}, ${series[0]?.year}–${series[series.length - 1]?.year}, ${say(lang, 'set').toLowerCase()}: ${setLabel}`;
  return html`<section aria-labelledby="szereg-h">
    ${heading}
    <figure class="chart wide" tabindex="0">
      ${timeSeries({
        points: series,
        lang,
        decimals: detail.decimals,
        unitLabel: unit.name,
        medianLabel: say(lang, 'median'),
        referenceLabel: lang === 'pl' ? 'Polska' : 'Poland',
        label: `${caption}. ${lang === 'pl' ? 'Linia ciągła: jednostka; przerywana: mediana zbioru; pas: Q1–Q3 zbioru' : 'Solid line: the unit; dashed: the set’s median; band: the set’s Q1–Q3'}${hasReference ? (lang === 'pl' ? '; kropkowana: Polska.' : '; dotted: Poland.') : '.'}`,
      })}
      <figcaption>
        <p>
          ${caption}.
          ${
            lang === 'pl'
              ? 'Linia ciągła z kropkami: jednostka; linia przerywana: mediana zbioru; pas: od Q1 do Q3 zbioru.'
              : 'Solid line with dots: the unit; dashed line: the set’s median; band: the set’s Q1 to Q3.'
          }
          ${
            hasReference
              ? lang === 'pl'
                ? 'Linia kropkowana: Polska (punkt odniesienia).'
                : 'Dotted line: Poland (the reference).'
              : ''
          }
        </p>
        ${sourceLine(view, lang)}
      </figcaption>
    </figure>
    <div class="table-wrap" tabindex="0" role="region" aria-labelledby="szereg-t">
      <table class="data">
        <caption id="szereg-t">
          ${caption} (${unitText(detail.measureUnit, lang)})
        </caption>
        <thead>
          <tr>
            <th scope="col">${say(lang, 'year')}</th>
            <th scope="col" class="num">${unit.name}</th>
            <th scope="col" class="num">${say(lang, 'medianOfSet')}</th>
            <th scope="col" class="num">Q1</th>
            <th scope="col" class="num">Q3</th>
            ${hasReference ? html`<th scope="col" class="num">${lang === 'pl' ? 'Polska' : 'Poland'}</th>` : ''}
          </tr>
        </thead>
        <tbody>
          ${series.map(
            (p) =>
              html`<tr>
                <th scope="row">${p.year}</th>
                <td class="num">${n(p.value)}</td>
                <td class="num">${n(p.median)}</td>
                <td class="num">${n(p.q1)}</td>
                <td class="num">${n(p.q3)}</td>
                ${hasReference ? html`<td class="num">${n(p.reference ?? null)}</td>` : ''}
              </tr>`,
          )}
        </tbody>
      </table>
    </div>
  </section>`;
}
