/**
 * A table (CSV or XLSX) and its mapping → variables and observations, all or nothing.
 *
 *   bytes ─readGrid─► header + rows ─plan (mapping × header)─► which column is which variable and year
 *     ─per row: unit code → resolveUnit → TERYT; each cell → value | flagged null | empty | error
 *     ─group by (variable, unit, year): duplicate = error naming both lines, or `combine` when aggregate
 *     ─► { variables, observations, problems, warnings, stats, scope }
 *
 * `inspectTable` returns every problem (for a "check this file" answer); `readTable` throws
 * FileFormatError as soon as there is one, so a file with any hard error imports nothing.
 */
// Over 400 lines: the reading of rows in one place (cells, units, duplicates, combinations); the plan is in table-plan.ts.
import { setImmediate as yieldToServer } from 'node:timers/promises';
import {
  makeVariableId,
  type DataSource,
  type IngestScope,
  type Observation,
  type VariableMeta,
} from '../../domain/observations/observation.js';
import { YEAR_ASSUMED_FLAG } from '../../domain/observations/flags.js';
import { jstLevelOfCode } from '../../domain/units/teryt-code.js';
import { FileFormatError, ProblemList, type FileProblem } from '../files/file-problem.js';
import type { TextEncoding } from '../files/decode-text.js';
import { BDL_ID_REFERENCE, BDL_SOURCE_ID } from './bdl-variable-ids.js';
import { readCell, symbolTable } from './cell-value.js';
import type { CodeKind, TableMapping } from './mapping-schema.js';
import { readGrid, type GridRow, type TableGrid } from './table-grid.js';
import {
  makePlan,
  type BdlIdentity,
  type Plan,
  type PlanVariable,
  type TableWarning,
  type UnitPlan,
} from './table-plan.js';
import { normaliseUnitCode, type ResolvedUnit } from './unit-resolver.js';

export type TableVariable = VariableMeta;
export type TableObservation = Observation;

export type { TableWarning };

export interface TableStats {
  /** Data rows below the header. */
  readonly rows: number;
  /** Rows left out by unit.skip (the Polska row of BDL exports). */
  readonly rowsSkipped: number;
  /** Rows left out because the register does not know their unit (unit.unknown: skip). */
  readonly rowsUnknownUnit: number;
  readonly valueCells: number;
  /** Empty cells: no value, no observation. */
  readonly emptyCells: number;
  /** Cells holding a GUS symbol: an observation with value null and a flag. */
  readonly symbolCells: number;
  /** Observations made by combining several rows (aggregate: true). */
  readonly combinedObservations: number;
  readonly observations: number;
}

export interface TableReadResult {
  readonly source: DataSource;
  readonly variables: readonly TableVariable[];
  readonly observations: readonly TableObservation[];
  /** Hard errors: when any is present, nothing of the file may be imported. */
  readonly problems: readonly FileProblem[];
  readonly warnings: readonly TableWarning[];
  readonly stats: TableStats;
  /** What the file covers, for the ingest job (values it no longer reports are recorded as removed). */
  readonly scope: IngestScope;
  readonly file: {
    readonly format: 'csv' | 'xlsx';
    readonly encoding: TextEncoding | null;
    readonly delimiter: string | null;
    readonly sheet: string | null;
  };
}

export interface TableReadDeps {
  /** Resolves a file's unit code to the register's TERYT code (see makeUnitResolver). */
  resolveUnit(code: string, kind: CodeKind): ResolvedUnit;
}

export interface TableReadOptions {
  /** Problems listed before the reader stops looking (default 500). */
  readonly maxProblems?: number;
}

/** Reads the table; throws FileFormatError listing every problem when there is any. */
export async function readTable(
  bytes: Uint8Array,
  fileName: string,
  mapping: TableMapping,
  deps: TableReadDeps,
  options: TableReadOptions = {},
): Promise<TableReadResult> {
  const result = await inspectTable(bytes, fileName, mapping, deps, options);
  if (result.problems.length > 0) {
    const limit = options.maxProblems ?? 500;
    throw new FileFormatError(fileName, result.problems.slice(0, limit), result.problems.length > limit);
  }
  return result;
}

