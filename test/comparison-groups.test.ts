/**
 * The comparison-group typology of config/comparison-groups.yaml on real data: the TERC 2026 units of
 * the bundled snapshot and BDL 2010–2019 populations (shared/data/bdl-exports, a BDL portal export).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { assignGroups, typologyConfigFromYaml } from '../src/domain/benchmark/typology.js';
import { readBundledSnapshot } from '../src/sources/teryt/units-snapshot.js';
import { repoRoot, sharedFile } from './shared-data.js';

const CONFIG_FILE = `${repoRoot}/config/comparison-groups.yaml`;
const POPULATION_FILE = 'bdl-exports/ludnosc-ekonomiczne-grupy-wieku-gminy-2010-2019.csv';

/** Splits one `;`-separated line of a BDL export, where the header's quoted fields contain `;`. */
function splitLine(line: string): string[] {
  const fields: string[] = [];
  let field = '';
  let quoted = false;
  for (const ch of line) {
    if (ch === '"') quoted = !quoted;
    else if (ch === ';' && !quoted) {
      fields.push(field);
      field = '';
    } else field += ch;
  }
  fields.push(field);
  return fields;
}

/**
 * Population by 7-digit code and year. The file has no total column: the total is the sum of the three
 * economic age groups przedprodukcyjny + produkcyjny + poprodukcyjny (mobilny and niemobilny are parts of
 * produkcyjny, so they are not added). Checked below against the README's Warszawa and Kraków figures.
 */
function readPopulation(): Map<string, Map<number, number>> {
  const lines = readFileSync(sharedFile(POPULATION_FILE), 'utf-8')
    .replace(/^\uFEFF/, '')
    .split(/\r?\n/);
  const header = splitLine(lines[0] ?? '');
  const groups = /^w wieku (przedprodukcyjnym|produkcyjnym|poprodukcyjnym);ogółem;(\d{4});/;
  const columns = header.flatMap((h, i) => {
    const m = groups.exec(h);
    return m ? [{ i, year: Number(m[2]) }] : [];
  });
  const result = new Map<string, Map<number, number>>();
  for (const line of lines.slice(1)) {
    if (line.trim() === '') continue;
    const fields = splitLine(line);
    const code = (fields[0] ?? '').padStart(7, '0'); // some exports lost the leading zero
    const byYear = new Map<number, number>();
    const incomplete = new Set<number>();
    for (const { i, year } of columns) {
      const cell = fields[i] ?? '';
      if (cell === '')
        incomplete.add(year); // empty = no data that year (e.g. before a change of kind)
      else byYear.set(year, (byYear.get(year) ?? 0) + Number(cell.replace(',', '.')));
    }
    for (const year of incomplete) byYear.delete(year);
    result.set(code, byYear);
  }
  return result;
}

const snapshot = readBundledSnapshot();
const units = snapshot.records.filter((u) => u.level !== 'czesc_gminy');
const rows = readPopulation();

// Gminy of the export keyed by the 6-digit stem (WOJ+POW+GMI), so that a gmina whose kind digit changed
// after 2019 (2 → 3 when a village got town rights) still finds its population. Parts (4, 5) excluded.
const gminaByStem = new Map<string, Map<number, number>>();
for (const [code, byYear] of rows) {
  if (/[123]$/.test(code)) {
    const stem = code.slice(0, 6);
    // A gmina that changed kind within 2010–2019 has two rows with complementary years: merge them.
    gminaByStem.set(stem, new Map([...(gminaByStem.get(stem) ?? []), ...byYear]));
  }
}
const gminaPopulation = (code: string, year: number): number | null =>
  gminaByStem.get(code.slice(0, 6))?.get(year) ?? null;

// Powiaty: the sum of the export's gminy rows in the powiat that year (the register of that year, so a
// gmina created later from parts of others is counted within them).
function powiatPopulation(code: string, year: number): number | null {
  let sum = 0;
  let found = false;
  for (const [stem, byYear] of gminaByStem) {
    const p = stem.startsWith(code) ? byYear.get(year) : undefined;
    if (p === undefined) continue;
    sum += p;
    found = true;
  }
  return found ? sum : null;
}

const population = (code: string, year: number): number | null =>
  code.length === 7 ? gminaPopulation(code, year) : code.length === 4 ? powiatPopulation(code, year) : null;

