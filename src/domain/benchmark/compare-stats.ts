/**
 * The compared units as a set of their own (issue 16, points 1 and 3): per indicator and year, the median
 * of the compared units' values and each unit's rank among them. One owner of the rule for the portal's
 * compare table (web/pages/compare.ts) and the API's compare answer and downloads (api/routes/compare.ts),
 * so a downloaded file says what the screen says. The set statistics are statistics.ts's
 * (describeDistribution, positionInDistribution), so suspect values stay out as everywhere else.
 *
 * A statistic never mixes levels: with units of more than one level (a gmina beside a voivodeship) the row
 * has no median and no ranks, and says why. One value is no set: no median and no rank "1 of 1". Neutral
 * indicators (context) get a median but no rank.
 */
import { describeDistribution, directionFromCatalogue, positionInDistribution } from './statistics.js';

export interface RowUnit {
  readonly code: string;
  readonly level: string;
}

export interface RowCell {
  readonly value: number | null;
  readonly flag: { readonly id: number } | null;
}

export interface RowStats {
  /** Null when the units are of more than one level or fewer than two have a usable value. */
  readonly median: number | null;
  /** Units whose values the median and ranks were computed from. */
  readonly countWithData: number;
  readonly mixedLevels: boolean;
  /** Rank (1 = best) among the compared units with a value; absent for neutral indicators and missing values. */
  readonly rankOf: ReadonlyMap<string, { readonly rank: number; readonly of: number }>;
}

/**
 * The statistics of one row (an indicator in one year): `cellOf` gives each unit's cell, `direction` is
 * the catalogue's spelling (higher_better, lower_better, neutral).
 */
export function compareRowStats(
  units: readonly RowUnit[],
  cellOf: (code: string) => RowCell | undefined,
  direction: string,
): RowStats {
  const mixedLevels = new Set(units.map((u) => u.level)).size > 1;
  if (mixedLevels) return { median: null, countWithData: 0, mixedLevels, rankOf: new Map() };
  const codes = units.map((u) => u.code);
  const cells = codes.map(cellOf);
  const distribution = describeDistribution({
    codes,
    values: cells.map((c) => c?.value ?? null),
    flags: cells.map((c) => c?.flag?.id ?? null),
  });
  if (distribution.countWithData < 2) {
    return { median: null, countWithData: distribution.countWithData, mixedLevels, rankOf: new Map() };
  }
  const rankOf = new Map<string, { rank: number; of: number }>();
  const dir = directionFromCatalogue(direction);
  if (dir !== 'neutral') {
    codes.forEach((code, i) => {
      const cell = cells[i];
      // A value left out of the set (suspect) is not ranked either: positionInDistribution would rank it.
      if (!cell || distribution.excluded.codes.includes(code)) return;
      const position = positionInDistribution({
        distribution,
        value: cell.value,
        direction: dir,
        unitInSet: true,
      });
      if (position) rankOf.set(code, { rank: position.rank, of: position.rankedCount });
    });
  }
  return { median: distribution.median, countWithData: distribution.countWithData, mixedLevels, rankOf };
}

/** A unit's cell of a row as the API writes it: the row's median, the unit's rank, and their n. */
export interface ComparedCellStats {
  /** The compared units' median in the cell's indicator and year; null where the row has none. */
  readonly comparedMedian: number | null;
  /** The unit's rank among the compared units (1 = best); null when not ranked. */
  readonly comparedRank: number | null;
  /** How many compared units' values the median and the ranks come from; null where there is no median. */
  readonly comparedCount: number | null;
}

export function comparedCellStats(stats: RowStats, code: string): ComparedCellStats {
  const hasMedian = stats.median !== null;
  return {
    comparedMedian: stats.median,
    comparedRank: stats.rankOf.get(code)?.rank ?? null,
    comparedCount: hasMedian ? stats.countWithData : null,
  };
}

/**
 * The years of an indicator that a comparison shows: those in which at least one compared unit has a
 * value, ascending; when none has one in any year, the latest year alone (its row then says "no data").
 * The table shows the last of them, the trend all of them; the downloads hold exactly these.
 */
export function comparedYears(years: readonly number[], anyValueIn: (year: number) => boolean): number[] {
  const sorted = [...years].sort((a, b) => a - b);
  const withValues = sorted.filter(anyValueIn);
  if (withValues.length > 0) return withValues;
  const latest = sorted.at(-1);
  return latest === undefined ? [] : [latest];
}
