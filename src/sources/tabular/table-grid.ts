/**
 * Bytes of a CSV or XLSX file → a grid: the header (one text per column, header rows joined) and the data
 * rows with the line (CSV) or row number (XLSX) a person sees in an editor or in Excel. Nothing here knows
 * about units or variables; reader.ts maps the grid.
 *
 * CSV: UTF-8 with or without BOM or Windows-1250 (decodeText), LF or CRLF, `;`, `,` or tab, quoted fields
 * (a header may hold a line break, as CKE's does). XLSX: exceljs, numbers stay numbers (no decimal
 * guessing), formulas give their cached result, merged header cells repeat their text on every column.
 */
import type ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { parse } from 'csv-parse';
import { setImmediate as yieldToServer } from 'node:timers/promises';
import { decodeText, type TextEncoding } from '../files/decode-text.js';
import { FileFormatError, type FileProblem } from '../files/file-problem.js';

export type GridCell = string | number | null;

export interface GridRow {
  /** Line of the CSV file (of the record's last line when a field spans lines), or XLSX row number. */
  readonly line: number;
  readonly cells: readonly GridCell[];
}

export interface TableGrid {
  readonly format: 'csv' | 'xlsx';
  /** Column headers, whitespace collapsed ("rodzaj placówki\n" → "rodzaj placówki"). */
  readonly header: readonly string[];
  readonly headerLine: number;
  readonly rows: readonly GridRow[];
  readonly encoding: TextEncoding | null;
  readonly delimiter: string | null;
  readonly sheet: string | null;
}

export interface GridOptions {
  readonly sheet?: string | number | undefined;
  readonly skipRows?: number | undefined;
  readonly headerRows?: number | undefined;
  readonly delimiter?: 'auto' | ';' | ',' | '\t' | undefined;
  readonly encoding?: 'auto' | 'utf-8' | 'windows-1250' | undefined;
}

/** Collapses the whitespace of a header so that a mapping can name it as one line. */
export function normaliseHeader(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

function fail(file: string, line: number | null, expected: string, found: string | null): never {
  throw new FileFormatError(file, [{ file, line, column: null, expected, found }]);
}

export function isXlsx(bytes: Uint8Array, fileName: string): boolean {
  // An XLSX file is a ZIP archive ("PK\3\4"), whatever its name.
  return (
    /\.xlsx$/i.test(fileName) || (bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 3 && bytes[3] === 4)
  );
}

export async function readGrid(
  bytes: Uint8Array,
  file: string,
  options: GridOptions = {},
): Promise<TableGrid> {
  if (/\.xls$/i.test(file) || (bytes[0] === 0xd0 && bytes[1] === 0xcf)) {
    fail(
      file,
      null,
      'a CSV or XLSX file',
      'an old binary Excel file (.xls): save it as .xlsx or CSV in Excel',
    );
  }
  return isXlsx(bytes, file) ? readXlsxGrid(bytes, file, options) : readCsvGrid(bytes, file, options);
}

function decode(
  bytes: Uint8Array,
  file: string,
  encoding: GridOptions['encoding'],
): { text: string; encoding: TextEncoding } {
  if (encoding === 'windows-1250')
    return { text: iconv.decode(Buffer.from(bytes), 'windows-1250'), encoding };
  if (encoding === 'utf-8') {
    try {
      return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes), encoding };
    } catch {
      return fail(
        file,
        null,
        'UTF-8 text, as the mapping says (file.encoding: utf-8)',
        'bytes that are not UTF-8: try file.encoding: windows-1250 or auto',
      );
    }
  }
  return decodeText(bytes);
}

/** The delimiter used most outside quotes in the header line; a tie is refused rather than guessed. */
export function detectDelimiter(line: string): ';' | ',' | '\t' | null {
  const counts = { ';': 0, ',': 0, '\t': 0 };
  let quoted = false;
  for (const char of line) {
    if (char === '"') quoted = !quoted;
    else if (!quoted && (char === ';' || char === ',' || char === '\t')) counts[char]++;
  }
  const ranked = (Object.entries(counts) as Array<[';' | ',' | '\t', number]>).sort((a, b) => b[1] - a[1]);
  const [best, second] = ranked;
  return best && best[1] > 0 && best[1] !== second?.[1] ? best[0] : null;
}

