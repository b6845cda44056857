/**
 * Checks a catalogue given as parsed files (pure: the files are read by sources/catalog) and returns every
 * problem at once, each naming the file, the field path, the id it concerns, what was expected and what
 * was found — an instruction to the reviewer:
 *
 *   files ─schema (TypeBox)─► ids unique ─► names resolve, formulas parse and compile (no cycles)
 *         ─► sources cited ─► coverage (≥ 4 indicators per area, every dimension present) ─► Catalog
 */
import { TypeCompiler } from '@sinclair/typebox/compiler';
import type { TSchema } from '@sinclair/typebox';
import { compileDefinitions, type CompiledFormula, type FormulaEnvironment } from '../formula/compiler.js';
import { formatFormulaError } from '../formula/errors.js';
import {
  AreaSchema,
  ConfigSchema,
  SERVICE_DIMENSIONS,
  VariablesFileSchema,
  storedVariableId,
  type Area,
  type Catalog,
  type CatalogConfig,
  type VariablesFile,
} from './schema.js';
import { expandAreas } from './expand-areas.js';
import { checkIds, fieldPath, type IndicatorPlace, type ShapedCatalog } from './validate-ids.js';

/** One parsed file: its name (as shown to the user) and its content. */
export interface CatalogFile {
  readonly file: string;
  readonly data: unknown;
}

export interface CatalogFiles {
  readonly config: CatalogFile;
  readonly variables: CatalogFile;
  readonly areas: readonly CatalogFile[];
}

export interface CatalogProblem {
  readonly file: string;
  /** Path of the field in the file: ["services", 0, "indicators", 2, "formula"]. */
  readonly path: ReadonlyArray<string | number>;
  /** What it concerns: "indicator edukacja.e8_polski", "variable bdl_60559", "area kultura", or null. */
  readonly subject: string | null;
  readonly expected: string;
  readonly found: string | null;
}

export interface CatalogValidation {
  /** The catalogue, when there is no problem. */
  readonly catalog: Catalog | null;
  readonly problems: readonly CatalogProblem[];
  /** Not errors, but worth a reviewer's look (a variable no formula uses). */
  readonly warnings: readonly CatalogProblem[];
  /** Compiled formulas of derived variables and indicators (those without errors). */
  readonly compiled: ReadonlyMap<string, CompiledFormula>;
  /** What formula names mean (variables, definitions, normalisation), once the files have their shape. */
  readonly environment?: FormulaEnvironment;
}

/** At least this many indicators per area (issue 4). */
export const MIN_INDICATORS_PER_AREA = 4;

export { fieldPath };

export function formatCatalogProblem(problem: CatalogProblem & { line?: number | null }): string {
  const where = problem.line ? `${problem.file}, line ${problem.line}` : problem.file;
  const subject = problem.subject ? ` ${problem.subject},` : '';
  const found = problem.found === null ? '' : `, found ${problem.found}`;
  return `${where}:${subject} field ${fieldPath(problem.path)}: expected ${problem.expected}${found}`;
}

const checkers = new Map<TSchema, ReturnType<typeof TypeCompiler.Compile>>();
export function schemaProblems(schema: TSchema, file: CatalogFile): CatalogProblem[] {
  let checker = checkers.get(schema);
  if (!checker) {
    checker = TypeCompiler.Compile(schema);
    checkers.set(schema, checker);
  }
  const problems: CatalogProblem[] = [];
  const seen = new Set<string>();
  for (const error of checker.Errors(file.data)) {
    const path = error.path
      .split('/')
      .slice(1)
      .map((part) => (/^\d+$/.test(part) ? Number(part) : part.replace(/~1/g, '/').replace(/~0/g, '~')));
    const key = fieldPath(path);
    if (seen.has(key)) continue; // a union reports one place several times; once is enough
    seen.add(key);
    const unknownField = error.message === 'Unexpected property';
    const known = Object.keys((error.schema as { properties?: Record<string, unknown> }).properties ?? {});
    problems.push({
      file: file.file,
      path,
      subject: subjectAt(file.data, path),
      expected: unknownField
        ? `only the fields ${known.join(', ')} here (is "${String(path.at(-1))}" a typo?)`
        : (error.schema.description ?? error.message.replace(/^Expected /, '').toLowerCase()),
      found: unknownField
        ? String(path.at(-1))
        : error.value === undefined
          ? '(missing)'
          : JSON.stringify(error.value),
    });
  }
  return problems;
}

