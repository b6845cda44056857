/**
 * The variables a JST may report itself (issue 18, point 4): the catalogue's variables of source `jst`
 * (catalog/variables.yaml), with what a submitted value of each must be: its unit of measure, the levels of
 * unit that report it, and how many decimals a value may have.
 */
import { storedVariableId, type Catalog } from '../catalog/schema.js';
import { levelsOfCode } from '../units/teryt-code.js';

export const JST_SOURCE_ID = 'jst';

export interface JstVariable {
  /** The stored id (`jst:<sourceCode>`). */
  readonly id: string;
  /** The formula name of the catalogue (`koszt_dowozu_uczniow`). */
  readonly name: string;
  readonly label: { readonly pl: string; readonly en: string };
  readonly measureUnit: string;
  readonly levels: readonly string[];
  /** Decimals a reported value may have: 0 for counts of persons or households. */
  readonly decimals: number;
}

// Counts are whole; money to the grosz; lengths to the metre.
const DECIMALS: Readonly<Record<string, number>> = {
  osoba: 0,
  'gospodarstwo domowe': 0,
  zł: 2,
  km: 3,
};

export function jstVariables(catalog: Catalog): JstVariable[] {
  return catalog.variables
    .filter((v) => v.source === JST_SOURCE_ID)
    .map((v) => ({
      id: storedVariableId(v),
      name: v.id,
      label: { pl: v.name, en: v.nameEn ?? v.name },
      measureUnit: v.measureUnit ?? '',
      levels: [...v.levels],
      decimals: DECIMALS[v.measureUnit ?? ''] ?? 4,
    }));
}

/** The JST variables a unit of this TERYT code reports (by its level: gmina, powiat, województwo). */
export function variablesOfUnit(variables: readonly JstVariable[], unitCode: string): JstVariable[] {
  const levels: readonly string[] = levelsOfCode(unitCode);
  return variables.filter((v) => v.levels.some((l) => levels.includes(l)));
}
