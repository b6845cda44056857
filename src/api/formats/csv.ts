/**
 * CSV for spreadsheets and statistical tools: UTF-8 with a BOM (Excel then reads Polish letters right),
 * `,` or — for Polish Excel — `;` between fields, and optionally a decimal comma. One row per value with
 * its unit, year, unit of measure, flag (symbol and words), reason, source and licence, so a row cut out of
 * the file still says what it is (CONVENTIONS.md: every number carries unit, year, source and flag). The
 * value is written twice (issue 16, point 3): rounded as the pages show it, and at full precision (16
 * significant digits, domain/number-text.ts). A table with a set (DataTable.standing) adds, after the unit
 * of measure, the columns the page beside it shows: for the compared units of GET /compare the set's median
 * (as shown and in full), the row's rank and how many units' values both come from; for a unit's reference
 * set (GET /units/{teryt}/data) also the set's name, quartiles and the position in words. Headers and words
 * follow `lang`.
 */
import { stringify } from 'csv-stringify/sync';
import { neutraliseFormula } from '../../domain/csv-cell.js';
import { measureUnitInEnglish } from '../../domain/measure-unit-en.js';
import { fullPrecisionText, roundedText } from '../../domain/number-text.js';
import { sourceTextInEnglish } from '../../domain/source-text-en.js';
import { missingReasonWords } from '../../domain/observations/missing-note.js';
import type { DataTable } from './data-table.js';
import { STANDING_COLUMNS } from './standing-columns.js';

export interface CsvOptions {
  readonly separator: ',' | ';';
  readonly decimalComma: boolean;
  /** Headers, names and words in Polish (default) or English. */
  readonly lang?: 'pl' | 'en';
  /**
   * TERYT codes as Excel keeps them, a text formula `="0201011"` (else Excel drops the leading zero). The
   * Polish Excel flavour (`sep=semicolon`) uses it; a plain CSV for tools writes the bare code.
   */
  readonly terytAsExcelText?: boolean;
}

const HEADERS = {
  pl: [
    'kod_teryt',
    'nazwa',
    'wskaznik',
    'nazwa_wskaznika',
    'rok',
    'wartosc',
    'wartosc_pelna',
    'jednostka_miary',
    'flaga',
    'flaga_id',
    'flaga_opis',
    'przyczyna_braku',
    'zrodlo',
    'licencja',
    'wydanie',
  ],
  en: [
    'teryt_code',
    'name',
    'indicator',
    'indicator_name',
    'year',
    'value',
    'value_full',
    'measure_unit',
    'flag',
    'flag_id',
    'flag_meaning',
    'reason_missing',
    'source',
    'licence',
    'release',
  ],
} as const;

/** Where the set's columns (standing-columns.ts) go: after `jednostka_miary` / `measure_unit`. */
const STANDING_AT = HEADERS.pl.indexOf('jednostka_miary') + 1;

/** A citation or licence in the file's language (Polish where a phrase has no known translation). */
export const sourceIn = (text: string, lang: 'pl' | 'en'): string =>
  lang === 'en' ? (sourceTextInEnglish(text) ?? text) : text;

/** The measure unit in the file's language (the catalogue writes it in Polish). */
export const measureUnitIn = (unit: string | null, lang: 'pl' | 'en'): string =>
  unit === null ? '' : lang === 'en' ? (measureUnitInEnglish(unit) ?? unit) : unit;

export function toCsv(
  table: DataTable,
  { separator, decimalComma, lang = 'pl', terytAsExcelText = false }: CsvOptions,
): string {
  const series = new Map(table.series.map((s) => [s.id, s]));
  const flags = new Map(table.flags.map((f) => [f.id, f]));
  // Text cells (names, units of measure, sources: some come from ingested files) are neutralised against
  // formula injection; numbers (value, year, flag id, release) are written as numbers, a minus sign included.
  const text = neutraliseFormula;
  const kind = table.standing;
  const records = table.rows.map((row) => {
    const s = series.get(row.series);
    const decimals = s?.decimals ?? null;
    const shown = (v: number | null | undefined) => (v == null ? '' : roundedText(v, decimals, decimalComma));
    const full = (v: number | null | undefined) => (v == null ? '' : fullPrecisionText(v, decimalComma));
    const record: Array<string | number> = [
      terytAsExcelText ? `="${row.unitCode}"` : text(row.unitCode),
      text(row.unitName),
      text(row.series),
      text(s?.name[lang] ?? row.series),
      row.year,
      shown(row.value),
      full(row.value),
      text(measureUnitIn(s?.measureUnit ?? null, lang)),
      text(row.flag?.symbol ?? ''),
      row.flag?.id ?? '',
      row.flag ? (flags.get(row.flag.id)?.[lang] ?? '') : '',
      // The reason in words, never a code such as `not-in-release`.
      text(row.reason === null ? '' : missingReasonWords(row.reason, lang)),
      text(sourceIn(s?.citation ?? '', lang)),
      text(sourceIn(s?.licence ?? '', lang)),
      table.release,
    ];
    if (kind) {
      const cells = STANDING_COLUMNS[kind].map((c) => {
        const cell = c.cell(row.standing, { shown, full }, lang) ?? '';
        return c.text && typeof cell === 'string' ? text(cell) : cell;
      });
      record.splice(STANDING_AT, 0, ...cells);
    }
    return record;
  });
  const header: string[] = [...HEADERS[lang]];
  if (kind) header.splice(STANDING_AT, 0, ...STANDING_COLUMNS[kind].map((c) => c.csv[lang]));
  return `\uFEFF${stringify([header, ...records], { delimiter: separator, record_delimiter: 'windows' })}`;
}
