/** Builds the DataTable of indicator values (formats/data-table.ts) with the catalogue's metadata. */
import type { CatalogIndicator } from '../../domain/catalog/indicators.js';
import { flagInfo } from '../../domain/observations/flags.js';
import type { DataTable, DataTableRow } from './data-table.js';

export function indicatorTable({
  indicators,
  title,
  release,
  url,
  rows,
}: {
  /** The indicators of the table, in the order of its columns, each with how to cite it. */
  indicators: ReadonlyArray<{ indicator: CatalogIndicator; citation: string }>;
  /** Default: the name of the only indicator (and its unit of measure). */
  title?: string;
  release: number;
  url: string;
  rows: readonly DataTableRow[];
}): DataTable {
  const flagIds = [...new Set(rows.flatMap((r) => (r.flag ? [r.flag.id] : [])))].sort((a, b) => a - b);
  const only = indicators.length === 1 ? indicators[0]?.indicator : undefined;
  const heading =
    title ??
    (only
      ? `${only.definition.name.pl} (${only.definition.measureUnit})`
      : `Wskaźniki SMUP (${indicators.length})`);
  return {
    title: `${heading} — SMUP, wydanie ${release}`,
    release,
    url,
    series: indicators.map(({ indicator, citation }) => ({
      id: indicator.id,
      name: indicator.definition.name,
      measureUnit: indicator.definition.measureUnit,
      definition: `${indicator.definition.definition.pl} Wzór: ${indicator.definition.formula}.`,
      citation,
      decimals: indicator.definition.decimals ?? 1,
    })),
    rows,
    flags: flagIds.map((id) => {
      const info = flagInfo(id);
      return {
        id,
        symbol: info?.symbol ?? '?',
        pl: info?.pl ?? `atrybut ${id}`,
        en: info?.en ?? `attribute ${id}`,
      };
    }),
  };
}
