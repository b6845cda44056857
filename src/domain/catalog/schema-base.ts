/**
 * The building blocks of the catalogue's schemas (schema.ts, family-schema.ts): described strings, the
 * enumerations (dimensions, directions, levels, JST types) and the id patterns, shared without a cycle.
 */
import { Type, type Static, type TSchema } from '@sinclair/typebox';

export const describe = <T extends TSchema>(schema: T, description: string): T => ({
  ...schema,
  description,
});
export const Text = Type.String({ minLength: 1 });

/** The dimensions of SMUP (and KOSTRA): how much, how good, how accessible, at what cost; plus context. */
export const DIMENSIONS = ['ilosc', 'jakosc', 'dostepnosc', 'efektywnosc_kosztowa', 'kontekst'] as const;
export type Dimension = (typeof DIMENSIONS)[number];
/** The four dimensions every catalogue must cover (kontekst is for structural, non-service indicators). */
export const SERVICE_DIMENSIONS: readonly Dimension[] = [
  'ilosc',
  'jakosc',
  'dostepnosc',
  'efektywnosc_kosztowa',
];
export const DIRECTIONS = ['higher_better', 'lower_better', 'neutral'] as const;
export type Direction = (typeof DIRECTIONS)[number];
/** Levels an indicator may be published for (parts of gminy are not JST and have no budget). */
export const CATALOG_LEVELS = ['gmina', 'powiat', 'wojewodztwo'] as const;
export type CatalogLevel = (typeof CATALOG_LEVELS)[number];
/**
 * How a source variable adds up the units register (gminy → powiat → województwo → Polska): `sum` for counts
 * and amounts, `none` for ratios, means and rates, which are never added or averaged (indicators recompute
 * them at every level from summed numerators and denominators).
 */
export const AGGREGATIONS = ['sum', 'none'] as const;
export type Aggregation = (typeof AGGREGATIONS)[number];
export const CONFIRMATIONS = [
  'recorded-response',
  'reference-list',
  'shared-data-file',
  'expectation',
  'report-stated',
  'jst-submission',
] as const;
export type ConfirmationKind = (typeof CONFIRMATIONS)[number];

export const literals = <T extends string>(values: readonly T[], description: string) =>
  describe(Type.Union(values.map((v) => Type.Literal(v))), description);

/** A name formulas can use: lower-case ASCII, digits and "_" (variables, derived variables). */
export const FormulaName = describe(
  Type.String({ pattern: '^[a-z][a-z0-9_]*$', maxLength: 80 }),
  'a name of lower-case ASCII letters, digits and "_", starting with a letter (formulas use it; never rename it)',
);
/** An indicator id: "<area>.<name>", usable in formulas too. Stable: it is part of stored ids and URLs. */
export const IndicatorId = describe(
  Type.String({ pattern: '^[a-z][a-z0-9_]*(\\.[a-z][a-z0-9_]*)+$', maxLength: 100 }),
  'a stable id "<area>.<name>" of lower-case ASCII letters, digits and "_" (e.g. "edukacja.e8_matematyka"); never rename it',
);
export const AreaId = describe(
  Type.String({ pattern: '^[a-z][a-z0-9_]*$', maxLength: 60 }),
  'a stable id of lower-case ASCII letters, digits and "_" (e.g. "gospodarka_komunalna")',
);
export const ServiceId = describe(
  Type.String({ pattern: '^[a-z][a-z0-9_]*(\\.[a-z][a-z0-9_]*)*$', maxLength: 100 }),
  'a stable id "<area>.<service>" of lower-case ASCII letters, digits and "_"',
);
export const SourceId = describe(
  Type.String({ pattern: '^[a-z0-9][a-z0-9-]*$', maxLength: 60 }),
  'the id of a source listed under "sources" in catalog/config.yaml (the source id stored with observations)',
);

export const Bilingual = Type.Object(
  { pl: describe(Text, 'the Polish text'), en: describe(Text, 'the English text') },
  { additionalProperties: false },
);
export const Notes = Type.Object(
  { pl: describe(Text, 'the Polish text'), en: Type.Optional(describe(Text, 'the English text')) },
  { additionalProperties: false },
);

/** JST types whose budget reports differ (SMUP keeps separate indicator sets for them). */
export const JST_TYPES = ['gmina', 'miasto_npp', 'powiat'] as const;
export type JstType = (typeof JST_TYPES)[number];
export type Bilingual = Static<typeof Bilingual>;
