import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { sharedFile } from '../../../test/shared-data.js';
import type { UnitRecord } from '../../domain/units/unit.js';
import { FileFormatError } from '../files/file-problem.js';
import { readBundledSnapshot } from '../teryt/units-snapshot.js';
import { nameKey } from './name-key.js';
import { readNurseryRegister, type NurseryReadResult } from './register-reader.js';

const REGISTER = 'childcare/rejestr-zlobkow-MRiPS-2025-07-08.csv';
const COUNT = 'mrips-rejestr-zlobkow:zlobki-liczba';
const PLACES = 'mrips-rejestr-zlobkow:zlobki-miejsca';
const CHILDREN = 'mrips-rejestr-zlobkow:zlobki-dzieci';

function valueOf(result: NurseryReadResult, variableId: string, unitCode: string): number | null | undefined {
  return result.observations.find((o) => o.variableId === variableId && o.unitCode === unitCode)?.value;
}

function sumOf(result: NurseryReadResult, variableId: string): number {
  return result.observations
    .filter((o) => o.variableId === variableId)
    .reduce((sum, o) => sum + (o.value ?? 0), 0);
}

describe('readNurseryRegister on the real register (MRiPS, 2025-07-08)', () => {
  const units = readBundledSnapshot().records;
  let result: NurseryReadResult;
  beforeAll(() => {
    result = readNurseryRegister(readFileSync(sharedFile(REGISTER)), units);
  });

  it('reads every row and keeps the totals of the file (shared/data README: 136,550 places, 115,576 children)', () => {
    expect(result.stats.rows).toBe(3210);
    expect(result.stats.places).toBe(136_550);
    expect(result.stats.children).toBe(115_576);
    const unmatchedPlaces = result.unmatched.reduce((sum, row) => sum + row.places, 0);
    const unmatchedChildren = result.unmatched.reduce((sum, row) => sum + row.children, 0);
    // What is matched is exactly what the observations hold; matched + unmatched is the whole file.
    expect(sumOf(result, PLACES)).toBe(result.stats.matchedPlaces);
    expect(sumOf(result, CHILDREN)).toBe(result.stats.matchedChildren);
    expect(sumOf(result, COUNT)).toBe(result.stats.matchedRows);
    expect(result.stats.matchedPlaces + unmatchedPlaces).toBe(136_550);
    expect(result.stats.matchedChildren + unmatchedChildren).toBe(115_576);
    expect(result.stats.matchedRows + result.stats.unmatchedRows).toBe(3210);
  });

  it('puts every delegatura of Kraków into gmina Kraków 1261011: 155 żłobki, 6,457 places, 5,334 children', () => {
    expect(valueOf(result, COUNT, '1261011')).toBe(155);
    expect(valueOf(result, PLACES, '1261011')).toBe(6457);
    expect(valueOf(result, CHILDREN, '1261011')).toBe(5334);
  });

  it('puts every dzielnica of Warsaw into gmina Warszawa 1465011: 251 / 12,222 / 10,260', () => {
    expect(valueOf(result, COUNT, '1465011')).toBe(251);
    expect(valueOf(result, PLACES, '1465011')).toBe(12_222);
    expect(valueOf(result, CHILDREN, '1465011')).toBe(10_260);
  });

  it('has the README checks for Poznań, Wrocław, Police and Świlcza (codes from TERC 2026)', () => {
    // TERC_Urzedowy_2026-01-01.csv: 30;64;01;1 Poznań, 02;64;01;1 Wrocław,
    // 32;11;04;3 Police (gmina miejsko-wiejska), 18;16;12;2 Świlcza (gmina wiejska).
    expect([valueOf(result, COUNT, '3064011'), valueOf(result, PLACES, '3064011')]).toEqual([79, 3213]);
    expect([valueOf(result, COUNT, '0264011'), valueOf(result, PLACES, '0264011')]).toEqual([103, 4679]);
    expect([valueOf(result, COUNT, '3211043'), valueOf(result, PLACES, '3211043')]).toEqual([6, 250]);
    expect([valueOf(result, COUNT, '1816122'), valueOf(result, PLACES, '1816122')]).toEqual([2, 79]);
  });

  it('leaves out exactly the 17 rows with empty names, each with reason "empty"', () => {
    expect(result.stats.unmatchedRows).toBe(17);
    expect(result.stats.unmatchedBy).toEqual({ empty: 17 });
    expect(result.unmatched.every((row) => row.reason === 'empty')).toBe(true);
    expect(result.unmatched[0]).toMatchObject({ line: 556, registerNumber: '6328/Z', places: 19 });
  });

  it('says how each matched row found its gmina', () => {
    expect(result.stats.matchedBy).toEqual({
      name: 2157,
      'city-part': 642,
      'town-by-locality': 350,
      'rural-by-locality': 44,
    });
  });

  it('emits one value per variable for the 975 gminy with a żłobek, at gmina level, year 2025, no zeros invented', () => {
    const gminy = new Set(units.filter((u) => u.level === 'gmina').map((u) => u.code));
    expect(result.stats.gminy).toBe(975);
    expect(result.observations).toHaveLength(3 * 975);
    expect(result.observations.every((o) => gminy.has(o.unitCode) && o.year === 2025)).toBe(true);
    expect(result.observations.filter((o) => o.variableId === COUNT).every((o) => (o.value ?? 0) > 0)).toBe(
      true,
    );
    expect(result.scope).toEqual({
      variables: [COUNT, PLACES, CHILDREN],
      years: [2025],
      unitCodeLengths: [7],
    });
  });

  it('keeps the 2 żłobki with 0 places, counted, and says so on their gmina', () => {
    expect(result.stats.zeroPlaceRows).toBe(2);
    const noted = result.observations.filter((o) => o.variableId === PLACES && o.note?.includes('0 miejsc'));
    // Komorniki (poznański, line 151) and gmina miejska Głogów (line 1051).
    expect(noted.map((o) => o.unitCode)).toEqual(['0203011', '3021072']);
    expect(noted.find((o) => o.unitCode === '3021072')?.note).toContain('wiersz 151');
  });

  it('describes the variables: ids <source>:<code>, state date in the name, żłobki only, completeness not proven', () => {
    expect(result.source).toMatchObject({
      id: 'mrips-rejestr-zlobkow',
      name: 'Ministerstwo Rodziny, Pracy i Polityki Społecznej — rejestr żłobków',
      citation: 'Źródło: MRiPS, rejestr żłobków (stan na 8 VII 2025); obliczenia własne',
      licence: 'informacja publiczna',
    });
    expect(result.variables.map((v) => v.id)).toEqual([COUNT, PLACES, CHILDREN]);
    for (const variable of result.variables) {
      expect(variable.name).toContain('stan na 8 VII 2025');
      expect(variable.levels).toEqual(['gmina']);
      expect(variable.metadata['coverage']).toMatch(/kluby dziecięce and dzienni opiekunowie are not/);
      expect(variable.metadata['completeness']).toMatch(/^not proven/);
    }
  });

  it('with the locality rule off, the 394 rows of a town / rural gmina pair are ambiguous, naming both', () => {
    const strict = readNurseryRegister(readFileSync(sharedFile(REGISTER)), units, {
      sameNameRule: 'unmatched',
    });
    expect(strict.stats.unmatchedBy).toEqual({ empty: 17, ambiguous: 394 });
    const boleslawiec = strict.unmatched.find((row) => row.gmina === 'Bolesławiec');
    expect(boleslawiec?.detail).toBe(
      'gmina "Bolesławiec" in powiat bolesławiecki (0201) is ambiguous between ' +
        'Bolesławiec (0201011, gmina miejska) and Bolesławiec (0201022, gmina wiejska)',
    );
  });
});

