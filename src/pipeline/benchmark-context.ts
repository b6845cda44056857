/**
 * What benchmarking reads, loaded once per published release (releases never change): every indicator's
 * values as typed arrays aligned with the current units, the comparison groups of each year (typology of
 * config/comparison-groups.yaml on real populations), and the similarity index of each year and level.
 * Profiles, peers and distributions are then pure lookups and sorts in memory (domain/benchmark).
 *
 *   observations of ind:* in release R ──► values[indicator][year] : Float64Array (NaN = none), flags
 *   population (the catalogue's structure.population; powiaty and województwa as sums of their gminy)
 *     ──► assignGroups(year)
 *   structural indicators ──► buildSimilarityIndex(year, level)
 */
import { setImmediate as yieldToServer } from 'node:timers/promises';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import {
  assignGroups,
  typologyConfigFromYaml,
  type GroupAssignmentResult,
  type TypologyConfig,
} from '../domain/benchmark/typology.js';
import { buildSimilarityIndex, type SimilarityIndex } from '../domain/benchmark/similar.js';
import type { StructureIndicators } from '../domain/catalog/schema.js';
import type { UnitKind, UnitLevel } from '../domain/units/unit.js';
import type { Database } from '../store/database.js';
import { observationCellsIn, type CellColumns, type CellReader } from '../store/observation-cells-store.js';
import { currentUnits } from '../store/units-store.js';
import { coverageOf, type Coverage } from '../domain/benchmark/coverage.js';
import { INDICATOR_PREFIX } from './compute.js';

export const TYPOLOGY_FILE = fileURLToPath(new URL('../../config/comparison-groups.yaml', import.meta.url));

/** The structural variables: the catalogue's structure indicators, and the kind of gmina. */
export type StructuralVariableId = keyof StructureIndicators | 'urbanisation';

/** The similarity variables and their default weights and scales (issue 5). */
export const SIMILARITY_VARIABLES: ReadonlyArray<{
  id: StructuralVariableId;
  weight: number;
  transform: 'none' | 'log';
  label: { pl: string; en: string };
}> = [
  { id: 'population', weight: 1, transform: 'log', label: { pl: 'liczba ludności', en: 'population' } },
  {
    id: 'density',
    weight: 1,
    transform: 'log',
    label: { pl: 'gęstość zaludnienia', en: 'population density' },
  },
  {
    id: 'share_post_working_age',
    weight: 1,
    transform: 'none',
    label: { pl: 'udział ludności w wieku poprodukcyjnym', en: 'share of post-working-age population' },
  },
  {
    id: 'revenue_per_resident',
    weight: 1,
    transform: 'none',
    label: { pl: 'dochody własne budżetu na mieszkańca', en: 'own budget revenue per resident' },
  },
  {
    id: 'urbanisation',
    weight: 1,
    transform: 'none',
    label: { pl: 'urbanizacja (rodzaj gminy)', en: 'urbanisation (kind of gmina)' },
  },
];

/** Urbanisation from the kind of gmina: a coarse but official proxy (TERC), 1 town … 0 rural. */
const URBANISATION: Partial<Record<UnitKind, number>> = {
  miejska: 1,
  'miejsko-wiejska': 0.5,
  wiejska: 0,
};

/** A stored cell: value (null when missing), BDL flag, note (the reason of a missing value). */
export interface StoredCell {
  readonly value: number | null;
  readonly flag: number | null;
  readonly note: string | null;
}

export interface ContextUnit {
  readonly code: string;
  readonly name: string;
  readonly level: UnitLevel;
  readonly kind: UnitKind;
  readonly parentCode: string | null;
}

export interface IndicatorSeries {
  /** year → values aligned with `units` (NaN = no value). */
  readonly values: Map<number, Float64Array>;
  readonly flags: Map<number, Int16Array>;
  /** year → index → note (only for missing values and multi-flag notes). */
  readonly notes: Map<number, Map<number, string>>;
}