/**
 * Cells read (or checked for duplicates) between two turns of the event loop: a few tens of milliseconds
 * on a slow machine, so the server answers other requests while a large file is read (a 200,000-value BDL
 * export was one pause of over a second).
 */
const CELLS_PER_TURN = 20_000;

/** Orders as String.prototype.localeCompare does, without making a collator for every comparison. */
const collator = new Intl.Collator();

/** A read cell that holds something (a value or a symbol), before duplicates are checked. */
interface Cell {
  readonly variable: number;
  readonly unit: string;
  readonly year: number;
  readonly value: number | null;
  readonly flag: number | null;
  readonly note: string | null;
  readonly line: number;
  readonly column: string;
}

// Over 80 lines: one pass over the rows (unit, year, each cell); split out, its half-dozen counters would travel as a state object.
/** Reads the table and returns everything found, problems included; throws nothing for bad content. */
export async function inspectTable(
  bytes: Uint8Array,
  fileName: string,
  mapping: TableMapping,
  deps: TableReadDeps,
  options: TableReadOptions = {},
): Promise<TableReadResult> {
  const problems = new ProblemList(fileName, options.maxProblems ?? 500);
  const warnings: TableWarning[] = [];
  const source: DataSource = {
    id: mapping.source.id,
    name: mapping.source.name,
    citation: mapping.source.citation,
    licence: mapping.source.licence,
    url: mapping.source.url ?? null,
  };
  const stats = {
    rows: 0,
    rowsSkipped: 0,
    rowsUnknownUnit: 0,
    valueCells: 0,
    emptyCells: 0,
    symbolCells: 0,
    combinedObservations: 0,
    observations: 0,
  };
  const empty = (grid: TableGrid | null): TableReadResult => ({
    source,
    variables: [],
    observations: [],
    problems: problems.items,
    warnings,
    stats,
    scope: { variables: [], years: [], unitCodeLengths: [] },
    file: {
      format: grid?.format ?? 'csv',
      encoding: grid?.encoding ?? null,
      delimiter: grid?.delimiter ?? null,
      sheet: grid?.sheet ?? null,
    },
  });

  let grid: TableGrid;
  try {
    grid = await readGrid(bytes, fileName, mapping.file ?? {});
  } catch (error) {
    if (!(error instanceof FileFormatError)) throw error;
    for (const p of error.problems) problems.add(p.line, p.column, p.expected, p.found);
    return empty(null);
  }
  stats.rows = grid.rows.length;
  if (grid.rows.length === 0)
    problems.add(grid.headerLine + 1, null, 'at least one data row below the header', '(no rows)');

  const plan = makePlan(mapping, grid, problems, warnings);
  if (!plan || problems.count > 0) return empty(grid);

  const decimal = mapping.file?.decimal ?? ',';
  const symbols = symbolTable(mapping.symbols);
  const resolved = new Map<string, ResolvedUnit>();
  const notedCodes = new Set<string>();
  const levelsOfVariable = plan.variables.map(() => new Set<string>());
  const cells: Cell[] = [];
  let cellsSinceTurn = 0;

  for (const row of grid.rows) {
    if (problems.full) break;
    cellsSinceTurn += plan.columns.length;
    if (cellsSinceTurn >= CELLS_PER_TURN) {
      cellsSinceTurn = 0;
      await yieldToServer();
    }
    const raw = textOf(row.cells[plan.unitIndex]);
    if (isSkipped(plan.unit, raw)) {
      stats.rowsSkipped++;
      continue;
    }
    if (raw === '') {
      problems.add(row.line, plan.unit.column, `a unit code (${plan.unit.code})`, '(empty)');
      continue;
    }
    let unit = resolved.get(raw);
    if (!unit) {
      unit = deps.resolveUnit(raw, plan.unit.code);
      resolved.set(raw, unit);
    }
    if ('error' in unit) {
      if (plan.unit.unknown === 'skip') {
        stats.rowsUnknownUnit++;
        warnings.push({
          line: row.line,
          column: plan.unit.column,
          message: `row left out (unit.unknown: skip): ${unit.error}`,
        });
        continue;
      }
      problems.add(
        row.line,
        plan.unit.column,
        `a ${plan.unit.code} unit code known to the units register (or list the row's code in unit.skip, or set unit.unknown: skip)`,
        `${raw}: ${unit.error}`,
      );
      continue;
    }
    if (unit.note && !notedCodes.has(raw)) {
      notedCodes.add(raw);
      warnings.push({ line: row.line, column: plan.unit.column, message: unit.note });
    }
    const rowYear = yearOfRow(plan, row, problems);
    if (rowYear === undefined) continue;
    const level = unit.level ?? levelOfCode(unit.teryt);
    for (const column of plan.columns) {
      const year = column.year ?? rowYear;
      if (year === null) continue;
      const read = readCell(row.cells[column.index] ?? null, decimal, symbols);
      switch (read.kind) {
        case 'empty':
          stats.emptyCells++;
          continue;
        case 'error':
          problems.add(row.line, column.header, read.expected, textOf(row.cells[column.index]));
          continue;
        case 'symbol':
          stats.symbolCells++;
          cells.push({
            variable: column.variable,
            unit: unit.teryt,
            year,
            value: null,
            flag: read.flag,
            note: read.note,
            line: row.line,
            column: column.header,
          });
          break;
        case 'value':
          stats.valueCells++;
          cells.push({
            variable: column.variable,
            unit: unit.teryt,
            year,
            value: read.value,
            flag: null,
            note: null,
            line: row.line,
            column: column.header,
          });
          break;
      }
      levelsOfVariable[column.variable]?.add(level);
    }
  }
  if (problems.count > 0) return empty(grid);

  const observations =
    mapping.aggregate === true
      ? await combineCells(cells, plan, fileName, stats)
      : await uniqueCells(cells, plan, problems);
  if (problems.count > 0) return empty(grid);
  if (yearAssumed(mapping)) markYearAssumed(observations, plan);
  observations.sort(
    (a, b) =>
      collator.compare(a.variableId, b.variableId) ||
      collator.compare(a.unitCode, b.unitCode) ||
      a.year - b.year,
  );
  stats.observations = observations.length;

  const variables: TableVariable[] = plan.variables.map((variable, i) => ({
    id: variable.storedId,
    sourceId: variable.bdl ? BDL_SOURCE_ID : source.id,
    sourceCode: variable.bdl ? String(variable.bdl.id) : variable.id,
    name: variable.name,
    nameEn: variable.nameEn,
    subjectPath: variable.subjectPath,
    measureUnit: variable.measureUnit,
    levels: [...(levelsOfVariable[i] ?? [])].sort(),
    metadata: {
      layout: mapping.layout,
      columns: variable.columns,
      file: fileName,
      combine: variable.combine ?? null,
      ...(yearAssumed(mapping) ? { yearAssumed: true, yearNote: YEAR_ASSUMED_NOTE } : {}),
      ...(variable.bdl ? { arrivedVia: arrivedVia(variable, variable.bdl, source.id) } : {}),
    },
  }));
  return {
    source,
    variables,
    observations,
    problems: [],
    warnings,
    stats,
    scope: {
      variables: variables.map((v) => v.id),
      years: [...new Set(observations.map((o) => o.year))].sort((a, b) => a - b),
      unitCodeLengths: [...new Set(observations.map((o) => o.unitCode.length))].sort((a, b) => a - b),
    },
    file: { format: grid.format, encoding: grid.encoding, delimiter: grid.delimiter, sheet: grid.sheet },
  };
}

