/**
 * The catalogue files (catalog/, README there): one TypeBox schema per file is at once the TypeScript
 * type, the validation and the documentation; each field's `description` is what a reviewer reads when
 * the field is wrong (STYLE.md rule 3).
 *
 *   config.yaml      sources (how to cite each) and the normalisation (population, area) of per_capita…
 *   variables.yaml   source variables (where each id was confirmed) and derived variables (a formula)
 *   areas/*.yaml     one service area each: services → indicators
 */
// Over 400 lines: one TypeBox schema per catalogue file with every field described (the descriptions are the catalogue's documentation).
import { Type, type Static } from '@sinclair/typebox';
import { makeVariableId } from '../observations/observation.js';
import { FamilySchema } from './family-schema.js';
import {
  AreaId,
  Bilingual,
  CATALOG_LEVELS,
  DIMENSIONS,
  DIRECTIONS,
  FormulaName,
  IndicatorId,
  JST_TYPES,
  Notes,
  ServiceId,
  SourceId,
  AGGREGATIONS,
  Text,
  describe,
  literals,
} from './schema-base.js';

export {
  AGGREGATIONS,
  CATALOG_LEVELS,
  CONFIRMATIONS,
  DIMENSIONS,
  DIRECTIONS,
  JST_TYPES,
  SERVICE_DIMENSIONS,
  type Aggregation,
  type Bilingual,
  type CatalogLevel,
  type ConfirmationKind,
  type Dimension,
  type Direction,
  type JstType,
} from './schema-base.js';

export const SourceSchema = Type.Object(
  {
    name: describe(Text, 'who publishes it ("GUS, Bank Danych Lokalnych")'),
    citation: describe(Text, 'how every chart and export cites it ("Źródło: GUS, Bank Danych Lokalnych")'),
    licence: describe(Text, 'the licence or terms of reuse'),
    url: Type.Optional(describe(Text, 'where the data is published')),
  },
  { additionalProperties: false },
);

/**
 * The indicators that describe a unit's structure, named by the catalogue rather than by code: comparison
 * groups are formed by the population, and the similarity index weighs all four (pipeline/benchmark-context).
 */
export const StructureSchema = Type.Object(
  {
    population: describe(IndicatorId, 'the indicator of residents (persons) comparison groups are formed by'),
    density: describe(IndicatorId, 'the indicator of population density (persons per km²)'),
    share_post_working_age: describe(IndicatorId, 'the indicator of the share of post-working-age residents'),
    revenue_per_resident: describe(IndicatorId, 'the indicator of own budget revenue per resident'),
  },
  { additionalProperties: false },
);
export type StructureIndicators = Static<typeof StructureSchema>;

export const ConfigSchema = Type.Object(
  {
    version: describe(Type.Literal(1), 'the format version of the catalogue: 1'),
    sources: describe(
      Type.Record(Type.String({ pattern: '^[a-z0-9][a-z0-9-]*$' }), SourceSchema),
      'the sources variables come from: { <source id>: { name, citation, licence, url } }',
    ),
    normalisation: Type.Object(
      {
        population: describe(
          FormulaName,
          'the variable or derived variable (persons) that per_capita, per_1000 and per_10000 divide by',
        ),
        area: describe(FormulaName, 'the variable or derived variable (km²) that per_km2 divides by'),
      },
      { additionalProperties: false },
    ),
    structure: Type.Optional(
      describe(
        StructureSchema,
        'indicators of this catalogue that describe a unit (without them: no comparison groups, no similar units)',
      ),
    ),
  },
  { additionalProperties: false },
);

