import { Type } from '@sinclair/typebox';
import { FlagSchema } from './data.js';
import {
  DataPageParams,
  FormatParams,
  Label,
  Nullable,
  PageLinks,
  ReleaseParam,
  StringEnum,
  Year,
  YearsParam,
} from './common.js';

const Levels = ['wojewodztwo', 'powiat', 'gmina'] as const;
const Dimensions = ['ilosc', 'jakosc', 'dostepnosc', 'efektywnosc_kosztowa', 'kontekst'] as const;

export const IndicatorParams = Type.Object(
  {
    id: Type.String({
      pattern: '^[a-z][a-z0-9_]*(\\.[a-z][a-z0-9_]*)+$',
      maxLength: 100,
      description: 'Indicator id "<area>.<name>", e.g. kontekst.ludnosc (GET /api/v1/indicators lists them).',
    }),
  },
  { additionalProperties: false },
);

export const IndicatorListQuery = Type.Object(
  {
    area: Type.Optional(
      Type.String({ pattern: '^[a-z][a-z0-9_]*$', maxLength: 60, description: 'Only this area.' }),
    ),
    dimension: Type.Optional(StringEnum(Dimensions, { description: 'Only this dimension.' })),
    level: Type.Optional(StringEnum(Levels, { description: 'Only indicators published for this level.' })),
    available: Type.Optional(
      Type.Boolean({ description: 'true: only indicators with values in the release; false: only without.' }),
    ),
    release: Type.Optional(ReleaseParam),
  },
  { additionalProperties: false },
);

export const IndicatorDataQuery = Type.Object(
  {
    ...FormatParams,
    ...DataPageParams,
    year: Type.Optional(Year('Rok / year of the values (give `year` or `years`).')),
    years: Type.Optional(YearsParam),
    level: StringEnum(Levels, { description: 'Level of units (one of the indicator’s levels).' }),
    release: Type.Optional(ReleaseParam),
  },
  { additionalProperties: false },
);

const SourceRef = Type.Object({
  id: Type.String(),
  name: Type.String(),
  citation: Type.String(),
  licence: Type.String(),
  url: Nullable(Type.String()),
});

const LoadingHint = Type.Object({
  variable: Type.String({ description: 'Stored id "<source>:<code>" of the input the release lacks.' }),
  name: Type.String(),
  verified: Type.Boolean({ description: 'false: a BDL id not yet confirmed against the live API.' }),
  command: Nullable(Type.String({ description: 'The command that loads it, when one exists.' })),
  message: Label,
});

const Availability = Type.Object({
  release: Nullable(Type.Integer()),
  available: Type.Boolean(),
  years: Type.Array(
    Type.Object({
      year: Type.Integer(),
      level: Type.String(),
      values: Type.Integer(),
      missing: Type.Integer({ description: 'Cells with a missing value and its reason.' }),
    }),
  ),
  message: Nullable(Label),
  missingInputs: Type.Array(LoadingHint),
});

export const IndicatorSummary = Type.Object({
  id: Type.String(),
  name: Label,
  area: Type.String(),
  service: Type.String(),
  measureUnit: Type.String(),
  decimals: Type.Integer(),
  dimension: Type.String(),
  direction: StringEnum(['higher_better', 'lower_better', 'neutral'] as const),
  levels: Type.Array(Type.String()),
  available: Type.Boolean({ description: 'The release has values of it.' }),
  years: Type.Array(Type.Integer(), { description: 'Years with at least one value in the release.' }),
});

export const IndicatorList = Type.Object({
  release: Nullable(Type.Integer()),
  total: Type.Integer(),
  items: Type.Array(IndicatorSummary),
});

const InputVariable = Type.Object({
  id: Type.String({ description: 'Stored id "<source>:<code>".' }),
  name: Type.String(),
  source: Type.String(),
  sourceCode: Type.String(),
  measureUnit: Nullable(Type.String()),
  verified: Type.Boolean(),
  confirmation: Type.Record(Type.String(), Type.Unknown(), {
    description: 'Where the id was confirmed (kind, file, column, mapping).',
  }),
  evidence: Nullable(
    Type.Object(
      {
        verdict: StringEnum(['confirmed', 'confirmed-weak', 'named-in-working-code', 'not-found'] as const, {
          description:
            'What public sources say about the BDL id (none of it is a check against the live API).',
        }),
        verdictText: Type.String(),
        found: Nullable(Type.String({ description: 'The name a public source gives the id.' })),
        competingId: Nullable(
          Type.String({ description: 'Another BDL id a public source uses for the same concept.' }),
        ),
      },
      { description: 'For BDL inputs: shared/data/bdl-ids-evidence.tsv; null for other sources.' },
    ),
  ),
});

