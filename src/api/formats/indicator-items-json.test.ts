/**
 * The indicator data answer's items written as bytes: the same text JSON.stringify writes for the items as
 * objects (their keys are in the schema's order), on the awkward cells — a source covering part of the
 * country, flags, notes with quotes, backslashes and line breaks, names beyond ASCII — and pages of them.
 * Against the route's serializer on real data: test/indicator-data-bytes.test.ts.
 */
import { describe, expect, it } from 'vitest';
import { indicatorColumns, indicatorItems } from '../indicator-items.js';
import { IndicatorData } from '../schemas/indicators.js';
import { EMPTY_ITEMS_TAIL, indicatorDataJson } from './indicator-items-json.js';

const YEAR = 2019;

describe('indicatorDataJson', () => {
  it('writes a partial coverage, flags, notes and escapes as JSON.stringify writes the items', () => {
    // Two units of voivodeship 02, one of 14: the source has a row only in 02, so 14 is outside its coverage
    // (not-in-source) while the other unit of 02 merely lacks input (not-in-release).
    const rows = new Map([
      ['0201011', { value: 1.5e-7, flag: 1, note: 'uwaga: „cudzysłów” i \\ ukośnik\n' }],
      ['0202011', undefined],
      ['1465011', undefined],
      ['0203011', { value: null, flag: null, note: 'division-by-zero: ludność = 0' }],
    ]);
    const columns = indicatorColumns(
      { column: (_i, _y, units) => units.map(({ code }) => rows.get(code)) },
      'x',
      [...rows.keys()].map((code) => ({ code, name: `Gmina "${code}" – Żółw`, kind: 'gmina wiejska' })),
      [YEAR],
    );
    const items = indicatorItems(columns);
    expect(items.map((i) => i.reason)).toEqual([null, 'not-in-release', 'not-in-source', 'division-by-zero']);
    const head = `{"total":4${EMPTY_ITEMS_TAIL}`;
    expect(indicatorDataJson(head, columns, 0, 4)?.toString('utf8')).toBe(
      JSON.stringify({ total: 4, items }),
    );
    expect(indicatorDataJson(head, columns, 1, 3)?.toString('utf8')).toBe(
      JSON.stringify({ total: 4, items: items.slice(1, 3) }),
    );
  });

  it('is the serializer’s answer only while `items` is the schema’s last property', () => {
    // The writer splices the items into the serialized rest: the route answers through the serializer otherwise.
    expect(Object.keys(IndicatorData.properties).at(-1)).toBe('items');
    const columns = indicatorColumns(
      { column: (_i, _y, units) => units.map(() => undefined) },
      'x',
      [],
      [YEAR],
    );
    expect(indicatorDataJson('{"items":[],"total":0}', columns, 0, 0)).toBeNull();
  });
});
