/**
 * Computed indicator values as the data endpoints serve them. The compute job stores an indicator's value
 * as the variable `ind:<indicator id>` (pipeline/compute.ts); a missing value keeps its reason in the note
 * ("reason: detail", domain/observations/missing-note.ts). Here a stored row — or its absence — becomes a
 * cell with value, flag, reason and detail, and the citation says the numbers are our computation on the
 * sources' data (CONVENTIONS.md: "obliczenia własne na podstawie …").
 */
import type { Catalog } from '../domain/catalog/schema.js';
import type { CatalogIndicator } from '../domain/catalog/indicators.js';
import type { Observation } from '../domain/observations/observation.js';
import type { BenchmarkContext, StoredCell } from '../pipeline/benchmark-context.js';
import { decodeMissingNote } from '../domain/observations/missing-note.js';
import { INDICATOR_PREFIX } from '../pipeline/compute.js';
import { SMUP_SOURCE } from '../pipeline/smup-source.js';
import type { Database } from '../store/database.js';
import { observationsIn } from '../store/observations-store.js';
import { flagJson } from './flag-json.js';
import type { DataTableRow } from './formats/data-table.js';

/** The reason code of a cell the release has no row for (no input data for this unit and year). */
export const NOT_IN_RELEASE = 'not-in-release';

export interface IndicatorCell {
  readonly value: number | null;
  readonly flag: ReturnType<typeof flagJson>;
  /** Why the value is missing (missing-input, confidential-input, …, not-in-release); null with a value. */
  readonly reason: string | null;
  readonly detail: string | null;
}

/** The cell of a stored row, or of a missing one (`notInRelease` then explains the absence). */
export function cellOf(row: StoredCell | undefined, notInRelease: string): IndicatorCell {
  if (!row) return { value: null, flag: null, reason: NOT_IN_RELEASE, detail: notInRelease };
  if (row.value !== null)
    return { value: row.value, flag: flagJson(row.flag), reason: null, detail: row.note };
  const missing = decodeMissingNote(row.note);
  return {
    value: null,
    flag: flagJson(row.flag),
    reason: missing?.reason ?? 'missing-input',
    detail: missing?.detail ?? row.note,
  };
}

/** Why a unit-year has no stored row when the indicator is published for the unit's level. */
export const noInputDetail = (year: number) => `the release has no input data for this unit in ${year}`;

/** Stored cells of a release, read one indicator and year at a time. */
export interface IndicatorLookup {
  /** The cells of an indicator in a year for these units, in their order; undefined where the release has none. */
  column(
    indicator: string,
    year: number,
    units: readonly { readonly code: string }[],
  ): (StoredCell | undefined)[];
}

/** Stored rows of indicators in a release (indicatorRows). */
export interface StoredIndicatorRows extends IndicatorLookup {
  readonly rows: Observation[];
  get(indicator: string, unit: string, year: number): Observation | undefined;
}

/**
 * An indicator's cell for a unit and year: the stored row, or an absence explained by the rule that decides
 * it — no input that year, or the indicator not published for the unit's level.
 */
export function indicatorCell(
  stored: StoredIndicatorRows,
  indicator: CatalogIndicator,
  unit: { code: string; level: string },
  year: number,
): IndicatorCell {
  return cellOf(
    stored.get(indicator.id, unit.code, year),
    (indicator.levels as readonly string[]).includes(unit.level)
      ? noInputDetail(year)
      : `the indicator is not published for the level ${unit.level}`,
  );
}

/** An indicator with its citation and licence, as data answers and downloads name it. */
export function citedIndicator(catalog: Catalog, indicator: CatalogIndicator) {
  return {
    indicator,
    citation: indicatorCitation(catalog, indicator),
    licence: indicatorLicence(catalog, indicator),
  };
}

/** How to cite an indicator's values: SMUP's computation and the sources it read. */
export function indicatorCitation(catalog: Catalog, indicator: CatalogIndicator): string {
  return [
    'Obliczenia własne SMUP na podstawie:',
    // Two sources citing alike (the BDL API and its portal export) are named once.
    [
      ...new Set(
        indicator.definition.sources.map(
          (s) => catalog.config.sources[s]?.citation.replace(/^Źródło:\s*/, '') ?? s,
        ),
      ),
    ].join('; '),
  ].join(' ');
}

