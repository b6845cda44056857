/** `/`: search any unit as you type (without JS: the form's results), the service areas, the release. */
import type { Static } from '@sinclair/typebox';
import type { IndicatorList } from '../../api/schemas/indicators.js';
import type { ReleaseItem } from '../../api/schemas/data.js';
import { apiOk } from '../api-client.js';
import { countOf, formatNumber, type CountForms } from '../format.js';
import { html } from '../html.js';
import { t } from '../i18n.js';
import { page, withLang } from '../layout.js';
import type { PageContext } from '../page-error.js';
import { searchUnits } from '../unit-search.js';
import { parseViewLevel, urlInView, viewSwitch } from '../view-level.js';

interface Area {
  id: string;
  name: { pl: string; en: string };
  services: Array<{ id: string; name: { pl: string; en: string }; indicators: string[] }>;
}

// Over 80 lines: the page's sections in reading order, one template over one set of API answers; not yet split by section (issue 19).
export async function homePage({ app, lang, query, url }: PageContext): Promise<string> {
  const q = query.q?.trim() ?? '';
  // Basic view: only indicators with data in the release; the advanced view lists every one (issue 17).
  const view = parseViewLevel(query.widok);
  const [areas, indicators, releases, results] = await Promise.all([
    apiOk<{ items: Area[] }>(app, '/api/v1/areas'),
    apiOk<Static<typeof IndicatorList>>(app, '/api/v1/indicators'),
    apiOk<{ live: number | null; items: Array<Static<typeof ReleaseItem>> }>(app, '/api/v1/releases'),
    q.length > 0 ? searchUnits(app, q, 20) : null,
  ]);
  const byId = new Map(indicators.items.map((i) => [i.id, i]));
  const live = releases.items.find((r) => r.id === releases.live);
  const withData = indicators.items.filter((i) => i.available).length;
  const body = html`<h1>${t(lang, 'siteName')}</h1>
    <p class="lead">${t(lang, 'intro')}</p>
    <form class="search" role="search" action="${withLang('/', lang)}" method="get" data-live-search>
      <label for="q">${t(lang, 'searchLabel')}</label>
      <div class="row">
        <input
          id="q"
          name="q"
          type="search"
          autocomplete="off"
          spellcheck="false"
          value="${q}"
          aria-describedby="q-hint"
          aria-controls="wyniki"
        />
        <button type="submit">${t(lang, 'searchButton')}</button>
      </div>
      <p id="q-hint" class="hint">${t(lang, 'searchHint')}</p>
    </form>
    <section aria-labelledby="wyniki-h" id="wyniki">
      ${
        results
          ? html`<h2 id="wyniki-h">${t(lang, 'results')} (${formatNumber(results.total, 0, lang)})</h2>
              ${
                results.items.length === 0
                  ? html`<p>${t(lang, 'noResults')}</p>`
                  : html`<ul class="results">
                      ${results.items.map(
                        (u) =>
                          html`<li>
                            <a href="${withLang(`/jst/${u.code}`, lang)}">${u.name}</a>
                            <span class="muted">${u.context[lang]}</span>
                          </li>`,
                      )}
                    </ul>`
              }`
          : html`<h2 id="wyniki-h" class="visually-hidden">${t(lang, 'results')}</h2>`
      }
      <p class="hint search-rule">
        ${
          lang === 'pl'
            ? 'Kolejność: najpierw pełna nazwa, potem początek nazwy, potem reszta; wśród nich większe jednostki (ludność) wyżej. Miasto na prawach powiatu ma dwa wpisy: gminę i powiat — gmina jest pierwsza, bo ma więcej wskaźników z danymi.'
            : 'Order: the whole name first, then the start of the name, then the rest; among these, larger units (population) first. A city with powiat rights has two entries, its gmina and its powiat: the gmina comes first, as it has more indicators with data.'
        }
      </p>
      <p class="visually-hidden" role="status" data-live-status></p>
    </section>
    <section aria-labelledby="wydanie-h" class="release">
      <h2 id="wydanie-h">${t(lang, 'release')}</h2>
      ${
        live
          ? html`<p>
                ${t(lang, 'release')}
                ${live.id}${live.publishedAt ? html`, ${live.publishedAt.slice(0, 10)}` : ''}:
                ${
                  // The description is stored as its author wrote it (the bundled release's is English):
                  // marked with its language, so a screen reader reads it right.
                  /^[\x20-\x7e]*$/.test(live.description ?? '') && lang === 'pl'
                    ? html`<span lang="en">${live.description}</span>`
                    : live.description
                }
              </p>
              <p>
                ${t(lang, 'indicatorsWithData')}: ${withData} / ${indicators.total}.
                ${releaseChanges(live.stats, lang)}
              </p>
              <p>
                <a href="${withLang(`/wydania/${live.id}/zmiany`, lang)}"
                  >${lang === 'pl' ? 'Dziennik zmian tego wydania' : 'Revision log of this release'}</a
                >
              </p>`
          : html`<p>${t(lang, 'noRelease')}</p>`
      }
    </section>
    <section aria-labelledby="obszary">
      <h2 id="obszary">${t(lang, 'areas')}</h2>
      ${viewSwitch(lang, url, view)}
      ${
        view === 'basic' && withData < indicators.total
          ? html`<p class="hint">
              ${
                lang === 'pl'
                  ? `Pokazane są wskaźniki z danymi w tym wydaniu (${withData}). Pozostałe (${indicators.total - withData}) czekają na dane ze źródeł, których SMUP jeszcze nie wczytuje:`
                  : `Shown are the indicators with data in this release (${withData}). The other ${indicators.total - withData} wait for sources SMUP does not load yet:`
              }
              <a href="${withLang(urlInView(url, 'advanced'), lang)}"
                >${lang === 'pl' ? 'widok zaawansowany' : 'advanced view'}</a
              >.
            </p>`
          : ''
      }
      <ul class="areas">
        ${areas.items.map(
          (a) =>
            html`<li>
              <h3>${a.name[lang]}</h3>
              ${
                view === 'basic' &&
                !a.services.some((s) => s.indicators.some((id) => byId.get(id)?.available))
                  ? html`<p class="muted">(${t(lang, 'noData')})</p>`
                  : ''
              }
              <ul>
                ${a.services
                  .map((s) => ({
                    ...s,
                    indicators:
                      view === 'advanced'
                        ? s.indicators
                        : s.indicators.filter((id) => byId.get(id)?.available),
                  }))
                  .filter((s) => s.indicators.length > 0)
                  .map(
                    (s) =>
                      html`<li>
                        <span class="service">${s.name[lang]}</span>
                        <ul class="indicator-links">
                          ${s.indicators.map((id) => {
                            const indicator = byId.get(id);
                            return html`<li>
                              <a href="${withLang(`/wskaznik/${id}`, lang)}"
                                >${indicator?.name[lang] ?? id}</a
                              >
                              ${
                                indicator && !indicator.available
                                  ? html`<span class="muted">(${t(lang, 'noData')})</span>`
                                  : ''
                              }
                            </li>`;
                          })}
                        </ul>
                      </li>`,
                  )}
              </ul>
            </li>`,
        )}
      </ul>
    </section>`;
  return page({ lang, title: t(lang, 'home'), url, body });
}

