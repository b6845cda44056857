/**
 * The plan of a table: which column is the unit, which the year, and which columns hold which variable in
 * which year, from the mapping matched against the header (one function per layout). reader.ts reads the
 * rows by it.
 */
import { makeVariableId } from '../../domain/observations/observation.js';
import { foldForSearch } from '../../domain/units/search-text.js';
import type { ProblemList } from '../files/file-problem.js';
import { BDL_ID_REFERENCE, BDL_SOURCE_ID, knownBdlVariable } from './bdl-variable-ids.js';
import type { CodeKind, Combine, TableMapping } from './mapping-schema.js';
import { normaliseHeader, type TableGrid } from './table-grid.js';

export interface TableWarning {
  readonly line: number | null;
  readonly column: string | null;
  readonly message: string;
}

/** Unit options with the bdl-ctab preset's defaults filled in. */
export interface UnitPlan {
  readonly column: string;
  readonly code: CodeKind;
  readonly skip: ReadonlySet<string>;
  readonly unknown: 'error' | 'skip';
}

/** A variable's BDL identity: the id and who stated it (the mapping, or the known-path table). */
export interface BdlIdentity {
  readonly id: number;
  readonly from: 'mapping' | 'known-path';
}

export interface PlanVariable {
  /** The mapping's id of the variable (its stored id unless it has a BDL identity). */
  readonly id: string;
  /** `bdl:<id>` for a variable with a BDL identity, else `<mapping source>:<id>`. */
  readonly storedId: string;
  readonly bdl: BdlIdentity | null;
  /** The BDL export path of a bdl-ctab column ("w wieku produkcyjnym;ogółem"), else null. */
  readonly path: string | null;
  readonly name: string;
  readonly nameEn: string | null;
  readonly measureUnit: string;
  readonly subjectPath: string | null;
  readonly combine: Combine | undefined;
  readonly columns: string[];
}

export interface ValueColumn {
  readonly index: number;
  readonly header: string;
  readonly variable: number;
  /** The year from the header (wide, bdl-ctab), or null: from the year column or constant (long). */
  readonly year: number | null;
}

export interface Plan {
  readonly sourceId: string;
  readonly unit: UnitPlan;
  readonly unitIndex: number;
  readonly year: { index: number; column: string } | { value: number } | null;
  readonly variables: PlanVariable[];
  readonly columns: ValueColumn[];
}

/** What every layout's planning reads and fills. */
interface PlanContext {
  readonly grid: TableGrid;
  readonly header: readonly string[];
  readonly problems: ProblemList;
  readonly warnings: TableWarning[];
  /** The header as the problems quote it. */
  readonly shown: string;
  readonly unitIndex: number;
  readonly indexOf: (name: string, field: string) => number;
  readonly variables: PlanVariable[];
  readonly columns: ValueColumn[];
}

export /** The stored id of a mapping's variable: its BDL identity when it has one (bdl-variable-ids.ts). */
function storedIdOf(sourceId: string, id: string, bdl: BdlIdentity | null): string {
  return bdl ? makeVariableId(BDL_SOURCE_ID, String(bdl.id)) : makeVariableId(sourceId, id);
}

/** A BDL portal header "w wieku produkcyjnym;ogółem;2019;[osoba]" → path, year, measure unit. */
export function parseCtabHeader(header: string): { path: string; year: number; measureUnit: string } | null {
  const match = /^(.+)[;,](\d{4})[;,]\[(.*)\]$/.exec(header);
  if (!match) return null;
  const [, path = '', year = '', unit = ''] = match;
  return { path: path.trim(), year: Number(year), measureUnit: unit.trim() };
}

/** A stable id from a BDL variable path: "w wieku produkcyjnym;ogółem" → "w-wieku-produkcyjnym-ogolem". */
export function idOfPath(path: string): string {
  return foldForSearch(path)
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 80);
}

/** Matches the mapping to the header: every column named must exist; every value column gets its variable. */
export function makePlan(
  mapping: TableMapping,
  grid: TableGrid,
  problems: ProblemList,
  warnings: TableWarning[],
): Plan | null {
  const header = grid.header;
  const shown = header.map((h) => `"${h}"`).join(', ');
  const indexOf = (name: string, field: string): number => {
    const index = header.indexOf(normaliseHeader(name));
    if (index < 0) {
      problems.add(
        grid.headerLine,
        name,
        `a column "${name}" (mapping ${field})`,
        `the header has ${shown.slice(0, 400)}`,
      );
    }
    return index;
  };
  const unit: UnitPlan =
    mapping.layout === 'bdl-ctab'
      ? {
          column: mapping.unit?.column ?? 'Kod',
          code: mapping.unit?.code ?? 'teryt7',
          // The Polska row (0000000) is the country, unit "0" of the register (domain/units/unit.ts).
          skip: new Set(mapping.unit?.skip ?? []),
          unknown: mapping.unit?.unknown ?? 'error',
        }
      : {
          column: mapping.unit.column,
          code: mapping.unit.code,
          skip: new Set(mapping.unit.skip ?? []),
          unknown: mapping.unit.unknown ?? 'error',
        };
  const unitIndex = indexOf(unit.column, 'unit.column');
  const c: PlanContext = {
    grid,
    header,
    problems,
    warnings,
    shown,
    unitIndex,
    indexOf,
    variables: [],
    columns: [],
  };
  let year: Plan['year'] = null;
  switch (mapping.layout) {
    case 'long':
      year = planLong(mapping, c);
      break;
    case 'wide':
      planWide(mapping, c);
      break;
    case 'bdl-ctab':
      planCtab(mapping, c);
      break;
  }
  if (problems.count > 0 || unitIndex < 0) return null;
  return { sourceId: mapping.source.id, unit, unitIndex, year, variables: c.variables, columns: c.columns };
}

