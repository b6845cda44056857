/**
 * `/wydania/{id}/zmiany` (issue 18, point 3): the public revision log of a release — what changed since the
 * previous published release, by variable and unit: new values, revised values (old → new), flag changes,
 * removed values. Filters by variable (`zmienna`), unit (`jst`) and kind (`rodzaj`); each value a page
 * shows that changed in the live release links here.
 */
import type { Static } from '@sinclair/typebox';
import type { RevisionLog } from '../../api/schemas/revisions.js';
import { apiOk } from '../api-client.js';
import { flagLegend, flagMark } from '../flag-legend.js';
import { formatNumber, type Lang } from '../format.js';
import { html, type Html } from '../html.js';
import { page, withLang } from '../layout.js';
import { PageError, type PageContext } from '../page-error.js';

type Log = Static<typeof RevisionLog>;
type Side = Log['items'][number]['before'];

const KIND_LABEL: Record<string, { pl: string; en: string }> = {
  new: { pl: 'nowa wartość', en: 'new value' },
  revised: { pl: 'wartość zmieniona', en: 'value revised' },
  flag: { pl: 'zmiana oznaczenia', en: 'flag changed' },
  note: { pl: 'zmiana przypisu', en: 'note changed' },
  removed: { pl: 'wartość usunięta', en: 'value removed' },
};

const TEXT = {
  pl: {
    title: (id: number) => `Zmiany w wydaniu ${id}`,
    lead: (id: number, prev: number | null) =>
      prev === null
        ? `Wydanie ${id} jest pierwszym wydaniem: wszystkie jego wartości są nowe.`
        : `Co zmieniło się w wydaniu ${id} względem wydania ${prev}: każda wartość nowa, poprawiona, z innym oznaczeniem lub usunięta.`,
    summaryH: 'Według zmiennej',
    listH: 'Zmienione wartości',
    variable: 'Zmienna lub wskaźnik',
    unit: 'Jednostka',
    year: 'Rok',
    kind: 'Rodzaj zmiany',
    before: 'Było',
    after: 'Jest',
    filter: 'Zawęź',
    all: 'wszystkie',
    show: 'Pokaż',
    none: 'Brak zmian spełniających warunki.',
    missing: 'brak wartości',
    page: (n: number, of: number) => `Strona ${n} z ${of}`,
    next: 'Następna strona',
    prev: 'Poprzednia strona',
    allChanges: 'Wszystkie zmiany tego wydania',
    unitFilter: 'Kod TERYT jednostki',
    variableFilter: 'Identyfikator zmiennej (np. ind:kontekst.ludnosc)',
  },
  en: {
    title: (id: number) => `Changes in release ${id}`,
    lead: (id: number, prev: number | null) =>
      prev === null
        ? `Release ${id} is the first release: all its values are new.`
        : `What changed in release ${id} since release ${prev}: every value new, revised, re-flagged or removed.`,
    summaryH: 'By variable',
    listH: 'Changed values',
    variable: 'Variable or indicator',
    unit: 'Unit',
    year: 'Year',
    kind: 'Kind of change',
    before: 'Before',
    after: 'Now',
    filter: 'Narrow down',
    all: 'all',
    show: 'Show',
    none: 'No change matches.',
    missing: 'no value',
    page: (n: number, of: number) => `Page ${n} of ${of}`,
    next: 'Next page',
    prev: 'Previous page',
    allChanges: 'Every change of this release',
    unitFilter: 'TERYT code of the unit',
    variableFilter: 'Variable id (e.g. ind:kontekst.ludnosc)',
  },
};

/** The portal URL of a release's log entry for one variable and unit (where a changed value links to). */
export function changeLink(release: number, variableId: string, unitCode: string, lang: Lang): string {
  const query = new URLSearchParams({ zmienna: variableId, jst: unitCode });
  return withLang(`/wydania/${release}/zmiany?${query.toString()}`, lang);
}

function sideCell(s: Side, measureUnit: string | null, lang: Lang): Html {
  if (!s) return html`<span class="muted">—</span>`;
  const value =
    s.value === null
      ? html`<span class="muted">${TEXT[lang].missing}</span>`
      : formatNumber(s.value, 2, lang);
  return html`${value}${flagMark(s.flag, lang)}${s.value !== null && measureUnit ? html` <span class="muted">${measureUnit}</span>` : ''}${s.note ? html`<br /><small class="muted">${s.note}</small>` : ''}`;
}