async function readCsvGrid(bytes: Uint8Array, file: string, options: GridOptions): Promise<TableGrid> {
  const { text, encoding } = decode(bytes, file, options.encoding);
  const skipRows = options.skipRows ?? 0;
  const headerRows = options.headerRows ?? 1;
  let delimiter: string | null = options.delimiter && options.delimiter !== 'auto' ? options.delimiter : null;
  if (delimiter === null) {
    const headerText = firstNonEmptyLine(text, skipRows);
    delimiter = detectDelimiter(headerText);
    if (delimiter === null) {
      fail(
        file,
        skipRows + 1,
        'a header line separated by ";" or "," (or set file.delimiter in the mapping)',
        headerText.slice(0, 120),
      );
    }
  }

  let records: CsvRecord[];
  try {
    records = await parseCsv(text, delimiter, skipRows);
  } catch (error) {
    const line = (error as { lines?: number }).lines ?? null;
    return fail(
      file,
      line,
      `CSV text separated by "${delimiter}" with well-formed quotes`,
      (error as Error).message,
    );
  }
  const headerRecords = records.slice(0, headerRows);
  if (headerRecords.length < headerRows)
    fail(file, null, `${headerRows} header row(s)`, '(the file ends first)');
  const lastHeader = headerRecords.at(-1);
  const header = joinHeaderRows(headerRecords.map((r) => r.record));
  const problems: FileProblem[] = [];
  const rows: GridRow[] = [];
  for (const { record, info } of records.slice(headerRows)) {
    const cells = trimTrailingEmpty(record, header.length);
    if (cells.length !== header.length) {
      if (problems.length < 50) {
        problems.push({
          file,
          line: info.lines,
          column: null,
          expected: `${header.length} fields, as in the header on line ${lastHeader?.info.lines ?? '?'}`,
          found: `${cells.length} field(s): ${record.join(delimiter).slice(0, 120)}`,
        });
      }
      continue;
    }
    rows.push({ line: info.lines, cells });
  }
  if (problems.length > 0) throw new FileFormatError(file, problems);
  return {
    format: 'csv',
    header,
    headerLine: lastHeader?.info.lines ?? skipRows + 1,
    rows,
    encoding,
    delimiter,
    sheet: null,
  };
}

/** The first line after `skip` lines that holds more than whitespace ('' when there is none). */
function firstNonEmptyLine(text: string, skip: number): string {
  const lineBreak = /\r?\n/g;
  let start = 0;
  for (let line = 0; ; line++) {
    lineBreak.lastIndex = start;
    const found = lineBreak.exec(text);
    const end = found ? found.index : text.length;
    if (line >= skip && text.slice(start, end).trim() !== '') return text.slice(start, end);
    if (!found) return '';
    start = lineBreak.lastIndex;
  }
}

interface CsvRecord {
  readonly record: string[];
  readonly info: { readonly lines: number };
}

/** Characters handed to the parser between two turns of the event loop. */
export const CSV_SLICE = 128 * 1024;

/**
 * The records of a CSV text, through csv-parse's streaming parser fed a slice at a time: the server answers
 * other requests between slices (a 3.7 MB BDL export took 0.6 s in one piece on a slow machine, the first
 * start's longest pause). Errors are csv-parse's own, with the line they were found on (`lines`).
 */
async function parseCsv(text: string, delimiter: string, skipRows: number): Promise<CsvRecord[]> {
  const parser = parse({
    delimiter,
    bom: true,
    info: true,
    relax_column_count: true,
    skip_empty_lines: true,
    from_line: skipRows + 1,
  });
  const records: CsvRecord[] = [];
  parser.on('data', (record: CsvRecord) => records.push(record));
  const done = new Promise<void>((resolve, reject) => {
    parser.once('end', resolve);
    parser.once('error', reject);
  });
  done.catch(() => undefined); // awaited below; handled here so a failure between slices is not unhandled
  for (let at = 0; at < text.length && !parser.destroyed;) {
    let end = Math.min(at + CSV_SLICE, text.length);
    // Never split a surrogate pair: each slice is encoded to UTF-8 on its own.
    if (end < text.length && /[\uD800-\uDBFF]/.test(text.charAt(end - 1))) end++;
    parser.write(text.slice(at, end));
    at = end;
    await yieldToServer();
  }
  if (!parser.destroyed) parser.end();
  await done;
  return records;
}

