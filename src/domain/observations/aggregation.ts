/**
 * Sums up the units register: a variable that adds up (`aggregation: sum` in the catalogue) gets values for
 * powiaty, województwa and Poland from the level below, year by year.
 *
 *   gminy ──sum──► powiat ──sum──► województwo ──sum──► Polska
 *                 (source value wins where the source gives one; the derived sum is then only compared)
 *
 * Rules (issue 13; BDL's own convention for aggregates):
 * - a land powiat is the sum of its gminy, a city with powiat rights the sum of its one gmina (the city);
 *   a województwo the sum of its powiaty, Poland the sum of the województwa — each member counted with the
 *   value it ends with (the source's own, or a sum made here), so the levels agree with each other;
 * - a value the source itself gives for a unit and year wins; the derived sum is then reported beside it
 *   (`differences`) when every member had a value, so a file that has every level proves the arithmetic;
 * - a member without a usable value (no row, missing, a flag that makes it no number, or suspect) makes the sum
 *   incomplete: it is still stored, with BDL's flag 3 "k" (aggregate may be incomplete) and a note naming
 *   what is missing; a sum with no member value at all is not stored;
 * - a confidential member suppresses the sum (no value, flag 4): adding the others would let anyone who
 *   knows them recover it;
 * - ratios, means and rates are never summed (they are `aggregation: none`): indicators recompute them at
 *   every level from the summed numerators and denominators.
 * Membership comes from the codes (gmina 7 digits → its powiat's 4 → its województwo's 2 → "0"), i.e. the
 * current register, under which every observation is stored.
 */
import { CODE_LENGTH, aggregateParentOf } from '../units/teryt-code.js';
import { POLAND_CODE, type UnitLevel } from '../units/unit.js';
import { flagInfo, isExcludedFromStatistics } from './flags.js';
import type { Observation } from './observation.js';

/** BDL attrId 3 "k": agregat może być niekompletny. */
export const INCOMPLETE_AGGREGATE_FLAG = 3;
/** BDL attrId 4 "x": brak informacji lub tajemnica statystyczna. */
const CONFIDENTIAL_FLAG = 4;

/** The note of a derived sum starts with this, so a later run tells its own sums from the source's rows. */
export const AGGREGATE_NOTE_PREFIX = 'sum of ';

export function isDerivedSum(observation: Pick<Observation, 'note'>): boolean {
  return observation.note?.startsWith(AGGREGATE_NOTE_PREFIX) ?? false;
}

const MEMBER_NOUN: Partial<Record<UnitLevel, string>> = {
  powiat: 'gminy',
  wojewodztwo: 'powiaty',
  kraj: 'województwa',
};

/** The units that make up the levels above gminy: every current gmina, powiat and województwo code. */
export interface AggregationUnits {
  readonly gminy: readonly string[];
  readonly powiaty: readonly string[];
  readonly wojewodztwa: readonly string[];
  /**
   * Units created within the register's history (code → the first year whose 31 XII they certainly
   * existed on): before it a unit without a value is not a missing member, it did not exist yet.
   */
  readonly createdIn?: ReadonlyMap<string, number>;
}

export interface AggregateDifference {
  readonly variableId: string;
  readonly unitCode: string;
  readonly year: number;
  /** The source's own value. */
  readonly source: number;
  /** The complete sum of the members. */
  readonly derived: number;
}

export interface AggregationResult {
  /** Derived sums for units and years the source has no row for. */
  readonly derived: Observation[];
  /** Where the source has its own value and the members' complete sum differs from it. */
  readonly differences: AggregateDifference[];
  /** Source rows compared with a complete sum (equal or not). */
  readonly compared: number;
}

interface Cell {
  readonly value: number | null;
  readonly flag: number | null;
  readonly note: string | null;
}

// A suspect member (a value breaking a plausibility rule) is not added either: its sum would carry it.
const usable = (cell: Cell | undefined): cell is Cell & { value: number } =>
  cell !== undefined &&
  cell.value !== null &&
  !(flagInfo(cell.flag)?.missing ?? false) &&
  !isExcludedFromStatistics(cell.flag);

/**
 * Derives the sums of one variable over every year it has. `observations` are the variable's rows at every
 * level (earlier derived sums are ignored: they are made again); gmina rows of units not in `units.gminy`
 * (parts of gminy) are not members of anything.
 */
