/**
 * The template a JST editor fills in (issue 18, point 4): one row per variable the unit reports, for one year,
 * as CSV (UTF-8 with BOM, `;` — what Polish Excel opens) or XLSX (a sheet of rows and a sheet of
 * instructions). Uploaded back filled, it is read by the column names of its header, so a reordered or
 * re-saved file still reads; the rows become submitted entries (domain/submissions/check-entries.ts), each
 * with the line a person sees in Excel or an editor.
 */
import { stringify } from 'csv-stringify/sync';
import type { SubmittedEntry } from '../../domain/submissions/check-entries.js';
import type { JstVariable } from '../../domain/submissions/jst-variables.js';
import { FileFormatError } from '../files/file-problem.js';
import { readGrid, type GridCell } from '../tabular/table-grid.js';

export const TEMPLATE_COLUMNS = [
  'teryt',
  'jednostka',
  'zmienna',
  'nazwa',
  'jednostka_miary',
  'rok',
  'wartosc',
] as const;

export interface TemplateUnit {
  readonly code: string;
  readonly name: string;
}

const rowsOf = (unit: TemplateUnit, year: number, variables: readonly JstVariable[]) =>
  variables.map((v) => [unit.code, unit.name, v.id, v.label.pl, v.measureUnit, year, '']);

export function templateFileName(unit: TemplateUnit, year: number, format: 'csv' | 'xlsx'): string {
  return `smup-dane-jst-${unit.code}-${year}.${format}`;
}

export function templateCsv(unit: TemplateUnit, year: number, variables: readonly JstVariable[]): string {
  return `\uFEFF${stringify([[...TEMPLATE_COLUMNS], ...rowsOf(unit, year, variables)], { delimiter: ';', record_delimiter: '\r\n' })}`;
}

export async function templateXlsx(
  unit: TemplateUnit,
  year: number,
  variables: readonly JstVariable[],
): Promise<Buffer> {
  // exceljs is loaded on the first template made, not with the server (reports/render.ts says why).
  const { default: Excel } = await import('exceljs');
  const book = new Excel.Workbook();
  book.creator = 'SMUP';
  const sheet = book.addWorksheet('dane');
  sheet.addRow([...TEMPLATE_COLUMNS]).font = { bold: true };
  for (const row of rowsOf(unit, year, variables)) sheet.addRow(row);
  sheet.getColumn(1).numFmt = '@';
  sheet.columns.forEach((c, i) => (c.width = [10, 28, 40, 60, 20, 8, 16][i] ?? 12));
  sheet.views = [{ state: 'frozen', ySplit: 1 }];
  const help = book.addWorksheet('instrukcja');
  for (const line of [
    `Dane przekazywane przez JST do SMUP: ${unit.name} (${unit.code}), rok ${year}.`,
    'Wpisz wartości w kolumnie „wartosc” w podanej jednostce miary; wiersz pusty nie jest przekazywany.',
    'Nie zmieniaj kolumn teryt, zmienna ani jednostka_miary; rok możesz zmienić (jeden wiersz na zmienną i rok).',
    'Liczby z przecinkiem lub kropką dziesiętną, bez separatorów tysięcy innych niż spacja.',
    'Plik wgraj na stronie „Dane JST” w SMUP. Błędy zostaną wskazane od razu; zgłoszenie ocenia opiekun danych.',
  ])
    help.addRow([line]);
  help.getColumn(1).width = 110;
  return Buffer.from(await book.xlsx.writeBuffer());
}

const cellText = (cell: GridCell | undefined): string =>
  cell === null || cell === undefined ? '' : typeof cell === 'number' ? String(cell) : cell.trim();

/** The rows of a filled template as submitted entries; a file without the template's columns is refused. */
export async function readFilledTemplate(bytes: Uint8Array, fileName: string): Promise<SubmittedEntry[]> {
  // The first sheet ("dane"), as the template writes it.
  const grid = await readGrid(bytes, fileName);
  const index = new Map(grid.header.map((h, i) => [h.trim().toLowerCase(), i]));
  const missing = (['teryt', 'zmienna', 'rok', 'wartosc'] as const).filter((c) => !index.has(c));
  if (missing.length > 0) {
    throw new FileFormatError(fileName, [
      {
        file: fileName,
        line: grid.headerLine,
        column: null,
        expected: `the template's columns ${TEMPLATE_COLUMNS.join(', ')} (download it again)`,
        found: grid.header.join(', '),
      },
    ]);
  }
  const at = (row: readonly GridCell[], column: string) => {
    const i = index.get(column);
    return i === undefined ? undefined : row[i];
  };
  return grid.rows
    .filter((r) => r.cells.some((c) => cellText(c) !== ''))
    .map((r) => {
      const value = at(r.cells, 'wartosc');
      return {
        line: r.line,
        unitCode: cellText(at(r.cells, 'teryt')),
        variableId: cellText(at(r.cells, 'zmienna')),
        year: cellText(at(r.cells, 'rok')),
        value: typeof value === 'number' ? value : cellText(value),
        measureUnit: index.has('jednostka_miary') ? cellText(at(r.cells, 'jednostka_miary')) : null,
      };
    });
}
