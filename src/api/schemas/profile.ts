import { Type } from '@sinclair/typebox';
import { Label, Nullable, ReleaseParam, SafeText, StringEnum, Year } from './common.js';
import { FlagSchema } from './data.js';
import { TerytCode } from './units.js';

const Release = Type.Optional(ReleaseParam);
export const Against = Type.String({
  maxLength: 80,
  pattern: '^(group|neighbours|voivodeship|country|similar|set:[A-Za-z0-9_-]{1,64})$',
  default: 'group',
  description:
    'Zbiór odniesienia / reference set: group (grupa porównawcza), neighbours (sąsiedzi), voivodeship (województwo), country (Polska), similar (najbardziej podobne), set:ID (zapisany zestaw).',
});
const K = Type.Integer({ minimum: 1, maximum: 100, description: 'How many similar units (default 15).' });
const Weights = Type.String({
  maxLength: 200,
  pattern:
    '^(population|density|share_post_working_age|revenue_per_resident|urbanisation):\\d+(\\.\\d+)?(,(population|density|share_post_working_age|revenue_per_resident|urbanisation):\\d+(\\.\\d+)?)*$',
  description:
    'Weights of the similarity variables, e.g. population:2,urbanisation:0 (population, density, share_post_working_age, revenue_per_resident, urbanisation; default 1 each).',
});

export const UnitCodeParams = Type.Object({ teryt: TerytCode }, { additionalProperties: false });

export const ProfileQuery = Type.Object(
  {
    year: Type.Optional(Year('Year; default: each indicator’s latest year with data.')),
    against: Type.Optional(Against),
    k: Type.Optional(K),
    weights: Type.Optional(Weights),
    release: Release,
  },
  { additionalProperties: false },
);

export const PeersQuery = Type.Object(
  {
    year: Type.Optional(Year('Year of the structure (default: latest with populations).')),
    k: Type.Optional(K),
    weights: Type.Optional(Weights),
    release: Release,
  },
  { additionalProperties: false },
);

/** As Against, but with no fixed default: group with a unit, country without one (the route decides). */
const DistributionAgainst = Type.String({
  maxLength: Against.maxLength,
  pattern: Against.pattern,
  description: `${Against.description} Default: group with unit=, country without.`,
});

export const DistributionQuery = Type.Object(
  {
    year: Year('Year of the values.'),
    level: Type.Optional(StringEnum(['wojewodztwo', 'powiat', 'gmina'] as const)),
    against: Type.Optional(DistributionAgainst),
    unit: Type.Optional({
      ...TerytCode,
      description: 'The unit to place (needed for every set but country).',
    }),
    k: Type.Optional(K),
    weights: Type.Optional(Weights),
    release: Release,
  },
  { additionalProperties: false },
);

const UnitRef = Type.Object({ code: Type.String(), name: Type.String(), kind: Type.String() });

const Tally = Type.Object({
  count: Type.Integer(),
  codes: Type.Array(Type.String()),
  byFlag: Type.Record(Type.String(), Type.Integer()),
});

export const Statistics = Type.Object({
  members: Type.Integer({ description: 'Members of the set (with or without a value).' }),
  countWithData: Type.Integer(),
  missing: Tally,
  excluded: Type.Object(
    { ...Tally.properties },
    {
      description:
        'Members whose value breaks a hard plausibility rule (flag 201 "suspect"): shown, but left out of ' +
        'the statistics, ranks and map classes.',
    },
  ),
  flagged: Tally,
  min: Nullable(Type.Number()),
  max: Nullable(Type.Number()),
  mean: Nullable(Type.Number()),
  median: Nullable(Type.Number()),
  q1: Nullable(Type.Number()),
  q3: Nullable(Type.Number()),
  deciles: Type.Array(Type.Number(), { description: 'D1…D9 (R-7 quantiles).' }),
});

export const Position = Type.Object({
  rank: Type.Integer({ description: '1 = best by the indicator’s direction; ties share a rank (1224).' }),
  rankedCount: Type.Integer(),
  percentile: Nullable(Type.Number({ description: '0–100: share of the others the unit is better than.' })),
  differenceFromMedian: Type.Number(),
  ratioToMedian: Nullable(Type.Number()),
  band: StringEnum(['below_q1', 'q1_to_q3', 'above_q3'] as const),
  positionClass: StringEnum(['bottom25', 'middle50', 'top25', 'neutral'] as const, {
    description: 'top25 is always the good end (direction taken into account); neutral for neutral ones.',
  }),
});

export const Change = Type.Object({
  years: Type.Integer(),
  unitChange: Nullable(Type.Number()),
  unitChangePercent: Nullable(Type.Number()),
  setMedianChange: Nullable(Type.Number()),
  setMedianChangePercent: Nullable(Type.Number()),
  membersWithChange: Type.Integer(),
  differenceFromSet: Nullable(Type.Number()),
  assessment: Nullable(StringEnum(['better', 'worse', 'same', 'neutral'] as const)),
});

