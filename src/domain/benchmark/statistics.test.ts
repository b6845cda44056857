import { bisectLeft, bisectRight } from 'd3-array';
import { describe, expect, it } from 'vitest';
import {
  benchmarkUnit,
  changeAgainstSet,
  classOf,
  countAtMost,
  countBelow,
  describeDistribution,
  positionInDistribution,
  type Distribution,
} from './statistics.js';

// Real-shaped: ten gminy of powiaty bolesławiecki and dzierżoniowski, an indicator in % (say the share
// of children aged 3–5 in pre-school education), with a triple tie, a confidential value (attrId 4),
// a plain gap (NaN, no flag) and a preliminary value (attrId 9).
const codes = [
  '0201011', // A 85.0
  '0201022', // B 72.5 (tie)
  '0201032', // C missing, confidential
  '0201043', // D 90.0
  '0201052', // E 72.5 (tie)
  '0201062', // F 60.0
  '0202011', // G 95.5, preliminary
  '0202021', // H missing, no flag
  '0202032', // I 80.0
  '0202043', // J 72.5 (tie)
];
const values = Float64Array.from([85, 72.5, NaN, 90, 72.5, 60, 95.5, NaN, 80, 72.5]);
const flags = Int16Array.from([-1, -1, 4, -1, -1, -1, 9, -1, -1, -1]);
// With data, ascending (n = 8): 60, 72.5, 72.5, 72.5, 80, 85, 90, 95.5 (indexes 0…7).

const dist = describeDistribution({ codes, values, flags });

describe('describeDistribution', () => {
  it('counts members, values with data, and names the missing and flagged ones', () => {
    expect(dist.members).toBe(10);
    expect(dist.countWithData).toBe(8);
    // C is missing with flag 4, H without a flag: both counted, neither dropped silently.
    expect(dist.missing).toEqual({ count: 2, codes: ['0201032', '0202021'], byFlag: { '4': 1, none: 1 } });
    // G keeps its value in the statistics and is reported as flagged (9, preliminary).
    expect(dist.flagged).toEqual({ count: 1, codes: ['0202011'], byFlag: { '9': 1 } });
  });

  it('computes min, max, mean, median, quartiles and deciles by R-7 (hand-computed)', () => {
    expect(dist.min).toBe(60); // smallest of the sorted values
    expect(dist.max).toBe(95.5); // largest
    // (60 + 3·72.5 + 80 + 85 + 90 + 95.5) / 8 = 628 / 8
    expect(dist.mean).toBe(78.5);
    // h = (n−1)p = 7·0.5 = 3.5 → x[3] + 0.5·(x[4] − x[3]) = 72.5 + 0.5·7.5
    expect(dist.median).toBe(76.25);
    // h = 7·0.25 = 1.75 → x[1] + 0.75·(x[2] − x[1]) = 72.5 + 0 (tie)
    expect(dist.q1).toBe(72.5);
    // h = 7·0.75 = 5.25 → x[5] + 0.25·(x[6] − x[5]) = 85 + 0.25·5
    expect(dist.q3).toBe(86.25);
    expect(dist.deciles).toHaveLength(9);
    // D1: h = 0.7 → 60 + 0.7·12.5 = 68.75
    expect(dist.deciles[0]).toBeCloseTo(68.75, 10);
    // D5 is the median
    expect(dist.deciles[4]).toBe(76.25);
    // D9: h = 6.3 → 90 + 0.3·5.5 = 91.65
    expect(dist.deciles[8]).toBeCloseTo(91.65, 10);
  });

  it('agrees with R quantile(type = 7) on a textbook case', () => {
    // R: quantile(c(1, 2, 3, 10), c(.25, .5, .75)) → 1.75, 2.5, 4.75
    const d = describeDistribution({ codes: ['a', 'b', 'c', 'd'], values: [10, 1, 3, 2] });
    expect([d.q1, d.median, d.q3]).toEqual([1.75, 2.5, 4.75]);
  });

  it('gives null statistics, not zeros, for a set with no values', () => {
    const d = describeDistribution({ codes: ['a', 'b'], values: [null, NaN] });
    expect(d).toMatchObject({
      countWithData: 0,
      min: null,
      max: null,
      mean: null,
      median: null,
      deciles: [],
    });
    expect(d.missing.byFlag).toEqual({ none: 2 });
  });

  it('refuses values not aligned with codes', () => {
    expect(() => describeDistribution({ codes: ['a'], values: [1, 2] })).toThrow(RangeError);
  });
});

