/**
 * Reader of the MRiPS nursery register (rejestr żłobków) as scraped to CSV, e.g.
 * ../shared/data/childcare/rejestr-zlobkow-MRiPS-2025-07-08.csv: one row per żłobek, with the names of its
 * województwo, powiat and gmina but no TERYT code.
 *
 *   bytes ─decodeText─► csv-parse (`,`, quoted) ─► columns by header name; counts must be whole numbers
 *     ─per row: names ─makeUnitMatcher (unit-matcher.ts)─► gmina | unmatched {reason, detail}
 *     ─sum per gmina: żłobki, places, children ─► Observation ×3 per gmina (year of the state date)
 *
 * A file that is not this register (a column missing, a count that is not a whole number) is refused
 * with FileFormatError listing every problem. A row whose names do not lead to exactly one gmina is not
 * a file error: it is listed in `unmatched` with its reason, and its places still count in `stats`, so
 * matched + unmatched add up to the file's totals.
 */
import { parse } from 'csv-parse/sync';
import {
  makeVariableId,
  type DataSource,
  type IngestScope,
  type Observation,
  type VariableMeta,
} from '../../domain/observations/observation.js';
import type { UnitRecord } from '../../domain/units/unit.js';
import { decodeText } from '../files/decode-text.js';
import { FileFormatError, ProblemList } from '../files/file-problem.js';
import {
  DEFAULT_STATE_DATE,
  NURSERY_CODES,
  NURSERY_SOURCE_ID,
  nurserySource,
  nurseryVariables,
  type NurseryMeasure,
} from './register-variables.js';
import {
  MATCH_RULES,
  makeUnitMatcher,
  type MatchRule,
  type SameNameRule,
  type UnmatchedReason,
} from './unit-matcher.js';

/** Header names of the columns the reader uses; the others (address, e-mail, …) are not read. */
export const REGISTER_COLUMNS = {
  registerNumber: 'Identyfikator API',
  name: 'Nazwa',
  wojewodztwo: 'Województwo',
  powiat: 'Powiat',
  gmina: 'Gmina',
  locality: 'Miejscowość',
  children: 'Liczba dzieci',
  places: 'Liczba miejsc',
} as const;
type Column = keyof typeof REGISTER_COLUMNS;

export interface NurseryReadOptions {
  /** Shown in problems and kept in the variables' metadata (default: the shared file's name). */
  readonly file?: string;
  /** The day the register was read, yyyy-mm-dd; its year is the observations' year (default 2025-07-08). */
  readonly stateDate?: string;
  /** Rule 6 of unit-matcher.ts: decide a town / rural gmina pair by the locality (default) or not at all. */
  readonly sameNameRule?: SameNameRule;
}

export interface UnmatchedRow {
  /** Line of the row in the file, as an editor shows it. */
  readonly line: number;
  readonly registerNumber: string;
  readonly wojewodztwo: string;
  readonly powiat: string;
  readonly gmina: string;
  readonly reason: UnmatchedReason;
  /** The reason in words: what was looked for, where, and which units it could have been. */
  readonly detail: string;
  readonly places: number;
  readonly children: number;
}

export interface NurseryStats {
  readonly rows: number;
  readonly matchedRows: number;
  readonly unmatchedRows: number;
  /** Gminy with at least one matched żłobek (= observations per variable). */
  readonly gminy: number;
  /** Totals over every row of the file, matched or not. */
  readonly places: number;
  readonly children: number;
  readonly matchedPlaces: number;
  readonly matchedChildren: number;
  /** Matched rows by the rule that found their gmina (unit-matcher.ts). */
  readonly matchedBy: Readonly<Record<MatchRule, number>>;
  readonly unmatchedBy: Readonly<Partial<Record<UnmatchedReason, number>>>;
  /** Rows with 0 places: kept and counted as a żłobek, noted on their gmina's observations. */
  readonly zeroPlaceRows: number;
  /** Rows enrolling more children than they have places (the register allows it; reported, not changed). */
  readonly childrenAbovePlaces: number;
}