/** A long layout: one column per variable, the year in a column or constant. */
function planLong(mapping: Extract<TableMapping, { layout: 'long' }>, c: PlanContext): Plan['year'] {
  const { header, indexOf, variables, columns } = c;
  const year: Plan['year'] =
    'value' in mapping.year
      ? { value: mapping.year.value }
      : { index: indexOf(mapping.year.column, 'year.column'), column: mapping.year.column };
  mapping.variables.forEach((variable, i) => {
    variables.push(planVariable(mapping.source.id, variable, variable.measureUnit, [variable.column]));
    const index = indexOf(variable.column, `variables[${i}].column`);
    if (index >= 0) columns.push({ index, header: header[index] ?? '', variable: i, year: null });
  });
  return year;
}

/** A wide layout: columns matched by each variable's pattern, the year in the pattern's (?<year>) group. */
function planWide(mapping: Extract<TableMapping, { layout: 'wide' }>, c: PlanContext): void {
  const { grid, header, problems, shown, variables, columns } = c;
  const patterns = mapping.variables.map((variable) => new RegExp(variable.columns, 'u'));
  mapping.variables.forEach((variable) =>
    variables.push(planVariable(mapping.source.id, variable, variable.measureUnit, [])),
  );
  header.forEach((name, index) => {
    const matches = patterns.flatMap((pattern, i) => {
      const year = pattern.exec(name)?.groups?.year;
      return year === undefined ? [] : [{ i, year: Number(year) }];
    });
    if (matches.length > 1) {
      problems.add(
        grid.headerLine,
        name,
        'a column matched by one variable pattern only',
        `matched by ${matches.map((m) => mapping.variables[m.i]?.id).join(' and ')}`,
      );
    }
    const [match] = matches;
    if (!match) return;
    if (!Number.isInteger(match.year) || match.year < 1900 || match.year > 2100) {
      problems.add(grid.headerLine, name, 'a year (1900–2100) in the (?<year>…) group', String(match.year));
      return;
    }
    columns.push({ index, header: name, variable: match.i, year: match.year });
    variables[match.i]?.columns.push(name);
  });
  mapping.variables.forEach((variable, i) => {
    if (!columns.some((c) => c.variable === i)) {
      problems.add(
        grid.headerLine,
        null,
        `columns matching /${variable.columns}/ (mapping variables[${i}].columns)`,
        `the header has ${shown.slice(0, 400)}`,
      );
    }
  });
}

/** A BDL portal CTAB export: a column per variable path and year; the mapping may list paths or not. */
function planCtab(mapping: Extract<TableMapping, { layout: 'bdl-ctab' }>, c: PlanContext): void {
  const { grid, header, problems, warnings, variables } = c;
  const declared = new Map((mapping.variables ?? []).map((v, i) => [v.path, i]));
  const byPath = new Map<string, number>();
  const unlisted = new Set<string>();
  /** Years of a listed path left out by its `years` (one warning per path, after the header). */
  const leftOutYears = new Map<string, number[]>();
  const state: CtabState = { declared, byPath, unlisted, leftOutYears };
  header.forEach((name, index) => ctabColumn(mapping, c, state, name, index));
  for (const [path, years] of leftOutYears) {
    warnings.push({
      line: grid.headerLine,
      column: null,
      message: `variable "${path}": the columns of ${years.join(', ')} are left out by the mapping's years`,
    });
  }
  for (const [path, i] of declared) {
    if (!byPath.has(path)) {
      problems.add(
        grid.headerLine,
        null,
        `columns of the variable "${path}" (mapping variables[${i}].path)`,
        `paths in the header: ${[...new Set(header.map((h) => parseCtabHeader(h)?.path).filter((p) => p !== undefined))].join(' | ').slice(0, 400)}`,
      );
    }
  }
  // Stored ids, not mapping ids: two paths given the same BDL id would also collide. Every variable of
  // this layout has its export path, so the problem names both paths (never an empty fallback).
  const pathOfId = new Map<string, string>();
  for (const variable of variables) {
    const path = variable.path ?? variable.id;
    const other = pathOfId.get(variable.storedId);
    if (other !== undefined)
      problems.add(
        grid.headerLine,
        null,
        `distinct ids for "${other}" and "${path}": list them under variables with ids (and distinct bdl ids)`,
        variable.storedId,
      );
    pathOfId.set(variable.storedId, path);
  }
}

