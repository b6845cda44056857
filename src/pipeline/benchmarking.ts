/**
 * Benchmarking as a service (issue 5, issue 19): a unit's profile against a reference set, an indicator's
 * distribution in a set, and saved user-defined sets. It reads through a BenchmarkStore (benchmark-store.ts)
 * and computes with domain/benchmark; callers (the API's routes) only check input and shape output.
 * Peers (groups, neighbours, similar units) are computed in benchmark-peers.ts.
 */
import type { CatalogIndicator } from '../domain/catalog/indicators.js';
import { NOT_IN_SOURCE, outsideCoverage } from '../domain/benchmark/coverage.js';
import {
  REFERENCE_SET_LABELS,
  resolveReferenceSet,
  type ReferenceSet,
  type ResolvedReferenceSet,
} from '../domain/benchmark/reference-sets.js';
import { nearestUnits } from '../domain/benchmark/similar.js';
import {
  benchmarkUnit,
  describeDistribution,
  type Benchmark,
  directionFromCatalogue,
  type Distribution,
  type Position,
} from '../domain/benchmark/statistics.js';
import { decodeMissingNote } from '../domain/observations/missing-note.js';
import { CODE_LENGTH, jstLevelOfCode } from '../domain/units/teryt-code.js';
import type { BenchmarkContext, ContextUnit, StructuralVariableId } from './benchmark-context.js';
import {
  benchmarkedUnit,
  BenchmarkRefusal,
  groupOf,
  unitRef,
  type Text,
  type UnitRef,
} from './benchmark-lookups.js';
import { peersOf, type PeersQuery } from './benchmark-peers.js';
import type { BenchmarkStore } from './benchmark-store.js';

/** Why a unit has no value: a reason code and a sentence. */
export interface Missing {
  readonly reason: string;
  readonly detail: string | null;
}

/** What a resolved set is, as every answer describes it. */
export interface SetSummary {
  readonly against: string;
  readonly label: Text;
  readonly year: number | null;
  readonly members: number;
  readonly includesUnit: boolean;
  readonly group: { readonly id: string; readonly label: Text; readonly rule: Text } | null;
  readonly message: Text | null;
}

export interface ProfileItem {
  readonly indicator: CatalogIndicator;
  readonly year: number | null;
  readonly value: number | null;
  readonly flag: number | null;
  readonly missing: Missing | null;
  /** Null when the release has no values of the indicator in the year. */
  readonly set: SetSummary | null;
  /** Null when the set could not be resolved (or no values). */
  readonly benchmark: Benchmark | null;
}

export interface Profile {
  readonly unit: ContextUnit;
  readonly against: string;
  readonly items: readonly ProfileItem[];
}

export interface DistributionMember {
  readonly unit: UnitRef;
  readonly value: number | null;
  readonly flag: number | null;
  readonly reason: string | null;
}

export interface IndicatorDistribution {
  readonly level: string;
  readonly set: SetSummary;
  readonly unit: UnitRef | null;
  /** The unit's value and place (null without a unit). */
  readonly value: number | null;
  readonly position: Position | null;
  readonly distribution: Distribution;
  /** Members by value ascending, those without a value last. */
  readonly members: readonly DistributionMember[];
}

export interface SavedSetView {
  readonly id: string;
  readonly name: string;
  readonly level: string;
  readonly createdAt: string;
  readonly units: readonly UnitRef[];
}

export interface SetOptions {
  readonly set: ReferenceSet;
  readonly weights: ReadonlyMap<StructuralVariableId, number>;
}

const against = (set: ReferenceSet) => (set.kind === 'custom' ? `set:${set.setId}` : set.kind);

export class BenchmarkService {
  private readonly byId: ReadonlyMap<string, CatalogIndicator>;

  constructor(
    private readonly store: BenchmarkStore,
    private readonly indicators: readonly CatalogIndicator[],
  ) {
    this.byId = new Map(indicators.map((i) => [i.id, i]));
  }

  context(release: number): Promise<BenchmarkContext> {
    return this.store.context(release);
  }

  /** The release's context if that needs no load of an old release (the data routes' fast path), else null. */
  cheapContext(release: number): Promise<BenchmarkContext | null> {
    return this.store.cheapContext(release);
  }

  /** The unit's comparison group, neighbours and most similar units. */
  peers(release: number, code: string, query: PeersQuery) {
    return peersOf(this.store, release, code, query);
  }