export const IndicatorDetail = Type.Object({
  id: Type.String(),
  name: Label,
  definition: Label,
  formula: Type.String(),
  measureUnit: Type.String(),
  decimals: Type.Integer(),
  dimension: Type.String(),
  direction: StringEnum(['higher_better', 'lower_better', 'neutral'] as const),
  levels: Type.Array(Type.String()),
  area: Type.Object({ id: Type.String(), name: Label }),
  service: Type.Object({ id: Type.String(), name: Label }),
  sources: Type.Array(SourceRef),
  notes: Type.Object({ pl: Type.String(), en: Nullable(Type.String()) }),
  inputs: Type.Array(InputVariable),
  availability: Availability,
});

export const ServiceItem = Type.Object({
  id: Type.String(),
  name: Label,
  indicators: Type.Array(Type.String()),
});

export const AreaItem = Type.Object({
  id: Type.String(),
  order: Type.Integer(),
  name: Label,
  description: Nullable(Label),
  smup: Type.Boolean({
    description:
      "Jeden z 10 obszarów SMUP (false: obszar poza SMUP) / one of SMUP's ten areas (false: beyond SMUP)",
  }),
  formerIds: Type.Array(Type.String(), {
    description:
      'Dawne identyfikatory (połączone obszary), nadal przyjmowane / former ids (merged areas), still accepted',
  }),
  services: Type.Array(ServiceItem),
});

export const AreaList = Type.Object({ total: Type.Integer(), items: Type.Array(AreaItem) });

/** The indicator as data answers describe it (api/resolve-ids.ts indicatorRef). */
export const IndicatorRef = Type.Object({
  id: Type.String(),
  name: Label,
  measureUnit: Type.String(),
  decimals: Type.Integer(),
  direction: Type.String(),
  citation: Type.String({
    description: 'Jak cytować / how to cite the values (SMUP computation and its sources).',
  }),
  licence: Type.String({
    description: 'Licencja / terms of reuse: SMUP’s computation (CC BY 4.0) and each source’s.',
  }),
});

export const IndicatorData = Type.Object({
  indicator: IndicatorRef,
  release: Type.Integer({ description: 'Wydanie danych / the data release the values come from.' }),
  year: Nullable(Type.Integer({ description: 'The year asked for with `year`; null for a `years` range.' })),
  years: Type.Array(Type.Integer(), { description: 'Every year of the answer, ascending.' }),
  level: Type.String(),
  total: Type.Integer({
    description: 'Every current unit of the level × every year: one item each (all pages).',
  }),
  page: Type.Integer(),
  pageSize: Type.Integer(),
  links: PageLinks,
  values: Type.Integer({ description: 'Items with a value (all pages).' }),
  coverage: Type.Array(
    Type.Object({
      year: Type.Integer(),
      units: Type.Integer({ description: 'Units of the level with a row in the release (value or reason).' }),
      of: Type.Integer({ description: 'Units of the level.' }),
      values: Type.Integer({ description: 'Units with a value.' }),
      complete: Type.Boolean({
        description:
          'false: the source covers only some voivodeships (listed); units outside them answer not-in-source.',
      }),
      voivodeships: Type.Array(Type.String(), { description: 'Voivodeships covered, when not complete.' }),
    }),
    { description: 'Per year: which part of the level the source covers.' },
  ),
  available: Type.Boolean({
    description: 'false: the release has no values of the indicator for this year.',
  }),
  message: Nullable(Label),
  missingInputs: Type.Array(LoadingHint),
  items: Type.Array(
    Type.Object({
      unit: Type.Object({ code: Type.String(), name: Type.String(), kind: Type.String() }),
      year: Type.Integer(),
      value: Nullable(Type.Number()),
      flag: Nullable(FlagSchema),
      reason: Nullable(
        Type.String({
          description:
            "Why the value is missing: missing-input, confidential-input, division-by-zero, not-finite, not-in-release (the release has no input data for this unit and year), or not-in-source (the source covers only some voivodeships, not this unit's).",
        }),
      ),
      detail: Nullable(Type.String()),
    }),
  ),
});
