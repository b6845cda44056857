import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { sharedFile } from '../../../test/shared-data.js';
import { readBundledSnapshot } from '../teryt/units-snapshot.js';
import { POLAND } from '../../domain/units/unit.js';
import { makeUnitResolver, normaliseUnitCode, terytOfBdlId } from './unit-resolver.js';

const resolve = makeUnitResolver(readBundledSnapshot().records);

describe('makeUnitResolver on the bundled register', () => {
  it('resolves every code kind to the TERYT code', () => {
    expect(resolve('1261011', 'teryt7')).toMatchObject({ teryt: '1261011', level: 'gmina' });
    // A spreadsheet turned 0201011 (Bolesławiec, gmina miejska) into the number 201011.
    expect(resolve('201011', 'teryt6')).toMatchObject({ teryt: '0201011' });
    // BDL exports write upper levels in 7 digits: powiat WOJ+POW+000, województwo WOJ+00000.
    expect(resolve('0201000', 'teryt7')).toMatchObject({ teryt: '0201', level: 'powiat' });
    expect(resolve('0200000', 'teryt7')).toMatchObject({ teryt: '02', level: 'wojewodztwo' });
    expect(resolve('02 01 04 3', 'teryt')).toMatchObject({ teryt: '0201043' });
    expect(resolve('201', 'powiat4')).toMatchObject({ teryt: '0201' });
    expect(resolve('2', 'woj2')).toMatchObject({ teryt: '02' });
    expect(resolve('011212161011', 'bdl12')).toMatchObject({ teryt: '1261011' });
  });
  it('finds the one gmina of a stem, whatever kind digit the file wrote', () => {
    expect(resolve('126101', 'gmina-stem6')).toMatchObject({ teryt: '1261011' });
    // PSP writes 20101 for 020101 (a number cell); CKE writes the town part 1401014 of gmina 1401013.
    expect(resolve('20101', 'gmina-stem6')).toMatchObject({ teryt: '0201011' });
    expect(resolve('1401014', 'gmina-stem6')).toMatchObject({ teryt: '1401013' });
    // 146502 is a dzielnica of Warszawa (1465028 Bemowo…): it belongs to gmina 1465011.
    expect(resolve('146502', 'gmina-stem6')).toMatchObject({
      teryt: '1465011',
      note: expect.stringContaining('district'),
    });
  });
  it('resolves a gmina whose kind digit changed to its current code, with a note', () => {
    // Pieszyce was a gmina miejska (0202031) until 2015; the register of 2026 has 0202033.
    expect(resolve('0202031', 'teryt7')).toEqual({
      teryt: '0202033',
      level: 'gmina',
      note: 'gmina 0202031 is 0202033 in the register (its kind digit changed)',
    });
  });
  it('names the code when it is unknown, malformed or ambiguous', () => {
    expect(resolve('3203042', 'teryt7')).toEqual({ error: '3203042 is not a unit of the register' });
    // BDL's Polska row is the country, unit "0"; a register without it (this TERC snapshot) names the code.
    expect(resolve('0000000', 'teryt7')).toEqual({
      error: '0 (from "0000000") is not a unit of the register',
    });
    expect(makeUnitResolver([POLAND])('0000000', 'teryt7')).toEqual({ teryt: '0', level: 'kraj' });
    expect(resolve('201011', 'teryt7')).toMatchObject({ error: expect.stringContaining('teryt6') });
    expect(resolve('999999', 'gmina-stem6')).toMatchObject({ error: expect.stringContaining('999999') });
    const ambiguous = makeUnitResolver([
      { code: '0101011', level: 'gmina' },
      { code: '0101012', level: 'gmina' },
    ]);
    expect(ambiguous('010101', 'gmina-stem6')).toMatchObject({
      error: expect.stringContaining('0101011, 0101012'),
    });
  });
});

describe('terytOfBdlId', () => {
  it('reverses every derived BDL id of 2025 (shared/data/bdl-ids)', () => {
    const lines = readFileSync(sharedFile('bdl-ids/teryt_to_bdl_id_2025_DERIVED.csv'), 'utf-8')
      .trim()
      .split(/\r?\n/)
      .slice(1);
    expect(lines).toHaveLength(4338);
    const wrong = lines
      .map((line) => line.split(';'))
      .filter(([teryt, , , bdl]) => {
        const got = terytOfBdlId(bdl ?? '');
        return !('teryt' in got) || got.teryt !== teryt;
      });
    expect(wrong).toEqual([]);
  });
  it('refuses levels that have no TERYT code', () => {
    expect(terytOfBdlId('000000000000')).toMatchObject({ error: expect.stringContaining('no TERYT code') });
    expect(terytOfBdlId('0112121')).toMatchObject({ error: expect.stringContaining('12 digits') });
  });
});

describe('normaliseUnitCode', () => {
  it('cuts a 7-digit code to its stem for gmina-stem6', () => {
    expect(normaliseUnitCode('1401015', 'gmina-stem6')).toEqual({ code: '140101', stem: true });
  });
});
