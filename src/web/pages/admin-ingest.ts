/**
 * Data ingestion in the portal (issue 18, point 5), for data stewards and administrators: the upload form
 * (a CSV or XLSX file with one of the reviewed mappings, into the draft), its report — every problem of a
 * refused file by line and column, or what the file changed and the plausibility findings on its
 * variables — and the ingestion runs the store records with their status and progress. A plain multipart
 * form: it works without JavaScript.
 */
import type { Static } from '@sinclair/typebox';
import type {
  CheckReport,
  FileRefused,
  IngestRuns,
  MappingList,
  UploadReport,
} from '../../api/schemas/admin-ingest.js';
import { formatNumber, type Lang } from '../format.js';
import { html, type Html } from '../html.js';
import { page, withLang } from '../layout.js';
import type { Session } from '../session.js';
import { csrfField } from './account.js';
import { adminNav, noticeBox } from '../admin-nav.js';

export type Runs = Static<typeof IngestRuns>;
export type Mappings = Static<typeof MappingList>['items'];
export type Upload = Static<typeof UploadReport>;
export type Refused = Static<typeof FileRefused>;
type Violations = Static<typeof CheckReport>['violations'];
type Text = { readonly pl: string; readonly en: string };

const T = {
  title: { pl: 'Wczytywanie danych', en: 'Data ingestion' },
  upload: { pl: 'Wczytaj plik do wersji roboczej', en: 'Ingest a file into the draft' },
  uploadLead: {
    pl: 'Plik CSV (rozdzielany ; lub ,, UTF-8 lub Windows-1250) albo XLSX, do 20 MiB, czytany według wybranego mapowania — tak jak smup ingest table. Plik z jakimkolwiek błędem nie zostanie wczytany wcale. Wartości trafiają do wersji roboczej; aktualne wydanie zmienia dopiero publikacja.',
    en: 'A CSV (; or , separated, UTF-8 or Windows-1250) or XLSX file, up to 20 MiB, read as the chosen mapping says — as smup ingest table does. A file with any error is not ingested at all. The values go into the draft; the live release changes only when it is published.',
  },
  file: { pl: 'Plik', en: 'File' },
  mapping: { pl: 'Mapowanie', en: 'Mapping' },
  send: { pl: 'Wczytaj', en: 'Ingest' },
  runs: { pl: 'Przebiegi wczytywania', en: 'Ingestion runs' },
  syncs: { pl: 'Synchronizacje z BDL (smup sync)', en: 'BDL syncs (smup sync)' },
  none: { pl: 'Brak zapisanych przebiegów.', en: 'No runs recorded.' },
  release: { pl: 'Wydanie', en: 'Release' },
  job: { pl: 'Zadanie', en: 'Job' },
  status: { pl: 'Stan', en: 'Status' },
  progress: { pl: 'Postęp: strony (obserwacje)', en: 'Progress: pages (observations)' },
  result: { pl: 'Dodane / zmienione / usunięte / bez zmian', en: 'Added / changed / removed / unchanged' },
  started: { pl: 'Początek (UTC)', en: 'Started (UTC)' },
  finished: { pl: 'Koniec (UTC)', en: 'Finished (UTC)' },
  step: { pl: 'Krok', en: 'Step' },
  variables: { pl: 'Zmienne sprawdzone', en: 'Variables checked' },
  problems: { pl: 'Problemy pliku', en: 'Problems of the file' },
  line: { pl: 'Wiersz', en: 'Line' },
  column: { pl: 'Kolumna', en: 'Column' },
  expected: { pl: 'Oczekiwano', en: 'Expected' },
  found: { pl: 'Jest', en: 'Found' },
  report: { pl: 'Raport wczytania', en: 'Ingest report' },
  findings: { pl: 'Raport walidacji: reguły wiarygodności', en: 'Validation report: plausibility rules' },
  noFindings: {
    pl: 'Żadna reguła wiarygodności nie zgłosiła zastrzeżeń.',
    en: 'No plausibility rule found anything.',
  },
  rule: { pl: 'Reguła', en: 'Rule' },
  severity: { pl: 'Waga', en: 'Severity' },
  variable: { pl: 'Zmienna', en: 'Variable' },
  unit: { pl: 'Jednostka', en: 'Unit' },
  year: { pl: 'Rok', en: 'Year' },
  detail: { pl: 'Co stwierdzono', en: 'What was found' },
  warnings: { pl: 'Ostrzeżenia odczytu', en: 'Reading warnings' },
  toReleases: { pl: 'Zobacz wersję roboczą i opublikuj', en: 'See the draft and publish it' },
  checkDraft: { pl: 'Raport walidacji wersji roboczej', en: 'Validation report of the draft' },
} as const satisfies Record<string, Text>;