const ConfirmationSchema = describe(
  Type.Union([
    Type.Object(
      {
        kind: Type.Literal('recorded-response'),
        verified: describe(Type.Literal(true), 'true: the id is in a recorded answer of the BDL API'),
        file: describe(
          Text,
          'the recorded response, relative to shared/data ("bdl-api-samples/samples_raw_variables.json")',
        ),
        detail: Type.Optional(Text),
      },
      { additionalProperties: false },
    ),
    Type.Object(
      {
        kind: Type.Literal('reference-list'),
        verified: describe(
          Type.Literal(false),
          'false: an id from the reference list is not confirmed against the live API until an ingest confirms its name and unit',
        ),
        file: describe(
          Text,
          'the reference list, relative to shared/data ("bdl-variable-ids-reference.tsv")',
        ),
        detail: Type.Optional(Text),
      },
      { additionalProperties: false },
    ),
    Type.Object(
      {
        kind: Type.Literal('report-stated'),
        verified: describe(
          Type.Literal(false),
          'false: an input of a source SMUP does not load yet (MF, SIO, CKE, GUGiK…); `report` says where its values are',
        ),
        detail: Type.Optional(Text),
      },
      { additionalProperties: false },
    ),
    Type.Object(
      {
        kind: Type.Literal('jst-submission'),
        verified: describe(
          Type.Literal(false),
          'false: no register holds it; its values are what the JST report, each accepted by a data steward',
        ),
        detail: Type.Optional(Text),
      },
      { additionalProperties: false },
    ),
    Type.Object(
      {
        kind: Type.Literal('expectation'),
        verified: describe(
          Type.Literal(false),
          'false: a BDL variable stated only by its `expect` (no id): `smup catalog lock` finds the id in the subject',
        ),
        detail: Type.Optional(Text),
      },
      { additionalProperties: false },
    ),
    Type.Object(
      {
        kind: Type.Literal('shared-data-file'),
        verified: describe(Type.Literal(true), 'true: the values are in a real official file'),
        file: describe(Text, 'the file, relative to shared/data ("bdl-exports/…csv")'),
        column: describe(Text, 'the column (or BDL path) of the file holding the values'),
        mapping: describe(
          Type.Union([Text, Type.Null()]),
          'the mapping of mappings/ that loads it under this source and code, or null if none does yet',
        ),
        detail: Type.Optional(Text),
      },
      { additionalProperties: false },
    ),
  ]),
  'where the id was confirmed: { kind: recorded-response, verified: true, file } | { kind: reference-list, ' +
    'verified: false, file } | { kind: shared-data-file, verified: true, file, column, mapping } | ' +
    '{ kind: expectation, verified: false } (no id: the lock finds it) | { kind: report-stated, verified: false, … } ' +
    '(a non-BDL input not loaded yet: `report` says where)',
);

/**
 * What public sources say about a BDL id (shared/data/bdl-ids-evidence.tsv), grouped in four families:
 * `confirmed` (name matches, often with a value read from the live API), `confirmed-weak` (name only),
 * `named-in-working-code` (public code uses the id with this name, no check) and `not-found`. None of them
 * verifies the id: only a check against the live API (`smup catalog lock`) does.
 */
export const EVIDENCE_VERDICTS = [
  'confirmed',
  'confirmed-weak',
  'named-in-working-code',
  'not-found',
] as const;
export type EvidenceVerdict = (typeof EVIDENCE_VERDICTS)[number];

const EvidenceSchema = describe(
  Type.Object(
    {
      verdict: literals(
        EVIDENCE_VERDICTS,
        'one of confirmed, confirmed-weak, named-in-working-code, not-found: the family of the verdict of bdl-ids-evidence.tsv ("confirmed (weak: name only)" → confirmed-weak)',
      ),
      verdictText: describe(
        Text,
        'the verdict exactly as bdl-ids-evidence.tsv words it ("confirmed (value checked: …)"), or "not found (no row in bdl-ids-evidence.tsv)"',
      ),
      found: describe(
        Type.Union([Text, Type.Null()]),
        'the name the public source gives the id (column name_found), or null when no source names it',
      ),
      source: describe(
        Text,
        'the evidence of bdl-ids-evidence.tsv, shortened but keeping the repository and commit ("gulczynskim/mapa variables.js @62bb50a2"), or "no row in bdl-ids-evidence.tsv"',
      ),
      competingId: Type.Optional(
        describe(
          Type.String({ pattern: '^[0-9]+$' }),
          'the other BDL id (digits) a public source uses for the same concept; set only when bdl-ids-evidence.tsv names one',
        ),
      ),
      note: Type.Optional(
        describe(
          Text,
          'which source uses the competing id, and that the lock (smup catalog lock) settles it',
        ),
      ),
    },
    { additionalProperties: false },
  ),
  'what public sources say about the BDL id (bdl-ids-evidence.tsv): { verdict, verdictText, found, source, ' +
    'competingId?, note? }; required for source bdl, not allowed for other sources',
);

const ExpectSchema = describe(
  Type.Object(
    {
      subject: Type.Optional(describe(Type.String({ pattern: '^P[0-9]+$' }), 'the BDL subject id ("P1312")')),
      names: Type.Optional(
        describe(
          Type.Array(Text, { minItems: 1, maxItems: 5 }),
          'the dimension values n1…n5 exactly as BDL writes them (compared trimmed, case-insensitive)',
        ),
      ),
      namePattern: Type.Optional(
        describe(Text, 'a regular expression (case-insensitive) over the full name "<subject> — <n1, n2…>"'),
      ),
      measureUnit: Type.Optional(describe(Text, 'the unit of measure BDL states ("osoba", "zł")')),
      level: Type.Optional(
        describe(Type.Integer({ minimum: 0, maximum: 7 }), 'the BDL level: 2 województwo, 5 powiat, 6 gmina'),
      ),
    },
    { additionalProperties: false, minProperties: 1 },
  ),
  'what the BDL variable must be, checked by `smup catalog lock` against the API: { subject?, names?, ' +
    'namePattern?, measureUnit?, level? }; without it the lock expects the catalogue name and unit',
);