describe('positionInDistribution', () => {
  const at = (value: number | null, direction: 'higher_is_better' | 'lower_is_better' | 'neutral') =>
    positionInDistribution({ distribution: dist, value, direction, unitInSet: true });

  it('ranks ties by competition ranking (1224) and gives tied units the same percentile', () => {
    // 72.5 (B, E, J): 4 values strictly higher (80, 85, 90, 95.5) → rank 5 for all three;
    // 1 value strictly lower (60) → percentile 100·1/7.
    const b = at(72.5, 'higher_is_better');
    expect(b).toMatchObject({ rank: 5, rankedCount: 8, band: 'q1_to_q3', positionClass: 'middle50' });
    expect(b?.percentile).toBeCloseTo(100 / 7, 10);
    // 72.5 − 76.25, and 72.5 / 76.25
    expect(b?.differenceFromMedian).toBe(-3.75);
    expect(b?.ratioToMedian).toBeCloseTo(0.950819672, 8);
    // Lower is better: only 60 is better → rank 2; 4 values are worse → 100·4/7.
    const bLow = at(72.5, 'lower_is_better');
    expect(bLow?.rank).toBe(2);
    expect(bLow?.percentile).toBeCloseTo(400 / 7, 10);
  });

  it('ranks 10, 20, 20, 30 as 4, 2, 2, 1 when higher is better', () => {
    const d = describeDistribution({ codes: ['a', 'b', 'c', 'd'], values: [10, 20, 20, 30] });
    const ranks = [10, 20, 20, 30].map(
      (v) =>
        positionInDistribution({ distribution: d, value: v, direction: 'higher_is_better', unitInSet: true })
          ?.rank,
    );
    expect(ranks).toEqual([4, 2, 2, 1]);
  });

  it('puts the best value in the top class whatever the direction', () => {
    // G = 95.5 > Q3 = 86.25: the top when higher is better (rank 1, all 7 others worse → 100)…
    expect(at(95.5, 'higher_is_better')).toMatchObject({ rank: 1, percentile: 100, positionClass: 'top25' });
    // …the bottom when lower is better (rank 8, no value worse → 0).
    expect(at(95.5, 'lower_is_better')).toMatchObject({ rank: 8, percentile: 0, positionClass: 'bottom25' });
    // F = 60 < Q1 = 72.5: the good end when lower is better.
    expect(at(60, 'lower_is_better')).toMatchObject({ rank: 1, band: 'below_q1', positionClass: 'top25' });
    // A neutral indicator still has a band and a rank by value, but no good or bad class.
    expect(at(60, 'neutral')).toMatchObject({ rank: 8, band: 'below_q1', positionClass: 'neutral' });
  });

  it('ranks a unit that is not a member as if added to the set (neighbours, similar units)', () => {
    // 82 among the 8 values: 3 higher (85, 90, 95.5) → rank 4 of 9; 5 lower → 100·5/8 = 62.5.
    const p = positionInDistribution({
      distribution: dist,
      value: 82,
      direction: 'higher_is_better',
      unitInSet: false,
    });
    expect(p).toMatchObject({ rank: 4, rankedCount: 9, percentile: 62.5 });
  });

  it('gives no position to a missing value, and no percentile to a set of one', () => {
    expect(at(null, 'higher_is_better')).toBeNull();
    expect(at(NaN, 'higher_is_better')).toBeNull();
    const one: Distribution = describeDistribution({ codes: ['a'], values: [5] });
    expect(
      positionInDistribution({ distribution: one, value: 5, direction: 'higher_is_better', unitInSet: true }),
    ).toMatchObject({ rank: 1, percentile: null, ratioToMedian: 1 });
  });

  it('has no ratio to a zero median', () => {
    const d = describeDistribution({ codes: ['a', 'b', 'c'], values: [0, 0, 3] });
    const p = positionInDistribution({ distribution: d, value: 3, direction: 'neutral', unitInSet: true });
    expect(p).toMatchObject({ differenceFromMedian: 3, ratioToMedian: null });
  });
});

describe('classOf', () => {
  it('flips the band by direction', () => {
    expect(classOf('above_q3', 'higher_is_better')).toBe('top25');
    expect(classOf('above_q3', 'lower_is_better')).toBe('bottom25');
    expect(classOf('q1_to_q3', 'lower_is_better')).toBe('middle50');
    expect(classOf('below_q1', 'neutral')).toBe('neutral');
  });
});