/** "What changed": the counts the publish step recorded (new, changed, removed values). */
function releaseChanges(stats: Record<string, unknown>, lang: PageContext['lang']): string {
  const count = (key: string): number | null =>
    typeof stats[key] === 'number' ? (stats[key] as number) : null;
  const parts: string[] = [];
  // Polish forms agree with each number (1 nowa wartość, 3 nowe wartości, 0/5 nowych wartości).
  const labels: Array<[string, CountForms]> = [
    [
      'added',
      {
        pl: { one: 'nowa wartość', few: 'nowe wartości', many: 'nowych wartości' },
        en: { one: 'new value', other: 'new values' },
      },
    ],
    [
      'changed',
      {
        pl: { one: 'zmieniona', few: 'zmienione', many: 'zmienionych' },
        en: { one: 'changed', other: 'changed' },
      },
    ],
    [
      'removed',
      {
        pl: { one: 'usunięta', few: 'usunięte', many: 'usuniętych' },
        en: { one: 'removed', other: 'removed' },
      },
    ],
    [
      'variables',
      {
        pl: {
          one: 'zmienna lub wskaźnik objęte zmianami',
          few: 'zmienne i wskaźniki objęte zmianami',
          many: 'zmiennych i wskaźników objętych zmianami',
        },
        en: { one: 'variable or indicator affected', other: 'variables and indicators affected' },
      },
    ],
  ];
  for (const [key, forms] of labels) {
    const n = count(key);
    if (n !== null) parts.push(countOf(n, lang, forms));
  }
  return parts.length > 0
    ? `${lang === 'pl' ? 'Zmiany względem poprzedniego wydania' : 'Changes since the previous release'}: ${parts.join(', ')}.`
    : '';
}
