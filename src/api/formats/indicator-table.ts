/** Builds the DataTable of indicator values (formats/data-table.ts) with the catalogue's metadata. */
import type { CatalogIndicator } from '../../domain/catalog/indicators.js';
import { flagInfo } from '../../domain/observations/flags.js';
import type { DataTable, DataTableRow } from './data-table.js';

export function indicatorTable({
  indicator,
  release,
  url,
  citation,
  rows,
}: {
  indicator: CatalogIndicator;
  release: number;
  url: string;
  citation: string;
  rows: readonly DataTableRow[];
}): DataTable {
  const flagIds = [...new Set(rows.flatMap((r) => (r.flag ? [r.flag.id] : [])))].sort((a, b) => a - b);
  return {
    title: `${indicator.definition.name.pl} (${indicator.definition.measureUnit}) — SMUP, wydanie ${release}`,
    release,
    url,
    series: [
      {
        id: indicator.id,
        name: indicator.definition.name,
        measureUnit: indicator.definition.measureUnit,
        definition: `${indicator.definition.definition.pl} Wzór: ${indicator.definition.formula}.`,
        citation,
        decimals: indicator.definition.decimals ?? 1,
      },
    ],
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
