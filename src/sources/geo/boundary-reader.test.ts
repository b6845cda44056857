import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { sharedFile } from '../../../test/shared-data.js';
import { FileFormatError } from '../files/file-problem.js';
import { readBoundaryLayer } from './boundary-reader.js';

const square = (x: number) => ({
  type: 'Polygon',
  coordinates: [
    [
      [x, 0],
      [x + 1, 0],
      [x + 1, 1],
      [x, 1],
      [x, 0],
    ],
  ],
});

describe('readBoundaryLayer', () => {
  it('reads the real powiaty layer: 380 features with code and name', () => {
    const layer = readBoundaryLayer(
      readFileSync(sharedFile('geo/powiaty-2022.geojson'), 'utf-8'),
      'powiaty-2022.geojson',
      {
        level: 'powiat',
      },
    );
    expect(layer.features.features).toHaveLength(380);
    expect(layer.features.features[0]?.properties).toEqual({ code: '0201', name: 'bolesławiecki' });
  });

  it('reads the PRG 2025 layer through its own property names', () => {
    const layer = readBoundaryLayer(
      readFileSync(sharedFile('geo/wojewodztwa-2025.geojson'), 'utf-8'),
      'wojewodztwa-2025.geojson',
      { level: 'wojewodztwo', codeProperty: 'JPT_KOD_JE', nameProperty: 'JPT_NAZWA_' },
    );
    expect(layer.features.features.map((f) => f.properties.code).sort()).toHaveLength(16);
  });

  it('refuses a layer with bad codes, a repeated code or a non-polygon, listing every problem', () => {
    const text = JSON.stringify({
      type: 'FeatureCollection',
      features: [
        { type: 'Feature', properties: { terc: '1261', name: 'Kraków' }, geometry: square(0) },
        { type: 'Feature', properties: { terc: '126', name: 'x' }, geometry: square(1) },
        { type: 'Feature', properties: { terc: '1261', name: 'again' }, geometry: square(2) },
        {
          type: 'Feature',
          properties: { terc: '1206', name: 'p' },
          geometry: { type: 'Point', coordinates: [0, 0] },
        },
      ],
    });
    try {
      readBoundaryLayer(text, 'bad.geojson', { level: 'powiat' });
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(FileFormatError);
      expect((error as FileFormatError).problems.map((p) => [p.column, p.found])).toEqual([
        ['feature 2 terc', '126'],
        ['feature 3 terc', '1261'],
        ['feature 4 geometry', 'Point'],
      ]);
    }
    expect(() => readBoundaryLayer('{"type":"Feature"}', 'x.geojson', { level: 'powiat' })).toThrow(
      /FeatureCollection/,
    );
    expect(() => readBoundaryLayer('{', 'x.geojson', { level: 'powiat' })).toThrow(FileFormatError);
  });
});