  /** Every indicator published for the unit's level, each in its year, against the set. */
  async profile(
    release: number,
    code: string,
    year: number | undefined,
    options: SetOptions,
  ): Promise<Profile> {
    const context = await this.store.context(release);
    const unit = benchmarkedUnit(context, code);
    const resolvedByYear = new Map<number, { resolved: ResolvedReferenceSet; structure: number | null }>();
    const items: ProfileItem[] = [];
    for (const indicator of this.indicators) {
      if (!(indicator.levels as readonly string[]).includes(unit.level)) continue;
      const available = context.years(indicator.id);
      const itemYear = year ?? available.at(-1) ?? null;
      if (itemYear === null || !available.includes(itemYear)) {
        const detail =
          itemYear === null
            ? 'the release has no values of this indicator'
            : `the release has no values of this indicator in ${itemYear}`;
        items.push({
          indicator,
          year: itemYear,
          value: null,
          flag: null,
          missing: { reason: 'not-in-release', detail },
          set: null,
          benchmark: null,
        });
        continue;
      }
      let resolution = resolvedByYear.get(itemYear);
      if (!resolution) {
        resolution = await this.resolveSet(context, code, itemYear, options);
        resolvedByYear.set(itemYear, resolution);
      }
      const { resolved, structure } = resolution;
      const value = context.values(indicator.id, itemYear, [code])[0] ?? null;
      items.push({
        indicator,
        year: itemYear,
        value,
        flag: context.flags(indicator.id, itemYear, [code])[0] ?? null,
        missing: value === null ? missingOf(context, indicator.id, itemYear, code) : null,
        set: setSummary(context, code, options.set, resolved, structure),
        benchmark: resolved.ok ? benchmarkOf(context, indicator, code, itemYear, resolved.members) : null,
      });
    }
    return { unit, against: against(options.set), items };
  }

  /** An indicator's values in a set (of the unit's, or of a level's when no unit is given). */
  async distribution(
    release: number,
    indicatorId: string,
    query: {
      year: number;
      unit?: string | undefined;
      level?: 'wojewodztwo' | 'powiat' | 'gmina' | undefined;
    },
    options: SetOptions,
  ): Promise<{ indicator: CatalogIndicator } & IndicatorDistribution> {
    const indicator = this.byId.get(indicatorId);
    if (!indicator) {
      throw new BenchmarkRefusal(
        'not-found',
        'indicator-not-found',
        { pl: `Nie ma wskaźnika ${indicatorId}.`, en: `There is no indicator ${indicatorId}.` },
        'id',
      );
    }
    const { year, unit: code } = query;
    const { set } = options;
    const context = await this.store.context(release);
    const level = query.level ?? (code ? (jstLevelOfCode(code) ?? 'gmina') : 'gmina');
    if (code) benchmarkedUnit(context, code);
    if (!code && set.kind !== 'country' && set.kind !== 'custom') {
      throw new BenchmarkRefusal(
        'invalid',
        'unit-required',
        {
          pl: `Zbiór ${set.kind} zależy od jednostki: podaj unit=TERYT.`,
          en: `The set ${set.kind} depends on a unit: give unit=TERYT.`,
        },
        'unit',
      );
    }
    // Without a unit, the country set of a level is resolved from any unit of that level.
    const anchor = code ?? context.unitsOfLevel(CODE_LENGTH[level])[0] ?? '';
    const { resolved, structure } = await this.resolveSet(context, anchor, year, options);
    if (!resolved.ok)
      throw new BenchmarkRefusal('invalid', `set-${resolved.reason}`, resolved.message, 'against');
    const values = context.values(indicator.id, year, resolved.members);
    const flags = context.flags(indicator.id, year, resolved.members);
    const benchmark = code ? benchmarkOf(context, indicator, code, year, resolved.members) : null;
    return {
      indicator,
      level,
      set: setSummary(context, anchor, set, resolved, structure),
      unit: code ? unitRef(context, code) : null,
      value: benchmark?.value ?? null,
      position: benchmark?.position ?? null,
      distribution:
        benchmark?.distribution ?? describeDistribution({ codes: resolved.members, values, flags }),
      members: resolved.members
        .map((c, i) => ({
          unit: unitRef(context, c),
          value: values[i] ?? null,
          flag: flags[i] ?? null,
          reason: values[i] === null ? missingOf(context, indicator.id, year, c).reason : null,
        }))
        .sort((a, b) =>
          a.value === null
            ? 1
            : b.value === null
              ? -1
              : a.value - b.value || (a.unit.code < b.unit.code ? -1 : 1),
        ),
    };
  }

