import { describe, expect, it } from 'vitest';
import { gminaStem, isTerytCode, levelsOfCode, powiatCodeOf } from './teryt-code.js';

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
});
