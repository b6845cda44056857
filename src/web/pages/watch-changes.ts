/**
 * `/zmiany` (issue 18, point 3): a signed-in user's watched units and indicators, what each release since
 * changed in them (new years, revised values, flag changes, removed values), and the forms to watch more or
 * fewer. Personal: never cached.
 */
import type { Static } from '@sinclair/typebox';
import type { WatchedChanges } from '../../api/schemas/submissions.js';
import { flagLegend } from '../flag-legend.js';
import type { Lang } from '../format.js';
import { html } from '../html.js';
import { page, withLang } from '../layout.js';
import type { Session } from '../session.js';
import { csrfField, errorBox } from './account.js';
import { changeLink } from './release-changes.js';
import { KIND_LABEL, sideCell } from '../revision-tables.js';

type Changes = Static<typeof WatchedChanges>;

const T = {
  pl: {
    title: 'Zmiany',
    lead: 'Co nowe wydania danych zmieniły w obserwowanych jednostkach i wskaźnikach: nowe lata, poprawione wartości, zmienione oznaczenia.',
    watchesH: 'Obserwowane',
    none: 'Nic jeszcze nie obserwujesz. Dodaj jednostkę (kod TERYT), a potem, jeśli chcesz, zawęź do wybranych wskaźników.',
    unit: 'Jednostka (kod TERYT)',
    indicator: 'Wskaźnik',
    add: 'Obserwuj',
    remove: 'Przestań obserwować',
    allIndicators: 'wszystkie wskaźniki obserwowanych jednostek',
    changesH: 'Zmiany w kolejnych wydaniach',
    noChanges: 'Od dodania obserwowanych pozycji żadne wydanie nie zmieniło ich wartości.',
    release: (id: number, n: number, date: string | null) =>
      `Wydanie ${id}${date ? ` (${date.slice(0, 10)})` : ''}: ${n} zmian`,
    log: 'pełny dziennik zmian wydania',
    year: 'Rok',
    kind: 'Rodzaj zmiany',
    before: 'Było',
    after: 'Jest',
  },
  en: {
    title: 'Changes',
    lead: 'What new data releases changed in the units and indicators you watch: new years, revised values, changed flags.',
    watchesH: 'Watched',
    none: 'You watch nothing yet. Add a unit (TERYT code), then, if you like, narrow it to some indicators.',
    unit: 'Unit (TERYT code)',
    indicator: 'Indicator',
    add: 'Watch',
    remove: 'Stop watching',
    allIndicators: 'every indicator of the watched units',
    changesH: 'Changes release by release',
    noChanges: 'No release since you added your watches changed their values.',
    release: (id: number, n: number, date: string | null) =>
      `Release ${id}${date ? ` (${date.slice(0, 10)})` : ''}: ${n} changes`,
    log: 'the release’s full revision log',
    year: 'Year',
    kind: 'Kind of change',
    before: 'Before',
    after: 'Now',
  },
};

// Over 80 lines: the page's sections in reading order, one template over one set of API answers; not yet split by section (issue 19).
export function watchChangesPage(
  lang: Lang,
  session: Session,
  changes: Changes,
  indicators: ReadonlyArray<{ id: string; name: { pl: string; en: string } }>,
  error: { pl: string; en: string } | null = null,
): string {
  const t = T[lang];
  const names = new Map(indicators.map((i) => [i.id, i.name[lang]]));
  const watchForm = (field: 'unit' | 'indicator', value: string, label: string) =>
    html`<form class="inline" method="post" action="${withLang('/zmiany/usun', lang)}">
      ${csrfField(session)}<input type="hidden" name="${field}" value="${value}" />
      <button type="submit" class="secondary" aria-label="${`${t.remove}: ${label}`}">${t.remove}</button>
    </form>`;
  const flags = changes.releases.flatMap((r) => r.items.flatMap((i) => [i.before?.flag, i.after?.flag]));
  const body = html`<h1>${t.title}</h1>
    <p class="lead">${t.lead}</p>
    ${errorBox(lang, error)}
    <h2>${t.watchesH}</h2>
    ${
      changes.watches.length === 0
        ? html`<p>${t.none}</p>`
        : html`<ul class="watches">
              ${changes.watches.map((w) =>
                w.unit
                  ? html`<li>
                      <a href="${withLang(`/jst/${w.unit}`, lang)}">${w.unit}</a>
                      ${watchForm('unit', w.unit, w.unit)}
                    </li>`
                  : html`<li>
                      ${names.get(w.indicator ?? '') ?? w.indicator}
                      ${watchForm('indicator', w.indicator ?? '', names.get(w.indicator ?? '') ?? '')}
                    </li>`,
              )}
            </ul>
            ${changes.watches.every((w) => !w.indicator) ? html`<p class="muted">${t.allIndicators}</p>` : ''}`
    }
    <form method="post" action="${withLang('/zmiany/obserwuj', lang)}" class="filters">
      ${csrfField(session)}
      <label for="w-unit">${t.unit}</label>
      <input
        id="w-unit"
        name="unit"
        inputmode="numeric"
        autocomplete="off"
        maxlength="7"
        pattern="\\d{1,7}"
      />
      <button type="submit">${t.add}</button>
    </form>
    <form method="post" action="${withLang('/zmiany/obserwuj', lang)}" class="filters">
      ${csrfField(session)}
      <label for="w-indicator">${t.indicator}</label>
      <select id="w-indicator" name="indicator">
        ${indicators.map((i) => html`<option value="${i.id}">${i.name[lang]}</option>`)}
      </select>
      <button type="submit">${t.add}</button>
    </form>
    <h2>${t.changesH}</h2>
    ${
      changes.releases.length === 0
        ? html`<p>${t.noChanges}</p>`
        : changes.releases.map(
            (r) =>
              html`<section aria-labelledby="${`r-${r.release}`}">
                <h3 id="${`r-${r.release}`}">${t.release(r.release, r.total, r.publishedAt)}</h3>
                <p><a href="${withLang(`/wydania/${r.release}/zmiany`, lang)}">${t.log}</a></p>
                <table class="data">
                  <thead>
                    <tr>
                      <th scope="col">${t.indicator}</th>
                      <th scope="col">${t.unit}</th>
                      <th scope="col">${t.year}</th>
                      <th scope="col">${t.kind}</th>
                      <th scope="col">${t.before}</th>
                      <th scope="col">${t.after}</th>
                    </tr>
                  </thead>
                  <tbody>
                    ${r.items.map(
                      (i) =>
                        html`<tr>
                          <td>
                            <a href="${changeLink(r.release, i.variable.id, i.unit, lang)}"
                              >${names.get(i.variable.id.replace(/^ind:/, '')) ?? i.variable.name ?? i.variable.id}</a
                            >
                          </td>
                          <td><a href="${withLang(`/jst/${i.unit}`, lang)}">${i.unit}</a></td>
                          <td>${i.year}</td>
                          <td>${KIND_LABEL[i.kind]?.[lang] ?? i.kind}</td>
                          <td>${sideCell(i.before, i.variable.measureUnit, lang)}</td>
                          <td>${sideCell(i.after, i.variable.measureUnit, lang)}</td>
                        </tr>`,
                    )}
                  </tbody>
                </table>
              </section>`,
          )
    }
    ${flagLegend(flags, lang)}`;
  return page({ lang, title: t.title, url: '/zmiany', body });
}
