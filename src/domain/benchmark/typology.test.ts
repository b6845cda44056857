import { describe, expect, it } from 'vitest';
import {
  assignGroups,
  parseTypologyConfig,
  TypologyConfigError,
  typologyConfigFromYaml,
  type TypologyConfig,
  type TypologyUnit,
} from './typology.js';

const label = (text: string) => ({ pl: text, en: text });

// A small typology: rural gminy in four classes, cities with powiat rights alone, minimum 3 members.
const config: TypologyConfig = {
  version: 1,
  minMembers: 3,
  families: [
    {
      id: 'mnpp',
      label: label('cities'),
      level: 'gmina',
      cityWithPowiatRights: true,
      classes: [{ id: 'city', label: label('cities') }],
    },
    {
      id: 'rural',
      label: label('rural gminy'),
      level: 'gmina',
      kinds: ['wiejska'],
      classes: [
        { id: 'r-a', max: 1000, label: label('< 1000') },
        { id: 'r-b', min: 1000, max: 2000, label: label('1000–1999') },
        { id: 'r-c', min: 2000, max: 3000, label: label('2000–2999') },
        { id: 'r-d', min: 3000, label: label('≥ 3000') },
      ],
    },
  ],
};

const rural = (code: string): TypologyUnit => ({ code, level: 'gmina', kind: 'wiejska' });

function run(populations: Record<string, number | null>, extra: TypologyUnit[] = []) {
  const units = [...Object.keys(populations).map(rural), ...extra];
  return assignGroups({ units, population: (code) => populations[code] ?? null, year: 2019, config });
}

describe('assignGroups', () => {
  it('puts each unit in the class of its population, min inclusive, max exclusive', () => {
    const r = run({
      '0101012': 999,
      '0101022': 1000,
      '0101032': 500,
      '0101042': 1999,
      '0101052': 1500,
      '0101062': 1001,
    });
    // 999 and 500 < 1000 → r-a (only 2 → merged); 1000, 1999, 1500, 1001 → r-b.
    expect(r.assignments.get('0101022')?.classId).toBe('r-b');
    expect(r.assignments.get('0101012')?.classId).toBe('r-a');
    // r-a (2) is the only sparse class; its one neighbour r-b takes it; r-c and r-d are empty.
    expect(r.groups.map((g) => [g.id, g.members.length])).toEqual([['r-a+r-b', 6]]);
    expect(r.emptyClasses).toEqual(['city', 'r-c', 'r-d']);
    expect(r.merges).toEqual([
      {
        familyId: 'rural',
        groupId: 'r-a+r-b',
        classes: [
          { id: 'r-a', members: 2 },
          { id: 'r-b', members: 4 },
        ],
        reason: 'r-a (2) + r-b (4): a class had fewer than 3 members in 2019',
      },
    ]);
    expect(r.groups[0]?.population).toEqual({ min: 0, max: 2000 });
  });

  it('merges the smallest class with its smaller neighbour, the lower one on a tie', () => {
    // Counts r-a 3, r-b 1, r-c 2, r-d 5. Smallest is r-b (1); neighbours r-a (3) and r-c (2) → r-c.
    // Then r-b+r-c has 3: every group has ≥ 3 → stop.
    const pops: Record<string, number> = {
      '0101012': 10,
      '0101022': 20,
      '0101032': 30,
      '0101042': 1500,
      '0101052': 2500,
      '0101062': 2600,
      '0101072': 3000,
      '0101082': 4000,
      '0101092': 5000,
      '0101102': 6000,
      '0101112': 7000,
    };
    const r = run(pops);
    expect(r.groups.map((g) => [g.id, g.members.length])).toEqual([
      ['r-a', 3],
      ['r-b+r-c', 3],
      ['r-d', 5],
    ]);
    // Tie: r-a 2, r-b 1, r-c 2, r-d 3 → r-b's neighbours both have 2 → the lower one, r-a: r-a+r-b (3).
    // Then r-c (2) is the sparse one; its neighbours r-a+r-b (3) and r-d (3) tie → the lower one again.
    const tie = run({ a1: 10, a2: 20, b1: 1500, c1: 2500, c2: 2600, d1: 3000, d2: 3001, d3: 3002 });
    expect(tie.groups.map((g) => [g.id, g.members.length])).toEqual([
      ['r-a+r-b+r-c', 5],
      ['r-d', 3],
    ]);
    // The same counts always give the same groups, whatever the order of the units.
    const shuffled = assignGroups({
      units: Object.keys(pops).reverse().map(rural),
      population: (code) => pops[code] ?? null,
      year: 2019,
      config,
    });
    expect(shuffled.groups).toEqual(r.groups);
  });

  it('reports a family too small as a whole as undersized, and keeps it', () => {
    const r = run({ '0101012': 10 });
    expect(r.groups.map((g) => g.id)).toEqual(['r-a']);
    expect(r.undersized).toEqual(['r-a']);
  });

  it('lists units with no population or no family instead of dropping them', () => {
    const r = run({ '0101012': null }, [{ code: '0101011', level: 'gmina', kind: 'miejska' }]);
    expect(r.unassigned.map((u) => [u.code, u.reason])).toEqual([
      ['0101012', 'no-population'],
      ['0101011', 'no-family'],
    ]);
  });

  it('knows a city with powiat rights by its powiat, or by TERC numbering (61 and up) without one', () => {
    const city: TypologyUnit = { code: '1261011', level: 'gmina', kind: 'miejska' };
    // No powiat 1261 given: POW 61 ≥ 61 → city. A single unbounded class needs no population.
    expect(run({}, [city]).assignments.get('1261011')).toMatchObject({
      groupId: 'city',
      population: null,
      rule: { en: 'cities: one group' },
    });
    // Powiat 1261 given as a land powiat (not real): its kind wins over the numbering.
    const withPowiat = run({}, [city, { code: '1261', level: 'powiat', kind: 'ziemski' }]);
    expect(withPowiat.unassigned.map((u) => u.code)).toEqual(['1261011', '1261']);
  });
});

