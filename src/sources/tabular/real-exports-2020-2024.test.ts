/**
 * The mappings of the BDL portal exports bundled for 2020 and 2024 (and the migration and PSP files), read
 * against the real files of ../shared/data with the values its README states. The expected numbers are
 * the README's checks or the file's own cells (quoted in the comments), never recomputed by the code
 * under test.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { repoRoot, sharedFile } from '../../../test/shared-data.js';
import { POLAND } from '../../domain/units/unit.js';
import { readBundledSnapshot } from '../teryt/units-snapshot.js';
import { loadMapping, type TableMapping } from './mapping-schema.js';
import { readTable, type TableReadResult } from './reader.js';
import { makeUnitResolver } from './unit-resolver.js';

const deps = { resolveUnit: makeUnitResolver([...readBundledSnapshot().records, POLAND]) };
const mappingOf = (name: string): TableMapping =>
  loadMapping(readFileSync(`${repoRoot}/mappings/${name}`, 'utf-8'), name);
const readShared = (file: string, mapping: string): Promise<TableReadResult> =>
  readTable(readFileSync(sharedFile(file)), file.split('/').at(-1) ?? file, mappingOf(mapping), deps);
const cell = (r: TableReadResult, variable: string, unit: string, year: number) =>
  r.observations.find(
    (o) => o.variableId === `gus-bdl-portal:${variable}` && o.unitCode === unit && o.year === year,
  );

const FIVE_YEAR = 'ludnosc-grupy-piecioletnie-2020.yaml';
const LUDN_2137 = {
  gminy: 'bdl-exports/LUDN_2137_CTAB_20210625164329_population_5y_age_gminy_2020.csv',
  powiaty: 'bdl-exports/LUDN_2137_CTAB_20210624222104_population_5y_age_powiaty_2020.csv',
  woj: 'bdl-exports/LUDN_2137_CTAB_20210703214543_population_5y_age_woj_2020.csv',
};

describe('LUDN 2137: population by five-year age group, 31 XII 2020 (one mapping, three files)', () => {
  it('reads the gminy file: Kraków 779,966, Warszawa 1,794,166, gminy summing to 38,265,013', async () => {
    const r = await readShared(LUDN_2137.gminy, FIVE_YEAR);
    // shared/data/README.md: "Checks: Kraków 779,966; Warszawa 1,794,166; gminy sum to 38,265,013."
    expect(cell(r, 'ludnosc-5l-ogolem', '1261011', 2020)?.value).toBe(779_966);
    expect(cell(r, 'ludnosc-5l-ogolem', '1465011', 2020)?.value).toBe(1_794_166);
    const gminy = r.observations.filter(
      (o) => o.variableId === 'gus-bdl-portal:ludnosc-5l-ogolem' && /^\d{6}[123]$/.test(o.unitCode),
    );
    expect(gminy.reduce((s, o) => s + (o.value ?? 0), 0)).toBe(38_265_013);
    // The file's row "0201011;Bolesławiec (1);38486;1673;…": total and the 0-4 group.
    expect(cell(r, 'ludnosc-5l-0-4', '0201011', 2020)?.value).toBe(1_673);
    expect(r.scope.years).toEqual([2020]);
    expect(r.variables).toHaveLength(9);
  });

  it('reads the powiaty and województwa files as their own levels, the same total for Poland', async () => {
    const powiaty = await readShared(LUDN_2137.powiaty, FIVE_YEAR);
    const woj = await readShared(LUDN_2137.woj, FIVE_YEAR);
    // Kraków is a city with powiat rights: powiat 1261 = the gmina's 779,966.
    expect(cell(powiaty, 'ludnosc-5l-ogolem', '1261', 2020)?.value).toBe(779_966);
    // "0201000;Powiat bolesławiecki;89762;…" and "0200000;DOLNOŚLĄSKIE;2891321;…" in the files.
    expect(cell(powiaty, 'ludnosc-5l-ogolem', '0201', 2020)?.value).toBe(89_762);
    expect(cell(woj, 'ludnosc-5l-ogolem', '02', 2020)?.value).toBe(2_891_321);
    expect(powiaty.scope.unitCodeLengths).toEqual([4]);
    expect(woj.scope.unitCodeLengths).toEqual([2]);
    const total = (r: TableReadResult) =>
      r.observations
        .filter((o) => o.variableId === 'gus-bdl-portal:ludnosc-5l-ogolem')
        .reduce((s, o) => s + (o.value ?? 0), 0);
    // Every level of the same table adds up to the same Poland.
    expect(total(woj)).toBe(38_265_013);
    expect(total(powiaty)).toBe(38_265_013);
  });
});

describe('LUDN 2425: population in thousands, density and urbanisation, 2024 (`,` in the header)', () => {
  it('reads the header form "path,year,[unit]" with dot decimals, every level incl. Polska as unit "0"', async () => {
    const r = await readShared(
      'bdl-exports/LUDN_2425_CTAB_20250611231708_area_population_density_2024.csv',
      'ludnosc-gestosc-urbanizacja-2024.yaml',
    );
    // README: "Checks: Kraków 809.17 thousand" — stored in thousands, as published.
    expect(cell(r, 'ludnosc-tys', '1261011', 2024)?.value).toBe(809.17);
    expect(r.variables.find((v) => v.id === 'gus-bdl-portal:ludnosc-tys')?.measureUnit).toBe('tys. osób');
    // The file's row "1261011,Kraków (1),2475.7,,3.7,809.17,377.91,431.26,100.0".
    expect(cell(r, 'ludnosc-tys-mezczyzni', '1261011', 2024)?.value).toBe(377.91);
    expect(cell(r, 'ludnosc-tys-kobiety', '1261011', 2024)?.value).toBe(431.26);
    expect(cell(r, 'ludnosc-na-km2', '1261011', 2024)?.value).toBe(2475.7);
    expect(cell(r, 'zmiana-ludnosci-na-1000', '1261011', 2024)?.value).toBe(3.7);
    expect(cell(r, 'wskaznik-urbanizacji', '1261011', 2024)?.value).toBe(100);
    // The empty built-up density of a gmina is no value (not 0); Polska's row has it: 2021.
    expect(cell(r, 'gestosc-zaludnienia-zabudowanej', '1261011', 2024)).toBeUndefined();
    expect(cell(r, 'gestosc-zaludnienia-zabudowanej', '0', 2024)?.value).toBe(2021);
    // "0000000,POLSKA,119.4,2021,-3.9,37489.09,…"
    expect(cell(r, 'ludnosc-tys', '0', 2024)?.value).toBe(37_489.09);
    expect(r.scope.unitCodeLengths).toEqual([1, 2, 4, 7]);
    expect(r.problems).toEqual([]);
  });
});

describe('LUDN 1355: internal migration, totals 2010–2023 (2015 left out: 0 everywhere in the file)', () => {
  it('reads zameldowania, wymeldowania and the balance at every level, without the false 2015 zeros', async () => {
    const r = await readShared(
      'bdl-exports/LUDN_1355_CTAB_migrations_1995-2023_caly.csv',
      'migracje-wewnetrzne.yaml',
    );
    // The file's cells: Polska 2014 "zameldowania ogółem" 419,934; Kraków 2019 "saldo migracji" 6,972.
    expect(cell(r, 'zameldowania-ogolem', '0', 2014)?.value).toBe(419_934);
    expect(cell(r, 'saldo-migracji', '1261011', 2019)?.value).toBe(6_972);
    // Kraków's 2015 cells are "0" in the file, as for every unit: no value, not a false 0.
    expect(cell(r, 'saldo-migracji', '1261011', 2015)).toBeUndefined();
    expect(r.scope.years).toEqual([
      2010, 2011, 2012, 2013, 2014, 2016, 2017, 2018, 2019, 2020, 2021, 2022, 2023,
    ]);
    expect(r.variables.map((v) => v.id).sort()).toEqual([
      'gus-bdl-portal:saldo-migracji',
      'gus-bdl-portal:wymeldowania-ogolem',
      'gus-bdl-portal:zameldowania-ogolem',
    ]);
    expect(r.scope.unitCodeLengths).toEqual([1, 2, 4, 7]);
  });
});

describe('PSP incidents by gmina: the year is not stated (2024 assumed, flag 202)', () => {
  it('sums the rows of a city’s parts into its gmina and flags every value 202', async () => {
    const r = await readTable(
      readFileSync(sharedFile('safety/PSP_fire_incidents_by_gmina_3.csv')),
      'PSP_fire_incidents_by_gmina_3.csv',
      mappingOf('psp-zdarzenia-gminy.yaml'),
      deps,
    );
    const psp = (unit: string) =>
      r.observations.find((o) => o.variableId === 'psp-zdarzenia:zdarzenia-ogolem' && o.unitCode === unit);
    // README "Kraków: 197" is the row 126101; rows 126102–126105 (Kraków's four delegatury: 223, 320, 453,
    // 259) belong to the city too: 197 + 223 + 320 + 453 + 259 = 1,452.
    expect(psp('1261011')).toMatchObject({ year: 2024, value: 1_452, flag: 202 });
    // "20101,dolnośląskie,bolesławiecki,Bolesławiec,79,…": a 5-digit code (leading zero lost).
    expect(psp('0201011')).toMatchObject({ value: 79, flag: 202 });
    expect(psp('0201011')?.note).toBe(
      'rok nie jest podany w źródle; przyjęty w mapowaniu, niepotwierdzony (2024)',
    );
    expect(r.observations.every((o) => o.flag === 202 && o.year === 2024)).toBe(true);
    expect(r.stats.rows).toBe(2_516);
  });
});
