/**
 * Where a unit stands in a reference set, for one indicator and year (issue 5, "Statistics per indicator,
 * year and set"). Pure functions over plain or typed arrays, so the compute job can run them over an
 * ObservationCube slice and the API over a user's custom set with the same code.
 *
 *   values (NaN/null = missing) ─┬─► missing: count, codes, by flag        (never silently dropped)
 *   flags  (-1/null = none)      ├─► excluded: suspect values (flags.ts)   (shown, left out of everything)
 *                                ├─► flagged: count, codes, by flag        (kept in the statistics)
 *                                └─► sorted Float64Array ─► median, quartiles, deciles, min, max, mean
 *                                        │ binary search
 *   the unit's value ────────────────────┴─► rank (1224), percentile, Δ and ratio to median, class
 *
 * Definitions (the bench and any SQL reference must use the same ones):
 * - Quantiles: d3-array's quantileSorted, which is R's type 7 (Hyndman & Fan 1996; also numpy's
 *   default, Excel's PERCENTILE.INC and PostgreSQL's percentile_cont): h = (n − 1)·p, linear
 *   interpolation between the order statistics x⌊h⌋ and x⌊h⌋+1.
 * - Rank: standard competition ranking ("1224", SQL RANK()), rank 1 = best: the highest value when higher is
 *   better (and for a neutral indicator, like a league table by value), the lowest when lower is better.
 *   rank = 1 + number of values strictly better.
 * - Percentile: 100 × (number of other values strictly worse) / (n − 1), i.e. 100 × SQL PERCENT_RANK()
 *   ordered worst first. 100 = better than every other unit, 0 = no unit is worse; ties share a
 *   percentile. For a neutral indicator "worse" reads "lower". null when n < 2 (nothing to compare with).
 * - Position class: below Q1, Q1..Q3 inclusive, above Q3 (the value's band); flipped by direction so that
 *   'top25' is always the good end; a neutral indicator gets 'neutral'.
 * - Change over k years: value(y) − value(y − k) for the unit, and the median of the same change over the
 *   members that have both values (the members of the set in year y).
 */
import { quantileSorted } from 'd3-array';
import { isExcludedFromStatistics } from '../observations/flags.js';

/** Which end of an indicator is good (the catalogue's `direction`). */
export type Direction = 'higher_is_better' | 'lower_is_better' | 'neutral';

/** The catalogue's (and the API's) spelling of a direction, read as the statistics' Direction. */
export function directionFromCatalogue(direction: string): Direction {
  if (direction === 'higher_better') return 'higher_is_better';
  if (direction === 'lower_better') return 'lower_is_better';
  return 'neutral';
}

/** Where a value falls against the set's quartiles, regardless of direction. */
export type ValueBand = 'below_q1' | 'q1_to_q3' | 'above_q3';

/** The band read through the direction: 'top25' is always good, 'bottom25' always bad. */
export type PositionClass = 'bottom25' | 'middle50' | 'top25' | 'neutral';

/**
 * A position class in words, one list for the portal and the downloads (issue 16: a file says what the
 * screen says).
 */
export const POSITION_WORDS: Readonly<Record<PositionClass, { readonly pl: string; readonly en: string }>> = {
  top25: { pl: 'najlepsze 25%', en: 'best 25%' },
  middle50: { pl: 'środkowe 50%', en: 'middle 50%' },
  bottom25: { pl: 'najsłabsze 25%', en: 'weakest 25%' },
  neutral: { pl: 'bez oceny (wskaźnik neutralny)', en: 'not rated (neutral indicator)' },
};

/** Missing or flagged values of a set, counted and named (CONVENTIONS.md: shown, never dropped). */
export interface ValueTally {
  readonly count: number;
  /** Member codes, in the order of the input. */
  readonly codes: readonly string[];
  /** Counts by flag id (BDL attrId); key 'none' for a missing value without a flag. */
  readonly byFlag: Readonly<Record<string, number>>;
}