const config = typologyConfigFromYaml(readFileSync(CONFIG_FILE, 'utf-8'), 'config/comparison-groups.yaml');

describe('assignGroups on TERC 2026 units and BDL populations', () => {
  it('reads the populations the shared-data README checks', () => {
    expect(gminaPopulation('1465011', 2019)).toBe(1_790_658); // Warszawa
    expect(gminaPopulation('1261011', 2019)).toBe(779_115); // Kraków
  });

  const result = assignGroups({ units, population, year: 2019, config });

  it('gives every group at least 15 members in 2019', () => {
    const sizes = result.groups.map((g) => [g.id, g.members.length] as const);
    expect(sizes.filter(([, n]) => n < 15)).toEqual([]);
    expect(result.undersized).toEqual([]);
  });

  it('assigns every unit but the two gminy created after 2019, which have no 2019 population', () => {
    // 1207132 and 2002162 are new in TERC (shared/data/README.md): listed with a reason, not dropped.
    expect(result.unassigned.map((u) => [u.code, u.reason])).toEqual([
      ['1207132', 'no-population'],
      ['2002162', 'no-population'],
    ]);
    // 16 województwa + 380 powiat-level units + 2,479 gminy − 2 unassigned.
    expect(result.assignments.size).toBe(16 + 380 + 2479 - 2);
    // Their powiaty are grouped: the export's 2019 gminy cover them whole.
    expect(result.assignments.get('1207')?.familyId).toBe('powiaty-ziemskie');
  });

  it('puts Warszawa and Kraków among the largest cities, at gmina and at powiat level', () => {
    for (const code of ['1465011', '1261011'])
      expect(result.assignments.get(code)?.groupId).toBe('gm-mnpp-150k-plus');
    for (const code of ['1465', '1261']) expect(result.assignments.get(code)?.groupId).toBe('pm-150k-plus');
    const largest = result.groups.find((g) => g.id === 'gm-mnpp-150k-plus');
    // Cities with powiat rights ≥ 150,000 residents on 31 XII 2019 (BDL), from Warszawa down to Bytom.
    expect(largest?.members.length).toBe(23);
    expect(result.assignments.get('1261011')?.rule.en).toBe(
      'cities with powiat rights (as gminas), population 779,115 (2019): class gm-mnpp-150k-plus',
    );
  });

  it('keeps the kinds apart: powiaty ziemskie, cities, gminy by kind, one group of województwa', () => {
    expect(result.groups.find((g) => g.familyId === 'wojewodztwa')?.members).toHaveLength(16);
    const familyOf = (code: string) => result.assignments.get(code)?.familyId;
    expect(familyOf('1206')).toBe('powiaty-ziemskie'); // krakowski
    expect(familyOf('1261')).toBe('powiaty-mnpp'); // Kraków as a powiat
    expect(familyOf('0201011')).toBe('gminy-miejskie'); // Bolesławiec, gmina miejska
    expect(familyOf('0201022')).toBe('gminy-wiejskie');
    expect(familyOf('0201043')).toBe('gminy-miejsko-wiejskie'); // Nowogrodziec
  });

  it('merges the 6 urban-rural gminy of 50k+ into the 30k–50k class in 2019, and says so', () => {
    expect(result.merges.map((m) => m.groupId)).toEqual(['gmw-30k-50k+gmw-50k-plus']);
    expect(result.merges[0]?.classes).toEqual([
      { id: 'gmw-30k-50k', members: 38 },
      { id: 'gmw-50k-plus', members: 6 },
    ]);
  });

  it('moves a unit when its population crosses a threshold between years', () => {
    const byYear = [2010, 2019].map((year) => assignGroups({ units, population, year, config }));
    const moved = [...byYear[1]!.assignments.values()].filter(
      (a) => byYear[0]!.assignments.get(a.code)?.classId !== a.classId,
    );
    expect(moved.length).toBeGreaterThan(0);
    for (const a of moved.slice(0, 20)) {
      const before = byYear[0]!.assignments.get(a.code);
      if (!before || before.population === null || a.population === null) continue;
      // Each move follows the population: a unit that moved up grew, one that moved down shrank.
      const order = (id: string) => config.families.flatMap((f) => f.classes.map((c) => c.id)).indexOf(id);
      expect(Math.sign(order(a.classId) - order(before.classId))).toBe(
        Math.sign(a.population - before.population),
      );
    }
  });
});