// Over 80 lines: the page's sections in reading order, one template over one set of API answers; not yet split by section (issue 19).
export async function releaseChangesPage({ app, lang, params, query, url }: PageContext): Promise<string> {
  const text = TEXT[lang];
  const id = Number(params.id);
  if (!/^\d{1,9}$/.test(params.id ?? '') || id < 1) {
    throw new PageError(404, { pl: 'Nie ma takiego wydania.', en: 'There is no such release.' });
  }
  const pageNo = query.strona && /^\d{1,5}$/.test(query.strona) ? Math.max(1, Number(query.strona)) : 1;
  const api = new URLSearchParams({ page: String(pageNo), pageSize: '100' });
  if (query.zmienna) api.set('variable', query.zmienna);
  if (query.jst) api.set('unit', query.jst);
  if (query.rodzaj) api.set('kind', query.rodzaj);
  const log = await apiOk<Log>(app, `/api/v1/releases/${id}/changes?${api.toString()}`);
  const pages = Math.max(1, Math.ceil(log.total / log.pageSize));
  const pageUrl = (n: number) => {
    const q = new URLSearchParams(Object.entries(query).filter((e): e is [string, string] => !!e[1]));
    q.set('strona', String(n));
    return withLang(`/wydania/${id}/zmiany?${q.toString()}`, lang);
  };
  const flags = log.items.flatMap((i) => [i.before?.flag, i.after?.flag]);
  const filtered = Boolean(query.zmienna || query.jst || query.rodzaj);
  const body = html`<h1>${text.title(id)}</h1>
    <p class="lead">${text.lead(id, log.previous)}</p>
    ${log.publishedAt ? html`<p>${log.publishedAt.slice(0, 10)}: ${log.description}</p>` : ''}
    <form method="get" action="${withLang(`/wydania/${id}/zmiany`, lang)}" class="filters">
      <fieldset>
        <legend>${text.filter}</legend>
        <label for="f-jst">${text.unitFilter}</label>
        <input id="f-jst" name="jst" value="${query.jst ?? ''}" inputmode="numeric" autocomplete="off" />
        <label for="f-zmienna">${text.variableFilter}</label>
        <input id="f-zmienna" name="zmienna" value="${query.zmienna ?? ''}" autocomplete="off" />
        <label for="f-rodzaj">${text.kind}</label>
        <select id="f-rodzaj" name="rodzaj">
          <option value="">${text.all}</option>
          ${Object.entries(KIND_LABEL).map(
            ([k, l]) =>
              html`<option value="${k}" ${query.rodzaj === k ? 'selected' : ''}>${l[lang]}</option>`,
          )}
        </select>
        <button type="submit">${text.show}</button>
      </fieldset>
    </form>
    ${filtered ? html`<p><a href="${withLang(`/wydania/${id}/zmiany`, lang)}">${text.allChanges}</a></p>` : ''}
    ${
      log.summary.length > 0
        ? html`<h2>${text.summaryH}</h2>
            <table class="data">
              <thead>
                <tr>
                  <th scope="col">${text.variable}</th>
                  ${Object.values(KIND_LABEL).map((l) => html`<th scope="col" class="num">${l[lang]}</th>`)}
                </tr>
              </thead>
              <tbody>
                ${log.summary.map(
                  (s) =>
                    html`<tr>
                      <th scope="row">
                        ${s.variable.name ?? s.variable.id} <small class="muted">${s.variable.id}</small>
                      </th>
                      <td class="num">${formatNumber(s.new, 0, lang)}</td>
                      <td class="num">${formatNumber(s.revised, 0, lang)}</td>
                      <td class="num">${formatNumber(s.flag, 0, lang)}</td>
                      <td class="num">${formatNumber(s.note, 0, lang)}</td>
                      <td class="num">${formatNumber(s.removed, 0, lang)}</td>
                    </tr>`,
                )}
              </tbody>
            </table>`
        : ''
    }
    <h2>${text.listH} (${formatNumber(log.total, 0, lang)})</h2>
    ${
      log.items.length === 0
        ? html`<p>${text.none}</p>`
        : html`<table class="data">
              <thead>
                <tr>
                  <th scope="col">${text.variable}</th>
                  <th scope="col">${text.unit}</th>
                  <th scope="col">${text.year}</th>
                  <th scope="col">${text.kind}</th>
                  <th scope="col">${text.before}</th>
                  <th scope="col">${text.after}</th>
                </tr>
              </thead>
              <tbody>
                ${log.items.map(
                  (i) =>
                    html`<tr id="${`${i.variable.id}-${i.unit.code}-${i.year}`}">
                      <td>${i.variable.name ?? i.variable.id}</td>
                      <td>
                        <a href="${withLang(`/jst/${i.unit.code}`, lang)}">${i.unit.name ?? i.unit.code}</a>
                        <small class="muted">${i.unit.code}</small>
                      </td>
                      <td>${i.year}</td>
                      <td>${KIND_LABEL[i.kind]?.[lang] ?? i.kind}</td>
                      <td>${sideCell(i.before, i.variable.measureUnit, lang)}</td>
                      <td>${sideCell(i.after, i.variable.measureUnit, lang)}</td>
                    </tr>`,
                )}
              </tbody>
            </table>
            ${flagLegend(flags, lang)}
            ${
              pages > 1
                ? html`<nav aria-label="${text.page(pageNo, pages)}" class="pager">
                    ${pageNo > 1 ? html`<a href="${pageUrl(pageNo - 1)}" rel="prev">${text.prev}</a>` : ''}
                    <span>${text.page(pageNo, pages)}</span>
                    ${pageNo < pages ? html`<a href="${pageUrl(pageNo + 1)}" rel="next">${text.next}</a>` : ''}
                  </nav>`
                : ''
            }`
    }`;
  return page({ lang, title: text.title(id), url, body });
}
