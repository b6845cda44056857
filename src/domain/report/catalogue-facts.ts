/** The catalogue's names of areas and services, and each indicator's sources with citation and licence. */
import type { Catalog } from '../catalog/schema.js';
import type { CatalogueFacts } from './profile.js';

export function catalogueFacts(catalog: Catalog): CatalogueFacts {
  return {
    areas: catalog.areas.map((area) => ({
      id: area.id,
      name: area.name,
      formerIds: area.formerIds ?? [],
      services: area.services.map((service) => ({ id: service.id, name: service.name })),
    })),
    indicatorSources: new Map(
      catalog.areas.flatMap((a) =>
        a.services.flatMap((s) => s.indicators.map((i) => [i.id, i.sources] as const)),
      ),
    ),
    sources: new Map(
      Object.entries(catalog.config.sources).map(([id, s]) => [
        id,
        { id, name: s.name, citation: s.citation, licence: s.licence, url: s.url ?? null },
      ]),
    ),
  };
}
