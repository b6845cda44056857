import { readFileSync } from 'node:fs';
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { repoRoot, sharedFile } from '../../../test/shared-data.js';
import { FileFormatError } from '../files/file-problem.js';
import { readBundledSnapshot } from '../teryt/units-snapshot.js';
import { POLAND } from '../../domain/units/unit.js';
import { knownBdlVariable } from './bdl-variable-ids.js';
import { loadMapping, type TableMapping } from './mapping-schema.js';
import { readTable, type TableReadResult } from './reader.js';
import { makeUnitResolver } from './unit-resolver.js';

// The register as the database holds it: TERC's units and the country (unit "0").
const deps = { resolveUnit: makeUnitResolver([...readBundledSnapshot().records, POLAND]) };
const mappingOf = (name: string): TableMapping =>
  loadMapping(readFileSync(`${repoRoot}/mappings/${name}`, 'utf-8'), name);
const readShared = (file: string, mapping: string): Promise<TableReadResult> =>
  readTable(readFileSync(sharedFile(file)), file.split('/').at(-1) ?? file, mappingOf(mapping), deps);
const valueOf = (
  result: TableReadResult,
  variable: string,
  unit: string,
  year: number,
): number | null | undefined =>
  result.observations.find((o) => o.variableId === variable && o.unitCode === unit && o.year === year)?.value;

const SOURCE = { id: 'test', name: 'Test', citation: 'Test', licence: 'public' };
const LONG: TableMapping = {
  layout: 'long',
  source: SOURCE,
  unit: { column: 'Kod', code: 'teryt7' },
  year: { column: 'Rok' },
  variables: [{ id: 'ludnosc', name: 'ludność', measureUnit: 'osoba', column: 'Ludność' }],
};

async function problemsOf(text: string, mapping: TableMapping = LONG): Promise<string[]> {
  try {
    await readTable(Buffer.from(text, 'utf-8'), 'bad.csv', mapping, deps);
  } catch (error) {
    if (error instanceof FileFormatError)
      return error.message
        .split('\n')
        .slice(1)
        .map((l) => l.trim());
    throw error;
  }
  throw new Error('expected the file to be refused');
}

