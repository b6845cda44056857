/**
 * Watchlists (issue 18, point 3): a signed-in user's watched units and indicators, and what the releases
 * since changed in them (the "Zmiany" page reads it). Any role; no session: 401. Adding and removing a
 * watch is audited.
 */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { watchedChanges } from '../../pipeline/watchlists.js';
import type { Database } from '../../store/database.js';
import { addWatch, listWatches, removeWatch, type Watch } from '../../store/watchlists-store.js';
import { appendAudit } from '../../store/audit-store.js';
import { auditActor, requireCurrentUser, requireUser } from '../auth/guard.js';
import { flagJson } from '../flag-json.js';
import { ApiProblem } from '../problem.js';
import { WatchBody, WatchedChanges, WatchList } from '../schemas/submissions.js';

const MAX_WATCHES = 200;

const watchView = (w: Watch) => ({
  unit: w.unitCode || null,
  indicator: w.indicatorId || null,
  sinceRelease: w.sinceRelease,
  createdAt: w.createdAt,
});

// Over 80 lines: a Fastify plugin: its body is the registrations of its routes (schema, then a handler each).
export const watchRoutes: FastifyPluginAsyncTypebox<{
  db: Database;
  indicatorIds: ReadonlySet<string>;
}> = async (app, { db, indicatorIds }) => {
  const tags = ['account'];
  app.get(
    '/me/watches',
    {
      preHandler: requireUser(),
      schema: {
        summary: 'Obserwowane / the units and indicators I watch',
        tags,
        response: { 200: WatchList },
      },
    },
    async (request, reply) => {
      const user = await requireCurrentUser(request);
      reply.header('cache-control', 'no-store');
      return { items: (await listWatches(db, user.id)).map(watchView) };
    },
  );

  const change =
    (verb: 'add' | 'remove') =>
    async (
      request: { body: { unit?: string; indicator?: string } } & Parameters<typeof requireCurrentUser>[0],
    ) => {
      const user = await requireCurrentUser(request);
      const watch = { unitCode: request.body.unit ?? '', indicatorId: request.body.indicator ?? '' };
      if (watch.unitCode && watch.indicatorId) {
        throw new ApiProblem(400, 'invalid-parameter', {
          pl: 'Obserwuje się jednostkę albo wskaźnik, nie parę: podaj jedno z „unit”, „indicator”.',
          en: 'A watch is of a unit or of an indicator, not a pair: give one of "unit", "indicator".',
        });
      }
      if (watch.indicatorId && !indicatorIds.has(watch.indicatorId)) {
        throw new ApiProblem(
          404,
          'indicator-not-found',
          {
            pl: `Nie ma wskaźnika ${watch.indicatorId}.`,
            en: `There is no indicator ${watch.indicatorId}.`,
          },
          'indicator',
        );
      }
      if (watch.unitCode) {
        const [unit] = await db.query('SELECT 1 AS n FROM unit_version WHERE code = $1 LIMIT 1', [
          watch.unitCode,
        ]);
        if (!unit) {
          throw new ApiProblem(
            404,
            'unit-not-found',
            {
              pl: `Nie ma jednostki ${watch.unitCode}.`,
              en: `There is no unit ${watch.unitCode}.`,
            },
            'unit',
          );
        }
      }
      const actor = await auditActor(request);
      return db.transaction(async (tx) => {
        if (verb === 'add' && (await listWatches(tx, user.id)).length >= MAX_WATCHES) {
          throw new ApiProblem(409, 'limit-exceeded', {
            pl: `Najwyżej ${MAX_WATCHES} obserwowanych pozycji.`,
            en: `At most ${MAX_WATCHES} watches.`,
          });
        }
        const done =
          verb === 'add' ? await addWatch(tx, user.id, watch) : await removeWatch(tx, user.id, watch);
        if (done) {
          await appendAudit(tx, {
            ...actor,
            action: `watch.${verb}`,
            targetType: 'watch',
            targetId: user.id,
            ...(verb === 'add' ? { after: watch } : { before: watch }),
          });
        }
        return { items: (await listWatches(tx, user.id)).map(watchView) };
      });
    };

  app.post(
    '/me/watches',
    {
      preHandler: requireUser(),
      schema: {
        summary: 'Obserwuj / watch a unit or an indicator',
        tags,
        body: WatchBody,
        response: { 200: WatchList },
      },
    },
    change('add'),
  );
  app.post(
    '/me/watches/remove',
    {
      preHandler: requireUser(),
      schema: {
        summary: 'Przestań obserwować / stop watching a unit or an indicator',
        tags,
        body: WatchBody,
        response: { 200: WatchList },
      },
    },
    change('remove'),
  );

  app.get(
    '/me/changes',
    {
      preHandler: requireUser(),
      schema: {
        summary:
          'Zmiany / what the releases since my first watch changed in the units and indicators I watch',
        tags,
        querystring: Type.Object({}, { additionalProperties: false }),
        response: { 200: WatchedChanges },
      },
    },
    async (request, reply) => {
      const user = await requireCurrentUser(request);
      const { watches, releases } = await watchedChanges(db, user.id);
      reply.header('cache-control', 'no-store');
      return {
        watches: watches.map(watchView),
        releases: releases.map((r) => ({
          ...r,
          items: r.items.map((i) => ({
            variable: { id: i.variableId, name: i.name, measureUnit: i.measureUnit },
            unit: i.unitCode,
            year: i.year,
            kind: i.kind,
            before: i.before && { ...i.before, flag: flagJson(i.before.flag) },
            after: i.after && { ...i.after, flag: flagJson(i.after.flag) },
          })),
        })),
      };
    },
  );
};
