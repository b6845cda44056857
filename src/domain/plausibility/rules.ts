/**
 * Plausibility rules of the catalogue (catalog/plausibility.yaml): what a stored value can be. One schema
 * is the type, the validation and the documentation of the file (STYLE.md rule 3).
 *
 *   range              an expression (a formula of the catalogue's language) within [min, max], or strictly
 *                      above / below a bound: non-negative amounts, an own revenue that cannot be zero,
 *                      bounds per resident ("per_capita(dochody_wlasne)" between 100 and 100 000 zł)
 *   year-on-year       a variable's value against the year before: more than `factor` times up or down
 *   parts-within-total the sum of parts not above their total (the taxes within own revenue)
 *
 * A rule names the variable whose value it judges (`variable`): that value is reported, and, for a `hard`
 * rule, flagged "suspect" (flags.ts SUSPECT_FLAG), which keeps it out of set statistics, ranks and map
 * classes. A `warning` is reported by the ingest and `smup data check` only.
 */
import { Type, type Static, type TSchema } from '@sinclair/typebox';

const describe = <T extends TSchema>(schema: T, description: string): T => ({ ...schema, description });
const Text = Type.String({ minLength: 1 });
const Name = describe(
  Type.String({ pattern: '^[a-z][a-z0-9_]*$', maxLength: 80 }),
  'a variable or derived variable of variables.yaml (its formula name, e.g. "dochody_wlasne")',
);
const Bilingual = Type.Object(
  { pl: describe(Text, 'the Polish text'), en: describe(Text, 'the English text') },
  { additionalProperties: false },
);
const CATALOG_LEVELS = ['gmina', 'powiat', 'wojewodztwo', 'kraj'] as const;

const common = {
  id: describe(
    Type.String({ pattern: '^[a-z][a-z0-9-]*$', maxLength: 80 }),
    'a stable id of lower-case ASCII letters, digits and "-" (stored with every suspect value)',
  ),
  severity: describe(
    Type.Union([Type.Literal('hard'), Type.Literal('warning')]),
    'hard: the value is impossible and is flagged suspect; warning: unusual, reported only',
  ),
  description: describe(Bilingual, 'the rule in words, as shown beside a suspect value: { pl, en }'),
  levels: Type.Optional(
    describe(
      Type.Array(Type.Union(CATALOG_LEVELS.map((l) => Type.Literal(l))), { minItems: 1, uniqueItems: true }),
      'the levels it applies to (default: every level the variable has values for)',
    ),
  ),
};

export const RangeRuleSchema = Type.Object(
  {
    ...common,
    check: Type.Literal('range'),
    variable: describe(Name, 'the variable whose value is judged (and flagged)'),
    expression: Type.Optional(
      describe(Text, 'a formula whose value must be in range (default: the variable itself)'),
    ),
    min: Type.Optional(describe(Type.Number(), 'the smallest allowed value (inclusive)')),
    max: Type.Optional(describe(Type.Number(), 'the largest allowed value (inclusive)')),
    above: Type.Optional(describe(Type.Number(), 'the value must be strictly greater (e.g. 0: not zero)')),
  },
  { additionalProperties: false },
);

export const YearOnYearRuleSchema = Type.Object(
  {
    ...common,
    check: Type.Literal('year-on-year'),
    variable: Name,
    factor: describe(
      Type.Number({ exclusiveMinimum: 1 }),
      'how many times up or down from one year to the next is still plausible (e.g. 3)',
    ),
  },
  { additionalProperties: false },
);

export const PartsWithinTotalRuleSchema = Type.Object(
  {
    ...common,
    check: Type.Literal('parts-within-total'),
    variable: describe(Name, 'the total (judged and flagged when its parts exceed it)'),
    parts: describe(Type.Array(Name, { minItems: 1, uniqueItems: true }), 'the parts of the total'),
  },
  { additionalProperties: false },
);

export const PlausibilityRuleSchema = Type.Union([
  RangeRuleSchema,
  YearOnYearRuleSchema,
  PartsWithinTotalRuleSchema,
]);
export type PlausibilityRule = Static<typeof PlausibilityRuleSchema>;

export const PlausibilityFileSchema = Type.Object(
  { rules: describe(Type.Array(PlausibilityRuleSchema), 'the plausibility rules') },
  { additionalProperties: false },
);
export type PlausibilityFile = Static<typeof PlausibilityFileSchema>;

/** The level of a unit code (its length: kraj 1, województwo 2, powiat 4, gmina 7). */
export type RuleLevel = (typeof CATALOG_LEVELS)[number];

/** One value that breaks a rule. */
export interface Violation {
  readonly ruleId: string;
  readonly severity: 'hard' | 'warning';
  /** The stored id of the judged variable. */
  readonly variableId: string;
  readonly unitCode: string;
  readonly year: number;
  readonly value: number | null;
  /** What was found, in numbers ("per_capita(dochody_wlasne) = 0, expected above 0"). */
  readonly detail: string;
}