describe('readTable on real BDL portal exports', () => {
  it('reads population by economic age group (UTF-8, CTAB) with the totals GUS publishes', async () => {
    const r = await readShared(
      'bdl-exports/ludnosc-ekonomiczne-grupy-wieku-gminy-2010-2019.csv',
      'ludnosc-ekonomiczne-grupy-wieku-gminy.yaml',
    );
    // The three "ogółem" groups are stored under their BDL identity (bdl: 149, 152, 155 in the mapping).
    const total = (unit: string): number =>
      ['bdl:149', 'bdl:152', 'bdl:155']
        .map((id) => valueOf(r, id, unit, 2019) ?? NaN)
        .reduce((a, b) => a + b, 0);
    // shared/data/README.md: Warszawa 1,790,658; Kraków 779,115; Łódź 679,941; Poznań 534,813 (31 XII 2019).
    expect(total('1465011')).toBe(1790658);
    expect(total('1261011')).toBe(779115);
    expect(total('1061011')).toBe(679941);
    expect(total('3064011')).toBe(534813);
    expect(r.variables.map((v) => [v.id, v.sourceId, v.sourceCode, v.measureUnit])).toEqual([
      ['bdl:149', 'bdl', '149', 'osoba'],
      ['bdl:152', 'bdl', '152', 'osoba'],
      [
        'gus-bdl-portal:ludnosc-produkcyjny-mobilny',
        'gus-bdl-portal',
        'ludnosc-produkcyjny-mobilny',
        'osoba',
      ],
      [
        'gus-bdl-portal:ludnosc-produkcyjny-niemobilny',
        'gus-bdl-portal',
        'ludnosc-produkcyjny-niemobilny',
        'osoba',
      ],
      ['bdl:155', 'bdl', '155', 'osoba'],
    ]);
    // How the BDL variable came is kept with it: the file, the export path, the mapping's id, the id's origin.
    expect(r.variables[1]?.metadata).toMatchObject({
      file: 'ludnosc-ekonomiczne-grupy-wieku-gminy-2010-2019.csv',
      arrivedVia: {
        kind: 'table',
        tableSource: 'gus-bdl-portal',
        mappingVariableId: 'ludnosc-produkcyjny',
        path: 'w wieku produkcyjnym;ogółem',
        bdlVariableId: 152,
        bdlIdFrom: 'mapping',
        bdlIdConfirmedByApi: false,
      },
    });
    // 3,815 rows, 3 abolished gminy skipped by the mapping; 5 variables × 10 years per row, empty cells none.
    expect(r.stats).toMatchObject({ rows: 3815, rowsSkipped: 3, symbolCells: 0 });
    expect(r.stats.valueCells + r.stats.emptyCells).toBe((3815 - 3) * 50);
    expect(r.observations).toHaveLength(r.stats.valueCells);
    // Pieszyce (1) until 2015 and Pieszyce (3) from 2016 are the same gmina today: 0202033, no duplicate.
    expect(valueOf(r, 'bdl:152', '0202033', 2015)).toBe(6074);
    expect(valueOf(r, 'bdl:152', '0202033', 2016)).toBe(6012);
    expect(r.warnings).toContainEqual({
      line: 12,
      column: 'Kod',
      message: 'gmina 0202031 is 0202033 in the register (its kind digit changed)',
    });
    expect(r.scope).toEqual({
      variables: r.variables.map((v) => v.id),
      years: [2010, 2011, 2012, 2013, 2014, 2015, 2016, 2017, 2018, 2019],
      unitCodeLengths: [7],
    });
  });

  it('reads the Windows-1250, CRLF file whose codes lost their leading zero', async () => {
    const r = await readShared(
      'bdl-exports/powierzchnia-gmin-2010-2019.cp1250.csv',
      'powierzchnia-gmin.yaml',
    );
    expect(r.file).toMatchObject({ encoding: 'windows-1250', delimiter: ';' });
    // Line 2: 201011;"Bolesławiec (1)";24;… — 0201011, 24 km².
    expect(valueOf(r, 'gus-bdl-portal:powierzchnia-km2', '0201011', 2010)).toBe(24);
    // GUGiK 2025 gives Warszawa 517 km² and Kraków 327 km²; BDL 2019 the same.
    expect(valueOf(r, 'gus-bdl-portal:powierzchnia-km2', '1465011', 2019)).toBe(517);
    expect(valueOf(r, 'gus-bdl-portal:powierzchnia-km2', '1261011', 2019)).toBe(327);
  });

  it('reads gmina revenues with decimal commas, importing only the variables the mapping lists', async () => {
    const r = await readShared(
      'bdl-exports/dochody-gmin-wybrane-kategorie-2010-2019.csv',
      'dochody-gmin-wybrane-kategorie.yaml',
    );
    expect(r.variables).toHaveLength(8);
    expect(valueOf(r, 'gus-bdl-portal:dochody-gmin-podatek-lesny', '1261011', 2019)).toBe(48571.95);
    // "razem" is own revenue, stored as BDL 76070 (shared/data/README.md: Kraków 2019 3,833,361,744 zł).
    expect(valueOf(r, 'bdl:76070', '1261011', 2019)).toBe(3_833_361_744);
    // 2 header paths are not in the mapping (karta podatkowa; najem i dzierżawa): one warning each.
    expect(r.warnings.filter((w) => w.message.includes('not in the mapping'))).toHaveLength(2);
  });

  it('needs only the preset for a BDL export with upper levels (powiat WOJ+POW+000, województwo WOJ+00000)', async () => {
    const file = 'bdl-exports/RYNE_1944_CTAB_20250616184618_registered_unemployed.csv';
    const mapping: TableMapping = { layout: 'bdl-ctab', source: SOURCE, unit: { unknown: 'skip' } };
    const r = await readTable(readFileSync(sharedFile(file)), 'ryne.csv', mapping, deps);
    // shared/data/README.md: registered unemployed 2024, Kraków 10,657; Warszawa 18,713.
    expect(valueOf(r, 'test:ogolem', '1261011', 2024)).toBe(10657);
    expect(valueOf(r, 'test:ogolem', '1465011', 2024)).toBe(18713);
    expect(valueOf(r, 'test:ogolem', '02', 2024)).toBe(55474);
    // The POLSKA row (0000000) is the country, unit "0": shared/data/README.md, Polska 2024 786,179.
    expect(valueOf(r, 'test:ogolem', '0', 2024)).toBe(786_179);
    expect(r.scope.unitCodeLengths).toEqual([1, 2, 4, 7]);
    expect(r.stats.rowsSkipped).toBe(0);
  });
});