export interface NurseryReadResult {
  readonly source: DataSource;
  readonly variables: VariableMeta[];
  readonly observations: Observation[];
  readonly unmatched: UnmatchedRow[];
  readonly stats: NurseryStats;
  readonly scope: IngestScope;
}

const DEFAULT_FILE = `rejestr-zlobkow-MRiPS-${DEFAULT_STATE_DATE}.csv`;

interface Row {
  readonly line: number;
  readonly cells: Readonly<Record<Column, string>>;
  readonly places: number;
  readonly children: number;
}

interface GminaTotals {
  count: number;
  places: number;
  children: number;
  zeroPlaceLines: number[];
  byLocality: number;
}

// Over 80 lines: its steps share many locals and run once, in order; not yet split by concept (issue 19 lists it).
export function readNurseryRegister(
  bytes: Uint8Array,
  units: readonly UnitRecord[],
  options: NurseryReadOptions = {},
): NurseryReadResult {
  const file = options.file ?? DEFAULT_FILE;
  const stateDate = options.stateDate ?? DEFAULT_STATE_DATE;
  if (!/^\d{4}-\d{2}-\d{2}$/.test(stateDate))
    throw new Error(`stateDate must be yyyy-mm-dd, got "${stateDate}"`);
  const year = Number(stateDate.slice(0, 4));

  const rows = readRows(bytes, file);
  const matcher = makeUnitMatcher(units, options.sameNameRule ? { sameNameRule: options.sameNameRule } : {});
  const totals = new Map<string, GminaTotals>();
  const unmatched: UnmatchedRow[] = [];
  const matchedBy = Object.fromEntries(MATCH_RULES.map((rule) => [rule, 0])) as Record<MatchRule, number>;
  const unmatchedBy: Partial<Record<UnmatchedReason, number>> = {};
  let places = 0;
  let children = 0;
  let zeroPlaceRows = 0;
  let childrenAbovePlaces = 0;

  for (const row of rows) {
    places += row.places;
    children += row.children;
    if (row.places === 0) zeroPlaceRows += 1;
    if (row.children > row.places) childrenAbovePlaces += 1;
    const { wojewodztwo, powiat, gmina, locality, registerNumber } = row.cells;
    const match = matcher.match({ wojewodztwo, powiat, gmina, locality });
    if (!match.matched) {
      unmatchedBy[match.reason] = (unmatchedBy[match.reason] ?? 0) + 1;
      unmatched.push({
        line: row.line,
        registerNumber,
        wojewodztwo,
        powiat,
        gmina,
        reason: match.reason,
        detail: match.detail,
        places: row.places,
        children: row.children,
      });
      continue;
    }
    matchedBy[match.rule] += 1;
    const sum = totals.get(match.gmina.code) ?? {
      count: 0,
      places: 0,
      children: 0,
      zeroPlaceLines: [],
      byLocality: 0,
    };
    totals.set(match.gmina.code, sum);
    sum.count += 1;
    sum.places += row.places;
    sum.children += row.children;
    if (row.places === 0) sum.zeroPlaceLines.push(row.line);
    if (match.rule === 'town-by-locality' || match.rule === 'rural-by-locality') sum.byLocality += 1;
  }

  const observations = toObservations(totals, year);
  const variables = nurseryVariables(stateDate, file);
  const matchedRows = rows.length - unmatched.length;
  return {
    source: nurserySource(stateDate),
    variables,
    observations,
    unmatched,
    stats: {
      rows: rows.length,
      matchedRows,
      unmatchedRows: unmatched.length,
      gminy: totals.size,
      places,
      children,
      matchedPlaces: places - unmatched.reduce((s, u) => s + u.places, 0),
      matchedChildren: children - unmatched.reduce((s, u) => s + u.children, 0),
      matchedBy,
      unmatchedBy,
      zeroPlaceRows,
      childrenAbovePlaces,
    },
    scope: { variables: variables.map((v) => v.id), years: [year], unitCodeLengths: [7] },
  };
}