export class BenchmarkContext {
  readonly index: ReadonlyMap<string, number>;
  private readonly groupsByYear = new Map<number, GroupAssignmentResult>();
  private readonly similarityByKey = new Map<string, SimilarityIndex>();
  private readonly coverageByKey = new Map<string, Coverage>();
  private readonly codesByLength = new Map<number, readonly string[]>();

  constructor(
    readonly release: number,
    readonly units: readonly ContextUnit[],
    private readonly series: ReadonlyMap<string, IndicatorSeries>,
    private readonly typology: TypologyConfig,
    /** Which indicators describe a unit (catalog/config.yaml `structure`); null: no groups, no similarity. */
    private readonly structure: StructureIndicators | null,
  ) {
    this.index = new Map(units.map((u, i) => [u.code, i]));
  }

  unit(code: string): ContextUnit | undefined {
    const i = this.index.get(code);
    return i === undefined ? undefined : this.units[i];
  }

  /**
   * The codes of one level, in register order, made once per level: the population of each powiat and
   * województwo filtered every unit to find the gminy (most of the 1.1 s a server's first comparison groups
   * held its thread, in a profile of 1 December).
   */
  unitsOfLevel(codeLength: number): readonly string[] {
    let codes = this.codesByLength.get(codeLength);
    if (!codes) {
      codes = this.units
        .filter((u) => u.code.length === codeLength && u.level !== 'czesc_gminy')
        .map((u) => u.code);
      this.codesByLength.set(codeLength, codes);
    }
    return codes;
  }

  /** Years with any value of the indicator. */
  years(indicatorId: string): number[] {
    return [...(this.series.get(indicatorId)?.values.keys() ?? [])].sort((a, b) => a - b);
  }

  /** The indicator's values of `codes` in a year (null = none), aligned with codes. */
  values(indicatorId: string, year: number, codes: readonly string[]): Array<number | null> {
    const values = this.series.get(indicatorId)?.values.get(year);
    return codes.map((code) => {
      const i = this.index.get(code);
      const v = values && i !== undefined ? (values[i] as number) : NaN;
      return Number.isNaN(v) ? null : v;
    });
  }

  flags(indicatorId: string, year: number, codes: readonly string[]): Array<number | null> {
    const flags = this.series.get(indicatorId)?.flags.get(year);
    return codes.map((code) => {
      const i = this.index.get(code);
      const f = flags && i !== undefined ? (flags[i] as number) : -1;
      return f < 0 ? null : f;
    });
  }

  /** The stored note of a cell: the reason of a missing value ("missing-input: …"), or null. */
  note(indicatorId: string, year: number, code: string): string | null {
    const i = this.index.get(code);
    if (i === undefined) return null;
    return this.series.get(indicatorId)?.notes.get(year)?.get(i) ?? null;
  }

  /**
   * Which part of a level the release covers for an indicator and year (domain/benchmark/coverage.ts):
   * a source of some województwa only (the CKE exams of one OKE) is partial, and its outsiders are not
   * units "missing a value" but units the source does not cover.
   */
  coverage(indicatorId: string, year: number, codeLength: number): Coverage {
    const key = `${indicatorId}|${year}|${codeLength}`;
    let found = this.coverageByKey.get(key);
    if (!found) {
      const values = this.series.get(indicatorId)?.values.get(year);
      found = coverageOf(
        this.unitsOfLevel(codeLength).map((code) => ({
          code,
          hasRow: this.hasCell(indicatorId, year, code),
          hasValue: values !== undefined && !Number.isNaN(values[this.index.get(code) as number] as number),
        })),
      );
      this.coverageByKey.set(key, found);
    }
    return found;
  }

  /** Whether the release has a cell (value or missing value) of the indicator for the unit and year. */
  hasCell(indicatorId: string, year: number, code: string): boolean {
    return this.cell(indicatorId, year, code) !== undefined;
  }

  /**
   * The stored cell of the indicator for the unit and year as the observation table holds it, or undefined
   * where the release has none (cellReader of one indicator and year, for one cell).
   */
  cell(indicatorId: string, year: number, code: string): StoredCell | undefined {
    const i = this.index.get(code);
    return i === undefined ? undefined : this.cellReader(indicatorId, year)(i);
  }