const STATUS: Record<string, Text> = {
  running: { pl: 'w toku (lub przerwane)', en: 'running (or interrupted)' },
  merged: { pl: 'zakończone', en: 'merged' },
};
/** The release a run wrote into, as the releases page names it. */
const RELEASE: Record<string, Text> = {
  draft: { pl: 'robocze', en: 'draft' },
  published: { pl: 'opublikowane', en: 'published' },
  discarded: { pl: 'odrzucone', en: 'discarded' },
  live: { pl: 'aktualne', en: 'live' },
};
const SEVERITY: Record<string, Text> = {
  hard: { pl: 'błąd (wartość oznaczona jako wątpliwa)', en: 'hard (value flagged suspect)' },
  warning: { pl: 'ostrzeżenie', en: 'warning' },
};

const when = (iso: string | null): string => (iso ? `${iso.slice(0, 10)} ${iso.slice(11, 16)}` : '—');
const n = (value: unknown, lang: Lang): string =>
  typeof value === 'number' ? formatNumber(value, 0, lang) : '—';

/** `text` with its mention of `command` set as code (the sentence is written once, in T). */
function commandInCode(text: string, command: string): Html {
  const [before = '', after = ''] = text.split(command);
  return html`${before}<code>${command}</code>${after}`;
}

/** A table in a scrolling region labelled by its heading (keyboard-reachable, as axe asks). */
const wrap = (id: string, table: Html): Html =>
  html`<div class="table-wrap" tabindex="0" role="region" aria-labelledby="${id}">${table}</div>`;

export function violationsTable(violations: Violations, lang: Lang, id: string): Html {
  if (violations.length === 0) return html`<p>${T.noFindings[lang]}</p>`;
  return wrap(
    id,
    html`<table class="data">
      <thead>
        <tr>
          <th scope="col">${T.rule[lang]}</th>
          <th scope="col">${T.severity[lang]}</th>
          <th scope="col">${T.variable[lang]}</th>
          <th scope="col">${T.unit[lang]}</th>
          <th scope="col">${T.year[lang]}</th>
          <th scope="col">${T.detail[lang]}</th>
        </tr>
      </thead>
      <tbody>
        ${violations.map(
          (v) =>
            html`<tr>
              <td>${v.ruleId}</td>
              <td>${SEVERITY[v.severity]?.[lang] ?? v.severity}</td>
              <td>${v.variableId}</td>
              <td><a href="${withLang(`/jst/${v.unitCode}`, lang)}">${v.unitCode}</a></td>
              <td>${v.year}</td>
              <td>${v.detail}</td>
            </tr>`,
        )}
      </tbody>
    </table>`,
  );
}

function refusedSection(refused: Refused, lang: Lang): Html {
  const alert = html`<div class="form-error" role="alert"><p>${refused.message[lang]}</p></div>`;
  // A refusal of the whole request (too large, no file, an unknown mapping) has no lines to list.
  if (refused.problems.length === 0) return alert;
  return html`${alert}
    <h2 id="problemy">${T.problems[lang]} (${refused.problems.length})</h2>
    ${wrap(
      'problemy',
      html`<table class="data">
        <thead>
          <tr>
            <th scope="col">${T.line[lang]}</th>
            <th scope="col">${T.column[lang]}</th>
            <th scope="col">${T.expected[lang]}</th>
            <th scope="col">${T.found[lang]}</th>
          </tr>
        </thead>
        <tbody>
          ${refused.problems.map(
            (p) =>
              html`<tr>
                <td>${p.line ?? '—'}</td>
                <td>${p.column ?? '—'}</td>
                <td>${p.expected}</td>
                <td>${p.found ?? '—'}</td>
              </tr>`,
          )}
        </tbody>
      </table>`,
    )}`;
}

