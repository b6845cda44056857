/**
 * JSON-stat 2.0 (https://json-stat.org/format/): one dataset with the dimensions unit × indicator × year
 * (row-major, `size` in `id` order), `value` with null for missing cells, `status` carrying each value's
 * flag symbol, the unit of measure per indicator in the indicator dimension's `category.unit`, and the
 * release, sources and flags legend in `extension` / `note`.
 */
import type { DataTable } from './data-table.js';

export function toJsonStat(table: DataTable): Record<string, unknown> {
  const units = [...new Map(table.rows.map((r) => [r.unitCode, r.unitName])).entries()];
  const series = table.series;
  const years = [...new Set(table.rows.map((r) => r.year))].sort((a, b) => a - b);
  const unitIndex = new Map(units.map(([code], i) => [code, i]));
  const seriesIndex = new Map(series.map((s, i) => [s.id, i]));
  const yearIndex = new Map(years.map((y, i) => [y, i]));
  const size = [units.length, series.length, years.length];
  const value: Array<number | null> = new Array(size[0]! * size[1]! * size[2]!).fill(null);
  const status: Record<string, string> = {};
  for (const row of table.rows) {
    const u = unitIndex.get(row.unitCode);
    const s = seriesIndex.get(row.series);
    const y = yearIndex.get(row.year);
    if (u === undefined || s === undefined || y === undefined) continue;
    const i = (u * size[1]! + s) * size[2]! + y;
    value[i] = row.value;
    if (row.flag) status[String(i)] = row.flag.symbol;
  }
  return {
    version: '2.0',
    class: 'dataset',
    label: table.title,
    source: [...new Set(series.map((s) => s.citation))].join('; '),
    href: table.url,
    id: ['jst', 'wskaznik', 'rok'],
    size,
    role: { geo: ['jst'], time: ['rok'], metric: ['wskaznik'] },
    dimension: {
      jst: {
        label: 'jednostka samorządu terytorialnego (TERYT)',
        category: {
          index: Object.fromEntries(units.map(([code], i) => [code, i])),
          label: Object.fromEntries(units),
        },
      },
      wskaznik: {
        label: 'wskaźnik',
        category: {
          index: Object.fromEntries(series.map((s, i) => [s.id, i])),
          label: Object.fromEntries(series.map((s) => [s.id, s.name.pl])),
          unit: Object.fromEntries(
            series.map((s) => [s.id, { label: s.measureUnit ?? '', decimals: s.decimals ?? 1 }]),
          ),
        },
      },
      rok: {
        label: 'rok',
        category: { index: Object.fromEntries(years.map((y, i) => [String(y), i])) },
      },
    },
    value,
    status,
    note: table.flags.map((f) => `${f.symbol} (${f.id}): ${f.pl} / ${f.en}`),
    extension: { release: table.release, flags: table.flags },
  };
}
