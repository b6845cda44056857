import { describe, expect, it } from 'vitest';
import { ObservationCube } from './observation-cube.js';

const obs = (
  variableId: string,
  unitCode: string,
  year: number,
  value: number | null,
  flag: number | null = null,
) => ({
  variableId,
  unitCode,
  year,
  value,
  flag,
  note: value === null ? 'no data' : null,
});

describe('ObservationCube', () => {
  const cube = ObservationCube.from([
    obs('pop', '1261011', 2019, 779_115),
    obs('pop', '1465011', 2019, 1_790_658, 9),
    obs('pop', '1465011', 2017, null),
  ]);

  it('spans the years and units it was given', () => {
    expect(cube.years).toEqual([2017, 2018, 2019]);
    expect(cube.units).toEqual(['1261011', '1465011']);
  });

  it('returns values with their flags, and missing values with their note', () => {
    expect(cube.get('pop', '1261011', 2019)).toEqual({ value: 779_115, flag: null, note: null });
    expect(cube.get('pop', '1465011', 2019)).toEqual({ value: 1_790_658, flag: 9, note: null });
    expect(cube.get('pop', '1465011', 2017)).toEqual({ value: null, flag: null, note: 'no data' });
  });

  it('tells an absent cell (undefined) from a stored missing value', () => {
    expect(cube.get('pop', '1261011', 2018)).toBeUndefined();
    expect(cube.get('pop', '9999999', 2019)).toBeUndefined();
    expect(cube.get('pop', '1261011', 2030)).toBeUndefined();
    expect(cube.get('area', '1261011', 2019)).toBeUndefined();
  });

  it('refuses a cell outside its units or years', () => {
    expect(() => cube.set('pop', '0201011', 2019, { value: 1, flag: null, note: null })).toThrow(RangeError);
  });

  it('gives each variable only its own years, and still reads and covers every cell by its year', () => {
    const mixed = ObservationCube.from([
      obs('migration', '1261011', 1995, 10),
      obs('migration', '1261011', 2023, 20),
      obs('area', '1261011', 2019, 327),
      obs('area', '1465011', 2020, 517),
    ]);
    expect(mixed.years).toHaveLength(29);
    expect(mixed.get('migration', '1261011', 1995)?.value).toBe(10);
    expect(mixed.get('migration', '1261011', 2023)?.value).toBe(20);
    expect(mixed.get('area', '1465011', 2020)?.value).toBe(517);
    // Years of the cube outside a variable's own are absent cells, not errors.
    expect(mixed.get('area', '1261011', 1995)).toBeUndefined();
    expect(mixed.get('area', '1261011', 2021)).toBeUndefined();
    const into = { value: null as number | null, flag: null as number | null };
    expect(mixed.readInto('area', '1261011', 2019, into)).toBe(true);
    expect(into.value).toBe(327);
    expect(mixed.readInto('area', '1261011', 2023, into)).toBe(false);
    const covered = mixed.coverage();
    expect([...(covered.get('area') ?? [])].sort()).toEqual([2019 * 16 + 7, 2020 * 16 + 7]);
    expect([...(covered.get('migration') ?? [])].sort()).toEqual([1995 * 16 + 7, 2023 * 16 + 7]);
    // A cell in the cube's years but outside the variable's column is refused, as one outside the cube.
    expect(() => mixed.set('area', '1261011', 1995, { value: 1, flag: null, note: null })).toThrow(
      RangeError,
    );
    // A new variable set cell by cell spans the whole cube.
    mixed.set('new', '1261011', 1995, { value: 1, flag: null, note: null });
    mixed.set('new', '1261011', 2023, { value: 2, flag: null, note: null });
    expect(mixed.get('new', '1261011', 2023)?.value).toBe(2);
  });

  it('takes a whole column at once, and reads it as cell by cell', () => {
    const columns = new ObservationCube(['02', '0201', '0201011'], 2018, 2019);
    columns.setColumn('pop', {
      values: Float64Array.of(NaN, NaN, 1000, NaN, 50, 60),
      flags: Int16Array.of(-1, -1, -1, 15, -1, 9),
      present: Uint8Array.of(0, 0, 1, 1, 1, 1),
      notes: new Map([[3, 'no data']]),
    });
    expect(columns.get('pop', '02', 2018)).toBeUndefined();
    expect(columns.get('pop', '0201', 2019)).toEqual({ value: null, flag: 15, note: 'no data' });
    expect(columns.get('pop', '0201011', 2019)).toEqual({ value: 60, flag: 9, note: null });
    const into = { value: null as number | null, flag: null as number | null };
    expect(columns.readInto('pop', '0201011', 2018, into)).toBe(true);
    expect(into).toEqual({ value: 50, flag: null });
    expect(columns.readInto('pop', '02', 2019, into)).toBe(false);
    // What it covers: year × 16 + code length, where any unit of that length has a cell.
    expect([...(columns.coverage().get('pop') ?? [])].sort()).toEqual(
      [2018 * 16 + 4, 2019 * 16 + 4, 2018 * 16 + 7, 2019 * 16 + 7].sort(),
    );
    expect(() =>
      columns.setColumn('area', {
        values: new Float64Array(5),
        flags: new Int16Array(6),
        present: new Uint8Array(6),
      }),
    ).toThrow(RangeError);
  });
});