interface CtabState {
  readonly declared: ReadonlyMap<string, number>;
  readonly byPath: Map<string, number>;
  readonly unlisted: Set<string>;
  readonly leftOutYears: Map<string, number[]>;
}

// Over 80 lines: the checks of one CTAB column in the order a reviewer reads them (header, listed, years, variable, unit).
/** One column of a CTAB export: skipped, left out by the mapping's years, or a year of a variable. */
function ctabColumn(
  mapping: Extract<TableMapping, { layout: 'bdl-ctab' }>,
  c: PlanContext,
  { declared, byPath, unlisted, leftOutYears }: CtabState,
  name: string,
  index: number,
): void {
  const { grid, unitIndex, problems, warnings, variables, columns } = c;
  if (index === unitIndex || name === '' || name === 'Nazwa') return;
  const parsed = parseCtabHeader(name);
  if (!parsed) {
    problems.add(
      grid.headerLine,
      name,
      'a BDL export column header "variable path;year;[unit]" (is this a BDL portal CTAB export?)',
      name,
    );
    return;
  }
  const listedIndex = declared.get(parsed.path);
  if (mapping.variables && listedIndex === undefined) {
    if (!unlisted.has(parsed.path))
      warnings.push({
        line: grid.headerLine,
        column: name,
        message: `variable "${parsed.path}" is not in the mapping: not imported`,
      });
    unlisted.add(parsed.path);
    return;
  }
  const years = listedIndex === undefined ? undefined : mapping.variables?.[listedIndex]?.years;
  if (
    years &&
    ((years.from !== undefined && parsed.year < years.from) ||
      (years.to !== undefined && parsed.year > years.to) ||
      years.skip?.includes(parsed.year))
  ) {
    const left = leftOutYears.get(parsed.path) ?? [];
    left.push(parsed.year);
    leftOutYears.set(parsed.path, left);
    return;
  }
  let v = byPath.get(parsed.path);
  if (v === undefined) {
    const listed = listedIndex === undefined ? undefined : mapping.variables?.[listedIndex];
    v = variables.length;
    byPath.set(parsed.path, v);
    // The mapping's `bdl:` first; else the known path table, so the preset (no variables listed)
    // and a mapping that forgot the id still store a known BDL variable under its one identity.
    const known = knownBdlVariable(parsed.path, parsed.measureUnit);
    const bdl: BdlIdentity | null =
      listed?.bdl !== undefined
        ? { id: listed.bdl, from: 'mapping' }
        : known
          ? { id: known.bdl, from: 'known-path' }
          : null;
    if (listed?.bdl !== undefined && known && known.bdl !== listed.bdl) {
      warnings.push({
        line: grid.headerLine,
        column: name,
        message: `variable "${parsed.path}" is BDL ${known.bdl} (${known.referenceName}) in ${BDL_ID_REFERENCE}, but the mapping says bdl: ${listed.bdl}: stored as bdl:${listed.bdl}`,
      });
    }
    const id = listed?.id ?? idOfPath(parsed.path);
    variables.push({
      id,
      storedId: storedIdOf(mapping.source.id, id, bdl),
      bdl,
      path: parsed.path,
      name: listed?.name ?? parsed.path.replace(/;/g, ' — '),
      nameEn: listed?.nameEn ?? null,
      measureUnit: listed?.measureUnit ?? parsed.measureUnit,
      subjectPath: parsed.path.split(';').join(' > '),
      combine: listed?.combine,
      columns: [],
    });
  }
  const variable = variables[v];
  if (
    variable &&
    !mapping.variables?.[listedIndex ?? -1]?.measureUnit &&
    variable.measureUnit !== parsed.measureUnit
  ) {
    problems.add(
      grid.headerLine,
      name,
      `the unit [${variable.measureUnit}] of the other columns of "${parsed.path}"`,
      `[${parsed.measureUnit}]`,
    );
  }
  variable?.columns.push(name);
  columns.push({ index, header: name, variable: v, year: parsed.year });
}

/** A variable of a long or wide mapping (no export path: only the mapping's `bdl:` gives a BDL identity). */
function planVariable(
  sourceId: string,
  variable: {
    id: string;
    bdl?: number | undefined;
    name: string;
    nameEn?: string | undefined;
    combine?: Combine | undefined;
  },
  measureUnit: string,
  columns: string[],
): PlanVariable {
  const bdl: BdlIdentity | null = variable.bdl === undefined ? null : { id: variable.bdl, from: 'mapping' };
  return {
    id: variable.id,
    storedId: storedIdOf(sourceId, variable.id, bdl),
    bdl,
    path: null,
    name: variable.name,
    nameEn: variable.nameEn ?? null,
    measureUnit,
    subjectPath: null,
    combine: variable.combine,
    columns,
  };
}