  /**
   * Reads the cells of one indicator and year by unit index (`index`): what a data answer over a whole
   * level needs, without looking up the indicator and year again for each unit. A computed cell without a
   * value always has a note (its reason, pipeline/compute-cells.ts), so "no value and no note" is "no cell".
   */
  cellReader(indicatorId: string, year: number): (i: number) => StoredCell | undefined {
    const s = this.series.get(indicatorId);
    const values = s?.values.get(year);
    const flags = s?.flags.get(year);
    const notes = s?.notes.get(year);
    if (!values || !flags) return () => undefined;
    return (i) => {
      const value = values[i] as number;
      const note = notes?.get(i) ?? null;
      if (Number.isNaN(value) && note === null) return undefined;
      const flag = flags[i] as number;
      return { value: Number.isNaN(value) ? null : value, flag: flag < 0 ? null : flag, note };
    };
  }

  /**
   * Estimated bytes in memory, what the context cache weighs against its budget: typed arrays exactly,
   * notes and units at a rough 64 and 200 bytes each, 4 KiB for the rest.
   */
  get bytes(): number {
    let total = 4096 + this.units.length * 200;
    for (const s of this.series.values()) {
      for (const values of s.values.values()) total += values.byteLength;
      for (const flags of s.flags.values()) total += flags.byteLength;
      for (const notes of s.notes.values()) total += notes.size * 64;
    }
    return total;
  }

  /** Years with a population: the years comparison groups and similarity can be formed in. */
  populationYears(): number[] {
    return this.structure ? this.years(this.structure.population) : [];
  }

  /**
   * Residents on 31 XII: gminy from the structure's population indicator; powiaty and województwa as the sum of their gminy
   * when every gmina of theirs has a value (gminy partition them), else null.
   */
  population(code: string, year: number): number | null {
    if (!this.structure) return null;
    if (code.length === 7) return this.values(this.structure.population, year, [code])[0] ?? null;
    const gminy = this.unitsOfLevel(7).filter((g) => g.startsWith(code));
    if (gminy.length === 0) return null;
    const values = this.values(this.structure.population, year, gminy);
    if (values.some((v) => v === null)) return null;
    return (values as number[]).reduce((a, b) => a + b, 0);
  }

  /** The comparison groups of a year (cached). */
  groups(year: number): GroupAssignmentResult {
    let result = this.groupsByYear.get(year);
    if (!result) {
      const populations = new Map<string, number | null>();
      result = assignGroups({
        units: this.units.filter((u) => u.level !== 'czesc_gminy'),
        population: (code, y) => {
          if (!populations.has(code)) populations.set(code, this.population(code, y));
          return populations.get(code) ?? null;
        },
        year,
        config: this.typology,
      });
      this.groupsByYear.set(year, result);
    }
    return result;
  }

  /** The latest year with populations: the default year of groups and similarity. */
  latestPopulationYear(): number | null {
    return this.populationYears().at(-1) ?? null;
  }

  /** The year whose structure (population classes, similarity) defines sets for an indicator year. */
  structureYear(year: number): number | null {
    return (
      this.populationYears()
        .filter((y) => y <= year)
        .at(-1) ?? this.latestPopulationYear()
    );
  }

  structuralValue(variable: StructuralVariableId, code: string, year: number): number | null {
    if (variable === 'urbanisation') {
      const unit = this.unit(code);
      return unit ? (URBANISATION[unit.kind] ?? null) : null;
    }
    return this.structure ? (this.values(this.structure[variable], year, [code])[0] ?? null) : null;
  }