/** The id of the nearest indicator, service, variable or area around a path, for messages. */
function subjectAt(data: unknown, path: ReadonlyArray<string | number>): string | null {
  let node: unknown = data;
  let subject: string | null = null;
  const kinds: Record<string, string> = {
    services: 'service',
    indicators: 'indicator',
    variables: 'variable',
    derived: 'derived variable',
  };
  let container: string | null = null;
  for (const part of path) {
    if (node === null || typeof node !== 'object') break;
    node = (node as Record<string | number, unknown>)[part];
    if (typeof part === 'string') container = part;
    else if (container && kinds[container] && node && typeof node === 'object') {
      const id = (node as { id?: unknown }).id;
      subject = `${kinds[container]} ${typeof id === 'string' ? id : `#${part + 1}`}`;
    }
  }
  if (
    subject === null &&
    data &&
    typeof data === 'object' &&
    typeof (data as { id?: unknown }).id === 'string'
  ) {
    subject = `area ${(data as { id: string }).id}`;
  }
  return subject;
}

export function validateCatalog(files: CatalogFiles): CatalogValidation {
  const problems: CatalogProblem[] = [];
  const warnings: CatalogProblem[] = [];
  problems.push(...schemaProblems(ConfigSchema, files.config));
  problems.push(...schemaProblems(VariablesFileSchema, files.variables));
  for (const file of files.areas) problems.push(...schemaProblems(AreaSchema, file));
  if (files.areas.length === 0) {
    problems.push({
      file: 'areas/',
      path: [],
      subject: null,
      expected: 'one YAML file per service area in areas/',
      found: '(no area files)',
    });
  }
  // Past the schema, every file is the shape its type says; a broken file stops here.
  if (problems.length > 0) return { catalog: null, problems, warnings, compiled: new Map() };

  const variablesFile = files.variables.data as VariablesFile;
  const problem: ShapedCatalog['problem'] = (file, path, subject, expected, found) =>
    problems.push({ file, path, subject, expected, found });
  const c: { -readonly [K in keyof ShapedCatalog]: ShapedCatalog[K] } = {
    config: files.config.data as CatalogConfig,
    configFile: files.config.file,
    variablesFile,
    vfile: files.variables.file,
    derived: variablesFile.derived ?? [],
    areas: [],
    problem,
  };
  // Families expand into indicators before anything looks at ids or formulas (expand-areas.ts).
  c.areas = expandAreas(
    files.areas.map((f) => ({ file: f.file, area: f.data as Area })),
    problem,
  );
  const indicatorPlace = checkIds(c);
  const { compiled, environment } = compileFormulas(c, indicatorPlace);
  checkCitedSources(c, indicatorPlace, compiled);
  checkCoverage(c, indicatorPlace);
  warnings.push(...unusedVariables(c, compiled));

  if (problems.length > 0) return { catalog: null, problems, warnings, compiled, environment };
  const catalog: Catalog = {
    config: c.config,
    variables: variablesFile.variables,
    derived: c.derived,
    areas: c.areas.map((a) => a.area).sort((x, y) => x.order - y.order || x.id.localeCompare(y.id)),
  };
  return { catalog, problems, warnings, compiled, environment };
}

