import { parse } from 'csv-parse/sync';
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
      licence: '-licencja',
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
      `1261011;'-Kraków;x:1;"'=HYPERLINK(""http://evil"",""kliknij"")";2019;-12,5;-12,5;'+zł;;;;;'@GUS;'-licencja;3`,
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
    expect(toCsv(missing, { separator: ',', decimalComma: false, lang: 'en' })).toContain(
      ',no data in this release,',
    );
  });

  it('writes the value as shown and at 16 significant digits; TERYT as Excel text in the Excel flavour', () => {
    const precise: DataTable = {
      ...table,
      rows: [{ ...table.rows[0]!, unitCode: '0201011', value: 779_115 / 327 }],
    };
    const [, excel] = toCsv(precise, { separator: ';', decimalComma: true, terytAsExcelText: true })
      .trim()
      .split('\r\n');
    expect(excel?.split(';').slice(0, 1)).toEqual(['"=""0201011"""']);
    expect(excel?.split(';').slice(5, 7)).toEqual(['2382,6', '2382,614678899083']);
    const [, plain] = parse(toCsv(precise, { separator: ',', decimalComma: false }).slice(1)) as string[][];
    expect(plain?.[0]).toBe('0201011');
    expect(plain?.slice(5, 7)).toEqual(['2382.6', '2382.614678899083']);
  });

  it("adds the compared units' median (as shown and in full), the rank and its n after the unit of measure", () => {
    const compared: DataTable = {
      ...table,
      standing: 'compared',
      rows: [
        { ...table.rows[0]!, standing: { median: 779_115 / 327, rank: 2, count: 4 } },
        { ...table.rows[0]!, unitCode: '1465011', value: null, reason: 'not-in-release', standing: null },
      ],
    };
    const [header, ranked, missing] = parse(
      toCsv(compared, { separator: ';', decimalComma: true }).slice(1),
      { delimiter: ';' },
    ) as string[][];
    expect(header?.slice(7, 12)).toEqual([
      'jednostka_miary',
      'mediana_porownywanych',
      'mediana_porownywanych_pelna',
      'miejsce_wsrod_porownywanych',
      'liczba_porownywanych_z_wartoscia',
    ]);
    // The median rounded to the indicator's 1 decimal, as the page shows it, then at 16 significant digits.
    expect(ranked?.slice(8, 12)).toEqual(['2382,6', '2382,614678899083', '2', '4']);
    expect(missing?.slice(8, 12)).toEqual(['', '', '', '']);
    expect(header).toHaveLength(ranked?.length ?? 0);
    const [english] = parse(
      toCsv(compared, { separator: ',', decimalComma: false, lang: 'en' }).slice(1),
    ) as string[][];
    expect(english?.slice(8, 12)).toEqual([
      'median_of_compared',
      'median_of_compared_full',
      'rank_among_compared',
      'compared_with_value',
    ]);
  });

  it("writes a unit's reference set as the unit page shows it: name, median, quartiles, rank of n, position", () => {
    const unit: DataTable = {
      ...table,
      standing: 'set',
      rows: [
        {
          ...table.rows[0]!,
          unitName: 'Kraków',
          standing: {
            median: 10.25,
            rank: 3,
            count: 27,
            q1: 8,
            q3: 12.5,
            position: 'top25',
            set: { pl: '=grupa porównawcza', en: 'comparison group' },
          },
        },
      ],
    };
    const [header, row] = parse(toCsv(unit, { separator: ';', decimalComma: true }).slice(1), {
      delimiter: ';',
    }) as string[][];
    expect(header?.slice(8, 16)).toEqual([
      'zbior_odniesienia',
      'mediana_zbioru',
      'mediana_zbioru_pelna',
      'kwartyl_dolny',
      'kwartyl_gorny',
      'miejsce_w_zbiorze',
      'z_ilu',
      'pozycja',
    ]);
    // A set's name is text from outside the code's control too: neutralised like every text cell. 10.25 to
    // one decimal is 10.3 (half away from zero, as the page's Intl rounding).
    expect(row?.slice(8, 16)).toEqual([
      "'=grupa porównawcza",
      '10,3',
      '10,25',
      '8,0',
      '12,5',
      '3',
      '27',
      'najlepsze 25%',
    ]);
    expect(header).toHaveLength(row?.length ?? 0);
  });
});
