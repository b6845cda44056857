/** Builds the DataTable of indicator values (formats/data-table.ts) with the catalogue's metadata. */
import type { CatalogIndicator } from '../../domain/catalog/indicators.js';
import { measureUnitIn } from './csv.js';
import { flagLegend, type DataTable, type DataTableRow } from './data-table.js';

export function indicatorTable({
  indicators,
  title,
  release,
  url,
  rows,
  lang = 'pl',
  standing,
}: {
  /** The indicators of the table, in the order of its columns, each with how to cite it and its licence. */
  indicators: ReadonlyArray<{ indicator: CatalogIndicator; citation: string; licence: string }>;
  /** Default: the name of the only indicator (and its unit of measure). */
  title?: string;
  release: number;
  url: string;
  rows: readonly DataTableRow[];
  /** The language of the title and definitions. */
  lang?: 'pl' | 'en' | undefined;
  /** The set of the rows' standing, when they have one (DataTable.standing). */
  standing?: DataTable['standing'];
}): DataTable {
  const only = indicators.length === 1 ? indicators[0]?.indicator : undefined;
  const heading =
    title ??
    (only
      ? `${only.definition.name[lang]} (${measureUnitIn(only.definition.measureUnit, lang)})`
      : lang === 'en'
        ? `SMUP indicators (${indicators.length})`
        : `Wskaźniki SMUP (${indicators.length})`);
  return {
    title: `${heading} — SMUP, ${lang === 'en' ? 'release' : 'wydanie'} ${release}`,
    release,
    url,
    series: indicators.map(({ indicator, citation, licence }) => ({
      id: indicator.id,
      name: indicator.definition.name,
      measureUnit: indicator.definition.measureUnit,
      definition: `${indicator.definition.definition[lang]} ${lang === 'en' ? 'Formula' : 'Wzór'}: ${indicator.definition.formula}.`,
      citation,
      licence,
      decimals: indicator.definition.decimals ?? 1,
    })),
    rows,
    flags: flagLegend(rows.map((r) => r.flag?.id)),
    ...(standing === undefined ? {} : { standing }),
  };
}
