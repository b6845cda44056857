/**
 * The catalogue's indicators ready to compute: metadata plus the compiled formula. This is what the
 * compute job (pipeline/compute.ts, `ComputableIndicator`) iterates over units and years.
 */
import type { CompiledFormula } from '../formula/compiler.js';
import type { EvaluationContext, FormulaResult } from '../formula/evaluation.js';
import {
  storedVariableId,
  type CatalogArea,
  type Catalog,
  type CatalogLevel,
  type Dimension,
  type Direction,
  type Indicator,
  type CatalogService,
} from './schema.js';

/** Levels an indicator is computed and published for: the catalogue's, plus the country. */
export type PublishedLevel = CatalogLevel | 'kraj';

export interface CatalogIndicator {
  readonly id: string;
  readonly name: string;
  readonly nameEn: string | null;
  readonly measureUnit: string | null;
  /**
   * The catalogue's levels, plus `kraj` for every indicator published for województwa: the value of Poland
   * is the reference on every indicator page, computed the same way from the summed inputs.
   */
  readonly levels: readonly PublishedLevel[];
  readonly dimension: Dimension;
  readonly direction: Direction;
  readonly areaId: string;
  readonly serviceId: string;
  /** Stored variable ids the formula reads (load only those). */
  readonly inputs: readonly string[];
  /** Inputs every evaluation needs (not only inside `first`): one absent from the release, nothing to compute. */
  readonly requiredInputs: readonly string[];
  /** Inputs whose catalogue variable adds up the register (`aggregation: sum`). */
  readonly summableInputs: readonly string[];
  /** Years before the evaluated one the formula reads (lags): load them too. */
  readonly maxLag: number;
  readonly definition: Indicator;
  /** Pure; see domain/formula/evaluation.ts for the result. */
  evaluate(context: EvaluationContext): FormulaResult;
}

/** Every indicator of a validated catalogue, in catalogue order (areas by `order`, then as written). */
export function catalogIndicators(
  catalog: Catalog,
  compiled: ReadonlyMap<string, CompiledFormula>,
): CatalogIndicator[] {
  const summable = new Set(
    catalog.variables.filter((v) => v.aggregation === 'sum').map((v) => storedVariableId(v)),
  );
  const out: CatalogIndicator[] = [];
  for (const { area, service, indicator } of walkIndicators(catalog)) {
    const formula = compiled.get(indicator.id);
    if (!formula)
      throw new Error(`indicator ${indicator.id} has no compiled formula: validate the catalogue first`);
    out.push({
      id: indicator.id,
      name: indicator.name.pl,
      nameEn: indicator.name.en,
      measureUnit: indicator.measureUnit,
      levels: indicator.levels.includes('wojewodztwo') ? [...indicator.levels, 'kraj'] : indicator.levels,
      dimension: indicator.dimension,
      direction: indicator.direction,
      areaId: area.id,
      serviceId: service.id,
      inputs: formula.inputs,
      requiredInputs: formula.requiredInputs,
      summableInputs: formula.inputs.filter((id) => summable.has(id)),
      maxLag: formula.maxLag,
      definition: indicator,
      evaluate: (context) => formula.evaluate(context),
    });
  }
  return out;
}

export function* walkIndicators(
  catalog: Catalog,
): Generator<{ area: CatalogArea; service: CatalogService; indicator: Indicator }> {
  for (const area of catalog.areas) {
    for (const service of area.services) {
      for (const indicator of service.indicators) yield { area, service, indicator };
    }
  }
}