// ---- the matching rules on small inline registers -------------------------------------------------------

const unit = (
  code: string,
  level: UnitRecord['level'],
  kind: UnitRecord['kind'],
  name: string,
  parentCode: string | null,
): UnitRecord => ({ code, level, kind, name, description: kind, parentCode });

const UNITS: UnitRecord[] = [
  unit('12', 'wojewodztwo', 'wojewodztwo', 'MAŁOPOLSKIE', null),
  unit('1201', 'powiat', 'ziemski', 'bocheński', '12'),
  unit('1201011', 'gmina', 'miejska', 'Bochnia', '1201'),
  unit('1201022', 'gmina', 'wiejska', 'Bochnia', '1201'),
  unit('1201032', 'gmina', 'wiejska', 'Nowa Wieś', '1201'),
  unit('1201042', 'gmina', 'wiejska', 'Nowa-Wieś', '1201'),
  unit('1219', 'powiat', 'ziemski', 'wielicki', '12'),
  unit('1219012', 'gmina', 'wiejska', 'Biskupice', '1219'),
  unit('1219063', 'gmina', 'miejsko-wiejska', 'Wieliczka', '1219'),
  unit('1219064', 'czesc_gminy', 'miasto', 'Wieliczka', '1219063'),
  unit('1261', 'powiat', 'miasto_na_prawach_powiatu', 'Kraków', '12'),
  unit('1261011', 'gmina', 'miejska', 'Kraków', '1261'),
  unit('1261029', 'czesc_gminy', 'delegatura', 'Kraków-Krowodrza', '1261011'),
  unit('1261049', 'czesc_gminy', 'delegatura', 'Kraków-Podgórze', '1261011'),
  unit('14', 'wojewodztwo', 'wojewodztwo', 'MAZOWIECKIE', null),
  unit('1465', 'powiat', 'miasto_na_prawach_powiatu', 'Warszawa', '14'),
  unit('1465011', 'gmina', 'miejska', 'Warszawa', '1465'),
  unit('1465058', 'czesc_gminy', 'dzielnica', 'Mokotów', '1465011'),
  unit('1465078', 'czesc_gminy', 'dzielnica', 'Praga-Południe', '1465011'),
  unit('1406', 'powiat', 'ziemski', 'grodziski', '14'),
  unit('1406012', 'gmina', 'wiejska', 'Biskupice', '1406'),
];

