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
  type Indicator,
  type VariablesFile,
} from './schema.js';

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

/** `services[0].indicators[2].formula` for ["services", 0, "indicators", 2, "formula"]. */
export function fieldPath(path: ReadonlyArray<string | number>): string {
  return (
    path.map((part, i) => (typeof part === 'number' ? `[${part}]` : i === 0 ? part : `.${part}`)).join('') ||
    '(top)'
  );
}

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

  const config = files.config.data as CatalogConfig;
  const variablesFile = files.variables.data as VariablesFile;
  const derived = variablesFile.derived ?? [];
  const areas = files.areas.map((f) => ({ file: f.file, area: f.data as Area }));
  const problem = (
    file: string,
    path: Array<string | number>,
    subject: string | null,
    expected: string,
    found: string | null,
  ) => problems.push({ file, path, subject, expected, found });

  // One namespace for the names formulas use (variables, derived variables, indicators), one for areas,
  // one for services: a reused id is an error naming where it was first defined.
  const names = new Map<string, string>();
  const claim = (
    map: Map<string, string>,
    id: string,
    where: string,
    file: string,
    path: Array<string | number>,
    subject: string,
  ) => {
    const first = map.get(id);
    if (first !== undefined) problem(file, path, subject, `an id not used elsewhere (${first} has it)`, id);
    else map.set(id, where);
  };
  const vfile = files.variables.file;
  variablesFile.variables.forEach((v, i) => {
    claim(names, v.id, `${vfile} variables[${i}]`, vfile, ['variables', i, 'id'], `variable ${v.id}`);
    if (!(v.source in config.sources)) {
      problem(
        vfile,
        ['variables', i, 'source'],
        `variable ${v.id}`,
        `a source of config.yaml (${Object.keys(config.sources).join(', ')})`,
        v.source,
      );
    }
    if (v.source === 'bdl' && !/^[0-9]+$/.test(v.sourceCode)) {
      problem(
        vfile,
        ['variables', i, 'sourceCode'],
        `variable ${v.id}`,
        'a BDL variable id: digits only',
        v.sourceCode,
      );
    }
    // A file column is stored under a BDL id only when a mapping states that id (`bdl: <id>`, one identity
    // per BDL variable whichever way it came); without a mapping a file column is its own source.
    if (v.source === 'bdl' && v.confirmation.kind === 'shared-data-file' && v.confirmation.mapping === null) {
      problem(
        vfile,
        ['variables', i, 'confirmation', 'mapping'],
        `variable ${v.id}`,
        'the mapping that loads the file column under this BDL id (`bdl: <id>`), or recorded-response or reference-list for a BDL API id',
        'null',
      );
    }
  });
  const storedIds = new Map<string, string>();
  variablesFile.variables.forEach((v, i) =>
    claim(
      storedIds,
      storedVariableId(v),
      `variables[${i}] (${v.id})`,
      vfile,
      ['variables', i, 'sourceCode'],
      `variable ${v.id}`,
    ),
  );
  derived.forEach((d, i) =>
    claim(names, d.id, `${vfile} derived[${i}]`, vfile, ['derived', i, 'id'], `derived variable ${d.id}`),
  );
  const areaIds = new Map<string, string>();
  const serviceIds = new Map<string, string>();
  const indicatorPlace = new Map<
    string,
    { file: string; path: Array<string | number>; indicator: Indicator }
  >();
  for (const { file, area } of areas) {
    claim(areaIds, area.id, file, file, ['id'], `area ${area.id}`);
    area.services.forEach((service, s) => {
      claim(
        serviceIds,
        service.id,
        `${file} services[${s}]`,
        file,
        ['services', s, 'id'],
        `service ${service.id}`,
      );
      service.indicators.forEach((indicator, i) => {
        const path = ['services', s, 'indicators', i];
        claim(
          names,
          indicator.id,
          `${file} ${fieldPath(path)}`,
          file,
          [...path, 'id'],
          `indicator ${indicator.id}`,
        );
        if (!indicatorPlace.has(indicator.id)) indicatorPlace.set(indicator.id, { file, path, indicator });
        for (const [k, sourceId] of indicator.sources.entries()) {
          if (!(sourceId in config.sources)) {
            problem(
              file,
              [...path, 'sources', k],
              `indicator ${indicator.id}`,
              `a source of config.yaml (${Object.keys(config.sources).join(', ')})`,
              sourceId,
            );
          }
        }
      });
    });
  }

  // Formulas: every derived variable and indicator compiled against the variables.
  const variableIds = new Map(variablesFile.variables.map((v) => [v.id, storedVariableId(v)]));
  const definitions = new Map<string, string>();
  const formulaPlace = new Map<string, { file: string; path: Array<string | number>; subject: string }>();
  derived.forEach((d, i) => {
    definitions.set(d.id, d.formula);
    formulaPlace.set(d.id, {
      file: vfile,
      path: ['derived', i, 'formula'],
      subject: `derived variable ${d.id}`,
    });
  });
  for (const [id, place] of indicatorPlace) {
    definitions.set(id, place.indicator.formula);
    formulaPlace.set(id, { file: place.file, path: [...place.path, 'formula'], subject: `indicator ${id}` });
  }
  const { population, area } = config.normalisation;
  for (const [key, name] of Object.entries({ population, area })) {
    if (!variableIds.has(name) && !derived.some((d) => d.id === name)) {
      problem(
        files.config.file,
        ['normalisation', key],
        null,
        'the id of a variable or derived variable of variables.yaml',
        name,
      );
    }
  }
  for (const [key, id] of Object.entries(config.structure ?? {})) {
    if (!indicatorPlace.has(id)) {
      problem(files.config.file, ['structure', key], null, 'the id of an indicator of areas/', id);
    }
  }
  const environment: FormulaEnvironment = { variables: variableIds, definitions, population, area };
  const { compiled, errors } = compileDefinitions(environment);
  for (const error of errors) {
    const place = formulaPlace.get(error.formulaId);
    problem(
      place?.file ?? '?',
      place?.path ?? [],
      place?.subject ?? error.formulaId,
      'a formula that compiles:\n' +
        formatFormulaError(error)
          .split('\n')
          .map((l) => `    ${l}`)
          .join('\n'),
      null,
    );
  }

  // Sources: an indicator cites every source its formula reads from.
  const sourceOf = new Map(variablesFile.variables.map((v) => [storedVariableId(v), v.source]));
  for (const [id, place] of indicatorPlace) {
    const formula = compiled.get(id);
    if (!formula) continue;
    const needed = [...new Set(formula.inputs.map((input) => sourceOf.get(input) ?? '?'))].sort();
    const missing = needed.filter((s) => !place.indicator.sources.includes(s));
    if (missing.length > 0) {
      problem(
        place.file,
        [...place.path, 'sources'],
        `indicator ${id}`,
        `the sources of its variables: [${needed.join(', ')}]`,
        `[${place.indicator.sources.join(', ')}]`,
      );
    }
  }

  // Coverage: enough indicators per area, every dimension of service present.
  for (const { file, area: a } of areas) {
    const count = a.services.reduce((n, s) => n + s.indicators.length, 0);
    if (count < MIN_INDICATORS_PER_AREA) {
      problem(
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
      problem(
        'areas/',
        [],
        null,
        `at least one indicator of dimension ${dimension} in the catalogue`,
        '(none)',
      );
    }
  }

  // Warnings: variables and derived variables no formula reads.
  const used = new Set<string>();
  for (const formula of compiled.values()) for (const input of formula.inputs) used.add(input);
  variablesFile.variables.forEach((v, i) => {
    if (!used.has(storedVariableId(v))) {
      warnings.push({
        file: vfile,
        path: ['variables', i],
        subject: `variable ${v.id}`,
        expected: 'a variable some formula uses',
        found: 'unused',
      });
    }
  });

  if (problems.length > 0) return { catalog: null, problems, warnings, compiled, environment };
  const catalog: Catalog = {
    config,
    variables: variablesFile.variables,
    derived,
    areas: areas.map((a) => a.area).sort((x, y) => x.order - y.order || x.id.localeCompare(y.id)),
  };
  return { catalog, problems, warnings, compiled, environment };
}
