/**
 * `/wydania/{id}/zmiany` (issue 18, point 3): the public revision log of a release — what changed since the
 * previous published release, by variable and unit: new values, revised values (old → new), flag changes,
 * removed values. Filters by variable (`zmienna`), unit (`jst`) and kind (`rodzaj`); each value a page
 * shows that changed in the live release links here.
 */
import type { Static } from '@sinclair/typebox';
import type { RevisionLog } from '../../api/schemas/revisions.js';
import { apiOk } from '../api-client.js';
import { flagLegend } from '../flag-legend.js';
import { formatNumber, type Lang } from '../format.js';
import { html } from '../html.js';
import { page, withLang } from '../layout.js';
import { PageError, type PageContext } from '../page-error.js';
import { KIND_LABEL, revisionItemsTable, revisionSummaryTable } from '../revision-tables.js';

type Log = Static<typeof RevisionLog>;

const TEXT = {
  pl: {
    title: (id: number) => `Zmiany w wydaniu ${id}`,
    lead: (id: number, prev: number | null) =>
      prev === null
        ? `Wydanie ${id} jest pierwszym wydaniem: wszystkie jego wartości są nowe.`
        : `Co zmieniło się w wydaniu ${id} względem wydania ${prev}: każda wartość nowa, poprawiona, z innym oznaczeniem lub usunięta.`,
    summaryH: 'Według zmiennej',
    listH: 'Zmienione wartości',
    kind: 'Rodzaj zmiany',
    filter: 'Zawęź',
    all: 'wszystkie',
    show: 'Pokaż',
    none: 'Brak zmian spełniających warunki.',
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
    kind: 'Kind of change',
    filter: 'Narrow down',
    all: 'all',
    show: 'Show',
    none: 'No change matches.',
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
        ? html`<h2 id="wg-zmiennej">${text.summaryH}</h2>
            ${revisionSummaryTable(log.summary, lang, 'wg-zmiennej')}`
        : ''
    }
    <h2 id="wartosci">${text.listH} (${formatNumber(log.total, 0, lang)})</h2>
    ${
      log.items.length === 0
        ? html`<p>${text.none}</p>`
        : html`${revisionItemsTable(log.items, lang, 'wartosci')} ${flagLegend(flags, lang)}
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
