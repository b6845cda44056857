/**
 * XLSX: a data sheet (one row per value: the TERYT code as text so its leading zero stays, the value as a
 * number twice — rounded as the pages show it, with the indicator's decimals as its cell format, and at full
 * precision —, unit of measure, for a table with a set the set's columns (standing-columns.ts: what the
 * page beside the download shows), flag and its meaning, why a value is missing, source and licence) and a
 * metadata sheet (definitions, units of measure, sources, the flags legend, the release and the request),
 * so a workbook forwarded by e-mail still explains itself. Headers and words follow `lang`.
 */
import type ExcelJS from 'exceljs';
import { roundedText } from '../../domain/number-text.js';
import { missingReasonWords } from '../../domain/observations/missing-note.js';
import { measureUnitIn, sourceIn } from './csv.js';
import type { DataTable } from './data-table.js';
import { STANDING_COLUMNS, STANDING_NOTES } from './standing-columns.js';

const WORDS = {
  pl: {
    data: 'dane',
    meta: 'metadane',
    code: 'kod TERYT',
    name: 'nazwa',
    series: 'wskaźnik',
    year: 'rok',
    value: 'wartość',
    valueFull: 'wartość (pełna dokładność)',
    measureUnit: 'jednostka miary',
    flag: 'flaga',
    flagMeaning: 'opis flagi',
    reason: 'przyczyna braku',
    source: 'źródło',
    licence: 'licencja',
    field: 'pole',
    title: 'tytuł',
    release: 'wydanie danych (release)',
    request: 'zapytanie',
    definition: 'definicja',
    legend: 'legenda flag',
    noFlags: '(brak flag w danych)',
  },
  en: {
    data: 'data',
    meta: 'metadata',
    code: 'TERYT code',
    name: 'name',
    series: 'indicator',
    year: 'year',
    value: 'value',
    valueFull: 'value (full precision)',
    measureUnit: 'unit of measure',
    flag: 'flag',
    flagMeaning: 'flag meaning',
    reason: 'reason missing',
    source: 'source',
    licence: 'licence',
    field: 'field',
    title: 'title',
    release: 'data release',
    request: 'request',
    definition: 'definition',
    legend: 'flags legend',
    noFlags: '(no flags in the data)',
  },
} as const;

type Words = (typeof WORDS)[keyof typeof WORDS];

/** 16 significant digits, as the CSV's full value (domain/number-text.ts); null stays an empty cell. */
const fullValue = (v: number | null | undefined): number | null =>
  v == null ? null : Number(v.toPrecision(16));

/** Rounded as the pages show it (the indicator's decimals), a number still. */
const shownValue = (v: number | null | undefined, decimals: number | null): number | null =>
  v == null ? null : Number(roundedText(v, decimals));

const numberFormat = (decimals: number | null): string | undefined =>
  decimals === null ? undefined : decimals > 0 ? `#,##0.${'0'.repeat(decimals)}` : '#,##0';

function dataSheet(workbook: ExcelJS.Workbook, table: DataTable, lang: 'pl' | 'en', w: Words): void {
  const series = new Map(table.series.map((s) => [s.id, s]));
  const flags = new Map(table.flags.map((f) => [f.id, f]));
  const standing = table.standing === undefined ? [] : STANDING_COLUMNS[table.standing];
  const data = workbook.addWorksheet(w.data);
  data.columns = [
    { header: w.code, key: 'code', width: 10, style: { numFmt: '@' } },
    { header: w.name, key: 'name', width: 28 },
    { header: w.series, key: 'series', width: 36 },
    { header: w.year, key: 'year', width: 6 },
    { header: w.value, key: 'value', width: 14 },
    { header: w.valueFull, key: 'valueFull', width: 20 },
    { header: w.measureUnit, key: 'measureUnit', width: 22 },
    ...standing.map((c) => ({ header: c.xlsx[lang], key: c.key, width: c.width })),
    { header: w.flag, key: 'flag', width: 6 },
    { header: w.flagMeaning, key: 'flagMeaning', width: 24 },
    { header: w.reason, key: 'reason', width: 24 },
    { header: w.source, key: 'source', width: 40 },
    { header: w.licence, key: 'licence', width: 30 },
  ];
  data.getRow(1).font = { bold: true };
  data.views = [{ state: 'frozen', ySplit: 1 }];
  for (const row of table.rows) {
    const s = series.get(row.series);
    const decimals = s?.decimals ?? null;
    const numbers = { shown: (v: number | null | undefined) => shownValue(v, decimals), full: fullValue };
    const added = data.addRow({
      code: row.unitCode,
      name: row.unitName,
      series: s?.name[lang] ?? row.series,
      year: row.year,
      value: shownValue(row.value, decimals),
      valueFull: fullValue(row.value),
      measureUnit: measureUnitIn(s?.measureUnit ?? null, lang),
      ...Object.fromEntries(standing.map((c) => [c.key, c.cell(row.standing, numbers, lang)])),
      flag: row.flag?.symbol ?? '',
      flagMeaning: row.flag ? (flags.get(row.flag.id)?.[lang] ?? '') : '',
      reason: row.reason === null ? '' : missingReasonWords(row.reason, lang),
      source: sourceIn(s?.citation ?? '', lang),
      licence: sourceIn(s?.licence ?? '', lang),
    });
    const format = numberFormat(decimals);
    if (format !== undefined) {
      added.getCell('value').numFmt = format;
      for (const c of standing) if (c.rounded) added.getCell(c.key).numFmt = format;
    }
  }
}

function metaSheet(workbook: ExcelJS.Workbook, table: DataTable, lang: 'pl' | 'en', w: Words): void {
  const meta = workbook.addWorksheet(w.meta);
  meta.columns = [
    { header: w.field, key: 'field', width: 24 },
    { header: w.value, key: 'value', width: 100 },
  ];
  meta.getRow(1).font = { bold: true };
  meta.addRow({ field: w.title, value: table.title });
  meta.addRow({ field: w.release, value: table.release });
  meta.addRow({ field: w.request, value: table.url });
  if (table.standing !== undefined) {
    const first = STANDING_COLUMNS[table.standing][0];
    meta.addRow({ field: first?.xlsx[lang] ?? '', value: STANDING_NOTES[table.standing][lang] });
  }
  for (const s of table.series) {
    meta.addRow({});
    meta.addRow({ field: w.series, value: `${s.id} — ${s.name.pl} / ${s.name.en}` });
    if (s.definition) meta.addRow({ field: w.definition, value: s.definition });
    meta.addRow({ field: w.measureUnit, value: measureUnitIn(s.measureUnit, lang) });
    meta.addRow({ field: w.source, value: sourceIn(s.citation, lang) });
    meta.addRow({ field: w.licence, value: sourceIn(s.licence, lang) });
  }
  meta.addRow({});
  meta.addRow({ field: w.legend, value: table.flags.length === 0 ? w.noFlags : '' });
  for (const flag of table.flags) {
    meta.addRow({ field: `${flag.symbol} (${flag.id})`, value: `${flag.pl} / ${flag.en}` });
  }
}

export async function toXlsx(table: DataTable, lang: 'pl' | 'en' = 'pl'): Promise<Buffer> {
  const w = WORDS[lang];
  // exceljs is loaded on the first workbook, not with the server (render.ts says why).
  const { default: Excel } = await import('exceljs');
  const workbook = new Excel.Workbook();
  workbook.creator = 'SMUP — System Monitorowania Usług Publicznych';
  dataSheet(workbook, table, lang, w);
  metaSheet(workbook, table, lang, w);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
