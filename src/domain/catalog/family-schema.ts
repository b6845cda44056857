/**
 * A measure family (issue 17, point 4): one measure stated once, with the normalisations a reader uses
 * (per resident, per resident of the target age group, per user, per km², share of a total, change year on
 * year); families.ts expands it into indicators with predictable ids `<family id>__<key>` (and
 * `__miasto_npp` / `__powiat` for the sets of those JST types). Each variant says what it adds.
 */
import { Type, type Static } from '@sinclair/typebox';
import {
  Bilingual,
  CATALOG_LEVELS,
  DIMENSIONS,
  DIRECTIONS,
  IndicatorId,
  Notes,
  SourceId,
  Text,
  describe,
  literals,
} from './schema-base.js';

/**
 * The normalisations of a measure: `poziom` the level itself (context, or a count that is meaningful as
 * such), `na_mieszkanca` per resident (or per 1,000 / 10,000 with `scale`), `na_grupe_docelowa` per resident
 * of the target age group, `na_uzytkownika` per user (pupil, reader, beneficiary), `na_km2` per km² (or per
 * 100 km²), `udzial` the share of a total (%), `zmiana_rr` the change on the year before (%).
 */
export const NORMALISATIONS = [
  'poziom',
  'na_mieszkanca',
  'na_grupe_docelowa',
  'na_uzytkownika',
  'na_km2',
  'udzial',
  'zmiana_rr',
] as const;
export type Normalisation = (typeof NORMALISATIONS)[number];

/** A formula, or one formula per JST set ({ gmina: …, miasto_npp: …, powiat: … }). */
const PerSet = Type.Union([
  Text,
  Type.Object(
    {
      gmina: Type.Optional(Text),
      miasto_npp: Type.Optional(Text),
      powiat: Type.Optional(Text),
    },
    { additionalProperties: false, minProperties: 1 },
  ),
]);

const Key = describe(
  Type.String({ pattern: '^[a-z][a-z0-9_]*$', maxLength: 40 }),
  'the suffix of the variant id (lower-case ASCII, digits, "_"); defaults to the normalisation',
);

export const FamilyVariantSchema = Type.Object(
  {
    norm: literals(NORMALISATIONS, `one of ${NORMALISATIONS.join(', ')}`),
    key: Type.Optional(Key),
    dimension: literals(DIMENSIONS, 'one of ilosc, jakosc, dostepnosc, efektywnosc_kosztowa, kontekst'),
    direction: Type.Optional(literals(DIRECTIONS, 'one of higher_better, lower_better, neutral')),
    decimals: Type.Optional(Type.Integer({ minimum: 0, maximum: 4 })),
    per: Type.Optional(
      describe(
        PerSet,
        'the denominator (na_grupe_docelowa, na_uzytkownika) or the whole (udzial): a formula, or one per JST set',
      ),
    ),
    base: Type.Optional(
      describe(
        Bilingual,
        'what the value is per ({ pl: "ucznia szkoły podstawowej", en: "primary school pupil" }), or for udzial ' +
          'the whole in the locative ({ pl: "wydatkach ogółem", en: "total expenditure" })',
      ),
    ),
    scale: Type.Optional(
      describe(
        Type.Union([Type.Literal(100), Type.Literal(1000), Type.Literal(10000)]),
        'per 100, 1,000 or 10,000 (of residents, users, km²) instead of per one',
      ),
    ),
    levels: Type.Optional(
      describe(
        Type.Array(literals(CATALOG_LEVELS, 'gmina, powiat or wojewodztwo'), {
          minItems: 1,
          uniqueItems: true,
        }),
        'levels of this variant when they differ from the family',
      ),
    ),
    adds: describe(Bilingual, 'what this variant adds to the others of the family: { pl, en }'),
  },
  { additionalProperties: false },
);

export const FamilySchema = Type.Object(
  {
    id: describe(IndicatorId, 'the family id "<area>.<measure>"; its indicators are "<id>__<key>[__<set>]"'),
    name: describe(Bilingual, 'the name of the measure itself ("Wydatki na szkoły podstawowe")'),
    definition: describe(Bilingual, 'what the measure is and where it comes from'),
    measure: describe(
      PerSet,
      'the formula of the measure, or one per JST set { gmina, miasto_npp, powiat } (each set gets its indicators)',
    ),
    unit: describe(
      Bilingual,
      'the unit of the measure itself, Polish and English ({ pl: zł, en: PLN }, { pl: osoby, en: persons })',
    ),
    levels: describe(
      Type.Array(literals(CATALOG_LEVELS, 'gmina, powiat or wojewodztwo'), {
        minItems: 1,
        uniqueItems: true,
      }),
      'the levels of the family (of its gmina set; the miasto_npp and powiat sets are published for powiaty)',
    ),
    sources: Type.Array(SourceId, { minItems: 1, uniqueItems: true }),
    direction: Type.Optional(literals(DIRECTIONS, 'the default direction of the variants')),
    notes: describe(Notes, 'comparability notes of every variant ({ pl, en })'),
    variants: describe(
      Type.Array(FamilyVariantSchema, { minItems: 1 }),
      'the normalisations a reader would use, each with what it adds',
    ),
  },
  { additionalProperties: false },
);

export type Family = Static<typeof FamilySchema>;
export type FamilyVariant = Static<typeof FamilyVariantSchema>;
