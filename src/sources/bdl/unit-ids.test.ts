import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { sharedFile } from '../../../test/shared-data.js';
import { bdlIdToTeryt, makeTerytToBdl } from './unit-ids.js';

/** Rows of a shared/data/bdl-ids CSV (quoted `,` for the R exports, `;` for the derived file). */
function rows(file: string, separator: string): string[][] {
  return readFileSync(sharedFile(`bdl-ids/${file}`), 'utf-8')
    .trim()
    .split(/\r?\n/)
    .slice(1)
    .map((line) => line.split(separator).map((cell) => cell.replace(/^"|"$/g, '')));
}

const derived = rows('teryt_to_bdl_id_2025_DERIVED.csv', ';'); // teryt;name;type;bdl id
const level5 = rows('bdl_level5_units_2019_from_Rbdl.csv', ','); // bdl id,name,teryt
const level6 = rows('bdl_level6_units_2019_from_Rbdl.csv', ',');

describe('bdlIdToTeryt', () => {
  it('maps the examples of shared/data/README.md', () => {
    expect(bdlIdToTeryt('011212161011')).toEqual({ mapped: true, level: 'gmina', teryt: '1261011' }); // Kraków
    expect(bdlIdToTeryt('071412865011')).toEqual({ mapped: true, level: 'gmina', teryt: '1465011' }); // Warszawa
    expect(bdlIdToTeryt('051011661011')).toEqual({ mapped: true, level: 'gmina', teryt: '1061011' }); // Łódź
    expect(bdlIdToTeryt('011212001000')).toEqual({ mapped: true, level: 'powiat', teryt: '1201' }); // bocheński
    expect(bdlIdToTeryt('011200000000')).toEqual({ mapped: true, level: 'wojewodztwo', teryt: '12' });
    expect(bdlIdToTeryt('000000000000')).toEqual({ mapped: true, level: 'polska', teryt: null });
  });

  it('maps every unit of the 2025 derived list back to its TERYT code (4,338 units)', () => {
    expect(derived).toHaveLength(4338);
    const wrong = derived.filter(([teryt, , , id]) => {
      const mapping = bdlIdToTeryt(id ?? '');
      return !mapping.mapped || mapping.teryt !== teryt;
    });
    expect(wrong).toEqual([]);
  });

  it('gives parts of gminy (kinds 4, 5, 8, 9) their own level', () => {
    const dzielnica = derived.find(([, , type]) => type === 'dzielnica m.st. Warszawy');
    expect(bdlIdToTeryt(dzielnica?.[3] ?? '')).toMatchObject({ mapped: true, level: 'czesc_gminy' });
  });

  it('maps every powiat and gmina of the 2019 BDL lists (380 + 2,511 ids)', () => {
    for (const [id, , teryt] of level5)
      expect(bdlIdToTeryt(id ?? '')).toMatchObject({ level: 'powiat', teryt });
    for (const [id, , teryt] of level6)
      expect(bdlIdToTeryt(id ?? '')).toMatchObject({ level: 'gmina', teryt });
  });

  it('leaves out units TERYT does not have, and malformed ids, with the reason', () => {
    expect(bdlIdToTeryt('010000000000')).toEqual({
      mapped: false,
      reason: expect.stringMatching(/makroregion/),
    });
    expect(bdlIdToTeryt('011210000000')).toEqual({
      mapped: false,
      reason: expect.stringMatching(/region \(NUTS 2/),
    });
    expect(bdlIdToTeryt('011212000000')).toEqual({
      mapped: false,
      reason: expect.stringMatching(/podregion/),
    });
    expect(bdlIdToTeryt('01121216101')).toEqual({
      mapped: false,
      reason: expect.stringMatching(/12 digits/),
    });
    expect(bdlIdToTeryt('023015706012-0199020')).toMatchObject({ mapped: false }); // a locality (level 7)
    expect(bdlIdToTeryt('011212161017')).toEqual({ mapped: false, reason: expect.stringMatching(/kind 7/) });
    expect(bdlIdToTeryt('011212160001')).toEqual({ mapped: false, reason: expect.stringMatching(/missing/) });
  });
});

describe('makeTerytToBdl', () => {
  it('rebuilds every id of the 2025 derived list from the powiat ids alone', () => {
    const powiatIds = derived.filter(([, , type]) => type === 'powiat').map((row) => row[3] ?? '');
    const toBdl = makeTerytToBdl(powiatIds);
    expect(toBdl('1261011')).toBe('011212161011');
    expect(toBdl('12')).toBe('011200000000');
    const wrong = derived.filter(([teryt, , , id]) => toBdl(teryt ?? '') !== id);
    expect(wrong).toEqual([]);
  });

  it('rebuilds the 2019 gmina ids from the 2019 powiat ids, and says null for an unknown powiat', () => {
    const toBdl = makeTerytToBdl(level5.map((row) => row[0] ?? ''));
    const wrong = level6.filter(([id, , teryt]) => toBdl(teryt ?? '') !== id);
    expect(wrong).toEqual([]);
    expect(toBdl('9901011')).toBeNull();
    expect(toBdl('12345')).toBeNull();
  });

  it('refuses a table entry that is not a powiat id', () => {
    expect(() => makeTerytToBdl(['011212161011'])).toThrow(/not the BDL id of a powiat/);
  });
});
