/**
 * `/dane-jst` (issue 18, points 4 and 5): for a JST editor, each of their units' variables to fill in for a
 * year (with a comment), the unit's template (XLSX, CSV) and their submissions with state and reason; for a
 * data steward, the submissions waiting for review, each with accept and reject (with a reason). Problems of
 * a refused submission are listed, each with its row. Personal: never cached.
 */
import type { Static } from '@sinclair/typebox';
import type { JstVariableList, SubmissionList, SubmissionSchema } from '../../api/schemas/submissions.js';
import { formatNumber, type Lang } from '../format.js';
import { html, type Html } from '../html.js';
import { page, withLang } from '../layout.js';
import type { Session } from '../session.js';
import { csrfField } from './account.js';

type Sub = Static<typeof SubmissionSchema>;
export interface ProblemView {
  readonly line: number | null;
  readonly severity: string;
  readonly message: { pl: string; en: string };
}

const T = {
  pl: {
    title: 'Dane przekazywane przez JST',
    lead: 'Wartości, których nie podaje żaden rejestr, przekazuje sama jednostka; opiekun danych przyjmuje je lub odrzuca z uzasadnieniem. Przyjęte wchodzą do następnego wydania z oznaczeniem „dane przekazane przez JST”.',
    year: 'Rok',
    comment: 'Komentarz dla opiekuna danych',
    send: 'Wyślij do weryfikacji',
    template: 'Szablon do wypełnienia',
    mine: 'Twoje zgłoszenia',
    review: 'Zgłoszenia do weryfikacji',
    noneWaiting: 'Żadne zgłoszenie nie czeka na weryfikację.',
    noneMine: 'Nie wysłano jeszcze żadnego zgłoszenia.',
    accept: 'Przyjmij',
    reject: 'Odrzuć',
    reason: 'Uzasadnienie odrzucenia',
    status: { submitted: 'czeka na weryfikację', accepted: 'przyjęte', rejected: 'odrzucone' } as Record<
      string,
      string
    >,
    refused: 'Zgłoszenie nie zostało przyjęte — popraw wskazane wartości:',
    sent: (id: number) => `Wysłano zgłoszenie nr ${id}; czeka na weryfikację.`,
    decided: (id: number) => `Zapisano decyzję w sprawie zgłoszenia nr ${id}.`,
    warnings: 'Ostrzeżenia',
    line: 'poz.',
    by: 'autor',
    release: (n: number) => `opublikowane w wydaniu ${n}`,
    draft: 'trafi do najbliższego wydania',
    forbidden: 'Ta strona jest dla redaktorów JST i opiekunów danych.',
    upload:
      'Wypełniony szablon wyślij przez API: POST /api/v1/jst/units/{teryt}/submissions/file (treść: plik CSV lub XLSX) albo poleceniem smup jst submit.',
  },
  en: {
    title: 'Data supplied by the JST',
    lead: 'Values no register holds are reported by the unit itself; a data steward accepts them or rejects them with a reason. Accepted values enter the next release flagged "data supplied by the local government".',
    year: 'Year',
    comment: 'A comment for the data steward',
    send: 'Send for review',
    template: 'Template to fill in',
    mine: 'Your submissions',
    review: 'Submissions to review',
    noneWaiting: 'No submission is waiting for review.',
    noneMine: 'No submission sent yet.',
    accept: 'Accept',
    reject: 'Reject',
    reason: 'Reason for rejecting',
    status: { submitted: 'waiting for review', accepted: 'accepted', rejected: 'rejected' } as Record<
      string,
      string
    >,
    refused: 'The submission was not accepted — correct the values named:',
    sent: (id: number) => `Submission ${id} sent; it waits for review.`,
    decided: (id: number) => `The decision on submission ${id} is recorded.`,
    warnings: 'Warnings',
    line: 'item',
    by: 'by',
    release: (n: number) => `published in release ${n}`,
    draft: 'goes into the next release',
    forbidden: 'This page is for JST editors and data stewards.',
    upload:
      'Send a filled template through the API: POST /api/v1/jst/units/{teryt}/submissions/file (body: the CSV or XLSX file) or with smup jst submit.',
  },
};

function problemList(lang: Lang, problems: readonly ProblemView[]): Html {
  return html`<ul>
    ${problems.map(
      (p) =>
        html`<li>
          ${p.line === null ? '' : `${T[lang].line} ${p.line}: `}${p.severity === 'warning' ? '⚠ ' : ''}${p.message[lang]}
        </li>`,
    )}
  </ul>`;
}

