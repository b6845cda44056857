import { stringify } from 'csv-stringify/sync';
import { neutraliseFormula } from '../domain/csv-cell.js';

export const OUTPUT_FORMATS = ['table', 'csv', 'json'] as const;
export type OutputFormat = (typeof OUTPUT_FORMATS)[number];

/** Rows as an aligned text table, RFC 4180 CSV (UTF-8, `,`) or a JSON array. */
export function formatRows(
  rows: ReadonlyArray<Record<string, string | number | null>>,
  format: OutputFormat,
  columns: readonly string[] = Object.keys(rows[0] ?? {}),
): string {
  if (format === 'json') return `${JSON.stringify(rows, null, 2)}\n`;
  if (format === 'csv') {
    return stringify(
      // Text cells neutralised against formula injection (domain/csv-cell.ts); numbers stay numbers.
      rows.map((row) =>
        columns.map((c) => {
          const value = row[c] ?? '';
          return typeof value === 'string' ? neutraliseFormula(value) : value;
        }),
      ),
      { header: true, columns: [...columns], record_delimiter: '\r\n' },
    );
  }
  const cells = rows.map((row) => columns.map((c) => String(row[c] ?? '')));
  const widths = columns.map((c, i) => Math.max(c.length, ...cells.map((r) => (r[i] ?? '').length)));
  const line = (values: readonly string[]): string =>
    values
      .map((v, i) => v.padEnd(widths[i] ?? 0))
      .join('  ')
      .trimEnd();
  return [line(columns), line(widths.map((w) => '-'.repeat(w))), ...cells.map(line)].join('\n') + '\n';
}