const SetInfo = Type.Object({
  against: Type.String(),
  label: Label,
  year: Nullable(
    Type.Integer({ description: 'The year whose structure defined the set (groups, similar).' }),
  ),
  members: Type.Integer(),
  includesUnit: Type.Boolean(),
  group: Nullable(Type.Object({ id: Type.String(), label: Label, rule: Label })),
  message: Nullable(Label),
});

const ProfileItem = Type.Object({
  indicator: Type.Object({
    id: Type.String(),
    name: Label,
    area: Type.String(),
    service: Type.String(),
    dimension: Type.String(),
    direction: Type.String(),
    measureUnit: Type.String(),
    decimals: Type.Integer(),
  }),
  year: Nullable(Type.Integer()),
  value: Nullable(Type.Number()),
  flag: Nullable(FlagSchema),
  reason: Nullable(Type.String({ description: 'Why the value is missing.' })),
  detail: Nullable(Type.String()),
  set: Nullable(SetInfo),
  statistics: Nullable(Statistics),
  position: Nullable(Position),
  changes: Type.Array(Change),
});

export const Profile = Type.Object({
  unit: Type.Object({ code: Type.String(), name: Type.String(), kind: Type.String(), level: Type.String() }),
  release: Type.Integer(),
  against: Type.String(),
  items: Type.Array(ProfileItem),
});

const Contribution = Type.Object({
  variable: Type.String(),
  targetValue: Type.Number(),
  value: Type.Number(),
  share: Type.Number({ description: 'Share of the squared distance due to this variable (0–1).' }),
});

export const Peers = Type.Object({
  unit: UnitRef,
  release: Type.Integer(),
  year: Nullable(Type.Integer()),
  group: Nullable(
    Type.Object({
      id: Type.String(),
      label: Label,
      rule: Label,
      population: Nullable(Type.Number()),
      merged: Nullable(
        Type.Object({ classes: Type.Array(Type.Object({ id: Type.String(), members: Type.Integer() })) }),
      ),
      members: Type.Array(UnitRef),
    }),
  ),
  groupMessage: Nullable(Label),
  neighbours: Nullable(Type.Array(UnitRef)),
  neighboursMessage: Nullable(Label),
  similar: Type.Object({
    k: Type.Integer(),
    message: Nullable(Label),
    variables: Type.Array(
      Type.Object({ id: Type.String(), label: Label, weight: Type.Number(), transform: Type.String() }),
    ),
    variablesLeftOut: Type.Array(Type.Object({ variable: Type.String(), reason: Type.String() })),
    excluded: Type.Integer({ description: 'Candidates not ranked for lack of a structural value.' }),
    units: Type.Array(
      Type.Object({
        unit: UnitRef,
        distance: Type.Number(),
        contributions: Type.Array(Contribution),
      }),
    ),
  }),
});

export const Distribution = Type.Object({
  indicator: Type.Object({
    id: Type.String(),
    name: Label,
    measureUnit: Type.String(),
    direction: Type.String(),
  }),
  release: Type.Integer(),
  year: Type.Integer(),
  level: Type.String(),
  set: SetInfo,
  unit: Nullable(UnitRef),
  value: Nullable(Type.Number()),
  statistics: Statistics,
  position: Nullable(Position),
  members: Type.Array(
    Type.Object({
      unit: UnitRef,
      value: Nullable(Type.Number()),
      flag: Nullable(FlagSchema),
      reason: Nullable(Type.String()),
    }),
  ),
});

/** Bounds of one saved set: every anonymous write is small (issue 14: nothing grows without bound). */
export const MAX_SET_NAME = 100;
export const MAX_SET_UNITS = 500;

export const SetBody = Type.Object(
  {
    name: SafeText({
      minLength: 1,
      maxLength: MAX_SET_NAME,
      description: `Nazwa zestawu / the set's name, at most ${MAX_SET_NAME} characters, no control characters.`,
    }),
    units: Type.Array(TerytCode, {
      minItems: 2,
      maxItems: MAX_SET_UNITS,
      description: `Member codes, one level, at most ${MAX_SET_UNITS} (a set, not a register).`,
    }),
  },
  { additionalProperties: false },
);

export const SetParams = Type.Object(
  { id: Type.String({ pattern: '^[A-Za-z0-9_-]{1,64}$' }) },
  { additionalProperties: false },
);

export const SavedSet = Type.Object({
  id: Type.String(),
  name: Type.String(),
  level: Type.String(),
  url: Type.String({ description: 'Short link: use against=set:ID.' }),
  createdAt: Type.String(),
  units: Type.Array(UnitRef),
});