/**
 * How a BDL variable came in through a file, kept in its metadata (provenance): the file's own source
 * (e.g. gus-bdl-portal, the portal export), the column path and the mapping's id, and who said which BDL
 * id it is. A later `smup ingest bdl` of the same id updates the same variable and writes its own metadata.
 */
function arrivedVia(
  variable: PlanVariable,
  bdl: BdlIdentity,
  tableSource: string,
): Record<string, string | number | boolean | null> {
  return {
    kind: 'table',
    tableSource,
    mappingVariableId: variable.id,
    path: variable.path,
    bdlVariableId: bdl.id,
    // A mapping's `bdl:` must be taken from the reference list or a recorded answer (reviewed in mappings/);
    // the known-path table cites the reference list. Neither is confirmed against the live API yet.
    bdlIdFrom: bdl.from === 'mapping' ? 'mapping' : BDL_ID_REFERENCE,
    bdlIdConfirmedByApi: false,
  };
}

/** What an assumed year says on every value (flag 202, YEAR_ASSUMED_FLAG). */
export const YEAR_ASSUMED_NOTE = 'rok nie jest podany w źródle; przyjęty w mapowaniu, niepotwierdzony';

function yearAssumed(mapping: TableMapping): boolean {
  return mapping.layout === 'long' && 'value' in mapping.year && mapping.year.assumed === true;
}

