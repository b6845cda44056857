import { describe, expect, it } from 'vitest';
import { rankItems } from '../pages/indicator-view.js';
import { histogramBins, labelPlacement } from './histogram.js';
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

describe('histogram label placement', () => {
  // "Wieliczka: 2 706" is 16 characters, estimated 16 × 7.5 = 120 units wide.
  const label = 'Wieliczka: 2 706';
  it('puts the label right of its line where it fits, else left of it, inside 0..640', () => {
    expect(labelPlacement(100, label, 640)).toEqual({ x: 104, anchor: 'start' });
    // At 430 the old rule (left only past 70% of 640 = 448) put a 41-character label on the right, where
    // 434 + 41 × 7.5 = 741.5 passes 640; on the left it starts at 426 - 307.5 = 118.5, inside.
    expect(labelPlacement(430, 'Jastrzębie-Zdrój, gmina miejska: 12 345,6', 640)).toEqual({
      x: 426,
      anchor: 'end',
    });
    expect(labelPlacement(600, label, 640)).toEqual({ x: 596, anchor: 'end' });
  });
  it('puts a label too long for either side against the right edge', () => {
    expect(labelPlacement(320, 'x'.repeat(60), 640)).toEqual({ x: 640, anchor: 'end' });
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
