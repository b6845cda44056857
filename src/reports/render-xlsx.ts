/**
 * The report's numbers as a workbook (exceljs): one sheet per area (a row per indicator: value, set median,
 * Q1, Q3, rank, n — numbers as numbers with the indicator's decimals — then position, trend, flag, reason
 * and source as text), and a metadata sheet (unit, set, year, release, date, summary, methodology, sources).
 */
import ExcelJS from 'exceljs';
import type { ReportModel } from './model.js';

const COLUMNS = {
  pl: [
    'Id wskaźnika',
    'Wskaźnik',
    'Jednostka miary',
    'Rok',
    'Wartość',
    'Flaga',
    'Mediana zbioru',
    'Q1 zbioru',
    'Q3 zbioru',
    'Miejsce',
    'Liczba jednostek w rankingu',
    'Pozycja',
    'Zmiana w 5 lat',
    'Zmiana mediany zbioru w 5 lat',
    'Ocena zmiany',
    'Przyczyna braku',
    'Źródło',
  ],
  en: [
    'Indicator id',
    'Indicator',
    'Unit of measure',
    'Year',
    'Value',
    'Flag',
    'Set median',
    'Set Q1',
    'Set Q3',
    'Rank',
    'Units ranked',
    'Position',
    '5-year change',
    '5-year change of the set median',
    'Change assessment',
    'Reason missing',
    'Source',
  ],
};

/** Excel forbids []:*?/\ in sheet names and allows 31 characters. */
const sheetName = (name: string, used: Set<string>): string => {
  let base = name.replace(/[[\]:*?/\\]/g, ' ').slice(0, 31);
  for (let i = 2; used.has(base); i++) base = `${name.slice(0, 27)} (${i})`;
  used.add(base);
  return base;
};

export async function renderReportXlsx(model: ReportModel): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  book.creator = 'SMUP';
  book.title = model.title;
  const used = new Set<string>();
  const pl = model.lang === 'pl';
  const meta = book.addWorksheet(sheetName(pl ? 'Metadane' : 'Metadata', used));
  meta.columns = [{ width: 28 }, { width: 120 }];
  const rows: Array<[string, string | number]> = [
    [pl ? 'Tytuł' : 'Title', model.title],
    [pl ? 'Jednostka' : 'Unit', `${model.unit.name} (${model.unit.kind})`],
    ['TERYT', model.unit.code],
    [pl ? 'Zbiór odniesienia' : 'Reference set', model.setLabel],
    [pl ? 'Liczba jednostek zbioru' : 'Units in the set', model.setMembers ?? '—'],
    [pl ? 'Rok' : 'Year', model.year ?? '—'],
    [pl ? 'Wydanie danych' : 'Data release', model.release],
    [pl ? 'Data raportu' : 'Report date', model.date],
    ...model.summary.map((s, i): [string, string] => [i === 0 ? model.headings.summary : '', s]),
    ...model.methodology.map((s, i): [string, string] => [i === 0 ? model.headings.methodology : '', s]),
    ...model.sources.map((s, i): [string, string] => [
      i === 0 ? model.headings.sources : '',
      `${s.name}. ${s.citation}. ${pl ? 'Licencja' : 'Licence'}: ${s.licence}.${s.url ? ` ${s.url}` : ''}`,
    ]),
  ];
  for (const row of rows) meta.addRow(row);
  meta.getColumn(1).font = { bold: true };
  meta.getColumn(2).alignment = { wrapText: true, vertical: 'top' };

  for (const section of model.sections) {
    const sheet = book.addWorksheet(sheetName(section.title, used), {
      views: [{ state: 'frozen', ySplit: 1 }],
    });
    sheet.addRow(COLUMNS[model.lang]).font = { bold: true };
    // Every finding, those without a value after the table's (the PDF and DOCX only count them).
    for (const { finding: f, cells } of [...section.rows, ...section.missingRows]) {
      const row = sheet.addRow([
        f.indicator.id,
        f.indicator.name,
        f.indicator.measureUnit,
        f.year,
        f.value,
        f.flag ? `${f.flag.symbol} ${f.flag.label[model.lang]}` : null,
        f.median,
        f.q1,
        f.q3,
        f.rank,
        f.rankedCount,
        f.position,
        f.change?.unit ?? null,
        f.change?.setMedian ?? null,
        cells.trend === '—' ? null : cells.trend,
        f.missing?.text ?? null,
        f.citation,
      ]);
      const format = f.indicator.decimals > 0 ? `#,##0.${'0'.repeat(f.indicator.decimals)}` : '#,##0';
      for (const column of [5, 7, 8, 9, 13, 14]) row.getCell(column).numFmt = format;
    }
    sheet.columns.forEach((column, i) => {
      column.width = [34, 48, 18, 6, 12, 16, 14, 12, 12, 8, 10, 24, 12, 14, 26, 30, 50][i] ?? 12;
    });
  }
  return Buffer.from(await book.xlsx.writeBuffer());
}
