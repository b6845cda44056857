/**
 * Shapes of the GUS BDL API v1 answers (https://bdl.stat.gov.pl/api/v1, `format=json`), learnt from the
 * real recorded responses in shared/data/bdl-api-samples/ (pyBDL, commit ac15603c). Each TypeBox schema is
 * at once the TypeScript type and the run-time check of a response body (STYLE.md rule 3): the client
 * refuses a body that does not match and says which request and which field (`parseResponse`).
 *
 * Only the fields SMUP reads are required; other fields are allowed (the API adds fields over time, e.g.
 * `lastUpdate`, `hasDescription`), so a new field never breaks an ingest but a missing or retyped one does.
 *
 * Paged lists (GET /data/by-variable, /variables, /variables/search, /levels…) wrap their items as
 *   { totalRecords, page, pageSize, links: { first, prev?, self, next?, last }, results: [...] }
 * where `page` counts from 0 and `page-size` is at most 100 (shared/data/README.md, bdl-api-samples).
 */
import { Type, type Static, type TSchema } from '@sinclair/typebox';
import { TypeCompiler, type TypeCheck } from '@sinclair/typebox/compiler';

const Int = Type.Integer();
/** Years come as strings in data values ("1995") and as numbers in `years` lists; both are accepted. */
const Year = Type.Union([
  Type.String({ pattern: '^\\d{4}$' }),
  Type.Integer({ minimum: 1000, maximum: 9999 }),
]);

export const PagingLinksSchema = Type.Object({
  first: Type.Optional(Type.String()),
  prev: Type.Optional(Type.String()),
  self: Type.Optional(Type.String()),
  /** Present while there is a page after this one: the end of a chain is a page without `next`. */
  next: Type.Optional(Type.String()),
  last: Type.Optional(Type.String()),
});

const pageOf = <T extends TSchema>(item: T) =>
  Type.Object({
    totalRecords: Int,
    page: Type.Optional(Int),
    pageSize: Type.Optional(Int),
    links: Type.Optional(PagingLinksSchema),
    results: Type.Array(item),
  });

/**
 * One value of a unit and year. `attrId` is the BDL attribute (flag) of the value, see
 * samples_raw_attributes.json: 1 "wartość" (a plain value); 4/91 "x" no data or statistical
 * confidentiality (the API then sends `val` 0: "`. lub 0`"); 15 "-" no data because of a change of level or
 * of the unit register; 50 "n" not yet available; others qualify a real value (domain/observations/flags.ts).
 */
export const DataValueSchema = Type.Object({
  year: Year,
  val: Type.Union([Type.Number(), Type.Null()]),
  attrId: Int,
});
export type BdlDataValue = Static<typeof DataValueSchema>;

/** One unit's values in GET /data/by-variable/{varId}: `id` is the 12-character BDL unit id. */
export const UnitDataSchema = Type.Object({
  id: Type.String({ minLength: 1 }),
  name: Type.String(),
  values: Type.Array(DataValueSchema),
});
export type BdlUnitData = Static<typeof UnitDataSchema>;

/** GET /data/by-variable/{varId}?unit-level=N&year=Y…: one page of units, each with its years. */
export const DataByVariablePageSchema = Type.Intersect([
  pageOf(UnitDataSchema),
  Type.Object({
    variableId: Type.Optional(Int),
    measureUnitId: Type.Optional(Int),
    lastUpdate: Type.Optional(Type.String()),
  }),
]);
export type BdlDataByVariablePage = Static<typeof DataByVariablePageSchema>;

/**
 * A variable (GET /variables/{id}, and the items of /variables and /variables/search). Its name is split
 * into up to five dimension values n1…n5 under its subject (e.g. subject P1313 "Radni gmin według płci i
 * wieku", n1 "kobiety", n2 "25-29"). `level` is the lowest level the variable is supplied for (6 gmina: it
 * is then also aggregated up to powiat, województwo and Polska). `years` comes only with GET /variables/{id}.
 */
