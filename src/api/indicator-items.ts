/**
 * The items of an indicator's data answer (GET /indicators/{id}/data): one per current unit of a level and
 * year, ordered by year then TERYT code, each a value or null with the reason — also where the source covers
 * only some voivodeships (domain/benchmark/coverage.ts). The JSON answer writes them as bytes
 * (formats/indicator-items-json.ts); downloads and the reference of that writer's test take them as objects
 * (`indicatorItems`). Both read each cell through `itemCell`, so they cannot disagree on a value or reason.
 */
import { coverageOf, NOT_IN_SOURCE, outsideCoverage, type Coverage } from '../domain/benchmark/coverage.js';
import { displayName, type UnitRecord } from '../domain/units/unit.js';
import type { StoredCell } from '../pipeline/benchmark-context.js';
import { cellOf, noInputDetail, type IndicatorCell, type IndicatorLookup } from './indicator-values.js';

/** A unit as the data answer names it. */
export interface NamedUnit {
  readonly code: string;
  readonly name: string;
  readonly kind: string;
}

type RegisterUnit = Pick<UnitRecord, 'code' | 'name' | 'level'> & { readonly kind: string };

/**
 * A level's current units as the data answer names them, made once per version of the register
 * (currentUnitsCached returns the same array until the register changes): the answer for all gminy named
 * ~2,500 units afresh on every request. The same array is returned each time, so what is derived from it
 * (the units' JSON, formats/indicator-items-json.ts) can be kept per array too.
 */
const namedUnits = new WeakMap<readonly RegisterUnit[], Map<string, readonly NamedUnit[]>>();
export function unitsOfLevel(units: readonly RegisterUnit[], level: string): readonly NamedUnit[] {
  let byLevel = namedUnits.get(units);
  if (!byLevel) namedUnits.set(units, (byLevel = new Map()));
  let named = byLevel.get(level);
  if (!named) {
    named = Object.freeze(
      units
        .filter((u) => u.level === level)
        .map((u) => Object.freeze({ code: u.code, name: displayName(u), kind: u.kind })),
    );
    byLevel.set(level, named);
  }
  return named;
}

/** An indicator's stored cells for units × years, with each year's coverage: what every item is read from. */
export interface IndicatorColumns {
  readonly units: readonly NamedUnit[];
  readonly years: readonly number[];
  /** Per year (in the order of `years`), per unit (in the order of `units`): the stored cell, if any. */
  readonly cells: readonly (readonly (StoredCell | undefined)[])[];
  /** Per year (in the order of `years`): which part of the level the source covers. */
  readonly coverage: readonly Coverage[];
  /** Items: units × years. */
  readonly total: number;
  /** Items with a value. */
  readonly values: number;
  /** Any unit has a stored cell (value or reason) in any year. */
  readonly available: boolean;
}

/** Each unit's stored cell looked up once per year: the coverage and the items both read it. */
export function indicatorColumns(
  stored: IndicatorLookup,
  indicator: string,
  units: readonly NamedUnit[],
  years: readonly number[],
): IndicatorColumns {
  const cells = years.map((year) => stored.column(indicator, year, units));
  const coverage = cells.map((column) =>
    coverageOf(
      units.map((unit, i) => ({
        code: unit.code,
        hasRow: column[i] !== undefined,
        hasValue: column[i]?.value != null,
      })),
    ),
  );
  return {
    units,
    years,
    cells,
    coverage,
    total: units.length * years.length,
    // An item has a value exactly when its unit has a stored value (a unit outside the coverage has none).
    values: coverage.reduce((sum, c) => sum + c.values, 0),
    available: coverage.some((c) => c.units > 0),
  };
}

/**
 * The cell of the unit `u` in the year `y` (indices into `units` and `years`): the stored one, or the
 * reason of its absence — outside the source's coverage, or no input data that year.
 */
export function itemCell(columns: IndicatorColumns, y: number, u: number): IndicatorCell {
  const row = columns.cells[y]?.[u];
  if (row) return cellOf(row, ''); // the text explains an absent row only
  const year = columns.years[y] as number;
  const covered = columns.coverage[y] as Coverage;
  const unit = columns.units[u] as NamedUnit;
  if (outsideCoverage(covered, unit.code)) {
    return {
      value: null,
      flag: null,
      reason: NOT_IN_SOURCE,
      detail: `the source covers only the voivodeships ${covered.voivodeships.join(', ')} in ${year}`,
    };
  }
  return cellOf(undefined, noInputDetail(year));
}

export interface IndicatorItem extends IndicatorCell {
  readonly unit: NamedUnit;
  readonly year: number;
}

/** The items `from` ≤ k < `to` of the answer's order (year, then unit) as objects. */
export function indicatorItems(
  columns: IndicatorColumns,
  from = 0,
  to: number = columns.total,
): IndicatorItem[] {
  const items: IndicatorItem[] = [];
  const n = columns.units.length;
  for (let k = from; k < Math.min(to, columns.total); k++) {
    const y = Math.floor(k / n);
    const u = k % n;
    const cell = itemCell(columns, y, u);
    items.push({
      unit: columns.units[u] as NamedUnit,
      year: columns.years[y] as number,
      value: cell.value,
      flag: cell.flag,
      reason: cell.reason,
      detail: cell.detail,
    });
  }
  return items;
}