/**
 * year: { value, assumed: true } — the file does not state its year: every value gets flag 202 ("rok nie
 * jest podany w źródle") and the note; a value that already has a flag (a GUS symbol, 3 for an incomplete
 * combination) keeps it, and the note says the year is assumed all the same.
 */
function markYearAssumed(observations: Observation[], plan: Plan): void {
  const year = plan.year && 'value' in plan.year ? plan.year.value : null;
  const note = `${YEAR_ASSUMED_NOTE} (${year})`;
  observations.forEach((o, i) => {
    observations[i] = {
      ...o,
      flag: o.flag ?? YEAR_ASSUMED_FLAG,
      note: o.note ? `${note}; ${o.note}` : note,
    };
  });
}

/** unit.skip lists codes as written in the file or in their 7-digit form ("221091" or "0221091"). */
function isSkipped(unit: UnitPlan, raw: string): boolean {
  if (unit.skip.has(raw)) return true;
  const normal = normaliseUnitCode(raw, unit.code === 'teryt7' ? 'teryt6' : unit.code);
  return 'code' in normal && (unit.skip.has(normal.code) || unit.skip.has(normal.code.padEnd(7, '0')));
}

function textOf(cell: string | number | null | undefined): string {
  return cell === null || cell === undefined ? '' : String(cell).trim();
}

function levelOfCode(code: string): string {
  return jstLevelOfCode(code) ?? 'gmina';
}

/** The row's year for a long layout (null for layouts whose year is in each column); undefined on error. */
function yearOfRow(plan: Plan, row: GridRow, problems: ProblemList): number | null | undefined {
  if (plan.year === null) return null;
  if ('value' in plan.year) return plan.year.value;
  const text = textOf(row.cells[plan.year.index]);
  if (!/^\d{4}$/.test(text) || Number(text) < 1900 || Number(text) > 2100) {
    problems.add(row.line, plan.year.column, 'a year (yyyy)', text);
    return undefined;
  }
  return Number(text);
}

function observationOf(plan: Plan, cell: Cell): Observation {
  return {
    variableId: plan.variables[cell.variable]?.storedId ?? makeVariableId(plan.sourceId, ''),
    unitCode: cell.unit,
    year: cell.year,
    value: cell.value,
    flag: cell.flag,
    note: cell.note,
  };
}

/** Without aggregate, a (variable, unit, year) must come once: a second one is an error naming both lines. */
async function uniqueCells(
  cells: readonly Cell[],
  plan: Plan,
  problems: ProblemList,
): Promise<Observation[]> {
  const first = new Map<string, Cell>();
  const out: Observation[] = [];
  for (const [i, cell] of cells.entries()) {
    if (i > 0 && i % CELLS_PER_TURN === 0) await yieldToServer();
    const key = `${cell.variable}|${cell.unit}|${cell.year}`;
    const earlier = first.get(key);
    if (earlier) {
      const variable = plan.variables[cell.variable]?.id ?? '?';
      problems.add(
        cell.line,
        cell.column,
        `one value of ${variable} for unit ${cell.unit} in ${cell.year}; line ${earlier.line} (column "${earlier.column}") already gives one` +
          ' (two codes of the same unit? rows to combine? then set aggregate: true)',
        cell.value === null ? cell.note : String(cell.value),
      );
      if (problems.full) break;
      continue;
    }
    first.set(key, cell);
    out.push(observationOf(plan, cell));
  }
  return out;
}

