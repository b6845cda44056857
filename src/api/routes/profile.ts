/**
 * Benchmarking over HTTP (issue 5): a unit's profile against a reference set, its peers (group,
 * neighbours, similar units), an indicator's distribution in a set, and saved user-defined sets. Data come
 * from the per-release BenchmarkContext (pipeline/benchmark-context.ts); statistics from domain/benchmark.
 */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { CatalogIndicator } from '../../domain/catalog/indicators.js';
import {
  parseReferenceSet,
  REFERENCE_SET_LABELS,
  resolveReferenceSet,
  type ReferenceSet,
  type ResolvedReferenceSet,
} from '../../domain/benchmark/reference-sets.js';
import { nearestUnits } from '../../domain/benchmark/similar.js';
import { benchmarkUnit, type Direction } from '../../domain/benchmark/statistics.js';
import { NOT_IN_SOURCE, outsideCoverage } from '../../domain/benchmark/coverage.js';
import { decodeMissingNote } from '../../domain/observations/missing-note.js';
import { displayName } from '../../domain/units/unit.js';
import {
  BenchmarkContextCache,
  SIMILARITY_VARIABLES,
  type BenchmarkContext,
  type StructuralVariableId,
} from '../../pipeline/benchmark-context.js';
import { neighbourCodes } from '../../pipeline/neighbours.js';
import type { Database } from '../../store/database.js';
import { getReferenceSet, saveReferenceSet } from '../../store/reference-sets-store.js';
import { flagJson } from '../flag-json.js';
import { ApiProblem } from '../problem.js';
import {
  Distribution,
  DistributionQuery,
  Peers,
  PeersQuery,
  Profile,
  ProfileQuery,
  SavedSet,
  SetBody,
  SetParams,
  UnitCodeParams,
} from '../schemas/profile.js';
import { IndicatorParams } from '../schemas/indicators.js';
import { markRelease } from '../plugins/release-caching.js';
import { releaseFor } from './data.js';
import { clientOf, rateLimited, WindowQuota } from '../plugins/client-limits.js';

const DIRECTION: Record<CatalogIndicator['direction'], Direction> = {
  higher_better: 'higher_is_better',
  lower_better: 'lower_is_better',
  neutral: 'neutral',
};
const LEVEL_LENGTH: Record<string, number> = { wojewodztwo: 2, powiat: 4, gmina: 7 };

export interface ProfileRoutesOptions {
  readonly db: Database;
  readonly indicators: readonly CatalogIndicator[];
  /** Sets one client may save per hour (0: no quota); all clients together at most 50 times that. */
  readonly setsPerHour?: number;
}

const HOUR_MS = 3_600_000;

function parseWeights(text: string | undefined): Map<StructuralVariableId, number> {
  const weights = new Map<StructuralVariableId, number>();
  for (const part of text ? text.split(',') : []) {
    const [id, weight] = part.split(':') as [StructuralVariableId, string];
    weights.set(id, Number(weight));
  }
  return weights;
}

function parseAgainst(text: string | undefined, k: number | undefined): ReferenceSet {
  const parsed = parseReferenceSet(text ?? 'group');
  if (!parsed.ok) throw new ApiProblem(400, 'bad-reference-set', parsed.message, 'against');
  return parsed.set.kind === 'similar' && k !== undefined ? { kind: 'similar', k } : parsed.set;
}