describe('readTable on other real files', () => {
  it('aggregates CKE school results to gminy: pupils summed, scores weighted by pupils', async () => {
    const r = await readShared(
      'education/egzamin-osmoklasisty-2025-mazowieckie.csv',
      'egzamin-osmoklasisty-gminy.yaml',
    );
    // Mazowieckie has 314 gminy; every one has schools in the file; 6 variables each.
    expect(new Set(r.observations.map((o) => o.unitCode)).size).toBe(314);
    expect(r.observations).toHaveLength(314 * 6);
    // No 4 or 5 (parts of gminy) survive: Białobrzegi's town 1401014 and rural area 1401015 → 1401013.
    expect(r.observations.every((o) => !/[45]$/.test(o.unitCode))).toBe(true);
    expect(r.observations.filter((o) => o.flag === 3).length).toBeGreaterThan(0);
  });

  it('reads the GUGiK area register (XLSX, codes with spaces, every level)', async () => {
    const r = await readShared(
      'registers/GUGiK_Wykaz_powierzchni_2025-01-01_ha_km2.xlsx',
      'gugik-powierzchnia-jednostek.yaml',
    );
    expect(r.file).toMatchObject({ format: 'xlsx', sheet: 'Arkusz1' });
    // shared/data/README.md: Warszawa 51,720 ha; Kraków 32,685 ha.
    expect(valueOf(r, 'gugik-wykaz-powierzchni:powierzchnia-ha', '1465011', 2025)).toBe(51720);
    expect(valueOf(r, 'gugik-wykaz-powierzchni:powierzchnia-ha', '1261011', 2025)).toBe(32685);
    expect(valueOf(r, 'gugik-wykaz-powierzchni:powierzchnia-ha', '02', 2025)).toBe(1994714);
    expect(valueOf(r, 'gugik-wykaz-powierzchni:powierzchnia-km2', '0201', 2025)).toBe(1304);
    expect(r.stats.rowsSkipped).toBe(1); // 00 POLSKA
  });
});