function uploadSection(upload: Upload, lang: Lang): Html {
  const s = upload.stats;
  const ok: Text = {
    pl: `Wczytano ${upload.job} do wersji roboczej ${upload.releaseId}: dodano ${n(s?.added, lang)}, zmieniono ${n(s?.changed, lang)}, usunięto ${n(s?.removed, lang)}, bez zmian ${n(s?.unchanged, lang)}.`,
    en: `Ingested ${upload.job} into draft ${upload.releaseId}: ${n(s?.added, lang)} added, ${n(s?.changed, lang)} changed, ${n(s?.removed, lang)} removed, ${n(s?.unchanged, lang)} unchanged.`,
  };
  return html`${noticeBox({ kind: 'ok', message: ok }, lang)}
    <h2>${T.report[lang]}</h2>
    <p>
      ${lang === 'pl' ? 'Wiersze' : 'Rows'}: ${n(upload.table.rows, lang)};
      ${lang === 'pl' ? 'obserwacje' : 'observations'}: ${n(upload.table.observations, lang)};
      ${lang === 'pl' ? 'pominięte nieznane jednostki' : 'rows of unknown units skipped'}:
      ${n(upload.table.rowsUnknownUnit, lang)}.
    </p>
    ${
      upload.warnings.length > 0
        ? html`<h3>${T.warnings[lang]}</h3>
            <ul>
              ${upload.warnings.map(
                (w) =>
                  html`<li>
                    ${w.line === null ? '' : `${T.line[lang]} ${w.line}: `}${w.column ? `${w.column}: ` : ''}${w.message}
                  </li>`,
              )}
            </ul>`
        : ''
    }
    <h3 id="walidacja-pliku">${T.findings[lang]} (${upload.check.hard} / ${upload.check.warning})</h3>
    ${violationsTable(upload.check.violations, lang, 'walidacja-pliku')}
    <p><a href="${withLang('/admin/wydania', lang)}">${T.toReleases[lang]}</a></p>`;
}

function runsTable(runs: Runs, lang: Lang): Html {
  if (runs.jobs.length === 0) return html`<p>${T.none[lang]}</p>`;
  return wrap(
    'przebiegi',
    html`<table class="data">
      <thead>
        <tr>
          <th scope="col">${T.release[lang]}</th>
          <th scope="col">${T.job[lang]}</th>
          <th scope="col">${T.status[lang]}</th>
          <th scope="col" class="num wrap">${T.progress[lang]}</th>
          <th scope="col" class="num wrap">${T.result[lang]}</th>
          <th scope="col">${T.started[lang]}</th>
          <th scope="col">${T.finished[lang]}</th>
        </tr>
      </thead>
      <tbody>
        ${runs.jobs.map(
          (j) =>
            html`<tr>
              <td class="num">
                ${j.releaseId}
                <small class="muted"
                  >(${(j.live ? RELEASE.live : RELEASE[j.releaseStatus])?.[lang] ?? j.releaseStatus})</small
                >
              </td>
              <td>${j.description} <small class="muted">${j.sourceId}</small></td>
              <td>${STATUS[j.status]?.[lang] ?? j.status}</td>
              <td class="num">${n(j.pages, lang)} (${n(j.observations, lang)})</td>
              <td class="num">
                ${
                  j.status === 'merged'
                    ? `${n(j.stats.added, lang)} / ${n(j.stats.changed, lang)} / ${n(j.stats.removed, lang)} / ${n(j.stats.unchanged, lang)}`
                    : '—'
                }
              </td>
              <td>${when(j.startedAt)}</td>
              <td>${when(j.finishedAt)}</td>
            </tr>`,
        )}
      </tbody>
    </table>`,
  );
}