export function aggregateVariable(
  variableId: string,
  observations: readonly Observation[],
  units: AggregationUnits,
  /** Two sums this close (absolute) are equal: files round amounts to 0.01. */
  tolerance = 0.005,
): AggregationResult {
  const byYear = new Map<number, Map<string, Cell>>();
  for (const o of observations) {
    if (o.variableId !== variableId || isDerivedSum(o)) continue;
    let cells = byYear.get(o.year);
    if (!cells) byYear.set(o.year, (cells = new Map()));
    cells.set(o.unitCode, { value: o.value, flag: o.flag, note: o.note });
  }
  const derived: Observation[] = [];
  const differences: AggregateDifference[] = [];
  let compared = 0;
  const levels: ReadonlyArray<{ level: UnitLevel; members: readonly string[]; parents: readonly string[] }> =
    [
      { level: 'powiat', members: units.gminy, parents: units.powiaty },
      { level: 'wojewodztwo', members: units.powiaty, parents: units.wojewodztwa },
      { level: 'kraj', members: units.wojewodztwa, parents: [POLAND_CODE] },
    ];
  for (const [year, cells] of [...byYear].sort(([a], [b]) => a - b)) {
    for (const { level, members, parents } of levels) {
      const membersOf = new Map<string, string[]>(parents.map((p) => [p, []]));
      for (const member of members) {
        const parent = aggregateParentOf(member);
        if (parent !== null && parent.length === CODE_LENGTH[level]) membersOf.get(parent)?.push(member);
      }
      for (const [parent, codes] of membersOf) {
        if (codes.length === 0) continue;
        const expected = (code: string) => year >= (units.createdIn?.get(code) ?? -Infinity);
        const sum = sumMembers(codes, cells, expected);
        if (sum === null) continue;
        const own = cells.get(parent);
        if (own !== undefined) {
          if (usable(own) && sum.missing.length === 0 && sum.value !== null) {
            compared++;
            if (Math.abs(own.value - sum.value) > tolerance) {
              differences.push({ variableId, unitCode: parent, year, source: own.value, derived: sum.value });
            }
          }
          continue;
        }
        const noun = MEMBER_NOUN[level] ?? 'units';
        const note =
          sum.missing.length === 0
            ? `${AGGREGATE_NOTE_PREFIX}${sum.members} ${noun}`
            : `${AGGREGATE_NOTE_PREFIX}${sum.members} of ${sum.members + sum.missing.length} ${noun}; ` +
              `missing or not usable: ${abbreviate(sum.missing)}`;
        const cell: Cell = { value: sum.value, flag: sum.flag, note };
        cells.set(parent, cell);
        derived.push({ variableId, unitCode: parent, year, ...cell });
      }
    }
  }
  return { derived, differences, compared };
}

function sumMembers(
  codes: readonly string[],
  cells: ReadonlyMap<string, Cell>,
  expected: (code: string) => boolean,
): { value: number | null; flag: number | null; members: number; missing: string[] } | null {
  let value = 0;
  let withValue = 0;
  let incomplete = false;
  let confidential = false;
  const missing: string[] = [];
  for (const code of codes) {
    const cell = cells.get(code);
    if (cell !== undefined && (flagInfo(cell.flag)?.confidential ?? false)) confidential = true;
    if (!usable(cell)) {
      if (expected(code)) missing.push(code);
      continue;
    }
    value += cell.value;
    withValue++;
    // A member that is itself an incomplete aggregate leaves the sum incomplete too.
    if (cell.flag === INCOMPLETE_AGGREGATE_FLAG || cell.flag === 13) incomplete = true;
  }
  if (withValue === 0) return null;
  if (confidential) return { value: null, flag: CONFIDENTIAL_FLAG, members: withValue, missing };
  return {
    value,
    flag: incomplete || missing.length > 0 ? INCOMPLETE_AGGREGATE_FLAG : null,
    members: withValue,
    missing,
  };
}

function abbreviate(codes: readonly string[], shown = 10): string {
  return codes.length <= shown
    ? codes.join(', ')
    : `${codes.slice(0, shown).join(', ')} and ${codes.length - shown} more`;
}
