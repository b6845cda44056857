/**
 * Boundaries for maps and neighbours: a compact TopoJSON per level under CURRENT TERYT codes and names
 * (layer codes recoded where a gmina's kind digit changed since the layer), what the layer lacks or has
 * extra, and a unit's neighbours. The TopoJSON depends only on the bundled layer and the register, so it
 * is built once per level and revalidated by ETag.
 */
import { setImmediate as yieldToServer } from 'node:timers/promises';
import { createHash } from 'node:crypto';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { displayName } from '../../domain/units/unit.js';
import { boundaries } from '../../pipeline/neighbours.js';
import type { BoundaryLayer, BoundaryLevel } from '../../sources/geo/boundary-reader.js';
import { toWebTopology } from '../../sources/geo/web-topology.js';
import type { Database } from '../../store/database.js';
import { currentUnitsCached } from '../../store/current-units-cache.js';
import { ApiProblem } from '../problem.js';
import { Label, Nullable, StringEnum } from '../schemas/common.js';
import { UnitCodeParams } from '../schemas/profile.js';

const LevelParams = Type.Object(
  { level: StringEnum(['wojewodztwo', 'powiat', 'gmina'] as const, { description: 'Level of the layer.' }) },
  { additionalProperties: false },
);
const UnitRef = Type.Object({ code: Type.String(), name: Type.String(), level: Type.String() });
const BoundaryStatus = Type.Object({
  level: Type.String(),
  source: Type.Object({ file: Type.String(), stateOf: Type.String(), provenance: Type.String() }),
  features: Type.Integer(),
  withoutBoundary: Type.Array(Type.Object({ unit: UnitRef, explanation: Label })),
  recoded: Type.Array(Type.Object({ from: Type.String(), to: Type.String() })),
  unmatched: Type.Array(Type.String({ description: 'Layer codes no current unit matches (kept, listed).' })),
});
const Neighbours = Type.Object({
  unit: UnitRef,
  neighbours: Nullable(Type.Array(UnitRef)),
  message: Nullable(Label),
});

const WITHOUT_BOUNDARY = {
  pl: 'Jednostka utworzona po dacie warstwy granic (ok. 2022 r.): brak jej kształtu na mapie.',
  en: "Created after the boundary layer's date (about 2022): the map has no shape for it.",
};

// Over 80 lines: a Fastify plugin: its body is the registrations of its routes (schema, then a handler each).
export const geoRoutes: FastifyPluginAsyncTypebox<{ db: Database }> = async (app, { db }) => {
  const topologies = new Map<BoundaryLevel, Promise<{ body: string; etag: string }>>();

  const names = async () => new Map((await currentUnitsCached(db)).map((u) => [u.code, displayName(u)]));

  const buildTopology = async (level: BoundaryLevel) => {
    const { layer, currentCodeOf } = await boundaries(db, level);
    const nameOf = await names();
    const recoded: BoundaryLayer = {
      ...layer,
      features: {
        ...layer.features,
        features: layer.features.features.map((f) => {
          const code = currentCodeOf.get(f.properties.code) ?? f.properties.code;
          return { ...f, properties: { code, name: nameOf.get(code) ?? f.properties.name } };
        }),
      },
    };
    await yieldToServer(); // the recoding and the topology are a few hundred ms each for the gminy
    const body = JSON.stringify(toWebTopology([recoded]));
    return { body, etag: `"${createHash('sha256').update(body).digest('hex').slice(0, 32)}"` };
  };

  app.get(
    '/geo/:level',
    {
      schema: {
        summary: 'Granice jednostek (TopoJSON) / boundaries of a level for maps (TopoJSON)',
        description:
          'Warstwa PRG (stan ok. 2022 r.) z bieżącymi kodami TERYT. / PRG-derived layer (about 2022) under current TERYT codes; object named after the level, properties code and name.',
        tags: ['geo'],
        params: LevelParams,
      },
    },
    async (request, reply) => {
      const level = request.params.level;
      let topology = topologies.get(level);
      if (!topology) {
        topology = buildTopology(level);
        topology.catch(() => topologies.delete(level));
        topologies.set(level, topology);
      }
      const { body, etag } = await topology;
      reply.header('etag', etag).header('cache-control', 'public, max-age=86400');
      if (request.headers['if-none-match'] === etag) return reply.code(304).send();
      return reply.type('application/json; charset=utf-8').send(body);
    },
  );

  app.get(
    '/geo/:level/status',
    {
      schema: {
        summary: 'Co warstwa granic pokrywa / what the boundary layer covers',
        tags: ['geo'],
        params: LevelParams,
        response: { 200: BoundaryStatus },
      },
    },
    async (request) => {
      const level = request.params.level;
      const { entry, layer, match } = await boundaries(db, level);
      const nameOf = await names();
      return {
        level,
        source: { file: entry.originalName, stateOf: entry.stateOf, provenance: entry.provenance },
        features: layer.features.features.length,
        withoutBoundary: match.withoutBoundary.map((code) => ({
          unit: { code, name: nameOf.get(code) ?? code, level },
          explanation: WITHOUT_BOUNDARY,
        })),
        recoded: match.recoded.map((r) => ({ ...r })),
        unmatched: [...match.unmatched],
      };
    },
  );

  app.get(
    '/units/:teryt/neighbours',
    {
      schema: {
        summary: 'Sąsiedzi jednostki / units sharing a border with a unit',
        tags: ['units'],
        params: UnitCodeParams,
        response: { 200: Neighbours },
      },
    },
    async (request) => {
      const code = request.params.teryt;
      const units = await currentUnitsCached(db);
      const byCode = new Map(units.map((u) => [u.code, u]));
      const unit = byCode.get(code);
      if (!unit || unit.level === 'czesc_gminy') {
        throw new ApiProblem(
          404,
          'unit-not-found',
          { pl: `Nie ma jednostki ${code} w rejestrze.`, en: `There is no unit ${code} in the register.` },
          'teryt',
        );
      }
      const ref = (c: string) => {
        const u = byCode.get(c);
        return { code: c, name: u ? displayName(u) : c, level: u?.level ?? unit.level };
      };
      if (unit.level === 'kraj') {
        // The country is the reference of every unit: SMUP compares no countries, so it has no neighbours.
        return {
          unit: ref(code),
          neighbours: null,
          message: {
            pl: 'Polska jest punktem odniesienia wszystkich jednostek; SMUP nie porównuje państw, więc nie ma sąsiadów.',
            en: 'Poland is the reference of every unit; SMUP compares no countries, so it has no neighbours.',
          },
        };
      }
      const { match } = await boundaries(db, unit.level as BoundaryLevel);
      const list = match.neighbours.get(code) ?? null;
      return {
        unit: ref(code),
        neighbours: list?.map(ref) ?? null,
        message: list === null ? WITHOUT_BOUNDARY : null,
      };
    },
  );
};