const HEADER =
  'ID,Identyfikator API,Nazwa,Województwo,Powiat,Gmina,Miejscowość,Ulica,Numer Budynku,Numer Lokalu,Email,' +
  'Telefon,Liczba dzieci,Liczba miejsc,Adres WWW';

/** One register row: [województwo, powiat, gmina, locality, children, places]. */
type Cells = [string, string, string, string, number | string, number | string];

function csv(rows: Cells[]): Uint8Array {
  const lines = rows.map(
    ([woj, pow, gmi, loc, children, places], i) =>
      `${i + 1},${i + 1}/Z,"Żłobek ""Nr ${i + 1}"", filia",${woj},${pow},${gmi},${loc},,,,,,${children},${places},`,
  );
  return Buffer.from([HEADER, ...lines].join('\n'), 'utf-8');
}

function gminaOf(cells: Cells, options: Parameters<typeof readNurseryRegister>[2] = {}): string {
  const result = readNurseryRegister(csv([cells]), UNITS, options);
  const [row] = result.unmatched;
  if (row) return `unmatched ${row.reason}: ${row.detail}`;
  return result.observations[0]?.unitCode ?? 'nothing';
}

describe('nameKey', () => {
  it('folds case, Polish letters, dashes, dots, spaces and the words TERC does not write', () => {
    expect(nameKey('ŁÓDZKIE')).toBe(nameKey('łódzkie'));
    expect(nameKey('Warszawa - Mokotów')).toBe('warszawa mokotow');
    expect(nameKey('Kraków–Podgórze')).toBe(nameKey('Kraków-Podgórze'));
    expect(nameKey('Kraków\u2011Podgórze')).toBe(nameKey('Kraków-Podgórze'));
    expect(nameKey('  Kraków   —   Podgórze ')).toBe(nameKey('Kraków-Podgórze'));
    expect(nameKey('m. st. Warszawa')).toBe('warszawa');
    expect(nameKey('m.st.Warszawa')).toBe('warszawa');
    expect(nameKey('Miasto Stołeczne Warszawa')).toBe('warszawa');
    expect(nameKey('powiat m. Kraków')).toBe('krakow');
    expect(nameKey('powiat wielicki')).toBe('wielicki');
    expect(nameKey('gmina Biskupice')).toBe('biskupice');
  });
});

