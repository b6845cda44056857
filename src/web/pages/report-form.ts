/**
 * The "Raport" block of the unit page (issue 15): a plain GET form straight to the report endpoint of the
 * API (`/api/v1/units/{teryt}/report`), so it works without JavaScript and its URL can be shared. Every
 * control has a value the API accepts (no empty year or area list): the year defaults to the page's year
 * or the latest one, the areas to all of them or one.
 */
import { html, type Html } from '../html.js';
import type { Lang } from '../format.js';
import { AGAINST_OPTIONS } from './unit-text.js';

const TEXT = {
  title: { pl: 'Raport', en: 'Report' },
  intro: {
    pl: 'Diagnoza mocnych i słabych stron jednostki na tle wybranego zbioru, z tabelami, wykresami, metodologią i źródłami — do pobrania jako dostępny PDF, edytowalny DOCX, prezentacja PPTX albo arkusz XLSX.',
    en: 'A diagnosis of the unit’s strong and weak points against the chosen set, with tables, charts, methodology and sources — as an accessible PDF, an editable DOCX, a PPTX presentation or an XLSX workbook.',
  },
  set: { pl: 'Zbiór odniesienia', en: 'Reference set' },
  year: { pl: 'Rok', en: 'Year' },
  areas: { pl: 'Obszary', en: 'Areas' },
  allAreas: { pl: 'wszystkie obszary', en: 'all areas' },
  format: { pl: 'Format', en: 'Format' },
  submit: { pl: 'Pobierz raport', en: 'Download the report' },
};

const FORMATS: ReadonlyArray<readonly [string, { pl: string; en: string }]> = [
  ['pdf', { pl: 'PDF (dostępny, do druku)', en: 'PDF (accessible, for print)' }],
  ['docx', { pl: 'DOCX (Word, do edycji)', en: 'DOCX (Word, editable)' }],
  ['pptx', { pl: 'PPTX (prezentacja na sesję)', en: 'PPTX (presentation)' }],
  ['xlsx', { pl: 'XLSX (liczby raportu)', en: 'XLSX (the numbers)' }],
];

export interface ReportFormOptions {
  readonly lang: Lang;
  readonly code: string;
  readonly against: string;
  readonly years: readonly number[];
  readonly year: number | undefined;
  readonly areas: ReadonlyArray<{ readonly id: string; readonly name: { pl: string; en: string } }>;
  /** "Zapisz ustawienia" for a signed-in visitor, the sign-in link for others (save-controls.ts). */
  readonly save?: Html | '';
}

export function reportForm({ lang, code, against, years, year, areas, save = '' }: ReportFormOptions): Html {
  const chosen = year ?? years.at(-1);
  const all = areas.map((a) => a.id).join(',');
  return html`<section aria-labelledby="raport-h" class="report-section">
    <h2 id="raport-h">${TEXT.title[lang]}</h2>
    <p>${TEXT.intro[lang]}</p>
    <form class="controls" method="get" action="/api/v1/units/${code}/report">
      <input type="hidden" name="lang" value="${lang}" />
      <div>
        <label for="raport-zbior">${TEXT.set[lang]}</label>
        <select id="raport-zbior" name="against">
          ${AGAINST_OPTIONS.map(
            ([id, label]) =>
              html`<option value="${id}" ${id === against ? 'selected' : ''}>${label[lang]}</option>`,
          )}
        </select>
      </div>
      <div>
        <label for="raport-rok">${TEXT.year[lang]}</label>
        <select id="raport-rok" name="year">
          ${[...years].reverse().map((y) => html`<option value="${y}" ${y === chosen ? 'selected' : ''}>${y}</option>`)}
        </select>
      </div>
      <div>
        <label for="raport-obszary">${TEXT.areas[lang]}</label>
        <select id="raport-obszary" name="areas">
          <option value="${all}" selected>${TEXT.allAreas[lang]}</option>
          ${areas.map((a) => html`<option value="${a.id}">${a.name[lang]}</option>`)}
        </select>
      </div>
      <div>
        <label for="raport-format">${TEXT.format[lang]}</label>
        <select id="raport-format" name="format">
          ${FORMATS.map(([id, label]) => html`<option value="${id}">${label[lang]}</option>`)}
        </select>
      </div>
      <button type="submit">${TEXT.submit[lang]}</button>
      ${save}
    </form>
  </section>`;
}

/**
 * The compare page's report: links to `/api/v1/compare/report` in each format, when the units can be
 * compared in one report (2 to 5 units of one level, each against its comparison group).
 */
export function compareReportLinks(lang: Lang, codes: readonly string[]): Html {
  if (codes.length < 2 || codes.length > 5 || new Set(codes.map((c) => c.length)).size > 1) return html``;
  const url = (format: string) =>
    `/api/v1/compare/report?units=${codes.join(',')}&format=${format}&lang=${lang}`;
  return html`<p class="downloads">
    <strong>${lang === 'pl' ? 'Raport porównawczy' : 'Comparison report'}:</strong>
    ${FORMATS.map(([id, label]) => html`<a class="button secondary" href="${url(id)}" download>${label[lang]}</a>`)}
  </p>`;
}
