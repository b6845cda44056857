import { Type } from '@sinclair/typebox';
import { ChangedVariable, ChangeSide } from './revisions.js';
import { Nullable, NO_CONTROL_CHARACTERS, Page, PageSize, StringEnum, Year } from './common.js';

export const TerytParams = Type.Object(
  {
    teryt: Type.String({ pattern: '^(\\d{2}|\\d{4}|\\d{7})$', description: 'TERYT code of the unit.' }),
  },
  { additionalProperties: false },
);

export const SubmissionParams = Type.Object(
  { id: Type.Integer({ minimum: 1, maximum: 2_147_483_647, description: 'The submission.' }) },
  { additionalProperties: false },
);

/** Free text with line breaks, but no other control character (PostgreSQL refuses NUL in text). */
const TEXT_WITH_LINES = '^[^\\u0000-\\u0008\\u000B\\u000C\\u000E-\\u001F\\u007F]*$';

const Comment = Type.String({
  maxLength: 2000,
  pattern: TEXT_WITH_LINES,
  description: 'Komentarz dla opiekuna danych / a comment for the data steward.',
});

export const SubmissionBody = Type.Object(
  {
    comment: Type.Optional(Comment),
    values: Type.Array(
      Type.Object(
        {
          variable: Type.String({
            maxLength: 100,
            pattern: NO_CONTROL_CHARACTERS,
            description: 'The JST variable, e.g. jst:koszt-dowozu-uczniow.',
          }),
          year: Type.Integer({ minimum: 1900, maximum: 2100 }),
          value: Type.Union(
            [Type.Number(), Type.String({ maxLength: 40, pattern: NO_CONTROL_CHARACTERS }), Type.Null()],
            {
              description: 'A number, or its text as typed ("1 234,56"); null or "" leaves the variable out.',
            },
          ),
        },
        { additionalProperties: false },
      ),
      { minItems: 1, maxItems: 500 },
    ),
  },
  { additionalProperties: false },
);

export const FileQuery = Type.Object(
  {
    comment: Type.Optional(Comment),
    fileName: Type.Optional(
      Type.String({
        maxLength: 200,
        pattern: NO_CONTROL_CHARACTERS,
        description: 'The name of the file sent.',
      }),
    ),
  },
  { additionalProperties: false },
);

export const TemplateQuery = Type.Object(
  {
    format: Type.Optional(
      StringEnum(['csv', 'xlsx'] as const, { description: 'File format (default xlsx).' }),
    ),
    year: Type.Optional(Year('The year of the values (default: last year).')),
  },
  { additionalProperties: false },
);

export const ReasonBody = Type.Object(
  {
    reason: Type.String({
      minLength: 1,
      maxLength: 2000,
      pattern: TEXT_WITH_LINES,
      description: 'Why it is rejected (shown to the author).',
    }),
  },
  { additionalProperties: false },
);

const STATUSES = ['submitted', 'accepted', 'rejected'] as const;

export const SubmissionListQuery = Type.Object(
  {
    status: Type.Optional(StringEnum(STATUSES)),
    unit: Type.Optional(Type.String({ pattern: '^(\\d{2}|\\d{4}|\\d{7})$' })),
    page: Type.Optional(Page),
    pageSize: Type.Optional(PageSize),
  },
  { additionalProperties: false },
);

const Problem = Type.Object({
  line: Nullable(Type.Integer()),
  variableId: Nullable(Type.String()),
  field: Type.String(),
  severity: StringEnum(['error', 'warning'] as const),
  ruleId: Type.Optional(Type.String()),
  message: Type.Object({ pl: Type.String(), en: Type.String() }),
});

export const SubmissionSchema = Type.Object({
  id: Type.Integer(),
  unit: Type.Object({ code: Type.String(), name: Nullable(Type.String()) }),
  author: Type.String(),
  comment: Type.String(),
  origin: Type.String(),
  fileName: Nullable(Type.String()),
  status: StringEnum(STATUSES),
  submittedAt: Type.String(),
  reviewer: Nullable(Type.String()),
  reviewedAt: Nullable(Type.String()),
  reason: Nullable(Type.String()),
  release: Type.Object({
    draft: Nullable(
      Type.Integer({ description: 'The draft release its accepted values were written into.' }),
    ),
    published: Nullable(Type.Integer({ description: 'The release that published them.' })),
  }),
  warnings: Type.Array(Problem),
  values: Type.Array(
    Type.Object({
      variable: Type.Object({
        id: Type.String(),
        name: Nullable(Type.String()),
        measureUnit: Nullable(Type.String()),
      }),
      year: Type.Integer(),
      value: Type.Number(),
      line: Nullable(Type.Integer()),
    }),
  ),
});

export const SubmissionList = Type.Object({
  total: Type.Integer(),
  page: Type.Integer(),
  pageSize: Type.Integer(),
  items: Type.Array(SubmissionSchema),
});

export const JstVariableList = Type.Object({
  unit: Type.Object({ code: Type.String(), name: Type.String(), level: Type.String() }),
  years: Type.Object({ first: Type.Integer(), last: Type.Integer() }),
  variables: Type.Array(
    Type.Object({
      id: Type.String(),
      name: Type.Object({ pl: Type.String(), en: Type.String() }),
      measureUnit: Type.String(),
      decimals: Type.Integer(),
    }),
  ),
});

export const WatchBody = Type.Object(
  {
    unit: Type.Optional(
      Type.String({ pattern: '^(0|\\d{2}|\\d{4}|\\d{7})$', description: 'A unit to watch.' }),
    ),
    indicator: Type.Optional(
      Type.String({ pattern: '^[a-z][a-z0-9_.]*$', maxLength: 120, description: 'An indicator to watch.' }),
    ),
  },
  { additionalProperties: false, minProperties: 1 },
);

export const WatchList = Type.Object({
  items: Type.Array(
    Type.Object({
      unit: Nullable(Type.String()),
      indicator: Nullable(Type.String()),
      sinceRelease: Nullable(Type.Integer()),
      createdAt: Type.String(),
    }),
  ),
});

export const WatchedChanges = Type.Object({
  watches: WatchList.properties.items,
  releases: Type.Array(
    Type.Object({
      release: Type.Integer(),
      previous: Type.Integer(),
      publishedAt: Nullable(Type.String()),
      total: Type.Integer(),
      items: Type.Array(
        Type.Object({
          variable: ChangedVariable,
          unit: Type.String(),
          year: Type.Integer(),
          kind: Type.String(),
          before: ChangeSide,
          after: ChangeSide,
        }),
      ),
    }),
  ),
});
