/**
 * CSV for spreadsheets and statistical tools: UTF-8 with a BOM (Excel then reads Polish letters right),
 * `,` or — for Polish Excel — `;` between fields, and optionally a decimal comma. One row per value with
 * its unit, year, unit of measure, flag, reason and source, so a row cut out of the file still says what
 * it is (CONVENTIONS.md: every number carries unit, year, source and flag).
 */
import { stringify } from 'csv-stringify/sync';
import { neutraliseFormula } from '../../domain/csv-cell.js';
import { missingReasonWords } from '../../domain/observations/missing-note.js';
import type { DataTable } from './data-table.js';

export interface CsvOptions {
  readonly separator: ',' | ';';
  readonly decimalComma: boolean;
}

export function toCsv(table: DataTable, { separator, decimalComma }: CsvOptions): string {
  const series = new Map(table.series.map((s) => [s.id, s]));
  const number = (value: number | null): string => {
    if (value === null) return '';
    const text = String(value);
    return decimalComma ? text.replace('.', ',') : text;
  };
  // Text cells (names, units of measure, sources: some come from ingested files) are neutralised against
  // formula injection; numbers (value, year, flag id, release) are written as numbers, a minus sign included.
  const text = neutraliseFormula;
  const records = table.rows.map((row) => {
    const s = series.get(row.series);
    return [
      text(row.unitCode),
      text(row.unitName),
      text(row.series),
      text(s?.name.pl ?? row.series),
      row.year,
      number(row.value),
      text(s?.measureUnit ?? ''),
      text(row.flag?.symbol ?? ''),
      row.flag?.id ?? '',
      // The reason in words (the file's headers are Polish), never a code such as `not-in-release`.
      text(row.reason === null ? '' : missingReasonWords(row.reason, 'pl')),
      text(s?.citation ?? ''),
      table.release,
    ];
  });
  const header = [
    'kod_teryt',
    'nazwa',
    'wskaznik',
    'nazwa_wskaznika',
    'rok',
    'wartosc',
    'jednostka_miary',
    'flaga',
    'flaga_id',
    'przyczyna_braku',
    'zrodlo',
    'wydanie',
  ];
  return `\uFEFF${stringify([header, ...records], { delimiter: separator, record_delimiter: 'windows' })}`;
}