function submissionCard(lang: Lang, session: Session, s: Sub, review: boolean): Html {
  const t = T[lang];
  const state = html`<strong>${t.status[s.status] ?? s.status}</strong
    >${s.reviewer ? html` (${s.reviewer}, ${s.reviewedAt?.slice(0, 10) ?? ''})` : ''}${
      s.release.published
        ? html` — ${t.release(s.release.published)}`
        : s.status === 'accepted'
          ? html` — ${t.draft}`
          : ''
    }`;
  return html`<article class="submission" id="${`zgloszenie-${s.id}`}" aria-labelledby="${`z-${s.id}`}">
    <h3 id="${`z-${s.id}`}">
      #${s.id} · ${s.unit.name ?? s.unit.code} (${s.unit.code}) · ${s.submittedAt.slice(0, 10)}
    </h3>
    <p>${state}${review ? html` · ${t.by} ${s.author}` : ''}</p>
    ${s.reason ? html`<p class="form-error" role="note">${s.reason}</p>` : ''}
    ${s.comment ? html`<p><em>${s.comment}</em></p>` : ''}
    <ul>
      ${s.values.map(
        (v) =>
          html`<li>
            ${v.variable.name ?? v.variable.id}, ${v.year}:
            <strong>${formatNumber(v.value, 3, lang)}</strong> ${v.variable.measureUnit ?? ''}
          </li>`,
      )}
    </ul>
    ${
      s.warnings.length > 0
        ? html`<p>${t.warnings}:</p>
            ${problemList(lang, s.warnings)}`
        : ''
    }
    ${
      review && s.status === 'submitted'
        ? html`<form
              class="inline"
              method="post"
              action="${withLang(`/dane-jst/zgloszenia/${s.id}/przyjmij`, lang)}"
            >
              ${csrfField(session)}<button type="submit">${t.accept}</button>
            </form>
            <form method="post" action="${withLang(`/dane-jst/zgloszenia/${s.id}/odrzuc`, lang)}">
              ${csrfField(session)}
              <label for="${`powod-${s.id}`}">${t.reason}</label>
              <textarea id="${`powod-${s.id}`}" name="reason" required maxlength="2000" rows="2"></textarea>
              <button type="submit" class="secondary">${t.reject}</button>
            </form>`
        : ''
    }
  </article>`;
}

export interface JstDataView {
  readonly units: ReadonlyArray<Static<typeof JstVariableList>>;
  readonly submissions: Static<typeof SubmissionList>;
  readonly review: boolean;
  readonly notice: { pl: string; en: string } | null;
  readonly refused: { unit: string; problems: readonly ProblemView[] } | null;
  readonly form?: Readonly<Record<string, string>>;
}

export function jstDataPage(lang: Lang, session: Session, view: JstDataView): string {
  const t = T[lang];
  const lastYear = (u: Static<typeof JstVariableList>) => u.years.last - 1;
  const year = Number(view.form?.year) || null;
  const unitForm = (u: Static<typeof JstVariableList>) => {
    const refused = view.refused?.unit === u.unit.code ? view.refused.problems : null;
    return html`<section aria-labelledby="${`j-${u.unit.code}`}">
      <h2 id="${`j-${u.unit.code}`}">${u.unit.name} (${u.unit.code})</h2>
      <p>
        ${t.template}:
        <a href="${`/api/v1/jst/units/${u.unit.code}/template?format=xlsx`}">XLSX</a>,
        <a href="${`/api/v1/jst/units/${u.unit.code}/template?format=csv`}">CSV</a>
      </p>
      <p class="hint">${t.upload}</p>
      ${
        refused
          ? html`<div class="form-error" role="alert" id="${`blad-${u.unit.code}`}">
              <p>${t.refused}</p>
              ${problemList(lang, refused)}
            </div>`
          : ''
      }
      <form method="post" action="${withLang('/dane-jst/zglos', lang)}">
        ${csrfField(session)}<input type="hidden" name="unit" value="${u.unit.code}" />
        <label for="${`rok-${u.unit.code}`}">${t.year}</label>
        <input
          id="${`rok-${u.unit.code}`}"
          name="year"
          type="number"
          min="${u.years.first}"
          max="${u.years.last}"
          value="${String(year ?? lastYear(u))}"
          required
        />
        ${u.variables.map(
          (v) =>
            html`<label for="${`${u.unit.code}-${v.id}`}">${v.name[lang]} (${v.measureUnit})</label>
              <input
                id="${`${u.unit.code}-${v.id}`}"
                name="${v.id}"
                inputmode="decimal"
                autocomplete="off"
                maxlength="40"
                value="${view.refused?.unit === u.unit.code ? (view.form?.[v.id] ?? '') : ''}"
              />`,
        )}
        <label for="${`kom-${u.unit.code}`}">${t.comment}</label>
        <textarea id="${`kom-${u.unit.code}`}" name="comment" maxlength="2000" rows="2">
${view.refused?.unit === u.unit.code ? (view.form?.comment ?? '') : ''}</textarea>
        <button type="submit">${t.send}</button>
      </form>
    </section>`;
  };
  const body = html`<h1>${t.title}</h1>
    <p class="lead">${t.lead}</p>
    ${view.notice ? html`<div class="form-ok" role="status"><p>${view.notice[lang]}</p></div>` : ''}
    ${view.units.map(unitForm)}
    <h2>${view.review ? t.review : t.mine}</h2>
    ${
      view.submissions.items.length === 0
        ? html`<p>${view.review ? t.noneWaiting : t.noneMine}</p>`
        : view.submissions.items.map((s) => submissionCard(lang, session, s, view.review))
    }`;
  return page({ lang, title: t.title, url: '/dane-jst', body });
}

export const JST_TEXT = T;
