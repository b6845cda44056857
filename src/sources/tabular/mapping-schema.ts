/**
 * The mapping file: a small YAML document that says how to read one kind of table (a BDL portal export,
 * an SIO export, an MF Rb-27S report, a JST's own spreadsheet) into observations. The TypeBox schemas
 * below are at once the TypeScript type, the validation and the documentation of every field (the
 * `description` of each field is what a user sees when the field is wrong).
 *
 *   source:   who publishes the data and how to cite it
 *   file:     how to read the bytes (sheet, rows to skip, header rows, delimiter, encoding, decimal)
 *   unit:     which column holds the unit code, and what kind of code it is
 *   layout:   long  — one row per unit (and year), one column per variable; year from a column or constant
 *             wide  — one column per variable × year; the year is taken from the column header
 *             bdl-ctab — the BDL portal CSV export (`Kod;Nazwa;"path;year;[unit]"…`): nearly no mapping
 *   aggregate: combine several rows of one unit and year (schools → gmina), each variable by its `combine`
 *
 * `loadMapping` parses and checks a mapping and reports every mistake as an instruction naming the
 * mapping file, the line and the field path (`variables[2].columns`).
 */
// Over 400 lines: one TypeBox schema per layout with its field descriptions, and the mapping loader that checks them.
import { Type, type Static, type TSchema } from '@sinclair/typebox';
import { TypeCompiler } from '@sinclair/typebox/compiler';
import { LineCounter, parseDocument, isNode } from 'yaml';
import { FileFormatError, type FileProblem } from '../files/file-problem.js';

const describe = <T extends TSchema>(schema: T, description: string): T => ({ ...schema, description });

/** Kinds of unit codes found in real files; see unit-resolver.ts for how each is resolved to TERYT. */
export const CODE_KINDS = ['teryt', 'teryt7', 'teryt6', 'gmina-stem6', 'bdl12', 'powiat4', 'woj2'] as const;
export type CodeKind = (typeof CODE_KINDS)[number];

const CodeKindSchema = describe(
  Type.Union(CODE_KINDS.map((kind) => Type.Literal(kind))),
  `one of ${CODE_KINDS.join(', ')}: teryt7 = 7-digit TERC code (BDL exports also write a powiat as WOJ+POW+000 ` +
    'and a województwo as WOJ+00000); teryt6 = the same codes after a spreadsheet dropped the leading zero ' +
    '("201011" is 0201011); gmina-stem6 = WOJ+POW+GMI without the kind digit, as in CKE and PSP files ' +
    '(a 7-digit code is cut to its stem); bdl12 = the 12-character BDL unit id; powiat4; woj2; ' +
    'teryt = a 2-, 4- or 7-digit code of any level, spaces allowed ("02 01 04 3")',
);

const Identifier = describe(
  Type.String({ pattern: '^[a-z0-9][a-z0-9._-]*$', maxLength: 80 }),
  'an identifier of lower-case ASCII letters, digits, ".", "_" and "-" (it becomes part of stored ids; never rename it)',
);
const NonEmpty = Type.String({ minLength: 1 });

const SourceSchema = Type.Object(
  {
    id: Identifier,
    name: describe(NonEmpty, 'the name of the source ("GUS, Bank Danych Lokalnych — eksport z portalu")'),
    citation: describe(
      NonEmpty,
      'how every chart and export must cite it ("Główny Urząd Statystyczny, Bank Danych Lokalnych")',
    ),
    licence: describe(NonEmpty, 'the licence or terms of use of the data'),
    url: Type.Optional(describe(NonEmpty, 'where the file was obtained')),
  },
  { additionalProperties: false },
);

const FileSchema = Type.Object(
  {
    sheet: Type.Optional(
      describe(
        Type.Union([NonEmpty, Type.Integer({ minimum: 1 })]),
        'XLSX only: the sheet name, or its number from 1 (default: the first sheet)',
      ),
    ),
    skipRows: Type.Optional(
      describe(
        Type.Integer({ minimum: 0, maximum: 1000 }),
        'rows above the header to ignore (titles, notes); default 0',
      ),
    ),
    headerRows: Type.Optional(
      describe(
        Type.Integer({ minimum: 1, maximum: 10 }),
        'how many rows make the header (default 1); the texts of one column are joined with a space',
      ),
    ),
    delimiter: Type.Optional(
      describe(
        Type.Union([Type.Literal('auto'), Type.Literal(';'), Type.Literal(','), Type.Literal('\t')]),
        'CSV only: "auto" (default: the one of ; , or tab most used in the header line), ";", "," or "\\t"',
      ),
    ),
    encoding: Type.Optional(
      describe(
        Type.Union([Type.Literal('auto'), Type.Literal('utf-8'), Type.Literal('windows-1250')]),
        'CSV only: "auto" (default: UTF-8 with or without BOM, else Windows-1250), "utf-8" or "windows-1250"',
      ),
    ),
    decimal: Type.Optional(
      describe(
        Type.Union([Type.Literal(','), Type.Literal('.')]),
        'the decimal separator of text cells: "," (default, Polish files) or "."',
      ),
    ),
  },
  { additionalProperties: false },
);