/**
 * Where a value of a non-BDL source is in its report: the MF budget reports (Rb-27S, Rb-28S, Rb-PDP, Rb-NDS,
 * Rb-Z) by column and budget classification, SIO by field, GUGiK's powiat report by row. Classification codes
 * are the standard ones as commonly cited: they must be checked against the classification in force for each
 * year before values are loaded (`classificationChecked: false` until then).
 */
const ReportSchema = describe(
  Type.Object(
    {
      form: describe(
        Text,
        'the report or register ("Rb-28S", "Rb-PDP", "SIO", "GUGiK — sprawozdanie o PZGiK")',
      ),
      column: describe(
        Text,
        'the column or field of the report holding the value ("wykonanie", "liczba uczniów")',
      ),
      classification: Type.Optional(
        describe(Text, 'the budget classification or breakdown ("dział 801, rozdział 80101", "§ 0310")'),
      ),
      jst: Type.Optional(literals(JST_TYPES, 'whose report: gmina, miasto_npp or powiat')),
      classificationChecked: describe(
        Type.Boolean(),
        'true once the classification code was checked against the classification in force for every year loaded',
      ),
    },
    { additionalProperties: false },
  ),
  "where the value is in the source's report: { form, column, classification?, jst?, classificationChecked }",
);

export const VariableSchema = Type.Object(
  {
    id: FormulaName,
    source: SourceId,
    sourceCode: describe(
      Type.String({ pattern: '^[A-Za-z0-9][A-Za-z0-9._-]*$' }),
      'the source\'s own id: a BDL variable id (digits) or the variable id of the mapping ("ludnosc-produkcyjny"); the stored id is "<source>:<sourceCode>". ' +
        'Omitted for a BDL variable with `confirmation: { kind: expectation }`: the lock finds the id in `expect.subject` (until then the variable has no data)',
    ),
    name: describe(Text, 'the name as the source gives it (Polish)'),
    nameEn: Type.Optional(Text),
    measureUnit: describe(
      Type.Union([Text, Type.Null()]),
      'the unit of measure ("osoba", "zł", "km²", "%"), or null when the source list does not state it (confirm on ingest)',
    ),
    levels: describe(
      Type.Array(literals(CATALOG_LEVELS, 'gmina, powiat or wojewodztwo'), {
        minItems: 1,
        uniqueItems: true,
      }),
      'the levels the source publishes it for: gmina, powiat, wojewodztwo',
    ),
    aggregation: literals(
      AGGREGATIONS,
      'how it adds up the register: sum (counts and amounts: persons, zł, km², places) or none (ratios, means, rates)',
    ),
    years: Type.Optional(describe(Text, 'the years the confirmed data covers ("2010–2019")')),
    confirmation: ConfirmationSchema,
    evidence: Type.Optional(EvidenceSchema),
    expect: Type.Optional(ExpectSchema),
    report: Type.Optional(ReportSchema),
    notes: Type.Optional(Text),
  },
  { additionalProperties: false },
);

export const DerivedSchema = Type.Object(
  {
    id: FormulaName,
    name: Bilingual,
    formula: describe(Text, 'a formula over variables (see src/domain/formula/README.md)'),
    measureUnit: describe(Text, 'the unit of measure of the result'),
    notes: Type.Optional(Text),
  },
  { additionalProperties: false },
);

export const VariablesFileSchema = Type.Object(
  {
    variables: describe(Type.Array(VariableSchema, { minItems: 1 }), 'the source variables formulas use'),
    derived: Type.Optional(
      describe(Type.Array(DerivedSchema), 'variables computed from others (e.g. total population as a sum)'),
    ),
  },
  { additionalProperties: false },
);

export const IndicatorSchema = Type.Object(
  {
    id: IndicatorId,
    name: Bilingual,
    definition: describe(Bilingual, 'what it measures and how, in a sentence or two: { pl, en }'),
    formula: describe(
      Text,
      'a formula over variables, derived variables and indicators (src/domain/formula/README.md)',
    ),
    measureUnit: describe(Text, 'the unit of measure of the value ("zł", "%", "na 1000 mieszkańców")'),
    decimals: Type.Optional(
      describe(Type.Integer({ minimum: 0, maximum: 4 }), 'decimals to show (default 1)'),
    ),
    dimension: literals(DIMENSIONS, 'one of ilosc, jakosc, dostepnosc, efektywnosc_kosztowa, kontekst'),
    direction: literals(DIRECTIONS, 'one of higher_better, lower_better, neutral'),
    levels: describe(
      Type.Array(literals(CATALOG_LEVELS, 'gmina, powiat or wojewodztwo'), {
        minItems: 1,
        uniqueItems: true,
      }),
      'the levels where it is meaningful: gmina, powiat, wojewodztwo (at least one)',
    ),
    sources: describe(
      Type.Array(SourceId, { minItems: 1, uniqueItems: true }),
      'the sources of its variables (ids of config.yaml "sources")',
    ),
    notes: describe(Notes, 'comparability notes: what differs between units or years ({ pl, en })'),
    measureUnitEn: Type.Optional(
      describe(Text, 'the unit of measure in English, when the portal cannot translate it'),
    ),
    family: Type.Optional(
      describe(
        Type.Object(
          {
            id: Text,
            variant: Text,
            set: Type.Union([literals(JST_TYPES, 'gmina, miasto_npp or powiat'), Type.Null()]),
            adds: Bilingual,
          },
          { additionalProperties: false },
        ),
        'set by the family generator only (families.ts): the family, variant, JST set and what the variant adds',
      ),
    ),
  },
  { additionalProperties: false },
);