/** SMUP's own computations are CC BY 4.0 (pipeline/smup-source.ts); each source keeps its own terms. */
export function indicatorLicence(catalog: Catalog, indicator: CatalogIndicator): string {
  const sources = indicator.definition.sources.map((s) => {
    const source = catalog.config.sources[s];
    return source ? `${source.name}: ${source.licence}` : s;
  });
  return [`SMUP: ${SMUP_SOURCE.licence}`, ...new Set(sources)].join('; ');
}

/** Stored rows of these indicators in a release, indexed by indicator id, unit code and year. */
export async function indicatorRows(
  db: Database,
  release: number,
  filter: {
    indicators: readonly CatalogIndicator[];
    unitCodes?: readonly string[] | undefined;
    years?: readonly number[] | undefined;
    unitCodeLength?: number | undefined;
  },
): Promise<StoredIndicatorRows> {
  const rows = await observationsIn(db, release, {
    variableIds: filter.indicators.map((i) => INDICATOR_PREFIX + i.id),
    unitCodes: filter.unitCodes,
    years: filter.years,
    unitCodeLength: filter.unitCodeLength,
  });
  return indexedRows(rows, filter.indicators);
}

/**
 * The cells of a release's benchmark context (every current unit's indicator cells, in memory) — the same
 * cells the observation table holds for current units. An uncached indicator-year of all gminy spent much of
 * its time reading, parsing and indexing ~2,500 rows from the database; here a lookup is two array reads,
 * after the units' places in the context are found once per context and array of units (the data route
 * passes the same array of a level's units until the register changes).
 */
export function contextLookup(context: BenchmarkContext): IndicatorLookup {
  let places = contextPlaces.get(context);
  if (!places) contextPlaces.set(context, (places = new WeakMap()));
  const known = places;
  return {
    column: (indicator, year, units) => {
      let at = known.get(units);
      if (!at) {
        at = Int32Array.from(units, ({ code }) => context.index.get(code) ?? -1);
        known.set(units, at);
      }
      const read = context.cellReader(indicator, year);
      const cells = new Array<StoredCell | undefined>(units.length);
      for (let u = 0; u < units.length; u++) {
        const i = at[u] as number;
        cells[u] = i < 0 ? undefined : read(i);
      }
      return cells;
    },
  };
}

/** Per context, per array of units: each unit's index in the context (-1: not in it). */
const contextPlaces = new WeakMap<
  BenchmarkContext,
  WeakMap<readonly { readonly code: string }[], Int32Array>
>();

function indexedRows(rows: Observation[], indicators: readonly CatalogIndicator[]): StoredIndicatorRows {
  // Nested maps, not one map keyed by a joined string: a route looks up every unit of a level for every
  // year, and building a key string per lookup was the largest cost of an uncached indicator-year.
  const index = new Map<string, Map<string, Map<number, Observation>>>();
  for (const row of rows) {
    let byUnit = index.get(row.variableId);
    if (!byUnit) index.set(row.variableId, (byUnit = new Map()));
    let byYear = byUnit.get(row.unitCode);
    if (!byYear) byUnit.set(row.unitCode, (byYear = new Map()));
    byYear.set(row.year, row);
  }
  const variableIds = new Map(indicators.map((i) => [i.id, INDICATOR_PREFIX + i.id]));
  const get = (indicator: string, unit: string, year: number) =>
    index
      .get(variableIds.get(indicator) ?? INDICATOR_PREFIX + indicator)
      ?.get(unit)
      ?.get(year);
  return {
    rows,
    get,
    column: (indicator, year, units) => units.map(({ code }) => get(indicator, code, year)),
  };
}

/** A cell as a row of the downloadable DataTable (formats/data-table.ts). */
export function tableRow(
  unit: { code: string; name: string },
  indicator: string,
  year: number,
  cell: IndicatorCell,
): DataTableRow {
  return {
    unitCode: unit.code,
    unitName: unit.name,
    series: indicator,
    year,
    value: cell.value,
    flag: cell.flag ? { id: cell.flag.id, symbol: cell.flag.symbol } : null,
    reason: cell.reason,
  };
}