describe('the matching rules', () => {
  it('finds a gmina by its name within the powiat, whatever the case, prefixes or letters', () => {
    expect(gminaOf(['MAŁOPOLSKIE', 'wielicki', 'Biskupice', 'Biskupice', 1, 1])).toBe('1219012');
    expect(gminaOf(['małopolskie', 'powiat wielicki', 'gmina BISKUPICE', '', 1, 1])).toBe('1219012');
    // The same name in another powiat is a different gmina: the powiat decides.
    expect(gminaOf(['MAZOWIECKIE', 'grodziski', 'Biskupice', '', 1, 1])).toBe('1406012');
  });

  it('finds a gmina miejsko-wiejska by its town name, never its town part', () => {
    expect(gminaOf(['MAŁOPOLSKIE', 'wielicki', 'Wieliczka', 'Wieliczka', 1, 1])).toBe('1219063');
  });

  it('puts a delegatura or dzielnica into its city, with any dash', () => {
    for (const name of ['Kraków-Podgórze', 'Kraków – Podgórze', 'KRAKÓW\u2011PODGÓRZE', 'Kraków-Krowodrza']) {
      expect(gminaOf(['MAŁOPOLSKIE', 'Kraków', name, 'Kraków', 1, 1]), name).toBe('1261011');
    }
    for (const name of ['Warszawa - Mokotów', 'Warszawa-Mokotów', 'Mokotów', 'Warszawa - Praga-Południe']) {
      expect(gminaOf(['MAZOWIECKIE', 'Warszawa', name, 'Warszawa', 1, 1]), name).toBe('1465011');
    }
    expect(gminaOf(['MAZOWIECKIE', 'm. st. Warszawa', 'm.st. Warszawa', 'Warszawa', 1, 1])).toBe('1465011');
    // A delegatura is found only in its own city's powiat.
    expect(gminaOf(['MAŁOPOLSKIE', 'wielicki', 'Kraków-Podgórze', '', 1, 1])).toBe(
      'unmatched unknown-gmina: no gmina (nor delegatura or dzielnica) named "Kraków-Podgórze" ' +
        'in powiat wielicki (1219)',
    );
  });

  it('decides a town / rural gmina of one name by the locality, or says it is ambiguous', () => {
    expect(gminaOf(['MAŁOPOLSKIE', 'bocheński', 'Bochnia', 'Bochnia', 1, 1])).toBe('1201011');
    expect(gminaOf(['MAŁOPOLSKIE', 'bocheński', 'Bochnia', 'Proszówki', 1, 1])).toBe('1201022');
    const ambiguous =
      'unmatched ambiguous: gmina "Bochnia" in powiat bocheński (1201) is ambiguous between ' +
      'Bochnia (1201011, miejska) and Bochnia (1201022, wiejska)';
    expect(gminaOf(['MAŁOPOLSKIE', 'bocheński', 'Bochnia', '', 1, 1])).toBe(
      `${ambiguous}, and the row gives no locality`,
    );
    expect(
      gminaOf(['MAŁOPOLSKIE', 'bocheński', 'Bochnia', 'Bochnia', 1, 1], { sameNameRule: 'unmatched' }),
    ).toBe(ambiguous);
    // Two gminy whose names fold alike are not a town and its rural gmina: ambiguous whatever the locality.
    expect(gminaOf(['MAŁOPOLSKIE', 'bocheński', 'Nowa Wieś', 'Nowa Wieś', 1, 1])).toBe(
      'unmatched ambiguous: gmina "Nowa Wieś" in powiat bocheński (1201) is ambiguous between ' +
        'Nowa Wieś (1201032, wiejska) and Nowa-Wieś (1201042, wiejska)',
    );
  });

  it('says which step found nothing', () => {
    expect(gminaOf(['', '', '', 'Kraków', 1, 1])).toBe(
      'unmatched empty: the register row names no województwo, powiat, gmina',
    );
    expect(gminaOf(['MAŁOPOLSKIE', 'wielicki', ' ', '', 1, 1])).toBe(
      'unmatched empty: the register row names no gmina',
    );
    expect(gminaOf(['MAŁOPOLSKA', 'wielicki', 'Biskupice', '', 1, 1])).toBe(
      'unmatched unknown-wojewodztwo: no województwo named "MAŁOPOLSKA"',
    );
    expect(gminaOf(['MAZOWIECKIE', 'wielicki', 'Biskupice', '', 1, 1])).toBe(
      'unmatched unknown-powiat: no powiat named "wielicki" in województwo MAZOWIECKIE (14)',
    );
    expect(gminaOf(['MAŁOPOLSKIE', 'wielicki', 'Niepołomice', '', 1, 1])).toBe(
      'unmatched unknown-gmina: no gmina (nor delegatura or dzielnica) named "Niepołomice" in powiat wielicki (1219)',
    );
  });
});