describe('changeAgainstSet', () => {
  it('compares the unit’s change with the median change of the members having both years', () => {
    // Members A (the unit), B, C, D. 2019: 100, 110, 90, —; 2018: 95, 100, 92, 80.
    // Changes: A +5, B +10, C −2; D has no 2019 value → left out. Median of −2, 5, 10 is 5.
    const c = changeAgainstSet({
      years: 1,
      direction: 'higher_is_better',
      current: [100, 110, 90, null],
      base: [95, 100, 92, 80],
      unitCurrent: 100,
      unitBase: 95,
    });
    expect(c).toMatchObject({
      years: 1,
      unitChange: 5,
      setMedianChange: 5,
      membersWithChange: 3,
      differenceFromSet: 0,
      assessment: 'same',
    });
    // Percentages: A 100/95 − 1 = 5.263…%, B 10%, C −2.17…% → median is A's 5.263…%.
    expect(c.unitChangePercent).toBeCloseTo(5.2631578947, 8);
    expect(c.setMedianChangePercent).toBeCloseTo(5.2631578947, 8);
  });

  it('says worse when the unit grew less than the set on a higher-is-better indicator', () => {
    // 2014: A 80, B —, C 60, D 70 → changes to 2019: A +20, C +30 (B and D lack a year); median 25.
    const c = changeAgainstSet({
      years: 5,
      direction: 'higher_is_better',
      current: [100, 110, 90, null],
      base: [80, null, 60, 70],
      unitCurrent: 100,
      unitBase: 80,
    });
    expect(c).toMatchObject({
      unitChange: 20,
      setMedianChange: 25,
      differenceFromSet: -5,
      assessment: 'worse',
    });
    // The same numbers are better when lower is better (the unit's value rose less).
    const input = {
      years: 5,
      current: [100, 110, 90, null],
      base: [80, null, 60, 70],
      unitCurrent: 100,
      unitBase: 80,
    };
    expect(changeAgainstSet({ ...input, direction: 'lower_is_better' }).assessment).toBe('better');
  });

  it('has no change for a unit missing a year', () => {
    const c = changeAgainstSet({
      years: 1,
      direction: 'neutral',
      current: [1, 2],
      base: [1, 1],
      unitCurrent: null,
      unitBase: 1,
    });
    expect(c).toMatchObject({
      unitChange: null,
      setMedianChange: 0.5,
      differenceFromSet: null,
      assessment: null,
    });
  });
});

describe('benchmarkUnit', () => {
  const members = ['A', 'B', 'C', 'D'];
  const valuesByYear = new Map<number, ArrayLike<number | null>>([
    [2019, [100, 110, 90, null]],
    [2018, [95, 100, 92, 80]],
    [2014, [80, null, 60, 70]],
  ]);

  it('puts the distribution, the position and the 1- and 5-year changes together for a member', () => {
    const b = benchmarkUnit({
      unitCode: 'A',
      year: 2019,
      direction: 'higher_is_better',
      members,
      valuesByYear,
    });
    expect(b.unitInSet).toBe(true);
    expect(b.value).toBe(100);
    // 90, 100, 110: median 100; A is rank 2 of 3, one of the two others is worse → 50.
    expect(b.distribution).toMatchObject({ countWithData: 3, median: 100 });
    expect(b.position).toMatchObject({ rank: 2, rankedCount: 3, percentile: 50, differenceFromMedian: 0 });
    expect(b.changes.map((c) => [c.years, c.unitChange, c.setMedianChange])).toEqual([
      [1, 5, 5],
      [5, 20, 25],
    ]);
  });

  it('takes the unit’s own values when it is not a member, and has no change for a year without data', () => {
    const b = benchmarkUnit({
      unitCode: 'X',
      year: 2019,
      direction: 'lower_is_better',
      members,
      valuesByYear,
      unitValuesByYear: new Map([
        [2019, 95],
        [2018, 99],
      ]),
      changeSpans: [1, 3],
    });
    // 95 among 90, 100, 110 with lower better: only 90 is better → rank 2 of 4; 100 and 110 worse → 2/3.
    expect(b.position).toMatchObject({ rank: 2, rankedCount: 4 });
    expect(b.position?.percentile).toBeCloseTo(200 / 3, 10);
    // 95 − 99 = −4 against the set's +5: the value fell while the set's rose → better (lower is better).
    expect(b.changes[0]).toMatchObject({ unitChange: -4, differenceFromSet: -9, assessment: 'better' });
    // 2016 is not in the data: no member and no unit change.
    expect(b.changes[1]).toMatchObject({
      years: 3,
      unitChange: null,
      membersWithChange: 0,
      setMedianChange: null,
    });
  });
});

describe('countBelow and countAtMost', () => {
  it("equal d3's bisectLeft and bisectRight on ties, ends, negative values and values outside the range", () => {
    const sorted = Float64Array.from([-5, -1.5, 0, 0, 0, 2, 2, 7.25, 1e9]);
    const probes = [-1e12, -5, -3, -1.5, -0, 0, 1, 2, 3, 7.25, 1e9, 2e9];
    for (const x of probes) {
      expect(countBelow(sorted, x)).toBe(bisectLeft(sorted as unknown as number[], x));
      expect(countAtMost(sorted, x)).toBe(bisectRight(sorted as unknown as number[], x));
    }
    expect(countBelow(new Float64Array(0), 1)).toBe(0);
    expect(countAtMost(Float64Array.from([1]), 1)).toBe(1);
  });
});
