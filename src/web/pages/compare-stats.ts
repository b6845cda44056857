/**
 * The compared units as a set of their own, per indicator row of the compare table (issue 16, point 1: on a
 * phone every row shows the value, the set's median and the position): the median of the compared units'
 * values in the row's year, and each unit's rank among them. The set statistics are the domain's
 * (describeDistribution, positionInDistribution), so suspect values stay out as everywhere else.
 *
 * A statistic never mixes levels: with units of more than one level (a gmina beside a voivodeship) the row
 * has no median and no ranks, and says why. Neutral indicators (context) get a median but no rank.
 */
import {
  describeDistribution,
  directionFromCatalogue,
  positionInDistribution,
} from '../../domain/benchmark/statistics.js';

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
  // One value is no set: neither its median nor a rank "1 of 1" says anything.
  if (distribution.countWithData < 2) {
    return { median: null, countWithData: distribution.countWithData, mixedLevels, rankOf: new Map() };
  }
  const rankOf = new Map<string, { rank: number; of: number }>();
  // The API's spelling (higher_better, lower_better, neutral), as the catalogue has it.
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
