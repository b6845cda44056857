import { describe, expect, it } from 'vitest';
import { comparedCellStats, comparedYears, compareRowStats } from './compare-stats.js';

const gminy = ['1261011', '1465011', '0264011', '1061011'].map((code) => ({ code, level: 'gmina' }));
const values: Record<string, number | null> = {
  '1261011': 10,
  '1465011': 40,
  '0264011': 20,
  '1061011': null,
};
const cellOf = (code: string) => ({ value: values[code] ?? null, flag: null });

describe('the compared units as a set, per row', () => {
  it('gives the median of the values there are and ranks them by the direction', () => {
    const higher = compareRowStats(gminy, cellOf, 'higher_better');
    expect(higher.median).toBe(20);
    expect(higher.countWithData).toBe(3);
    expect(higher.rankOf.get('1465011')).toEqual({ rank: 1, of: 3 });
    expect(higher.rankOf.get('1261011')).toEqual({ rank: 3, of: 3 });
    expect(higher.rankOf.has('1061011')).toBe(false); // no value, no rank
    const lower = compareRowStats(gminy, cellOf, 'lower_better');
    expect(lower.rankOf.get('1261011')).toEqual({ rank: 1, of: 3 });
  });

  it('ranks nothing for a neutral indicator, but gives its median', () => {
    const neutral = compareRowStats(gminy, cellOf, 'neutral');
    expect(neutral.median).toBe(20);
    expect(neutral.rankOf.size).toBe(0);
  });

  it('gives no median and no rank to a row where only one unit has a value', () => {
    const one = (code: string) => ({ value: code === '1261011' ? 10 : null, flag: null });
    const stats = compareRowStats(gminy, one, 'higher_better');
    expect(stats).toMatchObject({ median: null, countWithData: 1, mixedLevels: false });
    expect(stats.rankOf.size).toBe(0);
  });

  it('never mixes levels: a gmina beside a voivodeship gives no median and no rank', () => {
    const mixed = compareRowStats([...gminy, { code: '12', level: 'wojewodztwo' }], cellOf, 'higher_better');
    expect(mixed).toMatchObject({ median: null, mixedLevels: true });
    expect(mixed.rankOf.size).toBe(0);
  });

  it('leaves a suspect value out of the median and the ranks', () => {
    const suspect = (code: string) => (code === '1465011' ? { value: 40, flag: { id: 201 } } : cellOf(code));
    const stats = compareRowStats(gminy, suspect, 'higher_better');
    expect(stats.median).toBe(15);
    expect(stats.rankOf.has('1465011')).toBe(false);
    expect(stats.rankOf.get('0264011')).toEqual({ rank: 1, of: 2 });
  });

  it("writes a unit's cell as the API does: the row's median, the unit's rank and the n of both", () => {
    const stats = compareRowStats(gminy, cellOf, 'higher_better');
    // Median of 10, 20, 40 is 20; Warszawa's 40 is the highest of the three.
    expect(comparedCellStats(stats, '1465011')).toEqual({
      comparedMedian: 20,
      comparedRank: 1,
      comparedCount: 3,
    });
    // Łódź has no value: the row's median and n, no rank.
    expect(comparedCellStats(stats, '1061011')).toEqual({
      comparedMedian: 20,
      comparedRank: null,
      comparedCount: 3,
    });
    const neutral = compareRowStats(gminy, cellOf, 'neutral');
    expect(comparedCellStats(neutral, '1465011')).toEqual({
      comparedMedian: 20,
      comparedRank: null,
      comparedCount: 3,
    });
    const one = compareRowStats(
      gminy,
      (code) => ({ value: code === '1261011' ? 10 : null, flag: null }),
      'higher_better',
    );
    // One value: no median, and so no n either (the screen says "only 1 unit has a value").
    expect(comparedCellStats(one, '1261011')).toEqual({
      comparedMedian: null,
      comparedRank: null,
      comparedCount: null,
    });
  });
});

describe('the years a comparison shows of an indicator', () => {
  it('keeps the years in which any unit has a value, ascending', () => {
    expect(comparedYears([2019, 2015, 2024], (y) => y !== 2024)).toEqual([2015, 2019]);
  });

  it('keeps the latest year alone when no unit has a value in any year (its row says "no data")', () => {
    expect(comparedYears([2015, 2019], () => false)).toEqual([2019]);
    expect(comparedYears([], () => true)).toEqual([]);
  });
});