const UnitFields = {
  column: describe(NonEmpty, 'the header of the column holding the unit code'),
  code: CodeKindSchema,
  skip: Type.Optional(
    describe(
      Type.Array(NonEmpty),
      'codes (as written in the file) of rows to leave out, e.g. an abolished gmina of an old BDL export',
    ),
  ),
  unknown: Type.Optional(
    describe(
      Type.Union([Type.Literal('error'), Type.Literal('skip')]),
      '"error" (default): a code the units register does not know refuses the file; "skip": such rows ' +
        'are left out with a warning (for old files naming abolished units)',
    ),
  ),
};
const UnitSchema = Type.Object(UnitFields, { additionalProperties: false });
/** In the bdl-ctab preset every unit field has a default (column "Kod", code teryt7; 0000000 is Polska, "0"). */
const CtabUnitSchema = Type.Partial(UnitSchema, { additionalProperties: false });

const CombineSchema = describe(
  Type.Union([
    Type.Literal('sum'),
    Type.Literal('mean'),
    Type.Object({ weightedMeanBy: Identifier }, { additionalProperties: false }),
  ]),
  'with aggregate: "sum", "mean" (unweighted) or { weightedMeanBy: <id of the weight variable> } ' +
    '(e.g. a mean score weighted by the number of pupils)',
);

/**
 * The BDL variable id of a column: the variable is then stored as `bdl:<id>` (source bdl), the same variable
 * `smup ingest bdl --variable <id>` updates, with this file recorded in its metadata (bdl-variable-ids.ts).
 */
const BdlIdSchema = describe(
  Type.Integer({ minimum: 1 }),
  'the BDL variable id of this column (e.g. 149), as found in shared/data/bdl-variable-ids-reference.tsv or ' +
    'a recorded BDL API answer (never guessed): the values are stored as variable bdl:<id>, the same variable ' +
    'the BDL API ingest stores',
);

const VariableFields = {
  id: Identifier,
  bdl: Type.Optional(BdlIdSchema),
  name: describe(NonEmpty, 'the Polish name of the variable, as the source names it'),
  nameEn: Type.Optional(NonEmpty),
  measureUnit: describe(NonEmpty, 'the unit of measure ("osoba", "zł", "km²", "%", "pkt proc.")'),
  combine: Type.Optional(CombineSchema),
};

const LongVariableSchema = Type.Object(
  { ...VariableFields, column: describe(NonEmpty, 'the header of the column holding its values') },
  { additionalProperties: false },
);
const WideVariableSchema = Type.Object(
  {
    ...VariableFields,
    columns: describe(
      NonEmpty,
      'a regular expression matching the headers of its columns, with a named group (?<year>\\d{4}) ' +
        'for the year, e.g. "^rok_(?<year>\\d{4})$"',
    ),
  },
  { additionalProperties: false },
);
/** Which years of a bdl-ctab variable's columns to import (default: all). */
const CtabYearsSchema = describe(
  Type.Object(
    {
      from: Type.Optional(Type.Integer({ minimum: 1900, maximum: 2100 })),
      to: Type.Optional(Type.Integer({ minimum: 1900, maximum: 2100 })),
      skip: Type.Optional(
        describe(
          Type.Array(Type.Integer({ minimum: 1900, maximum: 2100 })),
          'years whose column is known to be wrong in this file (say why in a comment)',
        ),
      ),
    },
    { additionalProperties: false },
  ),
  '{ from?: yyyy, to?: yyyy, skip?: [yyyy, …] }: the columns of other years are left out, with a warning',
);

const CtabVariableSchema = Type.Object(
  {
    path: describe(
      NonEmpty,
      'the variable part of the BDL column header, before the year: "w wieku produkcyjnym;ogółem"',
    ),
    id: Identifier,
    bdl: Type.Optional(BdlIdSchema),
    name: Type.Optional(describe(NonEmpty, 'the name to store (default: the path)')),
    nameEn: Type.Optional(NonEmpty),
    measureUnit: Type.Optional(describe(NonEmpty, 'the unit of measure (default: the [unit] of the header)')),
    combine: Type.Optional(CombineSchema),
    years: Type.Optional(CtabYearsSchema),
  },
  { additionalProperties: false },
);

