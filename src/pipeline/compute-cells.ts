/**
 * The core of compute: one indicator over every unit of its levels and every year of the cube, each cell
 * handed to a sink. prepareComputeJob collects them as observations of the compute job; the SMUP-scale
 * bench (bench/scale.ts) writes them into typed columns, as 55 M objects would not fit in memory. One loop,
 * so both keep the same rules of what is stored.
 */
import type { CellValue, ObservationCube } from '../domain/observations/observation-cube.js';
import { dominantFlag } from '../domain/observations/flags.js';
import { encodeMissingNote } from '../domain/observations/missing-note.js';
import type { UnitLevel } from '../domain/units/unit.js';
import type { ComputableIndicator } from './compute.js';

/** Receives one computed cell: a value, or null with the note saying why it is missing. */
export type CellSink = (
  unitCode: string,
  year: number,
  value: number | null,
  flag: number | null,
  note: string | null,
) => void;

/** Evaluates indicators over one cube; `covered` is what the release covers (ObservationCube.coverage). */
export class CellEvaluator {
  // Per evaluation: did the formula read an input the release does not cover at all (that variable, year
  // and level), and did it miss an input the release does cover (a real gap of this unit)?
  private uncovered = false;
  private coveredMissing = false;
  private readonly get: (variableId: string, unit: string, year: number) => CellValue | undefined;

  constructor(cube: ObservationCube, covered: ReadonlyMap<string, ReadonlySet<number>>) {
    // One cell object for every read: the formula reads value and flag at once and keeps neither
    // (EvaluationState.read), so a new object per read was only work for the garbage collector.
    const cell: { value: number | null; flag: number | null; note: null } = {
      value: null,
      flag: null,
      note: null,
    };
    this.get = (variableId, unit, year) => {
      const found = cube.readInto(variableId, unit, year, cell);
      if (!covered.get(variableId)?.has(year * 16 + unit.length)) this.uncovered = true;
      else if (!found || cell.value === null) this.coveredMissing = true;
      return found ? cell : undefined;
    };
  }

  /** Every cell of one indicator, in the order of `units` then years; returns how many are missing. */
  each(
    indicator: ComputableIndicator,
    units: ReadonlyArray<{ readonly code: string; readonly level: UnitLevel }>,
    years: readonly number[],
    emit: CellSink,
  ): number {
    let missing = 0;
    const get = this.get;
    for (const level of indicator.levels) {
      for (const unit of units) {
        if (unit.level !== level) continue;
        for (const year of years) {
          this.uncovered = false;
          this.coveredMissing = false;
          const result = indicator.evaluate({ unit: unit.code, year, get });
          // A value is kept even if the formula looked at an input the release does not cover (an
          // alternative of first() it did not need). A missing value is kept with its reason when an input
          // the release covers is missing for this unit; one that only reached outside the release is not
          // "missing for this unit", so it is left out.
          if (
            (result.value === null && this.uncovered && !this.coveredMissing) ||
            (result.value === null && result.reason === 'no-input-data')
          )
            continue;
          if (result.value === null) missing++;
          const note =
            result.value === null
              ? encodeMissingNote(result.reason ?? 'not-finite', result.detail ?? null)
              : result.flags.length > 1
                ? `input flags: ${[...new Set(result.flags)].join(', ')}`
                : null;
          emit(unit.code, year, result.value, dominantFlag(result.flags), note);
        }
      }
    }
    return missing;
  }
}