export interface Distribution {
  /** Members of the set (with or without a value). */
  readonly members: number;
  /** Members with a usable (finite) value: what the statistics below are computed from. */
  readonly countWithData: number;
  readonly missing: ValueTally;
  /**
   * Members whose value breaks a plausibility rule (flag "suspect"): shown with the flag, but left out of
   * the statistics, the ranks and the map classes.
   */
  readonly excluded: ValueTally;
  /** Members whose value is present and carries a flag (preliminary, incomplete aggregate…). */
  readonly flagged: ValueTally;
  /** Statistics are null when no member has a value. */
  readonly min: number | null;
  readonly max: number | null;
  /** Unweighted mean of the members' values (as Kolada computes group values). */
  readonly mean: number | null;
  readonly median: number | null;
  readonly q1: number | null;
  readonly q3: number | null;
  /** D1…D9 (p = 0.1 … 0.9), R-7. Empty when no member has a value. */
  readonly deciles: readonly number[];
  /** The values with data, ascending; what positions are looked up in. */
  readonly sorted: Float64Array;
}

export interface DistributionInput {
  /** Codes of the set's members. */
  readonly codes: readonly string[];
  /** Value per member, aligned with codes; null, NaN or ±Infinity = no value. */
  readonly values: ArrayLike<number | null>;
  /** Flag per member (BDL attrId), aligned with codes; null or -1 = none (ObservationCube's NO_FLAG). */
  readonly flags?: ArrayLike<number | null>;
}

const NO_FLAG = -1;

function usable(value: number | null | undefined): value is number {
  return value !== null && value !== undefined && Number.isFinite(value);
}

function flagAt(flags: ArrayLike<number | null> | undefined, i: number): number | null {
  const flag = flags?.[i];
  return flag === undefined || flag === null || flag === NO_FLAG ? null : flag;
}

function tally(codes: string[], byFlag: Record<string, number>): ValueTally {
  return { count: codes.length, codes, byFlag };
}

/** Sorts a Float64Array ascending and reads a quantile from it. */
function quantileOf(sorted: Float64Array, p: number): number {
  // d3's types ask for an Array; quantileSorted only reads .length and indexes, so a typed array serves.
  return quantileSorted(sorted as unknown as number[], p) as number;
}

export function describeDistribution(input: DistributionInput): Distribution {
  const { codes, values, flags } = input;
  if (values.length !== codes.length) {
    throw new RangeError(`values (${values.length}) and codes (${codes.length}) must be aligned`);
  }
  const missingCodes: string[] = [];
  const missingByFlag: Record<string, number> = {};
  const flaggedCodes: string[] = [];
  const flaggedByFlag: Record<string, number> = {};
  const excludedCodes: string[] = [];
  const excludedByFlag: Record<string, number> = {};
  const kept = new Float64Array(codes.length);
  let n = 0;
  let sum = 0;
  for (let i = 0; i < codes.length; i++) {
    const value = values[i];
    const flag = flagAt(flags, i);
    const code = codes[i] as string;
    if (!usable(value)) {
      missingCodes.push(code);
      const key = flag === null ? 'none' : String(flag);
      missingByFlag[key] = (missingByFlag[key] ?? 0) + 1;
      continue;
    }
    if (isExcludedFromStatistics(flag)) {
      excludedCodes.push(code);
      excludedByFlag[String(flag)] = (excludedByFlag[String(flag)] ?? 0) + 1;
      continue;
    }
    if (flag !== null) {
      flaggedCodes.push(code);
      flaggedByFlag[String(flag)] = (flaggedByFlag[String(flag)] ?? 0) + 1;
    }
    kept[n++] = value;
    sum += value;
  }
  const sorted = kept.subarray(0, n).sort();
  const empty = n === 0;
  return {
    members: codes.length,
    countWithData: n,
    missing: tally(missingCodes, missingByFlag),
    excluded: tally(excludedCodes, excludedByFlag),
    flagged: tally(flaggedCodes, flaggedByFlag),
    min: empty ? null : (sorted[0] as number),
    max: empty ? null : (sorted[n - 1] as number),
    mean: empty ? null : sum / n,
    median: empty ? null : quantileOf(sorted, 0.5),
    q1: empty ? null : quantileOf(sorted, 0.25),
    q3: empty ? null : quantileOf(sorted, 0.75),
    deciles: empty ? [] : [1, 2, 3, 4, 5, 6, 7, 8, 9].map((d) => quantileOf(sorted, d / 10)),
    sorted,
  };
}

export interface Position {
  readonly value: number;
  /** 1 = best; ties share the best rank of their block ("1224"). */
  readonly rank: number;
  /** Number of values ranked (the set's values, plus the unit's own when it is not a member). */
  readonly rankedCount: number;
  /** 0–100, see the module comment; null when rankedCount < 2. */
  readonly percentile: number | null;
  readonly differenceFromMedian: number;
  /** value / median; null when the median is 0. */
  readonly ratioToMedian: number | null;
  readonly band: ValueBand;
  readonly positionClass: PositionClass;
}