const YearSchema = describe(
  Type.Union([
    Type.Object({ column: NonEmpty }, { additionalProperties: false }),
    Type.Object(
      {
        value: Type.Integer({ minimum: 1900, maximum: 2100 }),
        assumed: Type.Optional(
          describe(
            Type.Boolean(),
            'true when the file does not state its year and `value` is an assumption: every value then ' +
              'carries flag 202 ("rok nie jest podany w źródle") and a note, and is never shown as confirmed',
          ),
        ),
      },
      { additionalProperties: false },
    ),
  ]),
  '{ column: <header of the year column> } or { value: <the year of every row, yyyy>, assumed?: true when the file does not state it }',
);

const SymbolsSchema = describe(
  Type.Record(Type.String({ minLength: 1, maxLength: 3 }), Type.Integer({ minimum: 0 })),
  'extra or changed cell symbols: { "<symbol>": <BDL attrId flag> }; such a cell becomes a missing value with that flag',
);

const Common = {
  source: SourceSchema,
  file: Type.Optional(FileSchema),
  aggregate: Type.Optional(
    describe(
      Type.Boolean(),
      'true: rows of the same unit and year are combined by each variable\'s "combine" instead of being ' +
        'refused as duplicates (school rows → gmina)',
    ),
  ),
  symbols: Type.Optional(SymbolsSchema),
};

export const LongMappingSchema = Type.Object(
  {
    layout: Type.Literal('long'),
    ...Common,
    unit: UnitSchema,
    year: YearSchema,
    variables: describe(Type.Array(LongVariableSchema, { minItems: 1 }), 'the variables, one column each'),
  },
  { additionalProperties: false },
);
export const WideMappingSchema = Type.Object(
  {
    layout: Type.Literal('wide'),
    ...Common,
    unit: UnitSchema,
    variables: describe(
      Type.Array(WideVariableSchema, { minItems: 1 }),
      'the variables, each with the pattern of its yearly columns',
    ),
  },
  { additionalProperties: false },
);
export const CtabMappingSchema = Type.Object(
  {
    layout: Type.Literal('bdl-ctab'),
    ...Common,
    unit: Type.Optional(CtabUnitSchema),
    variables: Type.Optional(
      describe(
        Type.Array(CtabVariableSchema, { minItems: 1 }),
        'which variable paths to import and their ids (default: every path of the header, with ids made from it)',
      ),
    ),
  },
  { additionalProperties: false },
);

export type LongMapping = Static<typeof LongMappingSchema>;
export type WideMapping = Static<typeof WideMappingSchema>;
export type CtabMapping = Static<typeof CtabMappingSchema>;
export type TableMapping = LongMapping | WideMapping | CtabMapping;
export type TableLayout = TableMapping['layout'];
export type Combine = Static<typeof CombineSchema>;
export type TableSource = Static<typeof SourceSchema>;

const LAYOUTS = {
  long: TypeCompiler.Compile(LongMappingSchema),
  wide: TypeCompiler.Compile(WideMappingSchema),
  'bdl-ctab': TypeCompiler.Compile(CtabMappingSchema),
} as const;

/** The variables a mapping declares, whatever its layout, with what `combine` needs checked. */
function declaredVariables(
  mapping: TableMapping,
): Array<{ id: string; bdl?: number | undefined; combine?: Combine | undefined }> {
  return mapping.variables ?? [];
}

// Over 80 lines: its steps share many locals and run once, in order; not yet split by concept (issue 19 lists it).
/**
 * Parses and checks a mapping file. Throws FileFormatError naming the mapping file, the line and the field
 * path of every mistake; returns the mapping only when it is entirely right.
 */