  /** Saves a set of units of one level of the live release's register; `created` false when it existed. */
  async saveSet(
    release: number,
    name: string,
    units: readonly string[],
  ): Promise<{ created: boolean; set: SavedSetView }> {
    const context = await this.store.context(release);
    const codes = [...new Set(units)];
    const unknown = codes.filter((c) => !context.unit(c) || context.unit(c)?.level === 'czesc_gminy');
    if (unknown.length > 0) {
      const list = unknown.slice(0, 10).join(', ');
      throw new BenchmarkRefusal(
        'invalid',
        'unknown-units',
        { pl: `Nieznane jednostki: ${list}.`, en: `Unknown units: ${list}.` },
        'units',
      );
    }
    const levels = new Set(codes.map((c) => context.unit(c)?.level));
    if (levels.size > 1) {
      throw new BenchmarkRefusal(
        'invalid',
        'mixed-levels',
        {
          pl: 'Zestaw musi zawierać jednostki jednego szczebla (same gminy, powiaty albo województwa).',
          en: 'A set must hold units of one level (only gminas, powiats or voivodeships).',
        },
        'units',
      );
    }
    const level = [...levels][0] as string;
    const { id, created } = await this.store.saveSet({ name, level, units: codes });
    const saved = await this.store.savedSet(id);
    return {
      created,
      set: {
        id,
        name: saved?.name ?? name,
        level,
        createdAt: saved?.createdAt ?? '',
        units: [...(saved?.units ?? codes)].map((c) => unitRef(context, c)),
      },
    };
  }

  /** A saved set with its units named as in the live release (asked only when the set exists), or a refusal. */
  async savedSet(id: string, liveRelease: () => Promise<number>): Promise<SavedSetView> {
    const saved = await this.store.savedSet(id);
    if (!saved) {
      throw new BenchmarkRefusal(
        'not-found',
        'set-not-found',
        { pl: `Nie ma zestawu ${id}.`, en: `There is no saved set ${id}.` },
        'id',
      );
    }
    const context = await this.store.context(await liveRelease());
    return { ...saved, units: saved.units.map((c) => unitRef(context, c)) };
  }

  /** Resolves a reference set for a unit in a year; loads neighbours and saved sets first. */
  private async resolveSet(
    context: BenchmarkContext,
    code: string,
    year: number,
    { set, weights }: SetOptions,
  ): Promise<{ resolved: ResolvedReferenceSet; structure: number | null }> {
    const structure = context.structureYear(year);
    const neighbours = set.kind === 'neighbours' ? await this.store.neighbours(code) : null;
    const saved = set.kind === 'custom' ? await this.store.savedSet(set.setId) : null;
    const resolved = resolveReferenceSet({
      unitCode: code,
      set,
      lookups: {
        unitsOfLevel: (length) => context.unitsOfLevel(length),
        groupMembers: (c) =>
          structure === null ? null : (groupOf(context, structure, c)?.group.members ?? null),
        neighbours: () => neighbours,
        similar: (c, k) =>
          structure === null
            ? null
            : nearestUnits(context.similarity(structure, c.length, weights), { target: c, k }).units.map(
                (u) => u.code,
              ),
        customSet: () => (saved ? [...saved.units] : null),
      },
    });
    return { resolved, structure };
  }
}

function setSummary(
  context: BenchmarkContext,
  code: string,
  set: ReferenceSet,
  resolved: ResolvedReferenceSet,
  structure: number | null,
): SetSummary {
  const found = set.kind === 'group' && structure !== null ? groupOf(context, structure, code) : undefined;
  return {
    against: against(set),
    label: REFERENCE_SET_LABELS[set.kind],
    year: set.kind === 'group' || set.kind === 'similar' ? structure : null,
    members: resolved.ok ? resolved.members.length : 0,
    includesUnit: resolved.ok ? resolved.includesUnit : false,
    group: found ? { id: found.group.id, label: found.group.label, rule: found.assignment.rule } : null,
    message: resolved.ok ? null : resolved.message,
  };
}

/** One indicator of a unit in a year against a resolved set (with changes over 1 and 5 years). */
function benchmarkOf(
  context: BenchmarkContext,
  indicator: CatalogIndicator,
  code: string,
  year: number,
  members: readonly string[],
): Benchmark {
  const years = [year, year - 1, year - 5];
  return benchmarkUnit({
    unitCode: code,
    year,
    direction: directionFromCatalogue(indicator.direction),
    members,
    valuesByYear: new Map(years.map((y) => [y, context.values(indicator.id, y, members)])),
    flagsByYear: new Map([[year, context.flags(indicator.id, year, members)]]),
    unitValuesByYear: new Map(years.map((y) => [y, context.values(indicator.id, y, [code])[0] ?? null])),
    unitFlag: context.flags(indicator.id, year, [code])[0] ?? null,
  });
}

/** Why a cell has no value: outside the source's coverage, absent from the release, or a stored reason. */
function missingOf(context: BenchmarkContext, indicatorId: string, year: number, code: string): Missing {
  if (!context.hasCell(indicatorId, year, code)) {
    const coverage = context.coverage(indicatorId, year, code.length);
    return outsideCoverage(coverage, code)
      ? {
          reason: NOT_IN_SOURCE,
          detail: `the source covers only the voivodeships ${coverage.voivodeships.join(', ')} in ${year}`,
        }
      : { reason: 'not-in-release', detail: `the release has no input data for ${code} in ${year}` };
  }
  const note = context.note(indicatorId, year, code);
  return decodeMissingNote(note) ?? { reason: 'missing-input', detail: note };
}