describe('readTable on small files', () => {
  const AGGREGATE: TableMapping = {
    layout: 'long',
    source: SOURCE,
    unit: { column: 'Kod', code: 'gmina-stem6' },
    year: { value: 2025 },
    aggregate: true,
    variables: [
      { id: 'zdajacy', name: 'zdający', measureUnit: 'osoba', column: 'Zdający', combine: 'sum' },
      {
        id: 'wynik',
        name: 'wynik',
        measureUnit: '%',
        column: 'Wynik',
        combine: { weightedMeanBy: 'zdajacy' },
      },
    ],
  };

  it('combines rows of one gmina: sum, and a mean weighted by pupils', async () => {
    // Białobrzegi (1401013): its town 1401014 and rural area 1401015. (10·60 + 30·80) / 40 = 75; the
    // third school (4 pupils, no published result) counts in the sum, not in the mean, which is flagged 3.
    const text = ['Kod,Zdający,Wynik', '1401014,10,"60,0"', '1401015,30,80', '1401015,4,'].join('\r\n');
    const r = await readTable(Buffer.from(text), 'e8.csv', AGGREGATE, deps);
    expect(r.observations).toEqual([
      {
        variableId: 'test:wynik',
        unitCode: '1401013',
        year: 2025,
        value: 75,
        flag: 3,
        note: 'mean weighted by zdajacy of 2 of 3 row(s) of e8.csv',
      },
      {
        variableId: 'test:zdajacy',
        unitCode: '1401013',
        year: 2025,
        value: 44,
        flag: null,
        note: 'sum of 3 of 3 row(s) of e8.csv',
      },
    ]);
  });

  it('turns GUS symbols into missing values with BDL flags, and empty cells into nothing', async () => {
    const text = [
      'Kod;Rok;Ludność',
      '1261011;2017;.',
      '1261011;2018;-',
      '1261011;2019;#',
      '1465011;2019;',
      '1061011;2019;1 790 658',
    ].join('\n');
    const r = await readTable(Buffer.from(text), 'symbols.csv', LONG, deps);
    expect(r.observations.map((o) => [o.unitCode, o.year, o.value, o.flag])).toEqual([
      ['1061011', 2019, 1790658, null],
      ['1261011', 2017, null, 4],
      ['1261011', 2018, null, 15],
      ['1261011', 2019, null, 4],
    ]);
    expect(r.observations[3]?.note).toContain('tajemnica statystyczna');
    expect(r.stats).toMatchObject({ emptyCells: 1, symbolCells: 3, valueCells: 1 });
    const custom = await readTable(
      Buffer.from('Kod;Rok;Ludność\n1261011;2019;n'),
      's.csv',
      { ...LONG, symbols: { n: 50 } },
      deps,
    );
    expect(custom.observations[0]).toMatchObject({ value: null, flag: 50 });
  });

  it('reads a Windows-1250 file with a comma delimiter found by itself', async () => {
    const bytes = iconv.encode('Kod,Rok,Ludność\r\n1261011,2019,"779 115"\r\n', 'windows-1250');
    const r = await readTable(bytes, 'cp1250.csv', LONG, deps);
    expect(r.file).toMatchObject({ encoding: 'windows-1250', delimiter: ',' });
    expect(r.observations[0]).toMatchObject({ unitCode: '1261011', value: 779115 });
  });

  it('refuses the whole file over one bad number, naming line, column and the number', async () => {
    const text = ['Kod;Rok;Ludność', '1261011;2019;779115', '1465011;2019;12,3,4', '1061011;2019;abc'].join(
      '\n',
    );
    expect(await problemsOf(text)).toEqual([
      expect.stringMatching(
        /^bad\.csv, line 3: column Ludność: expected a number \(digits, at most one decimal ","\).*found "12,3,4"$/,
      ),
      expect.stringMatching(/^bad\.csv, line 4: column Ludność: expected a number .*found "abc"$/),
    ]);
  });

  it('refuses an unknown unit unless the mapping says to skip it', async () => {
    const text = ['Kod;Rok;Ludność', '1261011;2019;1', '3203042;2019;2'].join('\n');
    expect(await problemsOf(text)).toEqual([
      expect.stringMatching(
        /^bad\.csv, line 3: column Kod: expected a teryt7 unit code known to the units register.*found "3203042: 3203042 is not a unit of the register"$/,
      ),
    ]);
    const r = await readTable(
      Buffer.from(text),
      'ok.csv',
      { ...LONG, unit: { column: 'Kod', code: 'teryt7', unknown: 'skip' } },
      deps,
    );
    expect(r.observations).toHaveLength(1);
    expect(r.stats.rowsUnknownUnit).toBe(1);
    expect(r.warnings[0]).toMatchObject({ line: 3, column: 'Kod' });
  });

  it('refuses a duplicate (variable, unit, year), naming both lines', async () => {
    // 0202031 (Pieszyce before 2016) is 0202033 today: the same gmina twice in 2019.
    const text = ['Kod;Rok;Ludność', '0202033;2019;1', '1261011;2019;2', '0202031;2019;3'].join('\n');
    expect(await problemsOf(text)).toEqual([
      expect.stringMatching(
        /^bad\.csv, line 4: column Ludność: expected one value of ludnosc for unit 0202033 in 2019; line 2 \(column "Ludność"\) already gives one.*found "3"$/,
      ),
    ]);
  });

  it('refuses rows of the wrong width and a header without the mapped columns', async () => {
    expect(await problemsOf(['Kod;Rok;Ludność', '1261011;2019', '1261011;2019;1;2'].join('\n'))).toEqual([
      'bad.csv, line 2: expected 3 fields, as in the header on line 1, found "2 field(s): 1261011;2019"',
      'bad.csv, line 3: expected 3 fields, as in the header on line 1, found "4 field(s): 1261011;2019;1;2"',
    ]);
    expect(await problemsOf(['Kod;Rok;Ludnosc', '1261011;2019;1'].join('\n'))).toEqual([
      'bad.csv, line 1: column Ludność: expected a column "Ludność" (mapping variables[0].column), found "the header has \\"Kod\\", \\"Rok\\", \\"Ludnosc\\""',
    ]);
  });

  it('reads an XLSX with a two-row header (merged cells) in the wide layout', async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('Dane');
    sheet.addRow(['Tabela 1. Ludność']); // a title row, skipped
    sheet.addRow(['Kod', 'Ludność', null]);
    sheet.addRow([null, 2018, 2019]);
    sheet.mergeCells('B2:C2');
    sheet.addRow(['1261011', 771069, '779 115']);
    sheet.addRow([1465011, 1777972, 1790658]); // a code stored as a number
    const bytes = new Uint8Array(await workbook.xlsx.writeBuffer());
    const mapping: TableMapping = {
      layout: 'wide',
      source: SOURCE,
      file: { skipRows: 1, headerRows: 2 },
      unit: { column: 'Kod', code: 'teryt7' },
      variables: [
        { id: 'ludnosc', name: 'ludność', measureUnit: 'osoba', columns: '^Ludność (?<year>\\d{4})$' },
      ],
    };
    const r = await readTable(bytes, 'tabela.xlsx', mapping, deps);
    expect(r.observations.map((o) => [o.unitCode, o.year, o.value])).toEqual([
      ['1261011', 2018, 771069],
      ['1261011', 2019, 779115],
      ['1465011', 2018, 1777972],
      ['1465011', 2019, 1790658],
    ]);
    expect(r.variables[0]?.metadata).toMatchObject({ columns: ['Ludność 2018', 'Ludność 2019'] });
  });
});

