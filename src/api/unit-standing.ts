/**
 * Where a unit stands in its reference set, per indicator, as its page shows it (issue 16, point 3): the
 * profile's year of each indicator, the set's median and quartiles, the unit's rank of how many values and
 * its position class. The downloads of GET /units/{teryt}/data write them on the rows of those years, so a
 * file says what the unit page says; the numbers are the benchmarking service's, the page's own source.
 */
import { BenchmarkRefusal } from '../pipeline/benchmark-lookups.js';
import type { BenchmarkService, ProfileItem } from '../pipeline/benchmarking.js';
import { answered, parseAgainst } from './benchmark-params.js';
import type { DataTableStanding } from './formats/data-table.js';

/** `indicator|year` → standing; only the year the profile compares has one. */
export type UnitStandings = ReadonlyMap<string, DataTableStanding>;

export const standingKey = (indicator: string, year: number): string => `${indicator}|${year}`;

function setName(set: NonNullable<ProfileItem['set']>): { pl: string; en: string } {
  const { label, group } = set;
  return group
    ? { pl: `${label.pl}: ${group.label.pl}`, en: `${label.en}: ${group.label.en}` }
    : { pl: label.pl, en: label.en };
}

function standingOf(item: ProfileItem): DataTableStanding | null {
  const { benchmark, set } = item;
  if (!benchmark) {
    // A set that could not be formed (an unknown saved set, no group that year): say why, as the page does.
    if (!set?.message) return null;
    const { label, message } = set;
    const why = { pl: `${label.pl}: ${message.pl}`, en: `${label.en}: ${message.en}` };
    return { median: null, rank: null, count: null, q1: null, q3: null, position: null, set: why };
  }
  const { distribution: d, position } = benchmark;
  return {
    median: d.median,
    rank: position?.rank ?? null,
    count: position?.rankedCount ?? null,
    q1: d.q1,
    q3: d.q3,
    position: position?.positionClass ?? null,
    // The set as the page names it, with the group where the set is one ("grupa porównawcza: …").
    set: set ? setName(set) : null,
  };
}

export async function unitStandings(
  service: BenchmarkService,
  release: number,
  code: string,
  { against, setYear }: { against?: string | undefined; setYear?: number | undefined },
): Promise<UnitStandings> {
  const set = parseAgainst(against, undefined);
  const profile = await answered(
    service.profile(release, code, setYear, { set, weights: new Map() }).catch((error: unknown) => {
      // A unit the benchmarking does not know (no comparison for it): the file's set columns stay empty.
      if (error instanceof BenchmarkRefusal && error.code === 'unit-not-found') return null;
      throw error;
    }),
  );
  if (!profile) return new Map();
  const { items } = profile;
  const standings = new Map<string, DataTableStanding>();
  for (const item of items) {
    const standing = standingOf(item);
    if (standing && item.year !== null) standings.set(standingKey(item.indicator.id, item.year), standing);
  }
  return standings;
}