function syncsTable(runs: Runs, lang: Lang): Html | '' {
  if (runs.syncs.length === 0) return '';
  return html`<h2 id="synchronizacje">${T.syncs[lang]}</h2>
    ${wrap(
      'synchronizacje',
      html`<table class="data">
        <thead>
          <tr>
            <th scope="col">${T.release[lang]}</th>
            <th scope="col">${T.step[lang]}</th>
            <th scope="col" class="num">${T.variables[lang]}</th>
            <th scope="col">${T.started[lang]}</th>
            <th scope="col">${lang === 'pl' ? 'Ostatnia zmiana (UTC)' : 'Last change (UTC)'}</th>
          </tr>
        </thead>
        <tbody>
          ${runs.syncs.map(
            (s) =>
              html`<tr>
                <td class="num">${s.releaseId}</td>
                <td>${s.step}</td>
                <td class="num">${n(s.variables, lang)}</td>
                <td>${when(s.startedAt)}</td>
                <td>${when(s.updatedAt)}</td>
              </tr>`,
          )}
        </tbody>
      </table>`,
    )}`;
}

export function ingestPage(
  lang: Lang,
  session: Session,
  view: { runs: Runs; mappings: Mappings; upload?: Upload | null; refused?: Refused | null; chosen?: string },
): string {
  return page({
    lang,
    url: '/admin/wczytywanie',
    title: T.title[lang],
    body: html`<h1>${T.title[lang]}</h1>
      ${adminNav(lang, session, '/admin/wczytywanie')}
      ${view.refused ? refusedSection(view.refused, lang) : ''}
      ${view.upload ? uploadSection(view.upload, lang) : ''}
      <h2>${T.upload[lang]}</h2>
      <p class="hint">${commandInCode(T.uploadLead[lang], 'smup ingest table')}</p>
      <form
        class="controls"
        method="post"
        enctype="multipart/form-data"
        action="${withLang('/admin/wczytywanie/plik', lang)}"
      >
        ${csrfField(session)}
        <div>
          <label for="u-mapping">${T.mapping[lang]}</label>
          <select id="u-mapping" name="mapping" required>
            ${view.mappings.map(
              (m) =>
                html`<option value="${m.id}" ${view.chosen === m.id ? 'selected' : ''}>
                  ${m.id}: ${m.title}
                </option>`,
            )}
          </select>
        </div>
        <div>
          <label for="u-file">${T.file[lang]}</label>
          <input id="u-file" name="file" type="file" accept=".csv,.xlsx" required />
        </div>
        <div><button type="submit">${T.send[lang]}</button></div>
      </form>
      <p><a href="${withLang('/admin/wczytywanie/walidacja', lang)}">${T.checkDraft[lang]}</a></p>
      <h2 id="przebiegi">${T.runs[lang]} (${formatNumber(view.runs.total, 0, lang)})</h2>
      ${runsTable(view.runs, lang)} ${syncsTable(view.runs, lang)}`,
  });
}

export function checkPage(lang: Lang, session: Session, report: Static<typeof CheckReport>): string {
  const title =
    report.release === null
      ? T.findings[lang]
      : `${T.findings[lang]} — ${T.release[lang].toLowerCase()} ${report.release}`;
  return page({
    lang,
    url: '/admin/wczytywanie/walidacja',
    title,
    body: html`<h1>${title}</h1>
      ${adminNav(lang, session, '')}
      <p>
        ${SEVERITY.hard?.[lang]}: ${n(report.hard, lang)}; ${SEVERITY.warning?.[lang]}:
        ${n(report.warning, lang)}
      </p>
      <h2 id="walidacja">${T.findings[lang]}</h2>
      ${violationsTable(report.violations, lang, 'walidacja')}`,
  });
}
