/**
 * Release administration in the portal (issue 18, point 5), for data stewards and administrators: the live
 * release, the draft and the history (`/admin/wydania`), the changes between any two releases
 * (`/admin/wydania/roznice`), and a confirmation page before each action (publish, discard, roll back) whose
 * form posts with the CSRF token. Plain HTML forms: everything works without JavaScript. The pages are only
 * rendered from an API answer the visitor was allowed to read, so nobody else ever sees an action.
 */
import type { Static } from '@sinclair/typebox';
import type { AdminReleaseList, ReleaseDiff } from '../../api/schemas/admin-releases.js';
import type { ReleaseItem } from '../../api/schemas/data.js';
import { flagLegend } from '../flag-legend.js';
import { formatNumber, type Lang } from '../format.js';
import { html, type Html } from '../html.js';
import { page, withLang } from '../layout.js';
import { KIND_LABEL, revisionItemsTable, revisionSummaryTable } from '../revision-tables.js';
import type { Session } from '../session.js';
import { csrfField } from './account.js';
import { adminNav, noticeBox, type Notice } from '../admin-nav.js';

export type ReleaseList = Static<typeof AdminReleaseList>;
export type Diff = Static<typeof ReleaseDiff>;
type Release = Static<typeof ReleaseItem>;
type Text = { readonly pl: string; readonly en: string };
export type { Notice };

const T = {
  title: { pl: 'Wydania danych', en: 'Data releases' },
  live: { pl: 'Aktualne wydanie', en: 'Live release' },
  noLive: { pl: 'Nie opublikowano jeszcze żadnego wydania.', en: 'No release has been published yet.' },
  draft: { pl: 'Wersja robocza', en: 'Draft' },
  noDraft: {
    pl: 'Nie ma wersji roboczej. Powstaje przy wczytaniu danych lub przeliczeniu wskaźników.',
    en: 'There is no draft. One is opened by an ingest or a compute.',
  },
  unfinished: {
    pl: 'Niedokończone zadania wczytywania (publikacja czeka, aż się zakończą):',
    en: 'Unfinished ingest jobs (publishing waits for them):',
  },
  history: { pl: 'Historia wydań', en: 'History of releases' },
  id: { pl: 'Nr', en: 'No.' },
  status: { pl: 'Stan', en: 'Status' },
  description: { pl: 'Opis', en: 'Description' },
  created: { pl: 'Utworzone (UTC)', en: 'Created (UTC)' },
  published: { pl: 'Opublikowane (UTC)', en: 'Published (UTC)' },
  basis: { pl: 'Na podstawie', en: 'Based on' },
  actions: { pl: 'Działania', en: 'Actions' },
  diffLive: { pl: 'Różnice względem aktualnego', en: 'Changes against the live one' },
  diffDraft: {
    pl: 'Zobacz różnice względem aktualnego wydania',
    en: 'See what it changes in the live release',
  },
  publish: { pl: 'Opublikuj…', en: 'Publish…' },
  discard: { pl: 'Odrzuć…', en: 'Discard…' },
  rollback: { pl: 'Przywróć…', en: 'Roll back…' },
  log: { pl: 'Dziennik zmian', en: 'Revision log' },
  compare: { pl: 'Porównaj dwa wydania', en: 'Compare two releases' },
  from: { pl: 'Od wydania', en: 'From release' },
  to: { pl: 'Do wydania', en: 'To release' },
  show: { pl: 'Pokaż różnice', en: 'Show changes' },
  closedForRollback: {
    pl: 'Przywrócenie wcześniejszego wydania jest możliwe, gdy nie ma wersji roboczej.',
    en: 'An earlier release can be rolled back to when no draft is open.',
  },
  cancel: { pl: 'Anuluj i wróć do listy wydań', en: 'Cancel and go back to the releases' },
} as const satisfies Record<string, Text>;

const STATUS: Record<string, Text> = {
  draft: { pl: 'robocze', en: 'draft' },
  published: { pl: 'opublikowane', en: 'published' },
  discarded: { pl: 'odrzucone', en: 'discarded' },
};

const when = (iso: string | null): string => (iso ? `${iso.slice(0, 10)} ${iso.slice(11, 16)}` : '—');

const statusOf = (r: Release, lang: Lang): string =>
  r.live
    ? `${STATUS.published?.[lang] ?? ''} (${T.live[lang].toLowerCase()})`
    : (STATUS[r.status]?.[lang] ?? r.status);

const diffUrl = (from: number, to: number, lang: Lang): string =>
  withLang(`/admin/wydania/roznice?od=${from}&do=${to}`, lang);

