/**
 * A unit's peers (issue 5): its comparison group in a structure year, its neighbours, and its most similar
 * units with each variable's share of the distance. Part of the benchmarking service (benchmarking.ts).
 */
import { nearestUnits } from '../domain/benchmark/similar.js';
import {
  SIMILARITY_VARIABLES,
  type BenchmarkContext,
  type StructuralVariableId,
} from './benchmark-context.js';
import type { BenchmarkStore } from './benchmark-store.js';
import { benchmarkedUnit, groupOf, unitRef } from './benchmark-lookups.js';

/** The default number of similar units of the peers answer. */
export const DEFAULT_PEERS_K = 15;

export interface PeersQuery {
  /** Year of the structure; default the latest with populations. */
  readonly year?: number | undefined;
  readonly k?: number | undefined;
  readonly weights: ReadonlyMap<StructuralVariableId, number>;
}

export async function peersOf(store: BenchmarkStore, release: number, code: string, query: PeersQuery) {
  const context = await store.context(release);
  const unit = benchmarkedUnit(context, code);
  const year = query.year !== undefined ? context.structureYear(query.year) : context.latestPopulationYear();
  const { weights } = query;
  const k = query.k ?? DEFAULT_PEERS_K;
  const neighbours = await store.neighbours(code);
  const found =
    year === null ? null : nearestUnits(context.similarity(year, code.length, weights), { target: code, k });
  // Without its own population the unit cannot be placed among others: say so, rank no one.
  const nearest = found && found.variablesUsed.includes('population') ? found : null;
  return {
    unit: unitRef(context, code),
    year,
    ...groupOfUnit(context, code, year),
    neighbours: neighbours?.map((c) => unitRef(context, c)) ?? null,
    neighboursMessage:
      neighbours === null
        ? {
            pl: `Brak granicy jednostki ${unit.name} w warstwie granic (stan ok. 2022 r.): jednostka utworzona później.`,
            en: `The boundary layer (state about 2022) has no boundary of ${unit.name}: the unit was created later.`,
          }
        : null,
    similar: {
      k,
      message:
        nearest === null
          ? {
              pl: 'Brak danych strukturalnych jednostki (ludność) w tym wydaniu: nie wyznaczono podobnych jednostek.',
              en: 'The release has no structural data (population) of the unit: no similar units are given.',
            }
          : null,
      variables: SIMILARITY_VARIABLES.map((v) => ({
        id: v.id,
        label: v.label,
        weight: weights.get(v.id) ?? v.weight,
        transform: v.transform,
      })),
      variablesLeftOut: nearest ? nearest.variablesLeftOut.map((v) => ({ ...v })) : [],
      excluded: nearest?.excluded.length ?? 0,
      units: (nearest?.units ?? []).map((u) => ({
        unit: unitRef(context, u.code),
        distance: u.distance,
        contributions: u.contributions.map((c) => ({
          variable: c.variable,
          targetValue: c.targetValue,
          value: c.value,
          share: c.share,
        })),
      })),
    },
  };
}

/** The unit's group with its members, or a message saying why it has none. */
function groupOfUnit(context: BenchmarkContext, code: string, year: number | null) {
  if (year === null) {
    return {
      group: null,
      groupMessage: {
        pl: 'Wydanie nie zawiera danych o ludności, więc grupy porównawcze nie są dostępne.',
        en: 'The release has no population data, so comparison groups are not available.',
      },
    };
  }
  const groups = context.groups(year);
  const found = groupOf(context, year, code);
  if (found) {
    const { group, assignment } = found;
    const merge = groups.merges.find((m) => m.groupId === group.id);
    return {
      group: {
        id: group.id,
        label: group.label,
        rule: assignment.rule,
        population: assignment.population,
        merged: merge ? { classes: merge.classes.map((c) => ({ ...c })) } : null,
        members: group.members.map((c) => unitRef(context, c)),
      },
      groupMessage: null,
    };
  }
  const why = groups.unassigned.find((u) => u.code === code);
  return {
    group: null,
    groupMessage: {
      pl:
        why?.reason === 'no-family'
          ? `Jednostka nie należy do żadnej rodziny typologii (${year} r.).`
          : `Jednostka nie ma grupy porównawczej w ${year} r.: brak danych o jej ludności w tym roku.`,
      en: `The unit has no comparison group in ${year} (${why?.detail ?? 'no population data'}).`,
    },
  };
}