/** Every derived variable and indicator compiled against the variables; the names config.yaml gives. */
function compileFormulas(
  c: ShapedCatalog,
  indicatorPlace: ReadonlyMap<string, IndicatorPlace>,
): { compiled: Map<string, CompiledFormula>; environment: FormulaEnvironment } {
  const variableIds = new Map(c.variablesFile.variables.map((v) => [v.id, storedVariableId(v)]));
  const definitions = new Map<string, string>();
  const formulaPlace = new Map<string, { file: string; path: Array<string | number>; subject: string }>();
  c.derived.forEach((d, i) => {
    definitions.set(d.id, d.formula);
    formulaPlace.set(d.id, {
      file: c.vfile,
      path: ['derived', i, 'formula'],
      subject: `derived variable ${d.id}`,
    });
  });
  for (const [id, place] of indicatorPlace) {
    definitions.set(id, place.indicator.formula);
    formulaPlace.set(id, { file: place.file, path: [...place.path, 'formula'], subject: `indicator ${id}` });
  }
  const { population, area } = c.config.normalisation;
  for (const [key, name] of Object.entries({ population, area })) {
    if (!variableIds.has(name) && !c.derived.some((d) => d.id === name)) {
      c.problem(
        c.configFile,
        ['normalisation', key],
        null,
        'the id of a variable or derived variable of variables.yaml',
        name,
      );
    }
  }
  for (const [key, id] of Object.entries(c.config.structure ?? {})) {
    if (!indicatorPlace.has(id)) {
      c.problem(c.configFile, ['structure', key], null, 'the id of an indicator of areas/', id);
    }
  }
  const environment: FormulaEnvironment = { variables: variableIds, definitions, population, area };
  const { compiled, errors } = compileDefinitions(environment);
  for (const error of errors) {
    const place = formulaPlace.get(error.formulaId);
    const text = formatFormulaError(error)
      .split('\n')
      .map((l) => `    ${l}`)
      .join('\n');
    c.problem(
      place?.file ?? '?',
      place?.path ?? [],
      place?.subject ?? error.formulaId,
      `a formula that compiles:\n${text}`,
      null,
    );
  }
  return { compiled, environment };
}

/** An indicator cites every source its formula reads from. */
function checkCitedSources(
  c: ShapedCatalog,
  indicatorPlace: ReadonlyMap<string, IndicatorPlace>,
  compiled: ReadonlyMap<string, CompiledFormula>,
): void {
  const sourceOf = new Map(c.variablesFile.variables.map((v) => [storedVariableId(v), v.source]));
  for (const [id, place] of indicatorPlace) {
    const formula = compiled.get(id);
    if (!formula) continue;
    const needed = [...new Set(formula.inputs.map((input) => sourceOf.get(input) ?? '?'))].sort();
    const missing = needed.filter((s) => !place.indicator.sources.includes(s));
    if (missing.length > 0 && place.indicator.family) {
      // A generated variant cites its family's sources plus those of what it divides by (population, area).
      place.indicator.sources = [...new Set([...place.indicator.sources, ...missing])];
    } else if (missing.length > 0) {
      c.problem(
        place.file,
        [...place.path, 'sources'],
        `indicator ${id}`,
        `the sources of its variables: [${needed.join(', ')}]`,
        `[${place.indicator.sources.join(', ')}]`,
      );
    }
  }
}

/** Enough indicators per area, every dimension of service present. */
function checkCoverage(c: ShapedCatalog, indicatorPlace: ReadonlyMap<string, IndicatorPlace>): void {
  for (const { file, area: a } of c.areas) {
    const count = a.services.reduce((n, s) => n + s.indicators.length, 0);
    if (count < MIN_INDICATORS_PER_AREA) {
      c.problem(
        file,
        ['services'],
        `area ${a.id}`,
        `at least ${MIN_INDICATORS_PER_AREA} indicators in the area`,
        String(count),
      );
    }
  }
  const dimensions = new Set([...indicatorPlace.values()].map((p) => p.indicator.dimension));
  for (const dimension of SERVICE_DIMENSIONS) {
    if (!dimensions.has(dimension)) {
      c.problem(
        'areas/',
        [],
        null,
        `at least one indicator of dimension ${dimension} in the catalogue`,
        '(none)',
      );
    }
  }
}

/** Warnings: variables no formula reads. */
function unusedVariables(c: ShapedCatalog, compiled: ReadonlyMap<string, CompiledFormula>): CatalogProblem[] {
  const used = new Set<string>();
  for (const formula of compiled.values()) for (const input of formula.inputs) used.add(input);
  return c.variablesFile.variables.flatMap((v, i) =>
    used.has(storedVariableId(v))
      ? []
      : [
          {
            file: c.vfile,
            path: ['variables', i],
            subject: `variable ${v.id}`,
            expected: 'a variable some formula uses',
            found: 'unused',
          },
        ],
  );
}