function draftSection(list: ReleaseList, lang: Lang): Html {
  const draft = list.draft;
  if (!draft) return html`<p>${T.noDraft[lang]}</p>`;
  return html`<p>
      <strong>${draft.id}</strong>: ${draft.description}
      <span class="muted">(${when(draft.createdAt)} UTC)</span>
    </p>
    ${
      draft.unfinished.length > 0
        ? html`<div class="form-error" role="note">
            <p>${T.unfinished[lang]}</p>
            <ul>
              ${draft.unfinished.map((j) => html`<li>${j.description}</li>`)}
            </ul>
          </div>`
        : ''
    }
    ${
      list.live === null
        ? ''
        : html`<p><a href="${diffUrl(list.live, draft.id, lang)}">${T.diffDraft[lang]}</a></p>`
    }
    <p>
      <a class="button" href="${withLang('/admin/wydania/opublikuj', lang)}">${T.publish[lang]}</a>
      <a class="button secondary" href="${withLang('/admin/wydania/odrzuc', lang)}">${T.discard[lang]}</a>
    </p>`;
}

function historyRow(r: Release, list: ReleaseList, lang: Lang): Html {
  const actions: Html[] = [];
  if (r.status !== 'discarded' && list.live !== null && r.id !== list.live) {
    actions.push(html`<a href="${diffUrl(list.live, r.id, lang)}">${T.diffLive[lang]}</a>`);
  }
  if (r.status === 'published') {
    actions.push(html`<a href="${withLang(`/wydania/${r.id}/zmiany`, lang)}">${T.log[lang]}</a>`);
  }
  if (r.status === 'published' && !r.live && list.draft === null) {
    actions.push(
      html`<a href="${withLang(`/admin/wydania/przywroc?do=${r.id}`, lang)}"
        >${T.rollback[lang]} <span class="visually-hidden">${r.id}</span></a
      >`,
    );
  }
  return html`<tr>
    <td class="num">${r.id}</td>
    <td>${statusOf(r, lang)}</td>
    <td>${r.description}${r.revertsTo ? html` <small class="muted">(→ ${r.revertsTo})</small>` : ''}</td>
    <td>${when(r.createdAt)}</td>
    <td>${when(r.publishedAt)}</td>
    <td class="num">${r.basedOn ?? '—'}</td>
    <td>${actions.map((a, i) => html`${i > 0 ? html`<br />` : ''}${a}`)}</td>
  </tr>`;
}

export function releasesPage(lang: Lang, session: Session, list: ReleaseList, notice: Notice | null): string {
  const live = list.items.find((r) => r.live);
  return page({
    lang,
    url: '/admin/wydania',
    title: T.title[lang],
    body: html`<h1>${T.title[lang]}</h1>
      ${adminNav(lang, session, '/admin/wydania')} ${noticeBox(notice, lang)}
      <h2>${T.live[lang]}</h2>
      ${
        live
          ? html`<p>
              <strong>${live.id}</strong>: ${live.description}
              <span class="muted">(${when(live.publishedAt)} UTC)</span> —
              <a href="${withLang(`/wydania/${live.id}/zmiany`, lang)}">${T.log[lang]}</a>
            </p>`
          : html`<p>${T.noLive[lang]}</p>`
      }
      <h2>${T.draft[lang]}</h2>
      ${draftSection(list, lang)}
      <h2>${T.compare[lang]}</h2>
      <form class="controls" method="get" action="${withLang('/admin/wydania/roznice', lang)}">
        <div>
          <label for="r-od">${T.from[lang]}</label>
          <input id="r-od" name="od" inputmode="numeric" required value="${list.live ?? ''}" />
        </div>
        <div>
          <label for="r-do">${T.to[lang]}</label>
          <input id="r-do" name="do" inputmode="numeric" required value="${list.draft?.id ?? ''}" />
        </div>
        <div><button type="submit">${T.show[lang]}</button></div>
      </form>
      <h2 id="historia">${T.history[lang]}</h2>
      ${list.draft ? html`<p class="hint">${T.closedForRollback[lang]}</p>` : ''}
      <div class="table-wrap" tabindex="0" role="region" aria-labelledby="historia">
        <table class="data">
          <thead>
            <tr>
              <th scope="col" class="num">${T.id[lang]}</th>
              <th scope="col">${T.status[lang]}</th>
              <th scope="col">${T.description[lang]}</th>
              <th scope="col">${T.created[lang]}</th>
              <th scope="col">${T.published[lang]}</th>
              <th scope="col" class="num">${T.basis[lang]}</th>
              <th scope="col">${T.actions[lang]}</th>
            </tr>
          </thead>
          <tbody>
            ${list.items.map((r) => historyRow(r, list, lang))}
          </tbody>
        </table>
      </div>`,
  });
}

