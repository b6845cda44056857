import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { Database } from '../../store/database.js';
import { getRelease } from '../../store/releases-store.js';
import {
  previousPublished,
  revisionCounts,
  revisions,
  variableLabels,
  type RevisionFilter,
  type RevisionKind,
  type RevisionSide,
} from '../../store/revisions-store.js';
import { unitsAt } from '../../store/units-store.js';
import { flagJson } from '../flag-json.js';
import { markRelease } from '../plugins/release-caching.js';
import { ApiProblem } from '../problem.js';
import { RevisionLog, RevisionParams, RevisionQuery } from '../schemas/revisions.js';

const MAX_LIST = 100;

function list(value: string | undefined, param: string): string[] | undefined {
  if (value === undefined) return undefined;
  const items = [...new Set(value.split(',').map((s) => s.trim()))].filter(Boolean);
  if (items.length > MAX_LIST) {
    throw new ApiProblem(
      400,
      'limit-exceeded',
      {
        pl: `Parametr „${param}”: najwyżej ${MAX_LIST} pozycji, podano ${items.length}.`,
        en: `Parameter "${param}": at most ${MAX_LIST} items, ${items.length} given.`,
      },
      param,
    );
  }
  return items;
}

const side = (s: RevisionSide | null) => s && { value: s.value, flag: flagJson(s.flag), note: s.note };

/** The public revision log of each release (issue 18, point 3): what changed since the previous one. */
// Over 80 lines: a Fastify plugin: its body is the registrations of its routes (schema, then a handler each).
export const revisionRoutes: FastifyPluginAsyncTypebox<{ db: Database }> = async (app, { db }) => {
  app.get(
    '/releases/:id/changes',
    {
      schema: {
        summary:
          'Dziennik zmian wydania / the revision log of a release: every value new, revised, re-flagged or removed since the previous published release',
        tags: ['releases'],
        params: RevisionParams,
        querystring: RevisionQuery,
        response: { 200: RevisionLog },
      },
    },
    async (request, reply) => {
      const { id } = request.params;
      const release = await getRelease(db, id);
      if (!release || release.status !== 'published') {
        throw new ApiProblem(
          404,
          'release-not-found',
          { pl: `Nie ma opublikowanego wydania ${id}.`, en: `There is no published release ${id}.` },
          'id',
        );
      }
      const { page = 1, pageSize = 50 } = request.query;
      const filter: RevisionFilter = {
        variableIds: list(request.query.variable, 'variable'),
        unitCodes: list(request.query.unit, 'unit'),
        kinds: request.query.kind ? [request.query.kind] : undefined,
      };
      const previous = await previousPublished(db, id);
      markRelease(reply, id);
      const base = {
        release: id,
        previous,
        publishedAt: release.publishedAt,
        description: release.description,
        page,
        pageSize,
      };
      // The first release has no predecessor: all of it is new, which a log of changes would only repeat.
      if (previous === null) return { ...base, summary: [], total: 0, items: [] };
      const [counts, rows] = await Promise.all([
        revisionCounts(db, previous, id, filter),
        revisions(db, previous, id, filter, { offset: (page - 1) * pageSize, limit: pageSize }),
      ]);
      const variableIds = [
        ...new Set([...counts.map((c) => c.variableId), ...rows.map((r) => r.variableId)]),
      ];
      const [labels, units] = await Promise.all([
        variableLabels(db, variableIds),
        unitsAt(db, [...new Set(rows.map((r) => r.unitCode))], null),
      ]);
      const labelOf = new Map(labels.map((l) => [l.id, l]));
      const unitName = new Map(units.map((u) => [u.code, u.name]));
      const variable = (vid: string) => ({
        id: vid,
        name: labelOf.get(vid)?.name ?? null,
        measureUnit: labelOf.get(vid)?.measureUnit ?? null,
      });
      const summary = new Map<string, Record<RevisionKind, number>>();
      for (const c of counts) {
        let entry = summary.get(c.variableId);
        if (!entry) summary.set(c.variableId, (entry = { new: 0, revised: 0, flag: 0, note: 0, removed: 0 }));
        entry[c.kind] = c.count;
      }
      return {
        ...base,
        summary: [...summary].map(([vid, n]) => ({ variable: variable(vid), ...n })),
        total: counts.reduce((s, c) => s + c.count, 0),
        items: rows.map((r) => ({
          variable: variable(r.variableId),
          unit: {
            code: r.unitCode,
            name: unitName.get(r.unitCode) ?? (r.unitCode === '0' ? 'Polska' : null),
          },
          year: r.year,
          kind: r.kind,
          before: side(r.before),
          after: side(r.after),
        })),
      };
    },
  );
};
