import { describe, expect, it } from 'vitest';
import { buildSimilarityIndex, findSimilarUnits, nearestUnits } from './similar.js';

// x: 2, 4, 4, 4, 5, 5, 7, 9 → mean 5, population sd 2 (Σ(x−5)² = 32, /8 = 4) → z = (x − 5) / 2.
// y: four 0 and four 10 → mean 5, sd 5 → z = ∓1.
const codes = ['A', 'B', 'C', 'D', 'E', 'F', 'G', 'H'];
const x = [2, 4, 4, 4, 5, 5, 7, 9]; // z: −1.5, −0.5, −0.5, −0.5, 0, 0, 1, 2
const y = [0, 0, 0, 10, 10, 10, 10, 0]; // z: −1, −1, −1, 1, 1, 1, 1, −1
const variables = [
  { id: 'x', values: x },
  { id: 'y', values: y },
];

describe('buildSimilarityIndex', () => {
  it('standardises with the mean and population standard deviation', () => {
    const index = buildSimilarityIndex({ codes, variables });
    expect(index.scales.map((s) => [s.id, s.mean, s.sd, s.count])).toEqual([
      ['x', 5, 2, 8],
      ['y', 5, 5, 8],
    ]);
    expect(index.z[0]).toBe(-1.5); // A: (2 − 5) / 2
    expect(index.z[1]).toBe(-1); // A: (0 − 5) / 5
  });
});

describe('nearestUnits', () => {
  const index = buildSimilarityIndex({ codes, variables });

  it('ranks by weighted Euclidean distance on z-scores (hand-computed), ties by code', () => {
    // Target B (−0.5, −1). Δz to C (0, 0) → 0; A (−1, 0) → 1; D (0, 2) → 2; E, F (0.5, 2) → √4.25;
    // G (1.5, 2) → √6.25 = 2.5; H (2.5, 0) → 2.5.
    const r = nearestUnits(index, { target: 'B', k: 7 });
    expect(r.units.map((u) => u.code)).toEqual(['C', 'A', 'D', 'E', 'F', 'G', 'H']);
    expect(r.units.map((u) => u.distance)).toEqual([0, 1, 2, Math.sqrt(4.25), Math.sqrt(4.25), 2.5, 2.5]);
    expect(r.variablesUsed).toEqual(['x', 'y']);
    expect(r.excluded).toEqual([]);
  });

  it('explains each distance by the share of every variable', () => {
    const e = nearestUnits(index, { target: 'B', k: 4 }).units[3];
    // E: y gives 2² = 4 of 4.25, x gives 0.5² = 0.25 of 4.25.
    expect(e?.code).toBe('E');
    expect(e?.contributions.map((c) => [c.variable, c.targetValue, c.value, c.zDifference])).toEqual([
      ['y', 0, 10, 2],
      ['x', 4, 5, 0.5],
    ]);
    expect(e?.contributions[0]?.share).toBeCloseTo(4 / 4.25, 12);
    expect(e?.contributions[1]?.share).toBeCloseTo(0.25 / 4.25, 12);
    // Distance 0 (C is B's twin): every share is 0, not NaN.
    expect(nearestUnits(index, { target: 'B', k: 1 }).units[0]?.contributions.map((c) => c.share)).toEqual([
      0, 0,
    ]);
  });

  it('returns k units (default 15, fewer when there are fewer) and honours weights and eligibility', () => {
    expect(nearestUnits(index, { target: 'B' }).units).toHaveLength(7);
    // Weight 0.25 on y: D → 0.25·4 = 1 → distance 1, tied with A (1) → by code A, D; E → 0.25 + 1 = 1.25.
    const weighted = findSimilarUnits({
      codes,
      variables: [
        { id: 'x', values: x },
        { id: 'y', values: y, weight: 0.25 },
      ],
      target: 'B',
      k: 4,
    });
    expect(weighted.units.map((u) => [u.code, u.distance])).toEqual([
      ['C', 0],
      ['A', 1],
      ['D', 1],
      ['E', Math.sqrt(1.25)],
    ]);
    const odd = nearestUnits(index, { target: 'B', k: 2, eligible: (c) => c !== 'C' });
    expect(odd.units.map((u) => u.code)).toEqual(['A', 'D']);
  });

  it('leaves out a variable the target lacks and excludes candidates lacking one the search uses', () => {
    // P lacks y, Q lacks x (null), R has x = NaN. x over P, S, T: 1, 2, 3 ; y over Q, R, S, T: 0, 0, 0, 4.
    const r = findSimilarUnits({
      codes: ['P', 'Q', 'R', 'S', 'T'],
      variables: [
        { id: 'x', values: [1, null, NaN, 2, 3] },
        { id: 'y', values: [null, 0, 0, 0, 4] },
      ],
      target: 'S',
    });
    // S has both: candidates lacking either are not ranked, and say which variable they lack.
    expect(r.excluded).toEqual([
      { code: 'P', missing: ['y'] },
      { code: 'Q', missing: ['x'] },
      { code: 'R', missing: ['x'] },
    ]);
    expect(r.units.map((u) => u.code)).toEqual(['T']);
    // Target P has no y: y is left out, and the search runs on x alone (Q and R lack x → excluded).
    const p = findSimilarUnits({
      codes: ['P', 'Q', 'R', 'S', 'T'],
      variables: [
        { id: 'x', values: [1, null, NaN, 2, 3] },
        { id: 'y', values: [null, 0, 0, 0, 4] },
      ],
      target: 'P',
    });
    expect(p.variablesLeftOut).toEqual([{ variable: 'y', reason: 'P has no value' }]);
    // x: 1, 2, 3 → mean 2, sd √(2/3); S is 1/sd away, T 2/sd.
    expect(p.units.map((u) => u.code)).toEqual(['S', 'T']);
    expect(p.units[0]?.distance).toBeCloseTo(1 / Math.sqrt(2 / 3), 12);
  });

  it('takes logs for skewed variables and treats x ≤ 0 as missing there', () => {
    const e = Math.E;
    const r = findSimilarUnits({
      codes: ['a', 'b', 'c', 'zero'],
      variables: [{ id: 'population', values: [e, e ** 2, e ** 3, 0], transform: 'log' }],
      target: 'a',
    });
    // ln: 1, 2, 3 → sd √(2/3); b is 1/sd away, c 2/sd; 'zero' has no logarithm → excluded.
    expect(r.units.map((u) => u.code)).toEqual(['b', 'c']);
    expect(r.units[0]?.distance).toBeCloseTo(1 / Math.sqrt(2 / 3), 12);
    expect(r.excluded).toEqual([{ code: 'zero', missing: ['population'] }]);
  });

  it('ignores a variable with no spread, and refuses an unknown target or misaligned values', () => {
    const r = findSimilarUnits({ codes: ['a', 'b'], variables: [{ id: 'c', values: [3, 3] }], target: 'a' });
    expect(r.variablesLeftOut).toEqual([
      { variable: 'c', reason: 'no spread among the candidates (sd = 0)' },
    ]);
    expect(() => nearestUnits(index, { target: 'Z' })).toThrow(RangeError);
    expect(() => buildSimilarityIndex({ codes, variables: [{ id: 'x', values: [1] }] })).toThrow(RangeError);
  });
});
