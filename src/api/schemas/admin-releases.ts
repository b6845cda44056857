/**
 * Schemas of the data stewards' release administration (issue 18, point 5): every release with drafts and
 * history, the changes between any two, and the publish, discard and rollback actions.
 */
import { Type } from '@sinclair/typebox';
import { MAX_RELEASE_ID, Nullable, Page, PageSize } from './common.js';
import { ReleaseItem } from './data.js';
import { RevisionFilterParams, RevisionItems, RevisionSummary } from './revisions.js';

const ReleaseId = (description: string) => Type.Integer({ minimum: 1, maximum: MAX_RELEASE_ID, description });

export const AdminReleaseList = Type.Object({
  live: Nullable(Type.Integer({ description: 'The live release; null before the first publish.' })),
  draft: Nullable(
    Type.Object({
      ...ReleaseItem.properties,
      unfinished: Type.Array(Type.Object({ jobKey: Type.String(), description: Type.String() }), {
        description: 'Ingest jobs of the draft started but not merged: publishing waits for them.',
      }),
    }),
  ),
  items: Type.Array(ReleaseItem, {
    description: 'Every release, newest first: published (one live), the draft, discarded ones.',
  }),
});

export const ReleaseDiffQuery = Type.Object(
  {
    from: ReleaseId('Wydanie, od którego / the release compared from (earlier or later).'),
    to: ReleaseId('Wydanie, do którego / the release compared to (a draft too).'),
    ...RevisionFilterParams,
    page: Type.Optional(Page),
    pageSize: Type.Optional(PageSize),
  },
  { additionalProperties: false },
);

export const ReleaseDiff = Type.Object({
  from: ReleaseItem,
  to: ReleaseItem,
  summary: RevisionSummary,
  total: Type.Integer({ description: 'Changed values matching the filters.' }),
  page: Type.Integer(),
  pageSize: Type.Integer(),
  items: RevisionItems,
});

export const PublishBody = Type.Object(
  {
    draft: Type.Optional(
      ReleaseId(
        'Wersja robocza, którą potwierdzono / the draft confirmed: refused (409) if another is open.',
      ),
    ),
    compute: Type.Optional(
      Type.Boolean({
        default: true,
        description:
          'Najpierw przelicz wskaźniki (jak `smup publish`) / compute the indicators first, as `smup publish` does (default true).',
      }),
    ),
  },
  { additionalProperties: false },
);

export const DiscardBody = Type.Object(
  { draft: Type.Optional(ReleaseId('Wersja robocza, którą potwierdzono / the draft confirmed.')) },
  { additionalProperties: false },
);

export const RollbackBody = Type.Object(
  {
    to: Type.Optional(
      ReleaseId(
        'Opublikowane wydanie, do którego wrócić (domyślnie poprzednie) / the published release to go back to (default: the one live before).',
      ),
    ),
  },
  { additionalProperties: false },
);

const Counts = {
  added: Type.Integer(),
  changed: Type.Integer(),
  removed: Type.Integer(),
  variables: Type.Integer({ description: 'Variables with at least one change.' }),
};

export const PublishAnswer = Type.Object({
  releaseId: Type.Integer({ description: 'The live release now.' }),
  previous: Nullable(Type.Integer()),
  ...Counts,
  unchanged: Type.Boolean({
    description: 'True: the draft changed nothing, it was discarded and no release was published.',
  }),
  revertsTo: Type.Optional(Type.Integer()),
});

export const DiscardAnswer = Type.Object({ discarded: Type.Integer() });
