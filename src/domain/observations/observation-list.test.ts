import { describe, expect, it } from 'vitest';
import type { Observation } from './observation.js';
import { ObservationList } from './observation-list.js';

const sample = (n: number): Observation[] =>
  Array.from({ length: n }, (_, i) => ({
    variableId: `smup:i${i % 7}`,
    unitCode: String(1000000 + (i % 2477)),
    year: 2010 + (i % 15),
    value: i % 11 === 0 ? null : i % 13 === 0 ? Number.NaN : i / 3,
    flag: i % 5 === 0 ? null : i % 3,
    note: i % 11 === 0 ? `brak danych ${i % 4}` : null,
  }));

describe('ObservationList', () => {
  it('gives back what was pushed, past several doublings, a slice at a time and whole', () => {
    const rows = sample(5_000);
    const list = new ObservationList();
    for (const o of rows) list.push(o);
    expect(list.length).toBe(5_000);
    expect(list.slice(0)).toEqual(rows);
    expect(list.slice(1_020, 1_030)).toEqual(rows.slice(1_020, 1_030));
    expect(list.slice(4_990, 6_000)).toEqual(rows.slice(4_990, 6_000));
    // None is not NaN, and the fields come in Observation's order (its JSON, hence job keys, stay the same).
    expect(list.slice(13, 14)[0]?.value).toBeNaN();
    expect(list.slice(11, 12)[0]?.value).toBeNull();
    expect(JSON.stringify(list.slice(0, 100))).toBe(JSON.stringify(rows.slice(0, 100)));
  });

  it('refuses a flag or year its columns cannot hold, naming the row', () => {
    const list = new ObservationList();
    const row = { variableId: 'v', unitCode: '1261011', year: 2020, value: 1, flag: null, note: null };
    expect(() => list.push({ ...row, flag: 40_000 })).toThrow(/flag 40000 of v 1261011 2020 does not fit/);
    expect(() => list.push({ ...row, year: 2020.5 })).toThrow(/year 2020.5 of v 1261011 does not fit/);
    expect(list.length).toBe(0);
  });
});