/**
 * One observation per variable for each gmina with at least one matched żłobek. A gmina with no row gets
 * none: "no żłobek in this register" is not a measured 0 (the register may be incomplete), and how to
 * show it is the caller's choice.
 */
function toObservations(totals: ReadonlyMap<string, GminaTotals>, year: number): Observation[] {
  const observations: Observation[] = [];
  const codes = [...totals.keys()].sort();
  for (const measure of Object.keys(NURSERY_CODES) as NurseryMeasure[]) {
    for (const code of codes) {
      const sum = totals.get(code);
      if (!sum) continue;
      const value = measure === 'count' ? sum.count : measure === 'places' ? sum.places : sum.children;
      observations.push({
        variableId: makeVariableId(NURSERY_SOURCE_ID, NURSERY_CODES[measure]),
        unitCode: code,
        year,
        value,
        flag: null,
        note: noteOf(sum),
      });
    }
  }
  return observations;
}

/** Says on the value itself what a reader would otherwise not see: empty żłobki and locality-decided rows. */
function noteOf(sum: GminaTotals): string | null {
  const parts: string[] = [];
  if (sum.zeroPlaceLines.length > 0) {
    parts.push(
      `żłobki z 0 miejsc w rejestrze: ${sum.zeroPlaceLines.length} z ${sum.count} ` +
        `(wiersz ${sum.zeroPlaceLines.join(', ')})`,
    );
  }
  if (sum.byLocality > 0) {
    parts.push(
      `żłobki przypisane do gminy według miejscowości: ${sum.byLocality} z ${sum.count} ` +
        '(w powiecie są gmina miejska i gmina wiejska o tej samej nazwie)',
    );
  }
  return parts.length > 0 ? parts.join('; ') : null;
}

function readRows(bytes: Uint8Array, file: string): Row[] {
  const { text } = decodeText(bytes);
  let parsed: Array<{ record: string[]; info: { lines: number } }>;
  try {
    parsed = parse(text, {
      delimiter: ',',
      bom: true,
      info: true,
      relax_column_count: true,
      skip_empty_lines: true,
    }) as unknown as Array<{ record: string[]; info: { lines: number } }>;
  } catch (error) {
    const line = (error as { lines?: number }).lines ?? null;
    throw new FileFormatError(file, [
      { file, line, column: null, expected: 'a `,`-separated CSV file', found: (error as Error).message },
    ]);
  }

  const header = (parsed[0]?.record ?? []).map((cell) => cell.trim());
  const position = {} as Record<Column, number>;
  const missing: string[] = [];
  for (const [column, name] of Object.entries(REGISTER_COLUMNS) as Array<[Column, string]>) {
    const at = header.indexOf(name);
    if (at < 0) missing.push(name);
    position[column] = at;
  }
  if (missing.length > 0) {
    throw new FileFormatError(file, [
      {
        file,
        line: 1,
        column: null,
        expected:
          `the register's header with the columns ${Object.values(REGISTER_COLUMNS).join(', ')} ` +
          `(missing: ${missing.join(', ')})`,
        found: header.join(','),
      },
    ]);
  }

  const problems = new ProblemList(file);
  const rows: Row[] = [];
  for (const { record, info } of parsed.slice(1)) {
    if (problems.full) break;
    const cells = {} as Record<Column, string>;
    for (const column of Object.keys(REGISTER_COLUMNS) as Column[]) {
      cells[column] = (record[position[column]] ?? '').trim();
    }
    const count = (column: 'places' | 'children'): number => {
      const text = cells[column];
      if (/^\d+$/.test(text)) return Number(text);
      problems.add(info.lines, REGISTER_COLUMNS[column], 'a whole number ≥ 0', text);
      return 0;
    };
    rows.push({ line: info.lines, cells, places: count('places'), children: count('children') });
  }
  problems.throwIfAny();
  return rows;
}
