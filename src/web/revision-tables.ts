/**
 * The tables of a revision log: changes counted by variable and kind, and the changed values with before →
 * after. Shared by the public log of a release (pages/release-changes.ts) and the data stewards' diff of two
 * releases (pages/admin-releases.ts), which read the same API shapes (api/schemas/revisions.ts).
 */
import type { Static } from '@sinclair/typebox';
import type { RevisionItems, RevisionSummary } from '../api/schemas/revisions.js';
import { flagMark } from './flag-legend.js';
import { formatNumber, type Lang } from './format.js';
import { html, type Html } from './html.js';
import { withLang } from './layout.js';

type Item = Static<typeof RevisionItems>[number];
type Side = Item['before'];

export const KIND_LABEL: Record<string, { pl: string; en: string }> = {
  new: { pl: 'nowa wartość', en: 'new value' },
  revised: { pl: 'wartość zmieniona', en: 'value revised' },
  flag: { pl: 'zmiana oznaczenia', en: 'flag changed' },
  note: { pl: 'zmiana przypisu', en: 'note changed' },
  removed: { pl: 'wartość usunięta', en: 'value removed' },
};

const TEXT = {
  pl: {
    variable: 'Zmienna lub wskaźnik',
    unit: 'Jednostka',
    year: 'Rok',
    kind: 'Rodzaj zmiany',
    before: 'Było',
    after: 'Jest',
    missing: 'brak wartości',
  },
  en: {
    variable: 'Variable or indicator',
    unit: 'Unit',
    year: 'Year',
    kind: 'Kind of change',
    before: 'Before',
    after: 'Now',
    missing: 'no value',
  },
};

/** One side of a change: the value with its flag and unit, or "no value"; the note below it. */
export function sideCell(s: Side, measureUnit: string | null, lang: Lang): Html {
  if (!s) return html`<span class="muted">—</span>`;
  const value =
    s.value === null
      ? html`<span class="muted">${TEXT[lang].missing}</span>`
      : // A count (people, schools) reads as a whole number; a measured value keeps its two decimals.
        formatNumber(s.value, Number.isInteger(s.value) ? 0 : 2, lang);
  return html`${value}${flagMark(s.flag, lang)}${s.value !== null && measureUnit ? html` <span class="muted">${measureUnit}</span>` : ''}${s.note ? html`<br /><small class="muted">${s.note}</small>` : ''}`;
}

/**
 * A table in a region that scrolls sideways on its own (a phone's page never does), labelled by the heading
 * `labelledBy` names and keyboard-reachable, as axe asks of a scrolling region.
 */
const scrolling = (labelledBy: string, table: Html): Html =>
  html`<div class="table-wrap" tabindex="0" role="region" aria-labelledby="${labelledBy}">${table}</div>`;

/** Changes by variable and kind (one row per variable), labelled by the heading of id `labelledBy`. */
export function revisionSummaryTable(
  summary: Static<typeof RevisionSummary>,
  lang: Lang,
  labelledBy: string,
): Html {
  return scrolling(
    labelledBy,
    html`<table class="data">
      <thead>
        <tr>
          <th scope="col">${TEXT[lang].variable}</th>
          ${Object.values(KIND_LABEL).map((l) => html`<th scope="col" class="num">${l[lang]}</th>`)}
        </tr>
      </thead>
      <tbody>
        ${summary.map(
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
    </table>`,
  );
}

/** The changed values, one row per variable, unit and year, with before → after; see revisionSummaryTable. */
export function revisionItemsTable(items: readonly Item[], lang: Lang, labelledBy: string): Html {
  const text = TEXT[lang];
  return scrolling(
    labelledBy,
    html`<table class="data">
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
        ${items.map(
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
    </table>`,
  );
}