  /** The similarity index of a year and level with the given weights (cached per weights). */
  similarity(
    year: number,
    codeLength: number,
    weights: ReadonlyMap<StructuralVariableId, number>,
  ): SimilarityIndex {
    const key = `${year}|${codeLength}|${SIMILARITY_VARIABLES.map((v) => weights.get(v.id) ?? v.weight).join(',')}`;
    let index = this.similarityByKey.get(key);
    if (!index) {
      const codes = this.unitsOfLevel(codeLength);
      index = buildSimilarityIndex({
        codes,
        variables: SIMILARITY_VARIABLES.map((v) => ({
          id: v.id,
          weight: weights.get(v.id) ?? v.weight,
          transform: v.transform,
          values: codes.map((code) => this.structuralValue(v.id, code, year)),
        })),
      });
      this.similarityByKey.set(key, index);
    }
    return index;
  }
}

/**
 * Reads every indicator value of a release into memory (the bundled release's ~980,000 cells), from the
 * database unless `readCells` has them already (the first start's release, still in memory).
 */
export async function loadBenchmarkContext(
  db: Database,
  release: number,
  indicatorIds: readonly string[],
  structure: StructureIndicators | null,
  typologyText: string = readFileSync(TYPOLOGY_FILE, 'utf-8'),
  readCells: CellReader = (variableIds) => observationCellsIn(db, release, variableIds),
): Promise<BenchmarkContext> {
  const units = (await currentUnits(db)).map((u) => ({ ...u }));
  const index = new Map(units.map((u, i) => [u.code, i]));
  const series = new Map<string, IndicatorSeries>();
  // A few indicators per query: one query for all of them held the (single-threaded) embedded database,
  // and so every other request and health check, for seconds. Their cells come aggregated per indicator and
  // year (a few thousand rows of long strings, not one object per cell: 10 s → 2 s on PGlite).
  for (let start = 0; start < indicatorIds.length; start += CONTEXT_BATCH) {
    const columns = await readCells(
      indicatorIds.slice(start, start + CONTEXT_BATCH).map((id) => INDICATOR_PREFIX + id),
    );
    for (const cells of columns) addCells(cells, index, units.length, series);
    // Awaiting the database alone never lets timers and sockets run (its promises resolve as microtasks).
    await yieldToServer();
  }
  const typology = typologyConfigFromYaml(typologyText, TYPOLOGY_FILE);
  return new BenchmarkContext(release, units, series, typology, structure);
}

/**
 * Indicators per query. On PGlite a query runs on this thread, so its time is time without health checks:
 * with 4, the slowest query of the bundled release (the unemployment indicators, 60,000 cells each) took
 * about 0.2 s, with 16 about 0.5 s, for no less time in all (bench/context-load.ts).
 */
const CONTEXT_BATCH = 4;

/** The cells of one indicator and year, placed at their units' indexes. */
function addCells(
  cells: CellColumns,
  index: ReadonlyMap<string, number>,
  unitCount: number,
  series: Map<string, IndicatorSeries>,
): void {
  let year: ReturnType<typeof seriesYear> | undefined;
  for (let c = 0; c < cells.unitCodes.length; c++) {
    const i = index.get(cells.unitCodes[c] as string);
    if (i === undefined) continue; // a code no longer in the register has no place in a current comparison
    // Created at the first cell of a current unit: a year with none of them has no series.
    year ??= seriesYear(series, cells.variableId, cells.year, unitCount);
    year.values[i] = cells.values[c] as number;
    year.flags[i] = cells.flags[c] as number;
  }
  for (const [code, note] of cells.notes) {
    const i = index.get(code);
    if (i !== undefined && year) year.notes.set(i, note);
  }
}

function seriesYear(
  series: Map<string, IndicatorSeries>,
  variableId: string,
  year: number,
  unitCount: number,
): { values: Float64Array; flags: Int16Array; notes: Map<number, string> } {
  const id = variableId.slice(INDICATOR_PREFIX.length);
  let s = series.get(id);
  if (!s) {
    s = { values: new Map(), flags: new Map(), notes: new Map() };
    series.set(id, s);
  }
  const values = new Float64Array(unitCount).fill(NaN);
  const flags = new Int16Array(unitCount).fill(-1);
  const notes = new Map<number, string>();
  s.values.set(year, values);
  s.flags.set(year, flags);
  s.notes.set(year, notes);
  return { values, flags, notes };
}
