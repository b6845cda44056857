/**
 * XLSX: a data sheet (one row per value: the TERYT code as text so its leading zero stays, the number as a
 * number at full precision with the indicator's decimals as its cell format — shown as the pages round it —,
 * unit of measure, flag and its meaning, why a value is missing, source and licence) and a metadata sheet
 * (definitions, units of measure, sources, the flags legend, the release and the request), so a workbook
 * forwarded by e-mail still explains itself. Headers and words follow `lang`.
 */
import ExcelJS from 'exceljs';
import { missingReasonWords } from '../../domain/observations/missing-note.js';
import { measureUnitIn, sourceIn } from './csv.js';
import type { DataTable } from './data-table.js';

const WORDS = {
  pl: {
    data: 'dane',
    meta: 'metadane',
    code: 'kod TERYT',
    name: 'nazwa',
    series: 'wskaźnik',
    year: 'rok',
    value: 'wartość',
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

export async function toXlsx(table: DataTable, lang: 'pl' | 'en' = 'pl'): Promise<Buffer> {
  const w = WORDS[lang];
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'SMUP — System Monitorowania Usług Publicznych';
  const series = new Map(table.series.map((s) => [s.id, s]));
  const flags = new Map(table.flags.map((f) => [f.id, f]));

  const data = workbook.addWorksheet(w.data);
  data.columns = [
    { header: w.code, key: 'code', width: 10, style: { numFmt: '@' } },
    { header: w.name, key: 'name', width: 28 },
    { header: w.series, key: 'series', width: 36 },
    { header: w.year, key: 'year', width: 6 },
    { header: w.value, key: 'value', width: 14 },
    { header: w.measureUnit, key: 'measureUnit', width: 22 },
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
    const added = data.addRow({
      code: row.unitCode,
      name: row.unitName,
      series: s?.name[lang] ?? row.series,
      year: row.year,
      // 16 significant digits, as the CSV's full value (domain/number-text.ts); Excel shows it rounded.
      value: row.value === null ? null : Number(row.value.toPrecision(16)),
      measureUnit: measureUnitIn(s?.measureUnit ?? null, lang),
      flag: row.flag?.symbol ?? '',
      flagMeaning: row.flag ? (flags.get(row.flag.id)?.[lang] ?? '') : '',
      reason: row.reason === null ? '' : missingReasonWords(row.reason, lang),
      source: sourceIn(s?.citation ?? '', lang),
      licence: sourceIn(s?.licence ?? '', lang),
    });
    const decimals = s?.decimals ?? null;
    if (decimals !== null)
      added.getCell('value').numFmt = decimals > 0 ? `#,##0.${'0'.repeat(decimals)}` : '#,##0';
  }

  const meta = workbook.addWorksheet(w.meta);
  meta.columns = [
    { header: w.field, key: 'field', width: 24 },
    { header: w.value, key: 'value', width: 100 },
  ];
  meta.getRow(1).font = { bold: true };
  meta.addRow({ field: w.title, value: table.title });
  meta.addRow({ field: w.release, value: table.release });
  meta.addRow({ field: w.request, value: table.url });
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
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
