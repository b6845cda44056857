/**
 * Releases for data stewards and administrators (issue 18, point 5), under /api/v1/admin/releases: every
 * release (live, draft, history), the changes between any two of them (drafts included), and publish,
 * discard and rollback — the very pipeline functions `smup publish` and `smup releases …` call
 * (pipeline/releases.ts: one transaction under the release lock, so a killed process leaves the old state or
 * the new one), each with its audit record in the same transaction. Publishing computes the indicators into
 * the draft first, as `smup publish` does, so a live release never pairs new inputs with stale indicators.
 */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { Mailer } from '../../accounts/mailer.js';
import type { CompiledRule } from '../../domain/plausibility/check.js';
import { computeIndicators, type ComputableIndicator } from '../../pipeline/compute.js';
import {
  discardCurrentDraft,
  draftToActOn,
  publishDraft,
  ReleaseError,
  rollback,
} from '../../pipeline/releases.js';
import { notifyWatchers } from '../../pipeline/watchlists.js';
import type { Database } from '../../store/database.js';
import { unfinishedJobs } from '../../store/observations-store.js';
import { getRelease, listReleases, type Release } from '../../store/releases-store.js';
import { neverCached, SESSION_SECURITY } from '../auth/account-routes.js';
import { auditActor, requireRole } from '../auth/guard.js';
import { ApiProblem } from '../problem.js';
import { revisionFilter, revisionLogPage } from '../revision-log.js';
import {
  AdminReleaseList,
  DiscardAnswer,
  DiscardBody,
  PublishAnswer,
  PublishBody,
  ReleaseDiff,
  ReleaseDiffQuery,
  RollbackBody,
} from '../schemas/admin-releases.js';

export interface AdminReleaseOptions {
  readonly db: Database;
  /** What publishing computes first: the catalogue's indicators and plausibility rules. */
  readonly indicators: readonly ComputableIndicator[];
  readonly rules: readonly CompiledRule[];
  /** Where SMTP is configured: watchers are told of a new live release, as `smup publish` does. */
  readonly mailer: Mailer | null;
}

/** A refused release operation as a 409 problem with its code and both languages. */
async function asProblem<T>(work: Promise<T>): Promise<T> {
  try {
    return await work;
  } catch (error) {
    if (error instanceof ReleaseError) {
      throw new ApiProblem(
        409,
        error.code,
        error.messages,
        error.code === 'not-published' ? 'to' : undefined,
      );
    }
    throw error;
  }
}

async function existing(db: Database, id: number, param: string): Promise<Release> {
  const release = await getRelease(db, id);
  // A discarded draft's values are gone: there is nothing to compare.
  if (!release || release.status === 'discarded') {
    throw new ApiProblem(
      404,
      'release-not-found',
      {
        pl: `Nie ma wydania ${id} (opublikowanego ani roboczego).`,
        en: `There is no release ${id} (published or draft).`,
      },
      param,
    );
  }
  return release;
}

// Over 80 lines: a Fastify plugin: its body is the registrations of its routes (schema, then a handler each).
export const adminReleaseRoutes: FastifyPluginAsyncTypebox<AdminReleaseOptions> = async (
  app,
  { db, indicators, rules, mailer },
) => {
  neverCached(app);
  const stewards = requireRole('admin', 'steward');
  const common = { tags: ['admin'], security: SESSION_SECURITY };

  app.get(
    '/admin/releases',
    {
      preHandler: stewards,
      schema: {
        ...common,
        operationId: 'listAdminReleases',
        summary:
          'Wszystkie wydania: aktualne, robocze, historia / every release: live, draft, history (steward, admin)',
        response: { 200: AdminReleaseList },
      },
    },
    async () => {
      const items = (await listReleases(db)).reverse();
      const draft = items.find((r) => r.status === 'draft');
      return {
        live: items.find((r) => r.live)?.id ?? null,
        draft: draft ? { ...draft, unfinished: await unfinishedJobs(db, draft.id) } : null,
        items,
      };
    },
  );

  app.get(
    '/admin/releases/diff',
    {
      preHandler: stewards,
      schema: {
        ...common,
        operationId: 'diffReleases',
        summary:
          'Różnice między dwoma wydaniami, także roboczym / what changed between two releases, a draft too, by variable and unit (steward, admin)',
        querystring: ReleaseDiffQuery,
        response: { 200: ReleaseDiff },
      },
    },
    async (request) => {
      const { from, to, page = 1, pageSize = 50 } = request.query;
      const [a, b] = [await existing(db, from, 'from'), await existing(db, to, 'to')];
      const filter = revisionFilter(request.query);
      const log =
        from === to
          ? { summary: [], total: 0, items: [] }
          : await revisionLogPage(db, { from, to, filter, page, pageSize });
      return { from: a, to: b, page, pageSize, ...log };
    },
  );

  app.post(
    '/admin/releases/draft/publish',
    {
      preHandler: stewards,
      schema: {
        ...common,
        operationId: 'publishDraftRelease',
        summary: 'Opublikuj wersję roboczą / publish the draft release (steward, admin)',
        description:
          'Najpierw przelicza wskaźniki w wersji roboczej (compute=false: bez tego), potem atomowo czyni ją aktualną; wersja bez zmian jest odrzucana (unchanged). / Computes the indicators into the draft first (compute=false: not), then makes it live atomically; a draft without changes is discarded (unchanged).',
        body: PublishBody,
        response: { 200: PublishAnswer },
      },
    },
    async (request) => {
      const { draft: expectDraft, compute = true } = request.body ?? {};
      const actor = await auditActor(request);
      // Checked first, as `smup publish` does: computing would otherwise open a draft only to publish it.
      await asProblem(draftToActOn(db, 'publish', expectDraft));
      if (compute) await computeIndicators(db, indicators, { rules, description: `compute before publish` });
      const result = await asProblem(publishDraft(db, { actor, ...(expectDraft ? { expectDraft } : {}) }));
      if (mailer && !result.unchanged) {
        // The release is live whatever the mail server says; a failure is logged, not answered.
        await notifyWatchers(db, result.releaseId, mailer, mailer.publicUrl).catch((error: unknown) =>
          request.log.error({ err: error }, 'watchers could not be e-mailed'),
        );
      }
      return result;
    },
  );

  app.post(
    '/admin/releases/draft/discard',
    {
      preHandler: stewards,
      schema: {
        ...common,
        operationId: 'discardDraftRelease',
        summary:
          'Odrzuć wersję roboczą / discard the draft release; the live release is not affected (steward, admin)',
        body: DiscardBody,
        response: { 200: DiscardAnswer },
      },
    },
    async (request) => {
      const expectDraft = request.body?.draft;
      const discarded = await asProblem(
        discardCurrentDraft(db, {
          actor: await auditActor(request),
          ...(expectDraft ? { expectDraft } : {}),
        }),
      );
      return { discarded };
    },
  );

  app.post(
    '/admin/releases/rollback',
    {
      preHandler: stewards,
      schema: {
        ...common,
        operationId: 'rollbackRelease',
        summary:
          'Przywróć wcześniejsze wydanie / roll the live data back to an earlier published release, as a new release (steward, admin)',
        body: RollbackBody,
        response: { 200: PublishAnswer },
      },
    },
    async (request) => asProblem(rollback(db, request.body?.to, { actor: await auditActor(request) })),
  );
};
