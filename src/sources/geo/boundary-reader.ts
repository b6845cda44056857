/**
 * Boundary layers (WGS84 GeoJSON FeatureCollections of Polygons / MultiPolygons) with a TERYT code and a
 * name per feature: ../shared/data/geo/{wojewodztwa,powiaty,gminy}-2022.geojson carry `terc` and `name`
 * (derived from PRG, GUGiK's register of boundaries; see shared/data/README.md). Bad input is refused
 * whole, every problem listed (FileFormatError).
 */
import type { Feature, FeatureCollection, MultiPolygon, Polygon } from 'geojson';
import { CODE_LENGTH, type JstLevel } from '../../domain/units/teryt-code.js';
import { FileFormatError, ProblemList } from '../files/file-problem.js';

export type BoundaryLevel = JstLevel;

export interface BoundaryProperties {
  readonly code: string;
  readonly name: string;
}

export type BoundaryFeature = Feature<Polygon | MultiPolygon, BoundaryProperties>;

export interface BoundaryLayer {
  readonly level: BoundaryLevel;
  readonly file: string;
  readonly features: FeatureCollection<Polygon | MultiPolygon, BoundaryProperties>;
}

export interface ReadBoundaryOptions {
  readonly level: BoundaryLevel;
  /** Property holding the TERYT code (default `terc`; the 2025 PRG layers use `JPT_KOD_JE`). */
  readonly codeProperty?: string;
  /** Property holding the name (default `name`; PRG: `JPT_NAZWA_`). */
  readonly nameProperty?: string;
}

/** Parses and checks one layer's text; `file` names it in errors. */
export function readBoundaryLayer(text: string, file: string, options: ReadBoundaryOptions): BoundaryLayer {
  const { level, codeProperty = 'terc', nameProperty = 'name' } = options;
  const problems = new ProblemList(file);
  let data: unknown;
  try {
    data = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (error) {
    throw new FileFormatError(file, [
      { file, line: null, column: null, expected: 'GeoJSON (JSON)', found: (error as Error).message },
    ]);
  }
  const collection = data as { type?: unknown; features?: unknown };
  if (collection.type !== 'FeatureCollection' || !Array.isArray(collection.features)) {
    throw new FileFormatError(file, [
      {
        file,
        line: null,
        column: null,
        expected: 'a GeoJSON FeatureCollection',
        found: String(collection.type),
      },
    ]);
  }
  const length = CODE_LENGTH[level];
  const seen = new Set<string>();
  const features: BoundaryFeature[] = [];
  collection.features.forEach((raw: unknown, index) => {
    const where = `feature ${index + 1}`;
    const feature = raw as {
      geometry?: { type?: unknown; coordinates?: unknown };
      properties?: Record<string, unknown>;
    };
    const code = feature.properties?.[codeProperty];
    const name = feature.properties?.[nameProperty];
    const type = feature.geometry?.type;
    if (typeof code !== 'string' || !new RegExp(`^\\d{${length}}$`).test(code)) {
      problems.add(
        null,
        `${where} ${codeProperty}`,
        `a ${length}-digit TERYT code of a ${level}`,
        String(code),
      );
      return;
    }
    if (seen.has(code))
      problems.add(null, `${where} ${codeProperty}`, 'a code not used by another feature', code);
    seen.add(code);
    if (type !== 'Polygon' && type !== 'MultiPolygon') {
      problems.add(null, `${where} geometry`, 'a Polygon or MultiPolygon', String(type));
      return;
    }
    if (!Array.isArray(feature.geometry?.coordinates)) {
      problems.add(null, `${where} geometry`, 'coordinates', null);
      return;
    }
    features.push({
      type: 'Feature',
      geometry: feature.geometry as Polygon | MultiPolygon,
      properties: { code, name: typeof name === 'string' ? name : '' },
    });
  });
  problems.throwIfAny();
  return { level, file, features: { type: 'FeatureCollection', features } };
}