/** A row may carry empty fields past the header (an Excel habit); a row with values there is wrong. */
function trimTrailingEmpty(record: readonly string[], width: number): string[] {
  const cells = [...record];
  while (cells.length > width && (cells.at(-1) ?? '').trim() === '') cells.pop();
  return cells;
}

/** Header rows → one header per column: the non-empty texts of the column joined with a space. */
function joinHeaderRows(rows: ReadonlyArray<readonly GridCell[]>): string[] {
  const width = Math.max(0, ...rows.map((r) => r.length));
  return Array.from({ length: width }, (_, column) => {
    const parts = rows.map((row) => normaliseHeader(String(row[column] ?? ''))).filter((part) => part !== '');
    // Merged cells repeat their text on each covered column: keep it once.
    return parts.filter((part, i) => part !== parts[i - 1]).join(' ');
  });
}

/** A cell value of exceljs → number, text or null (formulas give their cached result). */
function cellOf(value: ExcelJS.CellValue): GridCell {
  if (value === null || value === undefined) return null;
  if (typeof value === 'number' || typeof value === 'string') return value;
  if (typeof value === 'boolean') return String(value);
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if ('richText' in value) return value.richText.map((part) => part.text).join('');
  if ('result' in value) return cellOf((value.result ?? null) as ExcelJS.CellValue);
  if ('formula' in value || 'sharedFormula' in value) return null;
  if ('text' in value) return String(value.text);
  if ('error' in value) return String(value.error);
  return null;
}

async function readXlsxGrid(bytes: Uint8Array, file: string, options: GridOptions): Promise<TableGrid> {
  // exceljs is loaded on the first workbook read, not with the server (reports/render.ts says why).
  const { default: Excel } = await import('exceljs');
  const workbook = new Excel.Workbook();
  try {
    await workbook.xlsx.load(Buffer.from(bytes) as unknown as ExcelJS.Buffer);
  } catch (error) {
    return fail(file, null, 'a readable XLSX workbook', (error as Error).message);
  }
  const names = workbook.worksheets.map((sheet) => sheet.name);
  const wanted = options.sheet ?? 1;
  const sheet = typeof wanted === 'number' ? workbook.worksheets[wanted - 1] : workbook.getWorksheet(wanted);
  if (!sheet) {
    return fail(
      file,
      null,
      `a sheet ${typeof wanted === 'number' ? `number ${wanted}` : `named "${wanted}"`} (file.sheet)`,
      `sheets: ${names.map((n) => `"${n}"`).join(', ')}`,
    );
  }
  const skipRows = options.skipRows ?? 0;
  const headerRows = options.headerRows ?? 1;
  const rowCells = (n: number): GridCell[] => {
    const row = sheet.getRow(n);
    const cells: GridCell[] = [];
    for (let c = 1; c <= row.cellCount; c++) cells.push(cellOf(row.getCell(c).value));
    return cells;
  };
  const headerRecords = Array.from({ length: headerRows }, (_, i) => rowCells(skipRows + 1 + i));
  const header = joinHeaderRows(headerRecords);
  while (header.length > 0 && header.at(-1) === '') header.pop();
  const rows: GridRow[] = [];
  for (let n = skipRows + headerRows + 1; n <= sheet.rowCount; n++) {
    const cells = rowCells(n);
    if (cells.every((cell) => cell === null || String(cell).trim() === '')) continue;
    // Cells right of the header (notes typed beside the table, as in GUGiK's register) are not data.
    rows.push({ line: n, cells: header.map((_, c) => cells[c] ?? null) });
  }
  return {
    format: 'xlsx',
    header,
    headerLine: skipRows + headerRows,
    rows,
    encoding: null,
    delimiter: null,
    sheet: sheet.name,
  };
}