export interface PositionInput {
  readonly distribution: Distribution;
  /** The unit's value; null, NaN or ±Infinity gives no position. */
  readonly value: number | null;
  readonly direction: Direction;
  /**
   * Whether the unit's value is already among the distribution's values (group, voivodeship, country:
   * yes; neighbours and similar units: no, then it is ranked as if added to the set).
   */
  readonly unitInSet: boolean;
}

/**
 * The unit's place in the distribution; null when the unit has no value or the set none. O(log n), so a
 * precompute over every unit of a group costs one sort per group.
 */
export function positionInDistribution(input: PositionInput): Position | null {
  const { distribution: d, value, direction, unitInSet } = input;
  if (!usable(value) || d.median === null || d.q1 === null || d.q3 === null) return null;
  const { sorted } = d;
  const extra = unitInSet ? 0 : 1;
  const n = sorted.length + extra;
  const below = countBelow(sorted, value); // values strictly lower than the unit's
  const above = sorted.length - countAtMost(sorted, value); // values strictly higher
  const better = direction === 'lower_is_better' ? below : above;
  const worse = direction === 'lower_is_better' ? above : below;
  const band: ValueBand = value < d.q1 ? 'below_q1' : value > d.q3 ? 'above_q3' : 'q1_to_q3';
  return {
    value,
    rank: better + 1,
    rankedCount: n,
    percentile: n < 2 ? null : (100 * worse) / (n - 1),
    differenceFromMedian: value - d.median,
    ratioToMedian: d.median === 0 ? null : value / d.median,
    band,
    positionClass: classOf(band, direction),
  };
}

