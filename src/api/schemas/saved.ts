/**
 * Saved work under an account (issue 18, point 2): the bodies and answers of /api/v1/me/saved and of a
 * share link's /api/v1/shared/{token}. Settings are one object for the three kinds, each field saying the
 * kinds it belongs to; which fields a kind takes is checked by domain/accounts/saved-items.ts, so that a
 * refusal names the field instead of listing three alternatives.
 */
import { Type } from '@sinclair/typebox';
import {
  MAX_COMPARE_INDICATORS,
  MAX_SAVED_ITEMS,
  MAX_SAVED_NAME,
  MAX_SET_MEMBERS,
  REPORT_FORMATS,
  SAVED_KINDS,
} from '../../domain/accounts/saved-items.js';
import { Nullable, SafeText, StringEnum, Year } from './common.js';
import { AgainstParam } from './diagnosis.js';
import { TerytCode } from './units.js';

export const SavedKindSchema = StringEnum(SAVED_KINDS, {
  description:
    'set: zestaw jednostek (zbiór odniesienia) / a set of units (reference set); compare: porównanie / a comparison (units, indicators, years); report: ustawienia raportu / report settings.',
});

const IndicatorId = Type.String({ pattern: '^[a-z][a-z0-9_]*(\\.[a-z][a-z0-9_]*)+$', maxLength: 120 });
const AreaId = Type.String({ pattern: '^[a-z0-9_]{1,40}$' });

/** The settings a client sends; a kind takes only its own fields. */
export const SavedSettingsInput = Type.Object(
  {
    units: Type.Optional(
      Type.Array(TerytCode, {
        maxItems: MAX_SET_MEMBERS,
        description: 'set (2–500 units of one level), compare (1–10 units): TERYT codes.',
      }),
    ),
    indicators: Type.Optional(
      Type.Array(IndicatorId, {
        maxItems: MAX_COMPARE_INDICATORS,
        description: 'compare: indicator ids (none: the compare page’s default).',
      }),
    ),
    years: Type.Optional(
      Nullable(
        Type.String({
          pattern: '^\\d{4}(-\\d{4})?$',
          description: 'compare: a year or a range, e.g. 2015-2019 (null: the latest year with data).',
        }),
      ),
    ),
    unit: Type.Optional(Type.String({ pattern: TerytCode.pattern, description: 'report: the unit.' })),
    // No defaults here (unlike the report's query): with ajv's useDefaults a default would be filled into
    // every kind's settings, where checkSettings refuses it; the defaults are checkSettings's.
    against: Type.Optional(
      Type.String({
        maxLength: AgainstParam.maxLength,
        pattern: AgainstParam.pattern,
        description: `report: ${AgainstParam.description ?? ''}`,
      }),
    ),
    year: Type.Optional(Nullable(Year('report: the year (null: each indicator’s latest year with data).'))),
    areas: Type.Optional(
      Type.Array(AreaId, { maxItems: 20, description: 'report: area ids (none: every area).' }),
    ),
    format: Type.Optional(
      StringEnum(REPORT_FORMATS, { description: 'report: the file format (default pdf).' }),
    ),
    lang: Type.Optional(
      StringEnum(['pl', 'en'] as const, { description: 'report: the language (default pl).' }),
    ),
  },
  { additionalProperties: false },
);

const ItemName = SafeText({
  minLength: 1,
  maxLength: MAX_SAVED_NAME,
  description: `Nazwa / the item's name, at most ${MAX_SAVED_NAME} characters.`,
});

export const SavedItemBody = Type.Object(
  { kind: SavedKindSchema, name: ItemName, settings: SavedSettingsInput },
  { additionalProperties: false },
);

export const SavedItemChange = Type.Object(
  { name: Type.Optional(ItemName), settings: Type.Optional(SavedSettingsInput) },
  { additionalProperties: false, minProperties: 1 },
);

export const SavedItemParams = Type.Object(
  { id: Type.Integer({ minimum: 1, maximum: 2_147_483_647, description: 'The saved item.' }) },
  { additionalProperties: false },
);

export const SavedListQuery = Type.Object(
  { kind: Type.Optional(SavedKindSchema) },
  { additionalProperties: false },
);

export const ShareTokenParams = Type.Object(
  {
    token: Type.String({
      pattern: '^[A-Za-z0-9_-]{43}$',
      description: 'The secret of a share link (43 characters).',
    }),
  },
  { additionalProperties: false },
);

/** Stored settings: as sent, completed (defaults; a set's reference set id and level). */
const SavedSettings = Type.Object(
  {
    ...SavedSettingsInput.properties,
    setId: Type.Optional(Type.String({ description: 'set: the reference set (against=set:ID).' })),
    level: Type.Optional(Type.String({ description: 'set: the units’ level.' })),
  },
  { additionalProperties: false },
);

const Links = Type.Object({
  view: Type.String({ description: 'The portal page of the item (Polish; /en/… in English).' }),
  data: Nullable(
    Type.String({ description: 'The same numbers from the API (a download for report settings).' }),
  ),
});

const Share = Type.Object({
  token: Type.String(),
  url: Type.String({ description: 'The read-only page anyone with the link may open.' }),
  api: Type.String({ description: 'The same item in JSON.' }),
  sharedAt: Type.String(),
});

export const SavedItem = Type.Object({
  id: Type.Integer(),
  kind: SavedKindSchema,
  name: Type.String(),
  settings: SavedSettings,
  links: Links,
  share: Nullable(Share),
  createdAt: Type.String(),
  updatedAt: Type.String(),
});

export const SavedList = Type.Object({
  total: Type.Integer(),
  limit: Type.Integer({ description: `Items one account may keep (${MAX_SAVED_ITEMS}).` }),
  items: Type.Array(SavedItem),
});

export const SharedItem = Type.Object({
  kind: SavedKindSchema,
  name: Type.String(),
  settings: SavedSettings,
  links: Links,
  sharedAt: Type.String(),
  updatedAt: Type.String(),
});
