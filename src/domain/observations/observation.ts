/**
 * The data model every later feature reads: a value of one source variable, for one unit and year, with
 * its flag, in a release. Sources and variables carry the metadata needed to cite and explain a value.
 */

/** SMUP id of a variable: `<source>:<source code>`, e.g. `bdl:60559`. */
export type VariableId = string;

export interface DataSource {
  readonly id: string;
  readonly name: string;
  /** How to cite it under a chart or in an export ("Źródło: GUS, Bank Danych Lokalnych"). */
  readonly citation: string;
  readonly licence: string;
  readonly url: string | null;
}

export interface VariableMeta {
  readonly id: VariableId;
  readonly sourceId: string;
  /** The source's own id of the variable (a BDL variable id, a column of a file). */
  readonly sourceCode: string;
  readonly name: string;
  readonly nameEn: string | null;
  /** Where the source files it ("Ludność > Stan ludności > …"). */
  readonly subjectPath: string | null;
  readonly measureUnit: string | null;
  /** Levels the source publishes it for: gmina, powiat, wojewodztwo, polska. */
  readonly levels: readonly string[];
  readonly metadata: Readonly<Record<string, unknown>>;
}

export interface Observation {
  readonly variableId: VariableId;
  /** TERYT code of the unit (see domain/units). */
  readonly unitCode: string;
  readonly year: number;
  /** null when there is no value; `flag` or `note` then says why. */
  readonly value: number | null;
  /** BDL attribute id (attrId), see flags.ts; null for a plain value. */
  readonly flag: number | null;
  readonly note: string | null;
}

/** What an ingest job covers, so that values the source no longer reports are recorded as removed. */
export interface IngestScope {
  readonly variables: readonly VariableId[];
  readonly years: readonly number[];
  /** Lengths of unit codes covered: 2 województwa, 4 powiaty, 7 gminy and their parts. */
  readonly unitCodeLengths: readonly number[];
}

export function makeVariableId(sourceId: string, sourceCode: string): VariableId {
  return `${sourceId}:${sourceCode}`;
}
