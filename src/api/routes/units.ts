import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { KIND_LABELS, LEVEL_LABELS } from '../../domain/units/unit.js';
import type { Database } from '../../store/database.js';
import {
  changesOf,
  childrenAt,
  linksOf,
  listSnapshots,
  searchUnits,
  unitsAt,
  unitVersions,
  type UnitRow,
} from '../../store/units-store.js';
import { ApiProblem } from '../problem.js';
import { UnitDetail, UnitList, UnitListQuery, UnitParams, UnitQuery } from '../schemas/units.js';

const ref = (row: UnitRow) => ({
  code: row.code,
  name: row.name,
  level: row.level,
  kind: row.kind,
  kindLabel: KIND_LABELS[row.kind],
});

async function registerInfo(db: Database) {
  const latest = (await listSnapshots(db)).at(-1);
  return {
    register: 'TERYT TERC',
    stateDate: latest?.stateDate ?? null,
    source: 'Główny Urząd Statystyczny, rejestr TERYT (TERC)',
    licence: 'dane publiczne / public data',
  };
}

// Over 80 lines: a Fastify plugin: its body is the registrations of its routes (schema, then a handler each).
export const unitsRoutes: FastifyPluginAsyncTypebox<{ db: Database }> = async (app, { db }) => {
  app.get(
    '/units',
    {
      schema: {
        summary: 'Search and list units (województwa, powiaty, gminy)',
        tags: ['units'],
        querystring: UnitListQuery,
        response: { 200: UnitList },
      },
    },
    async (request) => {
      const { page = 1, pageSize = 50, level, kind, parent, q, date } = request.query;
      const { total, items } = await searchUnits(db, {
        level,
        kind,
        within: parent,
        text: q,
        date,
        offset: (page - 1) * pageSize,
        limit: pageSize,
      });
      const link = (target: number): string => {
        const params = new URLSearchParams(request.query as Record<string, string>);
        params.set('page', String(target));
        params.set('pageSize', String(pageSize));
        return `/api/v1/units?${params.toString()}`;
      };
      return {
        total,
        page,
        pageSize,
        items: items.map((row) => ({
          ...ref(row),
          parentCode: row.parentCode,
          validFrom: row.validFrom,
          validTo: row.validTo,
        })),
        links: {
          self: link(page),
          next: page * pageSize < total ? link(page + 1) : null,
          prev: page > 1 ? link(page - 1) : null,
        },
        register: await registerInfo(db),
      };
    },
  );

  // Over 80 lines: the route handler: input checks, one read, then the answer's shape in order; split with the route's next change (issue 19).
  app.get(
    '/units/:teryt',
    {
      schema: {
        summary: 'One unit: its kind, parents, children, history and register changes',
        tags: ['units'],
        params: UnitParams,
        querystring: UnitQuery,
        response: { 200: UnitDetail },
      },
    },
    async (request) => {
      const { teryt } = request.params;
      const { date } = request.query;
      const versions = await unitVersions(db, teryt);
      if (versions.length === 0) {
        throw new ApiProblem(
          404,
          'unit-not-found',
          {
            pl: `Rejestr TERYT nie zawiera jednostki o kodzie ${teryt}.`,
            en: `The TERYT register has no unit with code ${teryt}.`,
          },
          'teryt',
        );
      }
      const version = date
        ? versions.find((v) => v.validFrom <= date && (v.validTo === null || v.validTo > date))
        : (versions.find((v) => v.validTo === null) ?? versions.at(-1));
      if (!version) {
        const span = versions.map((v) => `${v.validFrom}–${v.validTo ?? ''}`).join(', ');
        throw new ApiProblem(
          404,
          'unit-not-valid-on-date',
          {
            pl: `Jednostka ${teryt} nie istniała w rejestrze w dniu ${date} (znana w okresach: ${span}).`,
            en: `Unit ${teryt} was not in the register on ${date} (known for: ${span}).`,
          },
          'date',
        );
      }
      // A unit that is no longer current is shown with the parents and children it had then.
      const at = date ?? (version.validTo === null ? null : version.validFrom);
      const parentCodes = [
        version.parentCode,
        teryt.length === 7 ? teryt.slice(0, 4) : null,
        teryt.slice(0, 2),
      ].filter((code): code is string => code !== null && code !== teryt);
      const [parentRows, children, links, changes] = await Promise.all([
        unitsAt(db, [...new Set(parentCodes)], at),
        childrenAt(db, teryt, at),
        linksOf(db, teryt),
        changesOf(db, teryt),
      ]);
      // Nearest parent first: part of gmina → gmina → powiat → województwo.
      const parents = parentRows.sort(
        (a, b) => b.code.length - a.code.length || a.code.localeCompare(b.code),
      );
      const find = (level: UnitRow['level']) => parents.find((p) => p.level === level);
      const powiat = find('powiat');
      const wojewodztwo = find('wojewodztwo');
      const body: UnitDetail = {
        code: version.code,
        name: version.name,
        officialName: version.officialName,
        level: version.level,
        levelLabel: LEVEL_LABELS[version.level],
        kind: version.kind,
        kindLabel: KIND_LABELS[version.kind],
        description: version.description,
        validFrom: version.validFrom,
        validTo: version.validTo,
        current: version.validTo === null,
        parents: parents.map(ref),
        powiat: powiat ? ref(powiat) : null,
        wojewodztwo: wojewodztwo ? ref(wojewodztwo) : null,
        children: children.map(ref),
        predecessors: links
          .filter((l) => l.successorCode === teryt)
          .map((l) => ({ code: l.predecessorCode, date: l.date, reason: l.reason })),
        successors: links
          .filter((l) => l.predecessorCode === teryt)
          .map((l) => ({ code: l.successorCode, date: l.date, reason: l.reason })),
        history: versions.map((v) => ({
          validFrom: v.validFrom,
          validTo: v.validTo,
          name: v.name,
          kind: v.kind,
          description: v.description,
        })),
        changes,
        register: await registerInfo(db),
      };
      return body;
    },
  );
};
