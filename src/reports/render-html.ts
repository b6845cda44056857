/**
 * The report as one accessible HTML document (what Chromium prints to PDF): `lang`, one h1, headings in
 * order, a table of contents of in-document links (clickable in the PDF), real tables with <caption> and
 * <th scope>, and each chart as role="img" with an aria-label and a <title> (the PDF's alternative text).
 */
import { html, raw, type Html } from '../web/html.js';
import { CHART_CSS } from './chart-style.js';
import { notoSansFaces } from './fonts.js';
import type { ReportChart, ReportModel, ReportSection } from './model.js';

const STYLE = `
@page { size: A4; }
body { font-family: 'Noto Sans', sans-serif; font-size: 10.5pt; line-height: 1.45; color: #1b1f24; margin: 0; }
h1 { font-size: 22pt; margin: 0 0 12pt; }
h2 { font-size: 15pt; margin: 18pt 0 6pt; break-after: avoid; }
h3 { font-size: 12pt; margin: 12pt 0 4pt; break-after: avoid; }
.title-page { break-after: page; padding-top: 30mm; }
.title-page dl { display: grid; grid-template-columns: max-content 1fr; gap: 4pt 12pt; font-size: 12pt; }
.title-page dt { font-weight: 700; }
.title-page dd { margin: 0; }
nav.toc { break-after: page; }
nav.toc a { color: #0b57a4; }
section.area { break-before: page; }
table { border-collapse: collapse; width: 100%; font-size: 8.5pt; margin: 6pt 0 10pt; }
caption { text-align: left; font-weight: 700; margin-bottom: 4pt; }
th, td { border: 0.5pt solid #8a939e; padding: 2pt 4pt; vertical-align: top; }
thead th { background: #f3f5f8; text-align: left; }
td.num { text-align: right; white-space: nowrap; }
tbody th { text-align: left; font-weight: 400; }
figure { margin: 8pt 0 12pt; break-inside: avoid; }
figure svg { width: 100%; height: auto; max-height: 75mm; }
figcaption { font-size: 9pt; color: #4d5661; }
.sources li, .method p { margin-bottom: 4pt; }
${CHART_CSS}
`;

/** The chart with its text alternative also as <title>, the first child (read by PDF taggers). */
function chartFigure(chart: ReportChart): Html {
  const titled = chart.svg.replace(/^(<svg[^>]*>)/, (open) => `${open}<title>${escape(chart.alt)}</title>`);
  return html`<figure>
    ${raw(titled)}
    <figcaption>${chart.title}</figcaption>
  </figure>`;
}

const escape = (text: string): string =>
  text.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c] as string);

function sectionTable(section: ReportSection, model: ReportModel): Html | '' {
  // An area with no value in this release has only its sentence on what is missing.
  if (section.rows.length === 0) return '';
  const c = model.headings.columns;
  return html`<table>
    <caption>
      ${section.title}: ${model.lang === 'pl' ? 'wskaźniki na tle zbioru' : 'indicators against the set'}
      „${model.setLabel}”
    </caption>
    <thead>
      <tr>
        <th scope="col">${c.indicator}</th>
        <th scope="col">${c.value}</th>
        <th scope="col">${c.median}</th>
        <th scope="col">${c.spread}</th>
        <th scope="col">${c.rank}</th>
        <th scope="col">${c.position}</th>
        <th scope="col">${c.trend}</th>
      </tr>
    </thead>
    <tbody>
      ${section.rows.map(
        (r) =>
          html`<tr>
            <th scope="row">${r.cells.indicator}</th>
            <td class="num">${r.cells.value}</td>
            <td class="num">${r.cells.median}</td>
            <td class="num">${r.cells.spread}</td>
            <td class="num">${r.cells.rank}</td>
            <td>${r.cells.position}</td>
            <td>${r.cells.trend}</td>
          </tr>`,
      )}
    </tbody>
  </table>`;
}

// Over 80 lines: the report's HTML in reading order (title page, summary, sections, tables, sources), one template.
export function renderReportHtml(model: ReportModel): string {
  const h = model.headings;
  const pl = model.lang === 'pl';
  const list = (items: ReportModel['strengths']) =>
    items.length === 0
      ? html`<p>${h.none}</p>`
      : html`<ul>
          ${items.map((f) => html`<li>${f.sentence}</li>`)}
        </ul>`;
  const toc: Array<[string, string]> = [
    ['summary', h.summary],
    ...model.sections.map((s): [string, string] => [`area-${s.id}`, s.title]),
    ['methodology', h.methodology],
    ['sources', h.sources],
  ];
  const page = html`<!doctype html>
    <html lang="${model.lang}">
      <head>
        <meta charset="utf-8" />
        <title>${model.title}</title>
        <meta name="author" content="SMUP" />
        <style>
          ${raw(notoSansFaces())}
          ${raw(STYLE)}
        </style>
      </head>
      <body>
        <header class="title-page">
          <h1>${model.title}</h1>
          <dl>
            <dt>${pl ? 'Jednostka' : 'Unit'}</dt>
            <dd>${model.unit.name} (${model.unit.kind}, TERYT ${model.unit.code})</dd>
            <dt>${pl ? 'Zbiór odniesienia' : 'Reference set'}</dt>
            <dd>${model.setLabel}${model.setMembers === null ? '' : ` (${model.setMembers})`}</dd>
            <dt>${pl ? 'Rok' : 'Year'}</dt>
            <dd>${model.year ?? '—'}</dd>
            <dt>${pl ? 'Wydanie danych' : 'Data release'}</dt>
            <dd>${model.release}</dd>
            <dt>${pl ? 'Data raportu' : 'Report date'}</dt>
            <dd>${model.date}</dd>
          </dl>
        </header>
        <nav class="toc" aria-labelledby="toc-title">
          <h2 id="toc-title">${h.contents}</h2>
          <ol>
            ${toc.map(([id, title]) => html`<li><a href="#${id}">${title}</a></li>`)}
          </ol>
        </nav>
        <main>
          <section id="summary">
            <h2>${h.summary}</h2>
            ${model.summary.map((s) => html`<p>${s}</p>`)}
            <h3>${h.strengths}</h3>
            ${list(model.strengths)}
            <h3>${h.weaknesses}</h3>
            ${list(model.weaknesses)}
          </section>
          ${model.sections.map(
            (s) =>
              html`<section class="area" id="area-${s.id}">
                <h2>${s.title}</h2>
                ${s.sentences.map((t) => html`<p>${t}</p>`)} ${sectionTable(s, model)}
                ${s.charts.map(chartFigure)}
              </section>`,
          )}
          <section id="methodology" class="method">
            <h2>${h.methodology}</h2>
            ${model.methodology.map((p) => html`<p>${p}</p>`)}
          </section>
          <section id="sources" class="sources">
            <h2>${h.sources}</h2>
            <ul>
              ${model.sources.map(
                (s) =>
                  html`<li>
                    ${s.name}. ${s.citation}. ${pl ? 'Licencja' : 'Licence'}:
                    ${s.licence}.${s.url ? ` ${s.url}` : ''}
                  </li>`,
              )}
            </ul>
          </section>
        </main>
      </body>
    </html>`;
  return page.text;
}
