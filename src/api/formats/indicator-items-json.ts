/**
 * The JSON of an indicator's data answer, written as bytes (issue 14, point 7). Fastify's schema serializer
 * built an indicator-year of all gminy (321 KiB, ~2,500 nested items) as one string that was then measured
 * and encoded to UTF-8 — most of an uncached answer's time. Here:
 *
 *   answer without items ─► the route's own serializer (schema order, its escaping) ─► `…,"items":[]}`
 *   items ─► each unit's `{"unit":{…},"year":` encoded once per register version and level (Buffer)
 *          + the cell (value, flag, reason, detail) written per request ─► one Buffer
 *
 * Every byte is what the schema serializer writes for the same answer (test/indicator-data-bytes.test.ts
 * compares the two for every indicator of the bundled release): properties in the schema's order (`items`
 * is IndicatorData's last), strings escaped as JSON.stringify escapes them (fast-json-stringify does the
 * same), numbers as JavaScript prints them and a non-finite one as null. Nothing of an answer is kept
 * between requests: only the units' names and the flags' labels, which do not depend on the request.
 */
import type { IndicatorCell } from '../indicator-values.js';
import { itemCell, type IndicatorColumns, type NamedUnit } from '../indicator-items.js';
import { ByteWriter } from './byte-writer.js';

/** How the answer without items ends when `items` is the schema's last property. */
export const EMPTY_ITEMS_TAIL = ',"items":[]}';

interface UnitPrefixes {
  /** Per unit, `{"unit":{"code":…,"name":…,"kind":…},"year":` as UTF-8. */
  readonly bytes: readonly Buffer[];
  readonly average: number;
}

/** Kept per array of units: unitsOfLevel returns one array per register version and level. */
const prefixes = new WeakMap<readonly NamedUnit[], UnitPrefixes>();
function prefixesOf(units: readonly NamedUnit[]): UnitPrefixes {
  let known = prefixes.get(units);
  if (!known) {
    const bytes = units.map((u) =>
      Buffer.from(
        `{"unit":{"code":${JSON.stringify(u.code)},"name":${JSON.stringify(u.name)},"kind":${JSON.stringify(u.kind)}},"year":`,
      ),
    );
    const total = bytes.reduce((sum, b) => sum + b.length, 0);
    known = { bytes, average: units.length === 0 ? 0 : total / units.length };
    prefixes.set(units, known);
  }
  return known;
}

/** A flag's JSON by its id: flagJson is a function of the id alone, and a release uses a few dozen ids. */
const flagTexts = new Map<number, string>();
function flagText(flag: IndicatorCell['flag']): string {
  if (flag === null) return 'null';
  let text = flagTexts.get(flag.id);
  if (text === undefined) {
    text = `{"id":${flag.id},"symbol":${JSON.stringify(flag.symbol)},"label":{"pl":${JSON.stringify(flag.label.pl)},"en":${JSON.stringify(flag.label.en)}}}`;
    flagTexts.set(flag.id, text);
  }
  return text;
}

const stringOrNull = (text: string | null): string => (text === null ? 'null' : JSON.stringify(text));
/** As fast-json-stringify writes a number: a non-finite one is null (a NaN never reaches here: cells map it to null). */
const numberOrNull = (value: number | null): string =>
  value !== null && Number.isFinite(value) ? String(value) : 'null';

/**
 * The whole answer: `head` is the route's serialization of the answer with `items: []`, and the items
 * `from` ≤ k < `to` (year, then unit) go between its brackets. Null when `head` does not end with the empty
 * items (the schema no longer has them last): the caller then answers through the serializer.
 */
export function indicatorDataJson(
  head: string,
  columns: IndicatorColumns,
  from: number,
  to: number,
): Buffer | null {
  if (!head.endsWith(EMPTY_ITEMS_TAIL)) return null;
  const end = Math.min(to, columns.total);
  const units = prefixesOf(columns.units);
  const count = Math.max(0, end - from);
  // A cell with a value and no flag takes ~60 bytes after its unit's part.
  const writer = new ByteWriter(head.length * 3 + Math.ceil(count * (units.average + 64)));
  writer.text(head.slice(0, -2)); // up to and with the items' `[`
  const n = columns.units.length;
  const years = columns.years.map(String);
  for (let k = from; k < end; k++) {
    const y = Math.floor(k / n);
    const u = k % n;
    const cell = itemCell(columns, y, u);
    writer
      .bytes(units.bytes[u] as Buffer)
      .text(
        `${years[y]},"value":${numberOrNull(cell.value)},"flag":${flagText(cell.flag)},"reason":${stringOrNull(cell.reason)},"detail":${stringOrNull(cell.detail)}}${k + 1 < end ? ',' : ''}`,
      );
  }
  return writer.text(']}').done();
}
