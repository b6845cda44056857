import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { Database } from '../../store/database.js';
import { getRelease } from '../../store/releases-store.js';
import { previousPublished } from '../../store/revisions-store.js';
import { revisionFilter, revisionLogPage } from '../revision-log.js';
import { markRelease } from '../plugins/release-caching.js';
import { ApiProblem } from '../problem.js';
import { RevisionLog, RevisionParams, RevisionQuery } from '../schemas/revisions.js';

/** The public revision log of each release (issue 18, point 3): what changed since the previous one. */
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
      const filter = revisionFilter(request.query);
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
      return { ...base, ...(await revisionLogPage(db, { from: previous, to: id, filter, page, pageSize })) };
    },
  );
};
