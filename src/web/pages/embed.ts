/**
 * Charts on a bare page for an <iframe>, each with its caption, source, the numbers as a table and a link
 * back to the full view: `/osadz/{mapa|rozklad|szereg}/{id}?…` (one chart of the indicator page, same URL
 * state: `poziom`, `rok`, `jst`, `porownaj`), `/osadz/profil/{teryt}?porownaj=&rok=` (a unit's tables) and
 * `/osadz/porownanie?jst=…&wsk=…` (the compare page's charts).
 */
import type { Static } from '@sinclair/typebox';
import type { IndicatorList } from '../../api/schemas/indicators.js';
import { apiOk } from '../api-client.js';
import { html } from '../html.js';
import { page, withLang } from '../layout.js';
import { mapLayer } from '../map-layers.js';
import { PageError, type PageContext } from '../page-error.js';
import { COMPARE_TEXT } from './compare-text.js';
import { loadComparison } from './compare-data.js';
import { compareFigure } from './compare-figure.js';
import { parseCompareState, stateQuery } from './compare-state.js';
import { distributionFigure, mapFigure, seriesFigure } from './indicator-figures.js';
import { loadIndicatorView } from './indicator-view.js';
import { unitPage } from './unit.js';

const KINDS = ['mapa', 'rozklad', 'szereg', 'profil'] as const;

export async function embedPage(context: PageContext): Promise<string> {
  const { app, lang, params, url } = context;
  const kind = params.kind ?? '';
  if (!(KINDS as readonly string[]).includes(kind)) {
    throw new PageError(404, {
      pl: `Nie ma wykresu „${kind}” do osadzenia; są: ${KINDS.join(', ')}.`,
      en: `There is no chart "${kind}" to embed; there are: ${KINDS.join(', ')}.`,
    });
  }
  // A unit's profile tables (`/osadz/profil/{teryt}?porownaj=&rok=`): the unit page without its chrome.
  if (kind === 'profil') return unitPage({ ...context, params: { teryt: params.id ?? '' } }, { embed: true });
  const view = await loadIndicatorView(context);
  if (!view.data) {
    throw new PageError(404, {
      pl: `Wydanie nie ma wartości wskaźnika ${view.detail.id}.`,
      en: `The release has no values of ${view.detail.id}.`,
    });
  }
  const figure =
    kind === 'mapa'
      ? mapFigure(view, lang, await mapLayer(app, view.level), 1)
      : kind === 'rozklad'
        ? distributionFigure(view, lang, 1)
        : seriesFigure(view, lang, 1);
  const full = url.replace(/^\/osadz\/[a-z]+\//, '/wskaznik/');
  const body = html`${figure}
    <p class="embed-link">
      <a href="${withLang(full, lang)}" target="_top"
        >${lang === 'pl' ? 'Pełny widok w SMUP' : 'Full view in SMUP'}: ${view.detail.name[lang]}</a
      >
    </p>`;
  return page({ lang, title: view.detail.name[lang], url, body, bare: true });
}

export async function compareEmbedPage(context: PageContext): Promise<string> {
  const { app, lang, url } = context;
  const state = parseCompareState(context);
  if (state.units.length === 0) {
    throw new PageError(400, {
      pl: 'Parametr „jst”: podaj co najmniej jedną jednostkę (kod TERYT).',
      en: 'Parameter "jst": give at least one unit (TERYT code).',
    });
  }
  const catalogue = await apiOk<Static<typeof IndicatorList>>(app, '/api/v1/indicators');
  const comparison = await loadComparison(app, state, catalogue.items);
  const names = comparison.units.map((u) => u.label).join(', ');
  const title = `${lang === 'pl' ? 'Porównanie' : 'Comparison'}: ${names}`;
  const body = html`<h1>${title}</h1>
    ${comparison.indicators.map((i) => compareFigure(lang, comparison, i.id, 'osadz'))}
    <p class="source">
      ${COMPARE_TEXT.source[lang]}: ${COMPARE_TEXT.sourceText[lang]} ${comparison.release ?? '—'}.
    </p>
    <p class="embed-link">
      <a href="${withLang(`/porownaj?${stateQuery(state)}`, lang)}" target="_top"
        >${lang === 'pl' ? 'Pełny widok w SMUP' : 'Full view in SMUP'}: ${title}</a
      >
    </p>`;
  return page({ lang, title, url, body, bare: true });
}
