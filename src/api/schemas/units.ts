import { UNIT_CODE_SOURCE } from '../../domain/units/teryt-code.js';
import { Type, type Static } from '@sinclair/typebox';
import { UNIT_KINDS, UNIT_LEVELS, type UnitKind } from '../../domain/units/unit.js';
import { IsoDate, Label, Nullable, Page, PageSize, SafeText, StringEnum } from './common.js';

const ALL_KINDS = Object.values(UNIT_KINDS).flat() as UnitKind[];
const KINDS = [...new Set(ALL_KINDS)];

export const TerytCode = Type.String({
  pattern: `^${UNIT_CODE_SOURCE}$`,
  description: 'TERYT code: 2 digits województwo, 4 powiat, 7 gmina (with the kind digit); "0" Poland.',
  examples: ['1261011'],
});

export const UnitListQuery = Type.Object(
  {
    level: Type.Optional(
      StringEnum(UNIT_LEVELS, {
        description: 'Level of unit; without it, all JST (parts of gminy only when asked for).',
      }),
    ),
    kind: Type.Optional(StringEnum(KINDS, { description: 'Kind of unit within its level.' })),
    parent: Type.Optional(
      Type.String({
        pattern: '^\\d{2}(\\d{2})?$',
        description: 'Only units within this województwo (2 digits) or powiat (4).',
      }),
    ),
    q: Type.Optional(
      SafeText({
        minLength: 1,
        maxLength: 100,
        description: 'Name (Polish letters and case optional) or start of a TERYT code.',
      }),
    ),
    date: Type.Optional(IsoDate('State of the register on this date; the current state without it.')),
    page: Type.Optional(Page),
    pageSize: Type.Optional(PageSize),
  },
  { additionalProperties: false },
);
export type UnitListQuery = Static<typeof UnitListQuery>;

export const UnitRef = Type.Object({
  code: Type.String(),
  name: Type.String(),
  level: StringEnum(UNIT_LEVELS),
  kind: StringEnum(KINDS),
  kindLabel: Label,
});

export const UnitListItem = Type.Object({
  code: Type.String(),
  name: Type.String(),
  level: StringEnum(UNIT_LEVELS),
  kind: StringEnum(KINDS),
  kindLabel: Label,
  parentCode: Nullable(Type.String()),
  validFrom: Type.String(),
  validTo: Nullable(Type.String()),
});

export const RegisterInfo = Type.Object({
  register: Type.String(),
  stateDate: Nullable(Type.String()),
  source: Type.String(),
  licence: Type.String(),
});

export const UnitList = Type.Object({
  total: Type.Integer(),
  page: Type.Integer(),
  pageSize: Type.Integer(),
  items: Type.Array(UnitListItem),
  links: Type.Object({ self: Type.String(), next: Nullable(Type.String()), prev: Nullable(Type.String()) }),
  register: RegisterInfo,
});

export const UnitParams = Type.Object({ teryt: TerytCode }, { additionalProperties: false });
export const UnitQuery = Type.Object(
  { date: Type.Optional(IsoDate('The unit as it was on this date; the current (or last) form without it.')) },
  { additionalProperties: false },
);

const Link = Type.Object({ code: Type.String(), date: Type.String(), reason: Type.String() });

export const UnitDetail = Type.Object({
  code: Type.String(),
  name: Type.String(),
  officialName: Type.String(),
  level: StringEnum(UNIT_LEVELS),
  levelLabel: Label,
  kind: StringEnum(KINDS),
  kindLabel: Label,
  description: Type.String(),
  validFrom: Type.String(),
  validTo: Nullable(Type.String()),
  current: Type.Boolean(),
  parents: Type.Array(UnitRef),
  powiat: Nullable(UnitRef),
  wojewodztwo: Nullable(UnitRef),
  children: Type.Array(UnitRef),
  predecessors: Type.Array(Link),
  successors: Type.Array(Link),
  history: Type.Array(
    Type.Object({
      validFrom: Type.String(),
      validTo: Nullable(Type.String()),
      name: Type.String(),
      kind: StringEnum(KINDS),
      description: Type.String(),
    }),
  ),
  changes: Type.Array(
    Type.Object({
      date: Type.String(),
      type: Type.String(),
      code: Type.String(),
      previousCode: Nullable(Type.String()),
      before: Nullable(Type.String()),
      after: Nullable(Type.String()),
    }),
  ),
  register: RegisterInfo,
});
export type UnitDetail = Static<typeof UnitDetail>;