const DIFF_TEXT = {
  title: {
    pl: (a: number, b: number) => `Różnice: wydanie ${a} → ${b}`,
    en: (a: number, b: number) => `Changes: release ${a} → ${b}`,
  },
  lead: {
    pl: 'Każda wartość, która w drugim wydaniu jest nowa, inna, inaczej oznaczona albo której brak, według zmiennej i jednostki.',
    en: 'Every value that is new, different, differently flagged or gone in the second release, by variable and unit.',
  },
  byVariable: { pl: 'Według zmiennej', en: 'By variable' },
  values: { pl: 'Zmienione wartości', en: 'Changed values' },
  none: { pl: 'Brak różnic spełniających warunki.', en: 'No change matches.' },
  unit: { pl: 'Kod TERYT jednostki', en: 'TERYT code of the unit' },
  variable: { pl: 'Identyfikator zmiennej', en: 'Variable id' },
  kind: { pl: 'Rodzaj zmiany', en: 'Kind of change' },
  all: { pl: 'wszystkie', en: 'all' },
  filter: { pl: 'Zawęź', en: 'Narrow down' },
  next: { pl: 'Następna strona', en: 'Next page' },
  prev: { pl: 'Poprzednia strona', en: 'Previous page' },
  page: {
    pl: (n: number, of: number) => `Strona ${n} z ${of}`,
    en: (n: number, of: number) => `Page ${n} of ${of}`,
  },
  back: { pl: 'Wróć do listy wydań', en: 'Back to the releases' },
};

function releaseLine(r: Release, lang: Lang): Html {
  return html`<li><strong>${r.id}</strong> (${statusOf(r, lang)}): ${r.description}</li>`;
}

/** The filters and tables of a diff, shared by the diff page and the confirmation pages. */
export function diffTables(diff: Diff, lang: Lang): Html {
  const flags = diff.items.flatMap((i) => [i.before?.flag, i.after?.flag]);
  return html`${
      diff.summary.length > 0
        ? html`<h2 id="wg-zmiennej">${DIFF_TEXT.byVariable[lang]}</h2>
            ${revisionSummaryTable(diff.summary, lang, 'wg-zmiennej')}`
        : ''
    }
    <h2 id="wartosci">${DIFF_TEXT.values[lang]} (${formatNumber(diff.total, 0, lang)})</h2>
    ${diff.items.length === 0 ? html`<p>${DIFF_TEXT.none[lang]}</p>` : html`${revisionItemsTable(diff.items, lang, 'wartosci')} ${flagLegend(flags, lang)}`}`;
}

export function diffPage(
  lang: Lang,
  session: Session,
  diff: Diff,
  query: Readonly<Record<string, string>>,
): string {
  const title = DIFF_TEXT.title[lang](diff.from.id, diff.to.id);
  const pages = Math.max(1, Math.ceil(diff.total / diff.pageSize));
  const pageUrl = (n: number) =>
    withLang(
      `/admin/wydania/roznice?${new URLSearchParams({ ...query, strona: String(n) }).toString()}`,
      lang,
    );
  const field = (name: string, label: Text) =>
    html`<div>
      <label for="d-${name}">${label[lang]}</label>
      <input id="d-${name}" name="${name}" value="${query[name] ?? ''}" autocomplete="off" />
    </div>`;
  return page({
    lang,
    url: `/admin/wydania/roznice?od=${diff.from.id}&do=${diff.to.id}`,
    title,
    body: html`<h1>${title}</h1>
      ${adminNav(lang, session, '')}
      <ul>
        ${releaseLine(diff.from, lang)} ${releaseLine(diff.to, lang)}
      </ul>
      <p class="lead">${DIFF_TEXT.lead[lang]}</p>
      <form class="controls" method="get" action="${withLang('/admin/wydania/roznice', lang)}">
        <input type="hidden" name="od" value="${diff.from.id}" />
        <input type="hidden" name="do" value="${diff.to.id}" />
        ${field('jst', DIFF_TEXT.unit)} ${field('zmienna', DIFF_TEXT.variable)}
        <div>
          <label for="d-rodzaj">${DIFF_TEXT.kind[lang]}</label>
          <select id="d-rodzaj" name="rodzaj">
            <option value="">${DIFF_TEXT.all[lang]}</option>
            ${Object.entries(KIND_LABEL).map(
              ([k, l]) =>
                html`<option value="${k}" ${query.rodzaj === k ? 'selected' : ''}>${l[lang]}</option>`,
            )}
          </select>
        </div>
        <div><button type="submit">${DIFF_TEXT.filter[lang]}</button></div>
      </form>
      ${diffTables(diff, lang)}
      ${
        pages > 1
          ? html`<nav aria-label="${DIFF_TEXT.page[lang](diff.page, pages)}" class="pager">
              ${diff.page > 1 ? html`<a href="${pageUrl(diff.page - 1)}" rel="prev">${DIFF_TEXT.prev[lang]}</a>` : ''}
              <span>${DIFF_TEXT.page[lang](diff.page, pages)}</span>
              ${diff.page < pages ? html`<a href="${pageUrl(diff.page + 1)}" rel="next">${DIFF_TEXT.next[lang]}</a>` : ''}
            </nav>`
          : ''
      }
      <p><a href="${withLang('/admin/wydania', lang)}">${DIFF_TEXT.back[lang]}</a></p>`,
  });
}

