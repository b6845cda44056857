import { describe, expect, it } from 'vitest';
import { toCsv } from './csv.js';
import type { DataTable } from './data-table.js';

/** A table whose text comes from an ingested file's headers (issue 14's reproduction: `=`, `+`, `-`, `@`). */
const table: DataTable = {
  title: 't',
  release: 3,
  url: '/api/v1/variables/x:1/data',
  series: [
    {
      id: 'x:1',
      name: { pl: '=HYPERLINK("http://evil","kliknij")', en: 'x' },
      measureUnit: '+zł',
      definition: null,
      citation: '@GUS',
      decimals: 1,
    },
  ],
  rows: [
    {
      unitCode: '1261011',
      unitName: '-Kraków',
      series: 'x:1',
      year: 2019,
      value: -12.5,
      flag: null,
      reason: null,
    },
  ],
  flags: [],
};

describe('toCsv', () => {
  it('neutralises text cells a spreadsheet would run as formulas, and keeps negative numbers as numbers', () => {
    const lines = toCsv(table, { separator: ';', decimalComma: true }).slice(1).trim().split('\r\n');
    // csv-stringify quotes the cell holding `"` (doubling it), so the formula cell reads '"'=HYPERLINK(""…"'.
    expect(lines[1]).toBe(
      `1261011;'-Kraków;x:1;"'=HYPERLINK(""http://evil"",""kliknij"")";2019;-12,5;'+zł;;;;'@GUS;3`,
    );
  });

  it('writes why a value is missing in words, never as a code like not-in-release (issue 16)', () => {
    const missing: DataTable = {
      ...table,
      rows: [{ ...table.rows[0]!, unitName: 'Kraków', value: null, reason: 'not-in-release' }],
    };
    const csv = toCsv(missing, { separator: ';', decimalComma: true });
    expect(csv).not.toContain('not-in-release');
    expect(csv).toContain(';brak danych w tym wydaniu;');
  });
});
