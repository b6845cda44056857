import { describe, expect, it } from 'vitest';
import {
  gminaStem,
  isTerytCode,
  jstLevelOfCode,
  jstLevelOfLength,
  levelsOfCode,
  powiatCodeOf,
} from './teryt-code.js';

describe('levelsOfCode', () => {
  it('reads the level from the length of a TERYT code', () => {
    expect(levelsOfCode('12')).toEqual(['wojewodztwo']);
    expect(levelsOfCode('1261')).toEqual(['powiat']);
    expect(levelsOfCode('1261011')).toEqual(['gmina', 'czesc_gminy']);
  });
  it('rejects anything that is not 2, 4 or 7 digits', () => {
    for (const bad of ['', '1', '123', '12610', '126101', '12610111', '12a1', ' 12']) {
      expect(isTerytCode(bad)).toBe(false);
    }
  });
});

describe('code parts', () => {
  it('takes the powiat and the 6-digit stem of a gmina code', () => {
    expect(powiatCodeOf('1261011')).toBe('1261');
    expect(powiatCodeOf('1261')).toBeNull();
    expect(gminaStem('0601053')).toBe('060105');
  });

  it('maps the JST levels to code lengths and back, one rule for every caller', () => {
    expect([2, 4, 7].map(jstLevelOfLength)).toEqual(['wojewodztwo', 'powiat', 'gmina']);
    expect([0, 1, 3, 6, 12].map(jstLevelOfLength)).toEqual([null, null, null, null, null]);
    expect(jstLevelOfCode('1261011')).toBe('gmina');
    expect(jstLevelOfCode('0')).toBeNull();
  });
});