export const VariableSchema = Type.Object({
  id: Int,
  subjectId: Type.String({ minLength: 1 }),
  n1: Type.Optional(Type.String()),
  n2: Type.Optional(Type.String()),
  n3: Type.Optional(Type.String()),
  n4: Type.Optional(Type.String()),
  n5: Type.Optional(Type.String()),
  level: Int,
  measureUnitId: Int,
  measureUnitName: Type.Optional(Type.String()),
  years: Type.Optional(Type.Array(Year)),
});
export type BdlVariable = Static<typeof VariableSchema>;
export const VariablePageSchema = pageOf(VariableSchema);
export type BdlVariablePage = Static<typeof VariablePageSchema>;

/** GET /measures/{id}: a unit of measure ("zł", "osoba", "%"), with a longer description. */
export const MeasureSchema = Type.Object({
  id: Int,
  name: Type.String(),
  description: Type.Optional(Type.String()),
});
export type BdlMeasure = Static<typeof MeasureSchema>;

/**
 * GET /subjects/{id}: the subject tree K (area) → G (group) → P (subgroup, `hasVariables: true`); `parentId`
 * is absent at the root (a K subject).
 */
export const SubjectSchema = Type.Object({
  id: Type.String({ minLength: 1 }),
  parentId: Type.Optional(Type.String()),
  name: Type.String(),
  hasVariables: Type.Optional(Type.Boolean()),
  children: Type.Optional(Type.Array(Type.String())),
  levels: Type.Optional(Type.Array(Int)),
  years: Type.Optional(Type.Array(Year)),
});
export type BdlSubject = Static<typeof SubjectSchema>;

/** GET /levels: 0 Polska, 1 makroregion, 2 województwo, 3 region, 4 podregion, 5 powiat, 6 gmina, 7 miejscowość. */
export const LevelSchema = Type.Object({ id: Int, name: Type.String() });
export type BdlLevel = Static<typeof LevelSchema>;
export const LevelPageSchema = pageOf(LevelSchema);

/** The BDL unit levels SMUP reads, with their API numbers (samples_raw_levels.json). */
export const BDL_LEVELS = {
  polska: 0,
  makroregion: 1,
  wojewodztwo: 2,
  region: 3,
  podregion: 4,
  powiat: 5,
  gmina: 6,
} as const;
export type BdlLevelName = keyof typeof BDL_LEVELS;

/** A compiled check of one response shape, with a name used in error messages. */
export interface ResponseShape<T extends TSchema> {
  readonly name: string;
  readonly checker: TypeCheck<T>;
}

function shape<T extends TSchema>(name: string, schema: T): ResponseShape<T> {
  return { name, checker: TypeCompiler.Compile(schema) };
}

export const SHAPES = {
  dataByVariable: shape('a page of data by variable', DataByVariablePageSchema),
  variable: shape('a variable', VariableSchema),
  variablePage: shape('a page of variables', VariablePageSchema),
  measure: shape('a measure unit', MeasureSchema),
  subject: shape('a subject', SubjectSchema),
  levelPage: shape('a page of levels', LevelPageSchema),
} as const;

/**
 * Checks a parsed body against a shape; returns the typed value or a list of what was wrong, as
 * "results/3/values/0/attrId: expected integer, found \"1\"" (at most five places).
 */
export function checkShape<T extends TSchema>(
  body: unknown,
  { checker }: ResponseShape<T>,
): { ok: true; value: Static<T> } | { ok: false; problems: string[] } {
  if (checker.Check(body)) return { ok: true, value: body };
  const problems: string[] = [];
  const seen = new Set<string>();
  for (const error of checker.Errors(body)) {
    const where = error.path === '' ? '(body)' : error.path.slice(1);
    if (seen.has(where)) continue;
    seen.add(where);
    problems.push(`${where}: ${error.message.toLowerCase()}, found ${preview(error.value)}`);
    if (problems.length === 5) break;
  }
  return { ok: false, problems };
}

function preview(value: unknown): string {
  if (value === undefined) return 'nothing';
  const text = JSON.stringify(value);
  return text.length > 60 ? `${text.slice(0, 57)}…` : text;
}

/** The year of a value as a number (the API writes "2020" in data and 2020 in `years` lists). */
export function yearNumber(year: string | number): number {
  return typeof year === 'number' ? year : Number(year);
}