describe('readNurseryRegister on inline files', () => {
  it('sums the rows of a gmina, with line numbers and quoted names, and notes a żłobek with 0 places', () => {
    const result = readNurseryRegister(
      csv([
        ['MAŁOPOLSKIE', 'Kraków', 'Kraków-Podgórze', 'Kraków', 10, 12],
        ['MAŁOPOLSKIE', 'Kraków', 'Kraków-Krowodrza', 'Kraków', 0, 0],
        ['', '', '', '', 3, 5],
      ]),
      UNITS,
    );
    expect(result.observations.map((o) => [o.variableId, o.unitCode, o.value])).toEqual([
      [COUNT, '1261011', 2],
      [PLACES, '1261011', 12],
      [CHILDREN, '1261011', 10],
    ]);
    expect(result.observations[1]?.note).toBe('żłobki z 0 miejsc w rejestrze: 1 z 2 (wiersz 3)');
    expect(result.unmatched).toEqual([
      {
        line: 4,
        registerNumber: '3/Z',
        wojewodztwo: '',
        powiat: '',
        gmina: '',
        reason: 'empty',
        detail: 'the register row names no województwo, powiat, gmina',
        places: 5,
        children: 3,
      },
    ]);
    expect(result.stats).toMatchObject({ rows: 3, matchedRows: 2, unmatchedRows: 1, gminy: 1, places: 17 });
  });

  it('refuses a file without the register columns or with a count that is not a whole number', () => {
    const problem = (bytes: Uint8Array): string => {
      try {
        readNurseryRegister(bytes, UNITS, { file: 'bad.csv' });
      } catch (error) {
        if (error instanceof FileFormatError) return error.message;
        throw error;
      }
      throw new Error('expected the file to be refused');
    };
    expect(problem(Buffer.from('ID,Nazwa,Gmina\n1,Żłobek,Bochnia\n'))).toMatch(
      /bad\.csv, line 1: expected the register's header .*missing: Identyfikator API, Województwo, Powiat, Miejscowość, Liczba dzieci, Liczba miejsc/,
    );
    expect(problem(csv([['MAŁOPOLSKIE', 'wielicki', 'Biskupice', '', 'dwa', '1.5']]))).toMatch(
      /line 2: column Liczba miejsc: expected a whole number ≥ 0, found "1.5"[\s\S]*line 2: column Liczba dzieci: expected a whole number ≥ 0, found "dwa"/,
    );
  });
});