export {
  FamilySchema,
  NORMALISATIONS,
  type Family,
  type FamilyVariant,
  type Normalisation,
} from './family-schema.js';

export const ServiceSchema = Type.Object(
  {
    id: ServiceId,
    name: Bilingual,
    indicators: Type.Optional(
      describe(Type.Array(IndicatorSchema), 'the indicators of the service written one by one'),
    ),
    families: Type.Optional(
      describe(
        Type.Array(FamilySchema),
        'measure families: one measure with its normalisations, expanded into indicators (families.ts)',
      ),
    ),
    missingDimensions: Type.Optional(
      describe(
        Type.Object(
          {
            ilosc: Type.Optional(Bilingual),
            jakosc: Type.Optional(Bilingual),
            dostepnosc: Type.Optional(Bilingual),
            efektywnosc_kosztowa: Type.Optional(Bilingual),
          },
          { additionalProperties: false, minProperties: 1 },
        ),
        'why a dimension has no indicator in this service (no data for it): { <dimension>: { pl, en } }',
      ),
    ),
  },
  { additionalProperties: false },
);

/** SMUP's ten areas, exactly as its API (areas-list) names them (shared/docs/SMUP-CATALOGUE.md, 1.4). */
export const SMUP_AREA_NAMES = [
  'Edukacja',
  'Lokalna polityka społeczna',
  'Kultura i rekreacja',
  'Drogownictwo i Transport',
  'Ochrona Środowiska',
  'Gospodarowanie nieruchomościami',
  'Inwestycje i budownictwo',
  'Geodezja i kartografia',
  'Podatki i opłaty lokalne',
  'Finanse JST',
] as const;

export const AreaSchema = Type.Object(
  {
    id: AreaId,
    order: describe(Type.Integer({ minimum: 1 }), 'the position of the area in lists (1, 2, …)'),
    beyondSmup: Type.Optional(
      describe(
        Type.Literal(true),
        "true for an area beyond SMUP's ten (health, safety, context); without it the Polish name must be one of SMUP's ten",
      ),
    ),
    formerIds: Type.Optional(
      describe(
        Type.Array(AreaId, { minItems: 1, uniqueItems: true }),
        'ids this area had before (merged areas): URLs and saved queries with them still find it',
      ),
    ),
    name: Bilingual,
    description: Type.Optional(Bilingual),
    services: describe(Type.Array(ServiceSchema, { minItems: 1 }), 'the services of the area'),
  },
  { additionalProperties: false },
);

export type CatalogSource = Static<typeof SourceSchema>;
export type CatalogConfig = Static<typeof ConfigSchema>;
export type CatalogVariable = Static<typeof VariableSchema>;
export type VariableEvidence = Static<typeof EvidenceSchema>;
export type DerivedVariable = Static<typeof DerivedSchema>;
export type VariablesFile = Static<typeof VariablesFileSchema>;
export type Indicator = Static<typeof IndicatorSchema>;
export type Service = Static<typeof ServiceSchema>;
export type Area = Static<typeof AreaSchema>;

/** A service with every indicator: those written and those its families generate (families.ts). */
export type CatalogService = Omit<Service, 'indicators'> & { readonly indicators: Indicator[] };
/** An area as the validated catalogue holds it: services with every indicator. */
export type CatalogArea = Omit<Area, 'services'> & { readonly services: CatalogService[] };

/** The whole catalogue, as the files say it (areas ordered by `order`), families expanded. */
export interface Catalog {
  readonly config: CatalogConfig;
  readonly variables: readonly CatalogVariable[];
  readonly derived: readonly DerivedVariable[];
  readonly areas: readonly CatalogArea[];
}

/** The stored id of a source variable: `<source>:<sourceCode>` (observation.ts, makeVariableId). */
export const storedVariableId = (variable: Pick<CatalogVariable, 'source' | 'sourceCode'>): string =>
  makeVariableId(variable.source, variable.sourceCode);
