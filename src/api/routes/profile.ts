/**
 * Benchmarking over HTTP (issue 5): a unit's profile against a reference set, its peers (group,
 * neighbours, similar units), an indicator's distribution in a set, and saved user-defined sets. The
 * routes check input and shape output; the benchmarking itself is the pipeline's service
 * (pipeline/benchmarking.ts) over a store adapter (pipeline/benchmark-store.ts).
 */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type {
  Benchmark,
  Distribution as DistributionStats,
  Position,
} from '../../domain/benchmark/statistics.js';
import type { BenchmarkService, ProfileItem, SavedSetView } from '../../pipeline/benchmarking.js';
import { displayName } from '../../domain/units/unit.js';
import type { Database } from '../../store/database.js';
import { flagJson } from '../flag-json.js';
import { answered, parseAgainst, parseWeights } from '../benchmark-params.js';
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

export interface ProfileRoutesOptions {
  readonly db: Database;
  /** The benchmarking service, shared with the unit data downloads (one cache of a release's values). */
  readonly service: BenchmarkService;
  /** Sets one client may save per hour (0: no quota); all clients together at most 50 times that. */
  readonly setsPerHour?: number;
}

const HOUR_MS = 3_600_000;

const tallyJson = (t: DistributionStats['missing']) => ({
  count: t.count,
  codes: [...t.codes],
  byFlag: { ...t.byFlag },
});

const statisticsJson = (d: DistributionStats) => ({
  members: d.members,
  countWithData: d.countWithData,
  missing: tallyJson(d.missing),
  excluded: tallyJson(d.excluded),
  flagged: tallyJson(d.flagged),
  min: d.min,
  max: d.max,
  mean: d.mean,
  median: d.median,
  q1: d.q1,
  q3: d.q3,
  deciles: [...d.deciles],
});

const positionJson = (p: Position | null) =>
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

const benchmarkJson = (b: Benchmark | null) => ({
  statistics: b ? statisticsJson(b.distribution) : null,
  position: b ? positionJson(b.position) : null,
  changes: b ? b.changes.map((c) => ({ ...c })) : [],
});

const profileItemJson = ({ indicator, year, value, flag, missing, set, benchmark }: ProfileItem) => ({
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
  value,
  flag: flagJson(flag),
  reason: missing?.reason ?? null,
  detail: missing?.detail ?? null,
  set,
  ...benchmarkJson(benchmark),
});

const savedSetJson = (set: SavedSetView) => ({
  ...set,
  units: [...set.units],
  url: `/api/v1/sets/${set.id}`,
});

// Over 80 lines: a Fastify plugin: its body is the registrations of its routes (schema, then a handler each).
export const profileRoutes: FastifyPluginAsyncTypebox<ProfileRoutesOptions> = async (
  app,
  { db, service, setsPerHour = 0 },
) => {
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
      const set = parseAgainst(request.query.against, request.query.k);
      const weights = parseWeights(request.query.weights);
      const code = request.params.teryt;
      const profile = await answered(service.profile(release, code, request.query.year, { set, weights }));
      const { unit } = profile;
      return {
        unit: { code: unit.code, name: displayName(unit), kind: unit.kind, level: unit.level },
        release,
        against: profile.against,
        items: profile.items.map(profileItemJson),
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
      const { year, k } = request.query;
      const weights = parseWeights(request.query.weights);
      const peers = await answered(service.peers(release, request.params.teryt, { year, k, weights }));
      return { ...peers, release };
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
      const { year, unit, level } = request.query;
      const release = await releaseFor(db, request.query.release);
      markRelease(reply, release);
      const set = parseAgainst(request.query.against ?? (unit ? 'group' : 'country'), request.query.k);
      const weights = parseWeights(request.query.weights);
      const found = await answered(
        service.distribution(release, request.params.id, { year, unit, level }, { set, weights }),
      );
      const { indicator } = found;
      return {
        indicator: {
          id: indicator.id,
          name: indicator.definition.name,
          measureUnit: indicator.definition.measureUnit,
          direction: indicator.direction,
        },
        release,
        year,
        level: found.level,
        set: found.set,
        unit: found.unit,
        value: found.value,
        statistics: statisticsJson(found.distribution),
        position: positionJson(found.position),
        members: found.members.map((m) => ({ ...m, flag: flagJson(m.flag) })),
      };
    },
  );

  const perClient = setsPerHour > 0 ? new WindowQuota(setsPerHour, HOUR_MS) : null;
  const everyone = setsPerHour > 0 ? new WindowQuota(setsPerHour * 50, HOUR_MS) : null;
  app.post(
    '/sets',
    {
      // Anonymous: no cookie authorises it, so a forged request can do nothing its sender could not do
      // directly; API clients post it without a CSRF token (api/auth/install.ts).
      config: { csrf: false },
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
      const { created, set } = await answered(
        service.saveSet(release, request.body.name, request.body.units),
      );
      reply.code(created ? 201 : 200);
      return savedSetJson(set);
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
      const saved = await answered(service.savedSet(request.params.id, () => releaseFor(db, undefined)));
      return savedSetJson(saved);
    },
  );
};
