import { describe, expect, it } from 'vitest';
import { aggregateVariable, INCOMPLETE_AGGREGATE_FLAG } from './aggregation.js';
import type { Observation } from './observation.js';

const V = 'test:v';
const obs = (
  unitCode: string,
  value: number | null,
  flag: number | null = null,
  year = 2020,
): Observation => ({
  variableId: V,
  unitCode,
  year,
  value,
  flag,
  note: null,
});
// Two powiaty of województwo 12: 1201 with gminy 1201011 and 1201022, 1261 (a city) with 1261011;
// województwo 14 with powiat 1401 and its one gmina 1401011.
const UNITS = {
  gminy: ['1201011', '1201022', '1261011', '1401011'],
  powiaty: ['1201', '1261', '1401'],
  wojewodztwa: ['12', '14'],
};
const find = (result: ReturnType<typeof aggregateVariable>, code: string) =>
  result.derived.find((o) => o.unitCode === code);

describe('aggregateVariable', () => {
  it('sums gminy into powiaty, powiaty into województwa and those into Poland', () => {
    const r = aggregateVariable(
      V,
      [obs('1201011', 10), obs('1201022', 5), obs('1261011', 100), obs('1401011', 7)],
      UNITS,
    );
    // 10 + 5 = 15; the city is its one gmina; 15 + 100 = 115; Poland 115 + 7 = 122.
    expect(find(r, '1201')).toMatchObject({ value: 15, flag: null, note: 'sum of 2 gminy' });
    expect(find(r, '1261')).toMatchObject({ value: 100, note: 'sum of 1 gminy' });
    expect(find(r, '12')).toMatchObject({ value: 115, note: 'sum of 2 powiaty' });
    expect(find(r, '0')).toMatchObject({ value: 122, flag: null, note: 'sum of 2 województwa' });
    expect(r.differences).toEqual([]);
  });

  it('keeps the source value, reports a complete sum that differs, and sums on from the source value', () => {
    const r = aggregateVariable(
      V,
      [obs('1201011', 10), obs('1201022', 5), obs('1201', 16), obs('1261011', 100), obs('1401011', 7)],
      UNITS,
    );
    expect(find(r, '1201')).toBeUndefined();
    expect(r.differences).toEqual([{ variableId: V, unitCode: '1201', year: 2020, source: 16, derived: 15 }]);
    expect(r.compared).toBe(1);
    // The województwo adds the powiat's own value: 16 + 100.
    expect(find(r, '12')?.value).toBe(116);
  });

  it('flags a sum with a missing or unusable member "k" and names the member', () => {
    // 1201022 has no row; 1401011 is "-" (flag 15, no value): both leave their sums incomplete.
    const r = aggregateVariable(
      V,
      [obs('1201011', 10), obs('1261011', 100), obs('1401011', null, 15)],
      UNITS,
    );
    expect(find(r, '1201')).toMatchObject({
      value: 10,
      flag: INCOMPLETE_AGGREGATE_FLAG,
      note: 'sum of 1 of 2 gminy; missing or not usable: 1201022',
    });
    expect(find(r, '1401')).toBeUndefined(); // no member with a value: no sum at all
    // An incomplete member makes its parent incomplete, and a missing powiat does too.
    expect(find(r, '12')).toMatchObject({ value: 110, flag: INCOMPLETE_AGGREGATE_FLAG });
    expect(find(r, '0')).toMatchObject({ value: 110, flag: INCOMPLETE_AGGREGATE_FLAG });
  });

  it('does not miss a unit in the years before the register created it', () => {
    const units = { ...UNITS, createdIn: new Map([['1201022', 2025]]) };
    const r = aggregateVariable(V, [obs('1201011', 10, null, 2024), obs('1201011', 10, null, 2025)], units);
    expect(r.derived.filter((o) => o.unitCode === '1201').map((o) => [o.year, o.flag, o.note])).toEqual([
      [2024, null, 'sum of 1 gminy'],
      [2025, 3, 'sum of 1 of 2 gminy; missing or not usable: 1201022'],
    ]);
  });

  it('leaves a suspect member out of the sum, which is then incomplete', () => {
    const r = aggregateVariable(V, [obs('1201011', 10), obs('1201022', 0, 201)], UNITS);
    expect(find(r, '1201')).toMatchObject({ value: 10, flag: INCOMPLETE_AGGREGATE_FLAG });
  });

  it('suppresses a sum with a confidential member', () => {
    const r = aggregateVariable(V, [obs('1201011', 10), obs('1201022', null, 4)], UNITS);
    expect(find(r, '1201')).toMatchObject({ value: null, flag: 4 });
  });

  it('never adds years together, and makes its earlier sums again rather than reading them', () => {
    const earlier: Observation = { ...obs('1201', 999), note: 'sum of 2 gminy' };
    const r = aggregateVariable(V, [obs('1201011', 1, null, 2019), obs('1201011', 2), earlier], UNITS);
    expect(r.derived.filter((o) => o.unitCode === '1201').map((o) => [o.year, o.value])).toEqual([
      [2019, 1],
      [2020, 2],
    ]);
  });
});
