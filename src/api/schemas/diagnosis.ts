import { Type } from '@sinclair/typebox';
import { Nullable, ReleaseParam, StringEnum, Year } from './common.js';
import { FlagSchema } from './data.js';

/** The reference sets the profile accepts (schemas/profile.ts), repeated for the diagnosis and report. */
export const AgainstParam = Type.String({
  maxLength: 80,
  pattern: '^(group|neighbours|voivodeship|country|similar|set:[A-Za-z0-9_-]{1,64})$',
  default: 'group',
  description:
    'Zbiór odniesienia / reference set: group, neighbours, voivodeship, country, similar, set:ID (saved set).',
});

export const AreasParam = Type.String({
  maxLength: 400,
  pattern: '^[a-z0-9_]{1,40}(,[a-z0-9_]{1,40}){0,19}$',
  description:
    'Obszary (id, po przecinku) / areas (ids, comma-separated), e.g. edukacja,administracja_finanse.',
});

export const LangParam = StringEnum(['pl', 'en'] as const, {
  default: 'pl',
  description: 'Język zdań / language of the sentences.',
});

export const DiagnosisQuery = Type.Object(
  {
    year: Type.Optional(Year('Year; default: each indicator’s latest year with data.')),
    against: Type.Optional(AgainstParam),
    areas: Type.Optional(AreasParam),
    lang: Type.Optional(LangParam),
    release: Type.Optional(ReleaseParam),
  },
  { additionalProperties: false },
);

const Counts = Type.Object({
  strong: Type.Integer(),
  weak: Type.Integer(),
  middle: Type.Integer(),
  described: Type.Integer(),
  missing: Type.Integer(),
  improved: Type.Integer(),
  worsened: Type.Integer(),
});

export const Finding = Type.Object({
  indicator: Type.Object({
    id: Type.String(),
    name: Type.String(),
    area: Type.String(),
    service: Type.String(),
    dimension: Type.String(),
    direction: Type.String(),
    measureUnit: Type.String(),
    decimals: Type.Integer(),
  }),
  kind: StringEnum(['strong', 'weak', 'middle', 'described', 'missing'] as const, {
    description:
      'strong: best 25% of the set, weak: worst 25% (direction taken into account); described: neutral or context indicator, not judged; missing: no value or no position.',
  }),
  position: Type.String({ description: 'The position in words.' }),
  year: Nullable(Type.Integer()),
  value: Nullable(Type.Number()),
  flag: Nullable(FlagSchema),
  median: Nullable(Type.Number()),
  q1: Nullable(Type.Number()),
  q3: Nullable(Type.Number()),
  rank: Nullable(Type.Integer()),
  rankedCount: Nullable(Type.Integer()),
  trend: Nullable(
    StringEnum(['improved', 'worsened', 'same', 'described'] as const, {
      description: 'The 5-year change of the unit against the set’s median change, by direction.',
    }),
  ),
  change: Nullable(Type.Object({ years: Type.Integer(), unit: Type.Number(), setMedian: Type.Number() })),
  missing: Nullable(
    Type.Object({ reason: Type.String(), text: Type.String(), detail: Nullable(Type.String()) }),
  ),
  sources: Type.Array(Type.String()),
  citation: Type.String(),
  sentence: Type.String(),
  trendSentence: Nullable(Type.String()),
});

export const Source = Type.Object({
  id: Type.String(),
  name: Type.String(),
  citation: Type.String(),
  licence: Type.String(),
  url: Nullable(Type.String()),
});

export const Diagnosis = Type.Object({
  lang: Type.String(),
  unit: Type.Object({ code: Type.String(), name: Type.String(), kind: Type.String(), level: Type.String() }),
  release: Type.Integer(),
  against: Type.String(),
  set: Nullable(
    Type.Object({ label: Type.String(), members: Type.Integer(), year: Nullable(Type.Integer()) }),
  ),
  year: Nullable(Type.Integer()),
  counts: Counts,
  summary: Type.Array(Type.String()),
  strengths: Type.Array(Type.String()),
  weaknesses: Type.Array(Type.String()),
  improved: Type.Array(Type.String()),
  worsened: Type.Array(Type.String()),
  missing: Type.Array(Type.String()),
  areas: Type.Array(
    Type.Object({
      id: Type.String(),
      name: Type.String(),
      counts: Counts,
      services: Type.Array(
        Type.Object({ id: Type.String(), name: Type.String(), findings: Type.Array(Finding) }),
      ),
    }),
  ),
  sources: Type.Array(Source),
});