/**
 * aggregate: true — the cells of one (variable, unit, year) are combined by the variable's rule:
 *   sum                    Σ values                        (pupils of every school of a gmina)
 *   mean                   Σ values / n                    (unweighted, as Kolada's group means)
 *   weightedMeanBy: w      Σ value·w / Σ w over rows having both (a gmina's mean score, by pupils)
 * Empty cells are no value and take no part. When a member row has a symbol instead of a value, or (for a
 * weighted mean) a weight without a value or a value without a weight, while other rows count, the
 * result carries flag 3 ('k': "Agregat może być niekompletny", BDL) and a note saying how many rows
 * counted. A group with no usable value at all is a null with the first symbol's flag, or nothing.
 */
async function combineCells(
  cells: readonly Cell[],
  plan: Plan,
  fileName: string,
  stats: { combinedObservations: number },
): Promise<Observation[]> {
  const byKey = new Map<string, Cell[]>();
  /** Value of a variable on one line, for weights: "variable|unit|year|line". */
  const valueAt = new Map<string, number>();
  for (const [i, cell] of cells.entries()) {
    if (i > 0 && i % CELLS_PER_TURN === 0) await yieldToServer();
    const key = `${cell.variable}|${cell.unit}|${cell.year}`;
    const list = byKey.get(key) ?? [];
    list.push(cell);
    byKey.set(key, list);
    if (cell.value !== null) valueAt.set(`${key}|${cell.line}`, cell.value);
  }
  const indexOfId = new Map(plan.variables.map((v, i) => [v.id, i]));
  const shortName = fileName.split(/[\\/]/).at(-1) ?? fileName;
  const out: Observation[] = [];
  for (const group of byKey.values()) {
    const [head] = group;
    if (!head) continue;
    const combine = plan.variables[head.variable]?.combine ?? 'sum';
    let used: Array<{ value: number; weight: number }>;
    let members: number;
    if (typeof combine === 'object') {
      const w = indexOfId.get(combine.weightedMeanBy) ?? -1;
      const weightCells = byKey.get(`${w}|${head.unit}|${head.year}`) ?? [];
      const lines = new Set([
        ...group.map((c) => c.line),
        ...weightCells.filter((c) => c.value !== null && c.value > 0).map((c) => c.line),
      ]);
      members = lines.size;
      used = group.flatMap((c) => {
        const weight = valueAt.get(`${w}|${c.unit}|${c.year}|${c.line}`);
        return c.value === null || weight === undefined || weight <= 0 ? [] : [{ value: c.value, weight }];
      });
    } else {
      members = group.length;
      used = group.flatMap((c) => (c.value === null ? [] : [{ value: c.value, weight: 1 }]));
    }
    const base = observationOf(plan, head);
    if (used.length === 0) {
      const flagged = group.find((c) => c.flag !== null);
      if (flagged) out.push({ ...base, value: null, flag: flagged.flag, note: flagged.note });
      continue;
    }
    const totalWeight = used.reduce((s, u) => s + u.weight, 0);
    const sum = used.reduce((s, u) => s + u.value * u.weight, 0);
    const value = combine === 'sum' ? sum : sum / totalWeight;
    const incomplete = used.length < members;
    if (members > 1) stats.combinedObservations++;
    const rule =
      combine === 'sum' ? 'sum' : combine === 'mean' ? 'mean' : `mean weighted by ${combine.weightedMeanBy}`;
    out.push({
      ...base,
      value,
      flag: incomplete ? 3 : null,
      note:
        members > 1 || incomplete ? `${rule} of ${used.length} of ${members} row(s) of ${shortName}` : null,
    });
  }
  return out;
}