export type ReleaseAction = 'publish' | 'discard' | 'rollback';

export const ACTION_PATHS: Record<ReleaseAction, string> = {
  publish: '/admin/wydania/opublikuj',
  discard: '/admin/wydania/odrzuc',
  rollback: '/admin/wydania/przywroc',
};

const CONFIRM: Record<
  ReleaseAction,
  { title: (id: number, lang: Lang) => string; lead: Text; submit: Text }
> = {
  publish: {
    title: (id, lang) => (lang === 'pl' ? `Opublikować wersję roboczą ${id}?` : `Publish draft ${id}?`),
    lead: {
      pl: 'Najpierw zostaną przeliczone wskaźniki, potem wersja robocza stanie się aktualnym wydaniem (w całości albo wcale). Wersja bez zmian zostanie odrzucona. Obecne wydanie pozostaje dostępne i można do niego wrócić.',
      en: 'The indicators are computed first, then the draft becomes the live release (all of it or nothing). A draft without changes is discarded. The current release stays available and can be rolled back to.',
    },
    submit: { pl: 'Tak, opublikuj', en: 'Yes, publish' },
  },
  discard: {
    title: (id, lang) => (lang === 'pl' ? `Odrzucić wersję roboczą ${id}?` : `Discard draft ${id}?`),
    lead: {
      pl: 'Wszystko, co wczytano do tej wersji roboczej, zostanie usunięte. Aktualne wydanie się nie zmieni. Tego nie można cofnąć.',
      en: 'Everything ingested into this draft is deleted. The live release does not change. This cannot be undone.',
    },
    submit: { pl: 'Tak, odrzuć', en: 'Yes, discard' },
  },
  rollback: {
    title: (id, lang) => (lang === 'pl' ? `Przywrócić dane wydania ${id}?` : `Roll back to release ${id}?`),
    lead: {
      pl: 'Powstanie nowe wydanie z danymi tamtego wydania i od razu stanie się aktualne. Żadne opublikowane wydanie nie zostanie usunięte.',
      en: 'A new release with that release’s data is made and goes live at once. No published release is deleted.',
    },
    submit: { pl: 'Tak, przywróć', en: 'Yes, roll back' },
  },
};

/** The confirmation of an action on release `id`: what it changes in the live data, and one POST form. */
export function confirmPage(
  lang: Lang,
  session: Session,
  action: ReleaseAction,
  id: number,
  diff: Diff | null,
): string {
  const text = CONFIRM[action];
  const title = text.title(id, lang);
  const hidden =
    action === 'rollback'
      ? html`<input type="hidden" name="do" value="${id}" />`
      : html`<input type="hidden" name="draft" value="${id}" />`;
  return page({
    lang,
    url: action === 'rollback' ? `${ACTION_PATHS[action]}?do=${id}` : ACTION_PATHS[action],
    title,
    body: html`<h1>${title}</h1>
      <p class="lead">${text.lead[lang]}</p>
      <form class="inline" method="post" action="${withLang(ACTION_PATHS[action], lang)}">
        ${csrfField(session)}${hidden}<button type="submit">${text.submit[lang]}</button>
      </form>
      <p><a href="${withLang('/admin/wydania', lang)}">${T.cancel[lang]}</a></p>
      ${
        diff
          ? html`<p>${DIFF_TEXT.title[lang](diff.from.id, diff.to.id)}</p>
              ${diffTables(diff, lang)}`
          : ''
      }`,
  });
}
