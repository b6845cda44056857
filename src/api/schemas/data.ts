import { Type } from '@sinclair/typebox';
import {
  FormatParams,
  Nullable,
  Page,
  PageSize,
  ReleaseParam,
  SafeText,
  StringEnum,
  Year,
} from './common.js';

export const VariableListQuery = Type.Object(
  {
    q: Type.Optional(
      SafeText({
        minLength: 1,
        maxLength: 200,
        description: 'Words of the name, subject or source id (all must occur).',
      }),
    ),
    page: Type.Optional(Page),
    pageSize: Type.Optional(PageSize),
  },
  { additionalProperties: false },
);

const Source = Type.Object({
  id: Type.String(),
  name: Type.String(),
  citation: Type.String(),
  licence: Type.String(),
});

export const VariableItem = Type.Object({
  id: Type.String(),
  sourceId: Type.String(),
  sourceCode: Type.String(),
  name: Type.String(),
  nameEn: Nullable(Type.String()),
  subjectPath: Nullable(Type.String()),
  measureUnit: Nullable(Type.String()),
  levels: Type.Array(Type.String()),
  source: Source,
});

export const VariableList = Type.Object({
  total: Type.Integer(),
  page: Type.Integer(),
  pageSize: Type.Integer(),
  items: Type.Array(VariableItem),
});

export const VariableParams = Type.Object(
  {
    id: Type.String({
      // Printable code after the source: no spaces, slashes or control characters.
      pattern: '^[a-z0-9_-]+:[^\\s/\\u0000-\\u001F\\u007F-\\u009F]+$',
      maxLength: 100,
      description: 'SMUP variable id: source:code, e.g. bdl:60559.',
    }),
  },
  { additionalProperties: false },
);

export const VariableDetail = Type.Composite([
  VariableItem,
  Type.Object({
    metadata: Type.Record(Type.String(), Type.Unknown()),
    release: Nullable(Type.Integer()),
    years: Type.Array(Type.Object({ year: Type.Integer(), count: Type.Integer() })),
  }),
]);

export const ReleaseItem = Type.Object({
  id: Type.Integer(),
  status: Type.String(),
  live: Type.Boolean(),
  description: Type.String(),
  createdAt: Type.String(),
  publishedAt: Nullable(Type.String()),
  basedOn: Nullable(Type.Integer()),
  revertsTo: Nullable(Type.Integer()),
  stats: Type.Record(Type.String(), Type.Unknown()),
});

export const VariableDataQuery = Type.Object(
  {
    ...FormatParams,
    year: Year('Year of the values.'),
    level: StringEnum(['wojewodztwo', 'powiat', 'gmina'] as const, { description: 'Level of units.' }),
    release: Type.Optional(ReleaseParam),
  },
  { additionalProperties: false },
);

export const FlagSchema = Type.Object({
  id: Type.Integer(),
  symbol: Type.String(),
  label: Type.Object({ pl: Type.String(), en: Type.String() }),
});

export const VariableData = Type.Object({
  variable: Type.Object({
    id: Type.String(),
    name: Type.String(),
    measureUnit: Nullable(Type.String()),
    source: Source,
  }),
  release: Type.Integer(),
  year: Type.Integer(),
  level: Type.String(),
  total: Type.Integer(),
  items: Type.Array(
    Type.Object({
      unit: Type.Object({ code: Type.String(), name: Nullable(Type.String()) }),
      value: Nullable(Type.Number()),
      flag: Nullable(FlagSchema),
      note: Nullable(Type.String()),
    }),
  ),
});
