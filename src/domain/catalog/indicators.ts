/**
 * The catalogue's indicators ready to compute: metadata plus the compiled formula. This is what the
 * compute job (pipeline/compute.ts, `ComputableIndicator`) iterates over units and years.
 */
import type { CompiledFormula } from '../formula/compiler.js';
import type { EvaluationContext, FormulaResult } from '../formula/evaluation.js';
import type { Area, Catalog, CatalogLevel, Dimension, Direction, Indicator, Service } from './schema.js';

export interface CatalogIndicator {
  readonly id: string;
  readonly name: string;
  readonly nameEn: string | null;
  readonly measureUnit: string | null;
  readonly levels: readonly CatalogLevel[];
  readonly dimension: Dimension;
  readonly direction: Direction;
  readonly areaId: string;
  readonly serviceId: string;
  /** Stored variable ids the formula reads (load only those). */
  readonly inputs: readonly string[];
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
      levels: indicator.levels,
      dimension: indicator.dimension,
      direction: indicator.direction,
      areaId: area.id,
      serviceId: service.id,
      inputs: formula.inputs,
      maxLag: formula.maxLag,
      definition: indicator,
      evaluate: (context) => formula.evaluate(context),
    });
  }
  return out;
}

export function* walkIndicators(
  catalog: Catalog,
): Generator<{ area: Area; service: Service; indicator: Indicator }> {
  for (const area of catalog.areas) {
    for (const service of area.services) {
      for (const indicator of service.indicators) yield { area, service, indicator };
    }
  }
}
