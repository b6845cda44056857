/**
 * The cells of GET /compare: every indicator × unit × year (or, with `emptyYears=omit`, an indicator's
 * years in which any unit has a value, as the portal's compare page shows them), each with the compared
 * units' median in its indicator and year and the unit's rank among them. The rule of both is the domain's
 * (domain/benchmark/compare-stats.ts), the one the compare page uses, so the API, its downloads and the
 * page say the same.
 */
import type { CatalogIndicator } from '../domain/catalog/indicators.js';
import {
  comparedCellStats,
  comparedYears,
  compareRowStats,
  type ComparedCellStats,
} from '../domain/benchmark/compare-stats.js';
import type { DataTableStanding } from './formats/data-table.js';
import { indicatorCell, type IndicatorCell, type StoredIndicatorRows } from './indicator-values.js';

export interface ComparedCell extends IndicatorCell, ComparedCellStats {
  readonly indicator: string;
  readonly unit: string;
  readonly year: number;
}

/** Stable order: indicators and units as asked for, then years ascending. */
export function comparedCells({
  stored,
  indicators,
  units,
  years,
  emptyYears = 'keep',
}: {
  stored: StoredIndicatorRows;
  indicators: readonly CatalogIndicator[];
  units: ReadonlyArray<{ readonly code: string; readonly level: string }>;
  /** The years asked for, or every year the release holds for these units and indicators; ascending. */
  years: readonly number[];
  /** `omit`: only an indicator's years with a value (domain comparedYears). */
  emptyYears?: 'keep' | 'omit' | undefined;
}): ComparedCell[] {
  return indicators.flatMap((indicator) => {
    const byYear = new Map(
      years.map((year) => [
        year,
        new Map(units.map((unit) => [unit.code, indicatorCell(stored, indicator, unit, year)])),
      ]),
    );
    const cellAt = (year: number, code: string) => byYear.get(year)?.get(code);
    const shown =
      emptyYears === 'omit'
        ? comparedYears(years, (year) => units.some((u) => cellAt(year, u.code)?.value != null))
        : years;
    const statsOf = new Map(
      shown.map((year) => [year, compareRowStats(units, (code) => cellAt(year, code), indicator.direction)]),
    );
    return units.flatMap((unit) =>
      shown.flatMap((year) => {
        const cell = cellAt(year, unit.code);
        const stats = statsOf.get(year);
        if (!cell || !stats) return [];
        return [
          { indicator: indicator.id, unit: unit.code, year, ...cell, ...comparedCellStats(stats, unit.code) },
        ];
      }),
    );
  });
}

/** A compared cell's median, rank and n as a download row's standing (formats/data-table.ts). */
export const standingOf = (cell: ComparedCellStats): DataTableStanding => ({
  median: cell.comparedMedian,
  rank: cell.comparedRank,
  count: cell.comparedCount,
});
