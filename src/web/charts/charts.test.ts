import { describe, expect, it } from 'vitest';
import { rankItems } from '../pages/indicator-view.js';
import { histogramBins } from './histogram.js';
import { classIndex, quantileClasses } from './map.js';

describe('map classes', () => {
  it('splits values into five quantile classes of equal counts, a break value falling in the upper class', () => {
    const values = Array.from({ length: 100 }, (_, i) => i + 1);
    const classes = quantileClasses(values);
    expect(classes.map((c) => c.count)).toEqual([20, 20, 20, 20, 20]);
    expect(classes.map((c) => c.from)).toEqual([1, 21, 41, 61, 81]);
    expect(classIndex(classes, 21)).toBe(1);
    expect(classIndex(classes, 20.9)).toBe(0);
    expect(classIndex(classes, 1000)).toBe(4);
  });

  it('makes fewer classes when the values have fewer distinct breaks, and none without values', () => {
    expect(quantileClasses([5, 5, 5, 5, 5]).length).toBe(1);
    expect(quantileClasses([5, 5, 5, 5, 7]).map((c) => c.count)).toEqual([4, 1]);
    expect(quantileClasses([1, 1, 1, 2, 2, 2, 3, 3, 3, 3]).map((c) => c.count)).toEqual([3, 3, 4]);
    expect(quantileClasses([])).toEqual([]);
  });
});

describe('histogram bins', () => {
  it('bins on round thresholds and counts every value once', () => {
    const bins = histogramBins([0.5, 1.5, 1.7, 2.2, 9.9], 10);
    expect(bins[0]?.from).toBe(0);
    expect(bins.reduce((a, b) => a + b.count, 0)).toBe(5);
    expect(bins.find((b) => b.from === 1)?.count).toBe(2);
  });
});

describe('ranking', () => {
  const items = [
    { id: 'a', value: 3 },
    { id: 'b', value: null },
    { id: 'c', value: 5 },
    { id: 'd', value: 3 },
    { id: 'e', value: 1 },
  ];
  it('ranks by direction with shared ranks for ties (1224) and puts units without a value last', () => {
    expect(rankItems(items, 'higher_better').map((r) => [r.item.id, r.rank])).toEqual([
      ['c', 1],
      ['a', 2],
      ['d', 2],
      ['e', 4],
      ['b', null],
    ]);
    expect(rankItems(items, 'lower_better').map((r) => r.rank)).toEqual([1, 2, 2, 4, null]);
  });
  it('does not rank a neutral indicator but orders it by value, highest first', () => {
    const ranked = rankItems(items, 'neutral');
    expect(ranked.map((r) => r.item.id)).toEqual(['c', 'a', 'd', 'e', 'b']);
    expect(ranked.every((r) => r.rank === null)).toBe(true);
  });
});