describe('parseTypologyConfig', () => {
  it('accepts the example and reads YAML', () => {
    expect(parseTypologyConfig(config, 'x')).toBe(config);
    const yaml = `version: 1\nminMembers: 15\nfamilies:\n  - id: w\n    label: { pl: w, en: w }\n    level: wojewodztwo\n    classes:\n      - { id: all, label: { pl: w, en: w } }\n`;
    expect(typologyConfigFromYaml(yaml, 'x.yaml').families[0]?.classes[0]?.id).toBe('all');
  });

  it('says what is wrong: gaps between classes, a bounded last class, repeated ids, bad shape', () => {
    const bad = structuredClone(config) as {
      families: { classes: { id: string; min?: number; max?: number | null }[] }[];
    };
    const classes = bad.families[1]!.classes;
    classes[1]!.min = 1500; // gap 1000–1500
    classes[3]!.max = 9000; // last class bounded
    classes[2]!.id = 'r-a'; // repeated id
    expect(() => parseTypologyConfig(bad, 'bad.yaml')).toThrow(TypologyConfigError);
    try {
      parseTypologyConfig(bad, 'bad.yaml');
    } catch (error) {
      expect((error as TypologyConfigError).problems).toEqual([
        'class id "r-a" is used twice: class ids must be unique',
        "rural/r-b: min must be 1000 (the previous class's max), found 1500",
        'rural/r-d: the last class must have no max',
      ]);
    }
    expect(() => parseTypologyConfig({ version: 1, families: [] }, 'x')).toThrow(/minMembers/);
    expect(() => typologyConfigFromYaml('a: [', 'x.yaml')).toThrow(/not YAML/);
  });
});