// The two searches of positionInDistribution, as d3-array's bisectLeft and bisectRight over a sorted array
// of finite numbers (describeDistribution keeps no other) compared directly: d3's general bisector calls a
// comparator per step, and over every unit of a SMUP-scale release (27 M positions) the searches were the
// largest part of the statistics. A test checks both against d3 on ties, ends and negative values.
/** How many of `sorted` are below `x`: d3's bisectLeft. */
export function countBelow(sorted: Float64Array, x: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((sorted[mid] as number) < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** How many of `sorted` are at most `x`: d3's bisectRight. */
export function countAtMost(sorted: Float64Array, x: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((sorted[mid] as number) <= x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

export function classOf(band: ValueBand, direction: Direction): PositionClass {
  switch (direction) {
    case 'neutral':
      return 'neutral';
    case 'higher_is_better':
      return band === 'above_q3' ? 'top25' : band === 'below_q1' ? 'bottom25' : 'middle50';
    case 'lower_is_better':
      return band === 'below_q1' ? 'top25' : band === 'above_q3' ? 'bottom25' : 'middle50';
  }
}

export interface Change {
  /** Span in years (1, 5). */
  readonly years: number;
  /** The unit's value(y) − value(y − years); null when either is missing. */
  readonly unitChange: number | null;
  /** Relative change of the unit in %: 100 × (value(y) / value(y − years) − 1); null if the base is 0. */
  readonly unitChangePercent: number | null;
  /** Median of the members' changes (members having both values); null when none has. */
  readonly setMedianChange: number | null;
  readonly setMedianChangePercent: number | null;
  /** Members that have both values and so count in the set's change. */
  readonly membersWithChange: number;
  /** unitChange − setMedianChange. */
  readonly differenceFromSet: number | null;
  /** Whether the unit moved the good way faster than the set; 'neutral' for a neutral indicator. */
  readonly assessment: 'better' | 'worse' | 'same' | 'neutral' | null;
}

export interface ChangeInput {
  readonly years: number;
  readonly direction: Direction;
  /** Members' values in year y and y − years, aligned with each other (same member order). */
  readonly current: ArrayLike<number | null>;
  readonly base: ArrayLike<number | null>;
  /** The unit's own values in y and y − years. */
  readonly unitCurrent: number | null;
  readonly unitBase: number | null;
}

function median(values: number[]): number | null {
  if (values.length === 0) return null;
  return quantileOf(Float64Array.from(values).sort(), 0.5);
}

const percentChange = (now: number, then: number): number | null =>
  then === 0 ? null : 100 * (now / then - 1);

export function changeAgainstSet(input: ChangeInput): Change {
  const { current, base, unitCurrent, unitBase, direction } = input;
  if (current.length !== base.length) {
    throw new RangeError(`current (${current.length}) and base (${base.length}) values must be aligned`);
  }
  const changes: number[] = [];
  const percents: number[] = [];
  for (let i = 0; i < current.length; i++) {
    const now = current[i];
    const then = base[i];
    if (!usable(now) || !usable(then)) continue;
    changes.push(now - then);
    const pct = percentChange(now, then);
    if (pct !== null) percents.push(pct);
  }
  const hasUnit = usable(unitCurrent) && usable(unitBase);
  const unitChange = hasUnit ? unitCurrent - unitBase : null;
  const setMedianChange = median(changes);
  const differenceFromSet =
    unitChange === null || setMedianChange === null ? null : unitChange - setMedianChange;
  let assessment: Change['assessment'] = null;
  if (differenceFromSet !== null) {
    if (direction === 'neutral') assessment = 'neutral';
    else if (differenceFromSet === 0) assessment = 'same';
    else assessment = differenceFromSet > 0 === (direction === 'higher_is_better') ? 'better' : 'worse';
  }
  return {
    years: input.years,
    unitChange,
    unitChangePercent: hasUnit ? percentChange(unitCurrent, unitBase) : null,
    setMedianChange,
    setMedianChangePercent: median(percents),
    membersWithChange: changes.length,
    differenceFromSet,
    assessment,
  };
}

export interface BenchmarkInput {
  readonly unitCode: string;
  readonly year: number;
  readonly direction: Direction;
  /** Codes of the reference set's members (may or may not include the unit). */
  readonly members: readonly string[];
  /** Members' values by year, each aligned with members. Years absent = no data for anyone. */
  readonly valuesByYear: ReadonlyMap<number, ArrayLike<number | null>>;
  /** Members' flags by year, aligned with members (optional). */
  readonly flagsByYear?: ReadonlyMap<number, ArrayLike<number | null>>;
  /** The unit's values by year; needed when the unit is not a member (neighbours, similar units). */
  readonly unitValuesByYear?: ReadonlyMap<number, number | null>;
  /** The unit's flag in the year (a suspect value gets no rank, no percentile, no position). */
  readonly unitFlag?: number | null;
  /** Spans of the changes to compute; default 1 and 5 years. */
  readonly changeSpans?: readonly number[];
}

export interface Benchmark {
  readonly unitCode: string;
  readonly year: number;
  readonly direction: Direction;
  readonly unitInSet: boolean;
  /** The unit's value in the year (null = none). */
  readonly value: number | null;
  readonly distribution: Distribution;
  readonly position: Position | null;
  readonly changes: readonly Change[];
}

/** Everything the profile shows for one indicator: the set's distribution, the unit's place, its trend. */
export function benchmarkUnit(input: BenchmarkInput): Benchmark {
  const { unitCode, year, direction, members, valuesByYear, flagsByYear } = input;
  const memberIndex = members.indexOf(unitCode);
  const unitInSet = memberIndex >= 0;
  const emptyYear = new Float64Array(members.length).fill(NaN);
  const valuesIn = (y: number): ArrayLike<number | null> => valuesByYear.get(y) ?? emptyYear;
  const unitValueIn = (y: number): number | null => {
    const own = input.unitValuesByYear?.get(y);
    if (own !== undefined) return own;
    return unitInSet ? (valuesIn(y)[memberIndex] ?? null) : null;
  };
  const distribution = describeDistribution({
    codes: members,
    values: valuesIn(year),
    flags: flagsByYear?.get(year),
  });
  const rawValue = unitValueIn(year);
  const value = usable(rawValue) ? rawValue : null;
  return {
    unitCode,
    year,
    direction,
    unitInSet,
    value,
    distribution,
    position: isExcludedFromStatistics(input.unitFlag ?? null)
      ? null
      : positionInDistribution({ distribution, value, direction, unitInSet }),
    changes: (input.changeSpans ?? [1, 5]).map((span) =>
      changeAgainstSet({
        years: span,
        direction,
        current: valuesIn(year),
        base: valuesIn(year - span),
        unitCurrent: value,
        unitBase: unitValueIn(year - span),
      }),
    ),
  };
}
