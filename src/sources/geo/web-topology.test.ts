import { readFileSync } from 'node:fs';
import { feature } from 'topojson-client';
import type { GeometryCollection } from 'topojson-specification';
import { describe, expect, it } from 'vitest';
import { sharedFile } from '../../../test/shared-data.js';
import { readBoundaryLayer } from './boundary-reader.js';
import { toWebTopology } from './web-topology.js';

describe('toWebTopology', () => {
  it('quantises the województwa and powiaty layers into one topology much smaller than the GeoJSON', () => {
    const woj = readFileSync(sharedFile('geo/wojewodztwa-2022.geojson'), 'utf-8');
    const pow = readFileSync(sharedFile('geo/powiaty-2022.geojson'), 'utf-8');
    const topo = toWebTopology([
      readBoundaryLayer(woj, 'w', { level: 'wojewodztwo' }),
      readBoundaryLayer(pow, 'p', { level: 'powiat' }),
    ]);
    expect(topo.transform?.scale).toHaveLength(2);
    const size = JSON.stringify(topo).length;
    // Shared borders are stored once and coordinates delta-encoded as integers: well under half.
    expect(size).toBeLessThan((woj.length + pow.length) / 2);
    const powiaty = feature(topo, topo.objects.powiat as GeometryCollection);
    expect(powiaty.features).toHaveLength(380);
    expect(powiaty.features[0]?.properties).toEqual({ code: '0201', name: 'bolesławiecki' });
  });
});