export const profileRoutes: FastifyPluginAsyncTypebox<ProfileRoutesOptions> = async (
  app,
  { db, indicators, setsPerHour = 0 },
) => {
  const contexts = new BenchmarkContextCache(
    db,
    indicators.map((i) => i.id),
  );
  const byId = new Map(indicators.map((i) => [i.id, i]));

  const unitRef = (context: BenchmarkContext, code: string) => {
    const unit = context.unit(code);
    return unit ? { code, name: displayName(unit), kind: unit.kind } : { code, name: code, kind: 'unknown' };
  };

  const unitOr404 = (context: BenchmarkContext, code: string) => {
    const unit = context.unit(code);
    if (!unit || unit.level === 'czesc_gminy') {
      throw new ApiProblem(
        404,
        'unit-not-found',
        { pl: `Nie ma jednostki ${code} w rejestrze.`, en: `There is no unit ${code} in the register.` },
        'teryt',
      );
    }
    return unit;
  };

  /** The year whose structure (population classes, similarity) defines sets for an indicator year. */
  const structureYear = (context: BenchmarkContext, year: number): number | null => {
    const years = context.years('kontekst.ludnosc').filter((y) => y <= year);
    return years.at(-1) ?? context.latestPopulationYear();
  };

  /** Resolves a reference set for a unit in a year; loads neighbours and saved sets first (async). */
  const resolveSet = async (
    context: BenchmarkContext,
    code: string,
    set: ReferenceSet,
    year: number,
    weights: Map<StructuralVariableId, number>,
  ): Promise<{ resolved: ResolvedReferenceSet; structure: number | null }> => {
    const structure = structureYear(context, year);
    const neighbours = set.kind === 'neighbours' ? await neighbourCodes(db, code) : null;
    const saved = set.kind === 'custom' ? await getReferenceSet(db, set.setId) : null;
    const resolved = resolveReferenceSet({
      unitCode: code,
      set,
      lookups: {
        unitsOfLevel: (length) => context.unitsOfLevel(length),
        groupMembers: (c) => {
          if (structure === null) return null;
          const groups = context.groups(structure);
          const id = groups.assignments.get(c)?.groupId;
          return groups.groups.find((g) => g.id === id)?.members ?? null;
        },
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
  };

  const setInfo = (
    context: BenchmarkContext,
    code: string,
    set: ReferenceSet,
    resolved: ResolvedReferenceSet,
    structure: number | null,
  ) => {
    const assignment =
      set.kind === 'group' && structure !== null
        ? context.groups(structure).assignments.get(code)
        : undefined;
    const group = assignment
      ? context.groups(structure as number).groups.find((g) => g.id === assignment.groupId)
      : undefined;
    return {
      against: set.kind === 'custom' ? `set:${set.setId}` : set.kind,
      label: REFERENCE_SET_LABELS[set.kind],
      year: set.kind === 'group' || set.kind === 'similar' ? structure : null,
      members: resolved.ok ? resolved.members.length : 0,
      includesUnit: resolved.ok ? resolved.includesUnit : false,
      group: group && assignment ? { id: group.id, label: group.label, rule: assignment.rule } : null,
      message: resolved.ok ? null : resolved.message,
    };
  };

  /** One indicator of a unit in a year against a resolved set. */
  const benchmarkOf = (
    context: BenchmarkContext,
    indicator: CatalogIndicator,
    code: string,
    year: number,
    members: readonly string[],
  ) => {
    const years = [year, year - 1, year - 5];
    const valuesByYear = new Map(years.map((y) => [y, context.values(indicator.id, y, members)]));
    const flagsByYear = new Map([[year, context.flags(indicator.id, year, members)]]);
    const unitValuesByYear = new Map(
      years.map((y) => [y, context.values(indicator.id, y, [code])[0] ?? null]),
    );
    return benchmarkUnit({
      unitCode: code,
      year,
      direction: DIRECTION[indicator.direction],
      members,
      valuesByYear,
      flagsByYear,
      unitValuesByYear,
      unitFlag: context.flags(indicator.id, year, [code])[0] ?? null,
    });
  };

  const statisticsJson = (d: ReturnType<typeof benchmarkUnit>['distribution']) => ({
    members: d.members,
    countWithData: d.countWithData,
    missing: { count: d.missing.count, codes: [...d.missing.codes], byFlag: { ...d.missing.byFlag } },
    excluded: { count: d.excluded.count, codes: [...d.excluded.codes], byFlag: { ...d.excluded.byFlag } },
    flagged: { count: d.flagged.count, codes: [...d.flagged.codes], byFlag: { ...d.flagged.byFlag } },
    min: d.min,
    max: d.max,
    mean: d.mean,
    median: d.median,
    q1: d.q1,
    q3: d.q3,
    deciles: [...d.deciles],
  });
  const positionJson = (p: ReturnType<typeof benchmarkUnit>['position']) =>
    p === null
      ? null
      : {
          rank: p.rank,
          rankedCount: p.rankedCount,
          percentile: p.percentile,
          differenceFromMedian: p.differenceFromMedian,
          ratioToMedian: p.ratioToMedian,
          band: p.band,
          positionClass: p.positionClass,
        };

  const missingOf = (context: BenchmarkContext, indicatorId: string, year: number, code: string) => {
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
    const decoded = decodeMissingNote(note);
    return decoded ?? { reason: 'missing-input', detail: note };
  };

  app.get(
    '/units/:teryt/profile',
    {
      schema: {
        summary: 'Profil jednostki / a unit’s profile: every indicator against a reference set',
        tags: ['benchmark'],
        params: UnitCodeParams,
        querystring: ProfileQuery,
        response: { 200: Profile },
      },
    },
    async (request, reply) => {
      const release = await releaseFor(db, request.query.release);
      markRelease(reply, release);
      const context = await contexts.get(release);
      const code = request.params.teryt;
      const unit = unitOr404(context, code);
      const set = parseAgainst(request.query.against, request.query.k);
      const weights = parseWeights(request.query.weights);
      const resolvedByYear = new Map<number, Awaited<ReturnType<typeof resolveSet>>>();
      const items = [];
      for (const indicator of indicators) {
        if (!(indicator.levels as readonly string[]).includes(unit.level)) continue;
        const available = context.years(indicator.id);
        const year = request.query.year ?? available.at(-1) ?? null;
        const base = {
          indicator: {
            id: indicator.id,
            name: indicator.definition.name,
            area: indicator.areaId,
            service: indicator.serviceId,
            dimension: indicator.dimension,
            direction: indicator.direction,
            measureUnit: indicator.definition.measureUnit,
            decimals: indicator.definition.decimals ?? 1,
          },
          year,
        };
        if (year === null || !available.includes(year)) {
          items.push({
            ...base,
            value: null,
            flag: null,
            reason: 'not-in-release',
            detail:
              year === null
                ? 'the release has no values of this indicator'
                : `the release has no values of this indicator in ${year}`,
            set: null,
            statistics: null,
            position: null,
            changes: [],
          });
          continue;
        }
        let resolution = resolvedByYear.get(year);
        if (!resolution) {
          resolution = await resolveSet(context, code, set, year, weights);
          resolvedByYear.set(year, resolution);
        }
        const { resolved, structure } = resolution;
        const value = context.values(indicator.id, year, [code])[0] ?? null;
        const missing = value === null ? missingOf(context, indicator.id, year, code) : null;
        const common = {
          ...base,
          value,
          flag: flagJson(context.flags(indicator.id, year, [code])[0] ?? null),
          reason: missing?.reason ?? null,
          detail: missing?.detail ?? null,
          set: setInfo(context, code, set, resolved, structure),
        };
        if (!resolved.ok) {
          items.push({ ...common, statistics: null, position: null, changes: [] });
          continue;
        }
        const benchmark = benchmarkOf(context, indicator, code, year, resolved.members);
        items.push({
          ...common,
          statistics: statisticsJson(benchmark.distribution),
          position: positionJson(benchmark.position),
          changes: benchmark.changes.map((c) => ({ ...c })),
        });
      }
      return {
        unit: { code, name: displayName(unit), kind: unit.kind, level: unit.level },
        release,
        against: set.kind === 'custom' ? `set:${set.setId}` : set.kind,
        items,
      };
    },
  );

  app.get(
    '/units/:teryt/peers',
    {
      schema: {
        summary: 'Jednostki porównywalne / peers: comparison group, neighbours, most similar units',
        tags: ['benchmark'],
        params: UnitCodeParams,
        querystring: PeersQuery,
        response: { 200: Peers },
      },
    },
    async (request, reply) => {
      const release = await releaseFor(db, request.query.release);
      markRelease(reply, release);
      const context = await contexts.get(release);
      const code = request.params.teryt;
      const unit = unitOr404(context, code);
      const year =
        request.query.year !== undefined
          ? structureYear(context, request.query.year)
          : context.latestPopulationYear();
      const weights = parseWeights(request.query.weights);
      const k = request.query.k ?? 15;

      let group = null;
      let groupMessage = null;
      if (year !== null) {
        const groups = context.groups(year);
        const assignment = groups.assignments.get(code);
        const found = assignment ? groups.groups.find((g) => g.id === assignment.groupId) : undefined;
        if (assignment && found) {
          const merge = groups.merges.find((m) => m.groupId === found.id);
          group = {
            id: found.id,
            label: found.label,
            rule: assignment.rule,
            population: assignment.population,
            merged: merge ? { classes: merge.classes.map((c) => ({ ...c })) } : null,
            members: found.members.map((c) => unitRef(context, c)),
          };
        } else {
          const why = groups.unassigned.find((u) => u.code === code);
          groupMessage = {
            pl:
              why?.reason === 'no-family'
                ? `Jednostka nie należy do żadnej rodziny typologii (${year} r.).`
                : `Jednostka nie ma grupy porównawczej w ${year} r.: brak danych o jej ludności w tym roku.`,
            en: `The unit has no comparison group in ${year} (${why?.detail ?? 'no population data'}).`,
          };
        }
      } else {
        groupMessage = {
          pl: 'Wydanie nie zawiera danych o ludności, więc grupy porównawcze nie są dostępne.',
          en: 'The release has no population data, so comparison groups are not available.',
        };
      }

      const neighbours = await neighbourCodes(db, code);
      const similarVariables = SIMILARITY_VARIABLES.map((v) => ({
        id: v.id,
        label: v.label,
        weight: weights.get(v.id) ?? v.weight,
        transform: v.transform,
      }));
      const found =
        year === null
          ? null
          : nearestUnits(context.similarity(year, code.length, weights), { target: code, k });
      // Without its own population the unit cannot be placed among others: say so, rank no one.
      const nearest = found && found.variablesUsed.includes('population') ? found : null;
      return {
        unit: unitRef(context, code),
        release,
        year,
        group,
        groupMessage,
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
          variables: similarVariables,
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
    },
  );

  app.get(
    '/indicators/:id/distribution',
    {
      schema: {
        summary: 'Rozkład wskaźnika / an indicator’s distribution in a reference set',
        tags: ['benchmark'],
        params: IndicatorParams,
        querystring: DistributionQuery,
        response: { 200: Distribution },
      },
    },
    async (request, reply) => {
      const indicator = byId.get(request.params.id);
      if (!indicator) {
        throw new ApiProblem(
          404,
          'indicator-not-found',
          { pl: `Nie ma wskaźnika ${request.params.id}.`, en: `There is no indicator ${request.params.id}.` },
          'id',
        );
      }
      const { year, unit: code } = request.query;
      const release = await releaseFor(db, request.query.release);
      markRelease(reply, release);
      const context = await contexts.get(release);
      const set = parseAgainst(request.query.against ?? (code ? 'group' : 'country'), request.query.k);
      const level =
        request.query.level ?? (code ? ({ 2: 'wojewodztwo', 4: 'powiat' }[code.length] ?? 'gmina') : 'gmina');
      if (code) unitOr404(context, code);
      if (!code && set.kind !== 'country' && set.kind !== 'custom') {
        throw new ApiProblem(
          400,
          'unit-required',
          {
            pl: `Zbiór ${set.kind} zależy od jednostki: podaj unit=TERYT.`,
            en: `The set ${set.kind} depends on a unit: give unit=TERYT.`,
          },
          'unit',
        );
      }
      const anchor = code ?? context.unitsOfLevel(LEVEL_LENGTH[level] ?? 7)[0] ?? '';
      const { resolved, structure } = await resolveSet(
        context,
        anchor,
        set,
        year,
        parseWeights(request.query.weights),
      );
      if (!resolved.ok) throw new ApiProblem(400, `set-${resolved.reason}`, resolved.message, 'against');
      const benchmark = benchmarkOf(context, indicator, code ?? anchor, year, resolved.members);
      const values = context.values(indicator.id, year, resolved.members);
      const flags = context.flags(indicator.id, year, resolved.members);
      const members = resolved.members
        .map((c, i) => ({
          unit: unitRef(context, c),
          value: values[i] ?? null,
          flag: flagJson(flags[i] ?? null),
          reason: values[i] === null ? missingOf(context, indicator.id, year, c).reason : null,
        }))
        .sort((a, b) =>
          a.value === null
            ? 1
            : b.value === null
              ? -1
              : a.value - b.value || (a.unit.code < b.unit.code ? -1 : 1),
        );
      return {
        indicator: {
          id: indicator.id,
          name: indicator.definition.name,
          measureUnit: indicator.definition.measureUnit,
          direction: indicator.direction,
        },
        release,
        year,
        level,
        set: setInfo(context, anchor, set, resolved, structure),
        unit: code ? unitRef(context, code) : null,
        value: code ? benchmark.value : null,
        statistics: statisticsJson(benchmark.distribution),
        position: code ? positionJson(benchmark.position) : null,
        members,
      };
    },
  );

  const perClient = setsPerHour > 0 ? new WindowQuota(setsPerHour, HOUR_MS) : null;
  const everyone = setsPerHour > 0 ? new WindowQuota(setsPerHour * 50, HOUR_MS) : null;
  app.post(
    '/sets',
    {
      schema: {
        summary: 'Zapisz zestaw jednostek / save a user-defined set (short link)',
        tags: ['benchmark'],
        body: SetBody,
        response: { 200: SavedSet, 201: SavedSet },
      },
    },
    async (request, reply) => {
      // Anonymous writes are bounded per client and in total (issue 14): at the old unbounded rate one
      // address could add about 150 MB an hour.
      if (perClient && everyone) {
        const now = Date.now();
        const wait = perClient.take(clientOf(request), now) || everyone.take('*', now);
        if (wait > 0) {
          reply.header('retry-after', String(wait));
          throw rateLimited(
            { pl: 'zapisanych zestawów na godzinę', en: 'saved sets per hour' },
            String(setsPerHour),
            wait,
          );
        }
      }
      const release = await releaseFor(db, undefined);
      const context = await contexts.get(release);
      const codes = [...new Set(request.body.units)];
      const unknown = codes.filter((c) => !context.unit(c) || context.unit(c)?.level === 'czesc_gminy');
      if (unknown.length > 0) {
        throw new ApiProblem(
          400,
          'unknown-units',
          {
            pl: `Nieznane jednostki: ${unknown.slice(0, 10).join(', ')}.`,
            en: `Unknown units: ${unknown.slice(0, 10).join(', ')}.`,
          },
          'units',
        );
      }
      const levels = new Set(codes.map((c) => context.unit(c)?.level));
      if (levels.size > 1) {
        throw new ApiProblem(
          400,
          'mixed-levels',
          {
            pl: 'Zestaw musi zawierać jednostki jednego szczebla (same gminy, powiaty albo województwa).',
            en: 'A set must hold units of one level (only gminy, powiaty or województwa).',
          },
          'units',
        );
      }
      const level = [...levels][0] as string;
      const { id, created } = await saveReferenceSet(db, { name: request.body.name, level, units: codes });
      const saved = await getReferenceSet(db, id);
      reply.code(created ? 201 : 200);
      return {
        id,
        name: saved?.name ?? request.body.name,
        level,
        url: `/api/v1/sets/${id}`,
        createdAt: saved?.createdAt ?? '',
        units: [...(saved?.units ?? codes)].map((c) => unitRef(context, c)),
      };
    },
  );

  app.get(
    '/sets/:id',
    {
      schema: {
        summary: 'Zapisany zestaw / a saved set',
        tags: ['benchmark'],
        params: SetParams,
        response: { 200: SavedSet },
      },
    },
    async (request) => {
      const saved = await getReferenceSet(db, request.params.id);
      if (!saved) {
        throw new ApiProblem(
          404,
          'set-not-found',
          { pl: `Nie ma zestawu ${request.params.id}.`, en: `There is no saved set ${request.params.id}.` },
          'id',
        );
      }
      const context = await contexts.get(await releaseFor(db, undefined));
      return {
        id: saved.id,
        name: saved.name,
        level: saved.level,
        url: `/api/v1/sets/${saved.id}`,
        createdAt: saved.createdAt,
        units: saved.units.map((c) => unitRef(context, c)),
      };
    },
  );
};