export function loadMapping(text: string, mappingFile: string): TableMapping {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false });
  const problem = (
    line: number | null,
    column: string | null,
    expected: string,
    found: string | null,
  ): FileProblem => ({
    file: mappingFile,
    line,
    column,
    expected,
    found,
  });
  if (doc.errors.length > 0) {
    throw new FileFormatError(
      mappingFile,
      doc.errors.map((error) =>
        problem(
          lineCounter.linePos(error.pos[0]).line,
          null,
          'valid YAML',
          error.message.split('\n')[0] ?? error.code,
        ),
      ),
    );
  }
  const data: unknown = doc.toJS();
  const lineOf = (path: ReadonlyArray<string | number>): number | null => {
    // The node of the field, or of the nearest parent present (a missing field is reported at its parent).
    for (let depth = path.length; depth >= 0; depth--) {
      const node = depth === 0 ? doc.contents : doc.getIn(path.slice(0, depth), true);
      if (isNode(node) && node.range) return lineCounter.linePos(node.range[0]).line;
    }
    return null;
  };

  const layout = (data as { layout?: unknown } | null)?.layout;
  const checker = typeof layout === 'string' && layout in LAYOUTS ? LAYOUTS[layout as TableLayout] : null;
  if (!checker) {
    throw new FileFormatError(mappingFile, [
      problem(
        lineOf(['layout']),
        'layout',
        'layout: long (one row per unit and year), wide (a column per variable and year) or bdl-ctab (a BDL portal CSV export)',
        layout === undefined ? '(no layout)' : JSON.stringify(layout),
      ),
    ]);
  }

  const problems: FileProblem[] = [];
  const seen = new Set<string>();
  for (const error of checker.Errors(data)) {
    const path = error.path
      .split('/')
      .slice(1)
      .map((part) => (/^\d+$/.test(part) ? Number(part) : part));
    const field = fieldPath(path);
    // A union reports the same place several times; one line per place is enough.
    if (seen.has(field)) continue;
    seen.add(field);
    const unknownField = error.message === 'Unexpected property';
    const known = Object.keys((error.schema as { properties?: Record<string, unknown> }).properties ?? {});
    const expected = unknownField
      ? `only the fields ${known.join(', ')} here (is "${String(path.at(-1))}" a typo?)`
      : (error.schema.description ?? error.message.replace(/^Expected /, '').toLowerCase());
    const found = unknownField
      ? String(path.at(-1))
      : error.value === undefined
        ? '(missing)'
        : typeof error.value === 'string'
          ? error.value
          : JSON.stringify(error.value);
    problems.push(problem(lineOf(path), field, expected, found));
  }
  if (problems.length > 0) throw new FileFormatError(mappingFile, problems);

  const mapping = data as TableMapping;
  problems.push(
    ...semanticProblems(mapping).map((p) => problem(lineOf(p.path), fieldPath(p.path), p.expected, p.found)),
  );
  if (problems.length > 0) throw new FileFormatError(mappingFile, problems);
  return mapping;
}

/** `variables[2].columns` for the path ["variables", 2, "columns"]. */
function fieldPath(path: ReadonlyArray<string | number>): string {
  return (
    path.map((part, i) => (typeof part === 'number' ? `[${part}]` : i === 0 ? part : `.${part}`)).join('') ||
    '(top)'
  );
}

/** What a schema cannot say: regular expressions, unique ids, and `combine` consistent with `aggregate`. */
function semanticProblems(
  mapping: TableMapping,
): Array<{ path: Array<string | number>; expected: string; found: string }> {
  const out: Array<{ path: Array<string | number>; expected: string; found: string }> = [];
  const variables = declaredVariables(mapping);
  const ids = new Map<string, number>();
  variables.forEach((variable, i) => {
    const first = ids.get(variable.id);
    if (first !== undefined) {
      out.push({
        path: ['variables', i, 'id'],
        expected: `an id not used by another variable (variables[${first}] has it)`,
        found: variable.id,
      });
    }
    ids.set(variable.id, i);
  });
  // Two columns stored as one BDL variable would overwrite each other's values.
  const bdlIds = new Map<number, number>();
  variables.forEach((variable, i) => {
    if (variable.bdl === undefined) return;
    const first = bdlIds.get(variable.bdl);
    if (first !== undefined) {
      out.push({
        path: ['variables', i, 'bdl'],
        expected: `a BDL id not given to another variable (variables[${first}] has it)`,
        found: String(variable.bdl),
      });
    }
    bdlIds.set(variable.bdl, i);
  });
  if (mapping.layout === 'wide') {
    mapping.variables.forEach((variable, i) => {
      try {
        const pattern = new RegExp(variable.columns, 'u');
        if (!/\(\?<year>/.test(variable.columns)) throw new Error('no (?<year>…) group');
        void pattern;
      } catch (error) {
        out.push({
          path: ['variables', i, 'columns'],
          expected: 'a regular expression with a named group (?<year>\\d{4})',
          found: `${variable.columns} (${(error as Error).message})`,
        });
      }
    });
  }
  variables.forEach((variable, i) => {
    if (mapping.aggregate === true && variable.combine === undefined) {
      out.push({
        path: ['variables', i],
        expected: 'a "combine" (sum, mean or { weightedMeanBy: <id> }) because aggregate is true',
        found: '(no combine)',
      });
    }
    if (mapping.aggregate !== true && variable.combine !== undefined) {
      out.push({
        path: ['variables', i, 'combine'],
        expected: 'no "combine" unless aggregate: true (rows are not combined otherwise)',
        found: JSON.stringify(variable.combine),
      });
    }
    const combine = variable.combine;
    if (typeof combine === 'object') {
      const weight = variables.find((other) => other.id === combine.weightedMeanBy);
      if (!weight || weight.id === variable.id) {
        out.push({
          path: ['variables', i, 'combine', 'weightedMeanBy'],
          expected: `the id of another variable of this mapping (${[...ids.keys()].join(', ')})`,
          found: combine.weightedMeanBy,
        });
      }
    }
  });
  return out;
}
