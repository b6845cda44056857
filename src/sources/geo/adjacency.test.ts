import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { sharedFile } from '../../../test/shared-data.js';
import { readBundledSnapshot } from '../teryt/units-snapshot.js';
import { adjacencyOf, matchToRegister, type Adjacency } from './adjacency.js';
import { readBoundaryLayer, type BoundaryLevel } from './boundary-reader.js';

const read = (name: string, level: BoundaryLevel) =>
  readBoundaryLayer(readFileSync(sharedFile(`geo/${name}`), 'utf-8'), name, { level });

const register = readBundledSnapshot().records;
const codesOf = (level: string) => register.filter((u) => u.level === level).map((u) => u.code);

function expectSymmetric(adjacency: Adjacency): void {
  for (const [code, list] of adjacency) {
    expect(list).not.toContain(code);
    for (const other of list) expect(adjacency.get(other), `${other} should list ${code}`).toContain(code);
  }
}

const pairs = (adjacency: Adjacency) => [...adjacency.values()].reduce((sum, l) => sum + l.length, 0) / 2;

describe('adjacencyOf: województwa (wojewodztwa-2022.geojson)', () => {
  const adjacency = adjacencyOf(read('wojewodztwa-2022.geojson', 'wojewodztwo'));

  it('finds the real borders of małopolskie and wielkopolskie', () => {
    // Małopolskie borders śląskie, świętokrzyskie and podkarpackie (and Slovakia).
    expect(adjacency.get('12')).toEqual(['18', '24', '26']);
    // Wielkopolskie borders 7: dolnośląskie, lubuskie, kujawsko-pomorskie, łódzkie, opolskie, pomorskie,
    // zachodniopomorskie.
    expect(adjacency.get('30')).toEqual(['02', '04', '08', '10', '16', '22', '32']);
  });

  it('is symmetric, every województwo has a neighbour, 34 borders in all', () => {
    expectSymmetric(adjacency);
    expect(adjacency.size).toBe(16);
    expect([...adjacency.values()].every((l) => l.length >= 1)).toBe(true);
    // Sum of the 16 neighbour counts (3+5+4+3+6+3+6+4+3+3+4+4+6+4+7+3 = 68), each border counted twice.
    expect(pairs(adjacency)).toBe(34);
  });
});

describe('adjacencyOf: powiaty (powiaty-2022.geojson)', () => {
  const adjacency = adjacencyOf(read('powiaty-2022.geojson', 'powiat'));

  it('finds Kraków’s neighbours: powiat krakowski, proszowicki and wielicki', () => {
    // Kraków (1261) is almost enclosed by powiat krakowski (1206) and wielicki (1219); in the east,
    // Nowa Huta borders gmina Koniusza of powiat proszowicki (1214).
    expect(adjacency.get('1261')).toEqual(['1206', '1214', '1219']);
  });

  it('is symmetric, covers the 380 powiat-level units of TERC 2026, none isolated', () => {
    expectSymmetric(adjacency);
    expect(adjacency.size).toBe(380);
    expect(matchToRegister({ adjacency, registerCodes: codesOf('powiat') })).toMatchObject({
      recoded: [],
      unmatched: [],
      withoutBoundary: [],
    });
    expect([...adjacency.values()].every((l) => l.length >= 1)).toBe(true);
    expect(pairs(adjacency)).toBe(1003);
  });
});

describe('adjacencyOf + matchToRegister: gminy (gminy-2022.geojson)', () => {
  const adjacency = adjacencyOf(read('gminy-2022.geojson', 'gmina'));
  const match = matchToRegister({ adjacency, registerCodes: codesOf('gmina') });

  it('maps the 86 gminy whose kind digit changed to their TERC 2026 codes by the 6-digit stem', () => {
    expect(adjacency.size).toBe(2477);
    expect(match.recoded).toHaveLength(86);
    // Janów Podlaski: gmina wiejska in the layer, miejsko-wiejska since 2026 (shared/data/README.md).
    expect(match.recoded).toContainEqual({ from: '0601052', to: '0601053' });
    expect(match.recoded.every(({ from, to }) => from.slice(0, 6) === to.slice(0, 6))).toBe(true);
    expect(match.unmatched).toEqual([]);
    // The two gminy created later have no boundary in this layer: listed, not invented.
    expect(match.withoutBoundary).toEqual(['1207132', '2002162']);
    expect(match.neighbours.size).toBe(2477);
  });

  it('gives symmetric neighbours under current codes, every gmina with at least one', () => {
    expectSymmetric(match.neighbours);
    expect([...match.neighbours.values()].every((l) => l.length >= 1)).toBe(true);
    // Gmina Kraków (1261011) borders 13 gminy of powiaty krakowski (1206), proszowicki (1214: Koniusza)
    // and wielicki (1219).
    const krakow = match.neighbours.get('1261011') ?? [];
    expect(krakow).toHaveLength(13);
    expect(new Set(krakow.map((c) => c.slice(0, 4)))).toEqual(new Set(['1206', '1214', '1219']));
    // Neighbours of a recoded gmina are found under its new code, and it under theirs.
    const janow = match.neighbours.get('0601053') ?? [];
    expect(janow.length).toBeGreaterThan(0);
    expect(match.neighbours.has('0601052')).toBe(false);
  });
});
