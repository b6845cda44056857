/**
 * Turning the ids of a data query into units and indicators, or a 404 naming the unknown one and the
 * parameter it came from (CONVENTIONS.md: 404 for an unknown id).
 */
import type { CatalogIndicator } from '../domain/catalog/indicators.js';
import { displayName } from '../domain/units/unit.js';
import type { Database } from '../store/database.js';
import { unitsAt, unitVersions } from '../store/units-store.js';
import { ApiProblem } from './problem.js';

export interface UnitRef {
  readonly code: string;
  readonly name: string;
  readonly level: string;
  readonly kind: string;
}

/**
 * Units by TERYT code, in the order given. A unit no longer in the register (a merged or renamed gmina)
 * is still found by its last version: old releases hold data for it.
 */
export async function resolveUnits(
  db: Database,
  codes: readonly string[],
  param: string,
): Promise<UnitRef[]> {
  const current = new Map((await unitsAt(db, codes, null)).map((u) => [u.code, u]));
  const out: UnitRef[] = [];
  for (const code of codes) {
    const unit = current.get(code) ?? (await unitVersions(db, code)).at(-1);
    if (!unit) {
      throw new ApiProblem(
        404,
        'unit-not-found',
        {
          pl: `Rejestr TERYT nie zawiera jednostki o kodzie ${code}.`,
          en: `The TERYT register has no unit with code ${code}.`,
        },
        param,
      );
    }
    out.push({ code, name: displayName(unit), level: unit.level, kind: unit.kind });
  }
  return out;
}

/** Catalogue indicators by id, in the order given. */
export function resolveIndicators(
  byId: ReadonlyMap<string, CatalogIndicator>,
  ids: readonly string[],
  param: string,
): CatalogIndicator[] {
  return ids.map((id) => {
    const indicator = byId.get(id);
    if (!indicator) {
      throw new ApiProblem(
        404,
        'indicator-not-found',
        {
          pl: `Nie ma wskaźnika ${id} (lista: GET /api/v1/indicators).`,
          en: `There is no indicator ${id} (see GET /api/v1/indicators).`,
        },
        param,
      );
    }
    return indicator;
  });
}

/** The indicator as data answers describe it. */
export function indicatorRef(indicator: CatalogIndicator, citation: string, licence: string) {
  return {
    id: indicator.id,
    name: indicator.definition.name,
    measureUnit: indicator.definition.measureUnit,
    decimals: indicator.definition.decimals ?? 1,
    direction: indicator.direction,
    citation,
    licence,
  };
}