describe('readTable: one identity per BDL variable', () => {
  const PRESET: TableMapping = { layout: 'bdl-ctab', source: SOURCE };
  // A known path (bdl-variable-ids.ts) and one whose BDL id no source of ours gives.
  const csv = [
    'Kod;Nazwa;"w wieku produkcyjnym;ogółem;2019;[osoba]";"w wieku produkcyjnym mobilnym;ogółem;2019;[osoba]"',
    '1261011;Kraków (1);469115;300000',
  ].join('\n');

  it('stores a known export path as its BDL variable without a mapping, and the rest under the file source', async () => {
    const ok = await readTable(Buffer.from(csv, 'utf-8'), 'eksport.csv', PRESET, deps);
    expect(ok.variables.map((v) => v.id)).toEqual(['bdl:152', 'test:w-wieku-produkcyjnym-mobilnym-ogolem']);
    expect(ok.variables[0]?.metadata).toMatchObject({
      arrivedVia: {
        tableSource: 'test',
        path: 'w wieku produkcyjnym;ogółem',
        bdlVariableId: 152,
        bdlIdFrom: 'shared/data/bdl-variable-ids-reference.tsv',
      },
    });
    expect(valueOf(ok, 'bdl:152', '1261011', 2019)).toBe(469115);
    expect(ok.scope.variables).toEqual(['bdl:152', 'test:w-wieku-produkcyjnym-mobilnym-ogolem']);
  });

  it('names both export paths when two of them would be stored under one id', async () => {
    // "ogółem" and "ogolem" fold to the same id: the problem names the two paths, never an empty id.
    const clash = [
      'Kod;Nazwa;"mieszkania;ogółem;2019;[szt.]";"mieszkania;ogolem;2019;[szt.]"',
      '1261011;Kraków (1);1;2',
    ].join('\n');
    expect(await problemsOf(clash, PRESET)).toEqual([
      'bad.csv, line 1: expected distinct ids for "mieszkania;ogółem" and "mieszkania;ogolem": list them under variables with ids (and distinct bdl ids), found "test:mieszkania-ogolem"',
    ]);
  });

  it('takes a mapping’s bdl id for a long layout and refuses two variables with one BDL id', async () => {
    const mapping: TableMapping = {
      ...LONG,
      variables: [{ id: 'ludnosc', bdl: 152, name: 'ludność', measureUnit: 'osoba', column: 'Ludność' }],
    };
    const r = await readTable(
      Buffer.from('Kod;Rok;Ludność\n1261011;2019;469115\n', 'utf-8'),
      'own.csv',
      mapping,
      deps,
    );
    expect(r.variables[0]).toMatchObject({ id: 'bdl:152', sourceId: 'bdl', sourceCode: '152' });
    expect(r.observations[0]).toMatchObject({ variableId: 'bdl:152', unitCode: '1261011', value: 469115 });
    const twice = [
      'layout: bdl-ctab',
      'source: { id: t, name: T, citation: T, licence: public }',
      'variables:',
      '  - { path: "a;ogółem", id: a, bdl: 152 }',
      '  - { path: "b;ogółem", id: b, bdl: 152 }',
    ].join('\n');
    expect(() => loadMapping(twice, 'twice.yaml')).toThrow(
      /line 5: column variables\[1\]\.bdl: expected a BDL id not given to another variable/,
    );
  });
});

