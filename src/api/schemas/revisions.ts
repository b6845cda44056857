import { Type } from '@sinclair/typebox';
import { Nullable, Page, PageSize, ReleaseParam, SafeText, StringEnum } from './common.js';
import { FlagSchema } from './data.js';

const KINDS = ['new', 'revised', 'flag', 'note', 'removed'] as const;

export const RevisionParams = Type.Object(
  { id: { ...ReleaseParam, description: 'The published release whose changes to list.' } },
  { additionalProperties: false },
);

/** The filters of a revision log (public log and the stewards' diff of two releases). */
export const RevisionFilterParams = {
  variable: Type.Optional(
    SafeText({
      minLength: 3,
      maxLength: 1000,
      description:
        'Zmienne / variable ids, comma-separated (source:code, or ind:<indicator> for an indicator), e.g. ind:kontekst.ludnosc.',
    }),
  ),
  unit: Type.Optional(
    Type.String({
      pattern: '^(0|\\d{2}|\\d{4}|\\d{7})(,(0|\\d{2}|\\d{4}|\\d{7}))*$',
      maxLength: 800,
      description: 'Jednostki / TERYT codes, comma-separated (at most 100).',
    }),
  ),
  kind: Type.Optional(
    StringEnum(KINDS, {
      description:
        'Rodzaj zmiany / kind of change: new (a value the previous release lacked), revised (another value), flag (same value, another flag), note (only the note), removed.',
    }),
  ),
};

export const RevisionQuery = Type.Object(
  { ...RevisionFilterParams, page: Type.Optional(Page), pageSize: Type.Optional(PageSize) },
  { additionalProperties: false },
);

/** One side of a changed value (before or after); null where that release had no value. */
export const ChangeSide = Nullable(
  Type.Object({
    value: Nullable(Type.Number()),
    flag: Nullable(FlagSchema),
    note: Nullable(Type.String()),
  }),
);

/** The variable a changed value belongs to, named as the release's variables table has it. */
export const ChangedVariable = Type.Object({
  id: Type.String(),
  name: Nullable(Type.String()),
  measureUnit: Nullable(Type.String()),
});

export const RevisionSummary = Type.Array(
  Type.Object({
    variable: ChangedVariable,
    new: Type.Integer(),
    revised: Type.Integer(),
    flag: Type.Integer(),
    note: Type.Integer(),
    removed: Type.Integer(),
  }),
  { description: 'Per variable (with the filters applied): how many values changed, by kind.' },
);

export const RevisionItems = Type.Array(
  Type.Object({
    variable: ChangedVariable,
    unit: Type.Object({ code: Type.String(), name: Nullable(Type.String()) }),
    year: Type.Integer(),
    kind: StringEnum(KINDS),
    before: ChangeSide,
    after: ChangeSide,
  }),
);

export const RevisionLog = Type.Object({
  release: Type.Integer({ description: 'The release whose changes these are.' }),
  previous: Nullable(
    Type.Integer({ description: 'The published release compared with; null for the first release.' }),
  ),
  publishedAt: Nullable(Type.String()),
  description: Type.String(),
  summary: RevisionSummary,
  total: Type.Integer({ description: 'Changed values matching the filters.' }),
  page: Type.Integer(),
  pageSize: Type.Integer(),
  items: RevisionItems,
});