describe('knownBdlVariable', () => {
  it('matches path and [unit] exactly: the same words in % are another variable (a share)', () => {
    expect(knownBdlVariable('w wieku produkcyjnym;ogółem', 'osoba')?.bdl).toBe(152);
    expect(knownBdlVariable('w wieku produkcyjnym;ogółem', '%')).toBeUndefined();
    expect(knownBdlVariable('ogółem', 'osoba')).toBeUndefined();
  });
});

describe('readTable: a year the file does not state, and years left out of a BDL export', () => {
  it('year { value, assumed: true } puts flag 202 and a note on every value, keeping a flag already there', async () => {
    const mapping: TableMapping = {
      ...LONG,
      year: { value: 2024, assumed: true },
      symbols: { '?': 4 },
    };
    const text = ['Kod;Ludność', '1261011;197', '1465011;?'].join('\n');
    const r = await readTable(Buffer.from(text), 'psp.csv', mapping, deps);
    const note = 'rok nie jest podany w źródle; przyjęty w mapowaniu, niepotwierdzony (2024)';
    expect(r.observations).toEqual([
      { variableId: 'test:ludnosc', unitCode: '1261011', year: 2024, value: 197, flag: 202, note },
      // A symbol's own flag (4, "x") stays: it says more about the value than the assumed year does.
      {
        variableId: 'test:ludnosc',
        unitCode: '1465011',
        year: 2024,
        value: null,
        flag: 4,
        note: `${note}; symbol "?" (attrId 4, as the mapping defines it)`,
      },
    ]);
    expect(r.variables[0]?.metadata).toMatchObject({ yearAssumed: true });
    // Without `assumed`, the same file has plain values.
    const plainRead = await readTable(
      Buffer.from(text),
      'psp.csv',
      { ...mapping, year: { value: 2024 } },
      deps,
    );
    expect(plainRead.observations[0]).toMatchObject({ value: 197, flag: null, note: null });
  });

  it("a bdl-ctab variable's years { from, to, skip } leave the other columns out, with a warning", async () => {
    const mapping = loadMapping(
      [
        'layout: bdl-ctab',
        'source: { id: test, name: Test, citation: Test, licence: public }',
        'variables:',
        '  - { path: "saldo;ogółem", id: saldo, years: { from: 2014, skip: [2015] } }',
      ].join('\n'),
      'test.yaml',
    );
    const text = [
      'Kod;Nazwa;"saldo;ogółem;2013;[osoba]";"saldo;ogółem;2014;[osoba]";"saldo;ogółem;2015;[osoba]";"saldo;ogółem;2016;[osoba]"',
      '1261011;Kraków;1009;1531;0;1807',
    ].join('\n');
    const r = await readTable(Buffer.from(text), 'migracje.csv', mapping, deps);
    // 2013 is before `from`, 2015 is skipped (its 0 is the source's error, not a value).
    expect(r.observations.map((o) => [o.year, o.value])).toEqual([
      [2014, 1531],
      [2016, 1807],
    ]);
    expect(r.warnings.map((w) => w.message)).toContain(
      'variable "saldo;ogółem": the columns of 2013, 2015 are left out by the mapping\'s years',
    );
  });
});
