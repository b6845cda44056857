/**
 * A synthetic release at SMUP's scale, generated (never committed): the real register's units (TERC 2026:
 * gminy, powiaty, województwa), 15 years, a few hundred input variables with realistic distributions,
 * gaps and flags, and 1,300 indicators made from the REAL catalogue's formula shapes (ratios, per 1000,
 * shares, year-on-year changes, sums, first() in the population) re-targeted onto the synthetic variables,
 * so the real formula engine and the real statistics are what a bench measures.
 *
 *   catalog/areas/*.yaml formulas ──names → s001…s300──► 1,300 formulas ──compileDefinitions──► compiled
 *   seeded PRNG ──► per variable: Float64Array values, Int16Array flags, Uint8Array present (unit × year)
 *
 * Deterministic: the same seed and scale give the same release, byte for byte.
 */
import { compileDefinitions, type CompiledFormula } from '../../src/domain/formula/compiler.js';
import { tokenize } from '../../src/domain/formula/lexer.js';
import { walkIndicators } from '../../src/domain/catalog/indicators.js';
import type { Direction } from '../../src/domain/benchmark/statistics.js';
import { readBundledSnapshot } from '../../src/sources/teryt/units-snapshot.js';
import { loadCatalog } from '../../src/sources/catalog/load-catalog.js';

export type Level = 'gmina' | 'powiat' | 'wojewodztwo';

export interface SyntheticIndicator {
  readonly id: string;
  readonly formula: string;
  /** The real indicator whose formula shape it took. */
  readonly template: string;
  readonly levels: readonly Level[];
  readonly direction: Direction;
  readonly compiled: CompiledFormula;
}

export interface SyntheticColumn {
  readonly values: Float64Array;
  readonly flags: Int16Array;
  readonly present: Uint8Array;
}

export interface SyntheticRelease {
  readonly units: ReadonlyArray<{ readonly code: string; readonly level: Level }>;
  readonly years: readonly number[];
  /** Stored variable id → its column, unit-major (slot = unit index × years + year index). */
  readonly columns: ReadonlyMap<string, SyntheticColumn>;
  readonly indicators: readonly SyntheticIndicator[];
  /** Formula name → stored id, and the definitions (the population with first()), as the engine sees them. */
  readonly variables: ReadonlyMap<string, string>;
  readonly definitions: ReadonlyMap<string, string>;
  readonly observations: number;
}

export interface ScaleOptions {
  readonly seed?: number;
  /** Fraction of the gminy kept (1 = all ~2,477; 0.05 for development); powiaty and województwa always. */
  readonly unitFraction?: number;
  readonly variables?: number;
  readonly indicators?: number;
  readonly firstYear?: number;
  readonly years?: number;
}

/** mulberry32: small, fast and seeded; Math.random is neither repeatable nor seedable. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function normal(random: () => number): number {
  return Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
}

const DIRECTIONS: Record<string, Direction> = {
  higher_better: 'higher_is_better',
  lower_better: 'lower_is_better',
  neutral: 'neutral',
};

/** The population name of the synthetic catalogue: a derived variable with the real one's first() shape. */
const POPULATION = 'ludnosc';
const AREA = 's_area';

export function generateRelease(options: ScaleOptions = {}): SyntheticRelease {
  const {
    seed = 20261130,
    unitFraction = 1,
    variables: variableCount = 300,
    indicators: indicatorCount = 1300,
    firstYear = 2010,
    years: yearCount = 15,
  } = options;
  const random = prng(seed);

  // ── units: the real register, gminy thinned for development ───────────────────────────────────────
  const units: Array<{ code: string; level: Level; parent: string | null }> = [];
  for (const r of readBundledSnapshot().records) {
    if (r.level !== 'gmina' && r.level !== 'powiat' && r.level !== 'wojewodztwo') continue;
    if (r.level === 'gmina' && random() >= unitFraction) continue;
    units.push({ code: r.code, level: r.level, parent: r.parentCode ?? null });
  }
  units.sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));
  const years = Array.from({ length: yearCount }, (_, i) => firstYear + i);
  const span = years.length;
  const size = units.length * span;

  // A population per unit (gminy lognormal around 8,000; powiaty and województwa the sum of their gminy,
  // or of a like number when thinned), growing or shrinking by a unit's own trend.
  const base = new Float64Array(units.length);
  const index = new Map(units.map((u, i) => [u.code, i]));
  units.forEach((u, i) => {
    if (u.level === 'gmina') base[i] = Math.round(8000 * Math.exp(0.8 * normal(random)));
  });
  for (const level of ['powiat', 'wojewodztwo'] as const) {
    units.forEach((u, i) => {
      if (u.level !== 'gmina' || u.parent === null) return;
      const parent = level === 'powiat' ? u.parent : u.parent.slice(0, 2);
      const p = index.get(parent);
      if (p !== undefined) base[p] = (base[p] as number) + (base[i] as number) / unitFraction;
    });
  }
  const trend = Float64Array.from(units, () => 0.01 * normal(random));

  // ── variables: counts and amounts scaled by population, rates, scores; gaps and flags ───────────────
  const columns = new Map<string, SyntheticColumn>();
  const names = new Map<string, string>();
  let observations = 0;
  const total = variableCount + 6;
  for (let v = 0; v < total; v++) {
    const name =
      v < variableCount
        ? `s${String(v + 1).padStart(3, '0')}`
        : (['p_young', 'p_working', 'p_old', 'p_total', 'p_thousands', AREA][v - variableCount] as string);
    const id = `syn:${name}`;
    names.set(name, id);
    const kind = v >= variableCount ? 'population' : (['count', 'amount', 'rate', 'score'] as const)[v % 4];
    const rate = Math.exp(normal(random) * 1.5) * (kind === 'amount' ? 3000 : 0.05);
    const gminyOnly = v < variableCount && random() < 0.15; // some sources publish gminy only
    const startsLate = v < variableCount && random() < 0.1 ? Math.floor(random() * 8) : 0; // a new series
    const zeros = kind === 'count' ? 0.03 : 0; // small gminy with none of something: division by zero
    const values = new Float64Array(size).fill(NaN);
    const flags = new Int16Array(size).fill(-1);
    const present = new Uint8Array(size);
    for (let u = 0; u < units.length; u++) {
      const unit = units[u] as (typeof units)[number];
      if (gminyOnly && unit.level !== 'gmina') continue;
      const population = base[u] as number;
      const own = Math.exp(0.3 * normal(random));
      for (let y = startsLate; y < span; y++) {
        const draw = random();
        if (draw < 0.015) continue; // no observation at all
        const slot = u * span + y;
        present[slot] = 1;
        observations++;
        if (draw < 0.025) {
          flags[slot] = 15; // "-": no value
          continue;
        }
        if (draw < 0.028 && kind !== 'population') {
          flags[slot] = 4; // "x": confidential
          continue;
        }
        if (y === span - 1 && draw > 0.95) flags[slot] = 9; // preliminary, last year
        const grown = population * Math.exp((trend[u] as number) * y);
        let value: number;
        if (kind === 'population') {
          const share = [0.18, 0.6, 0.22, 1, 0.001, 0][v - variableCount] as number;
          value = v - variableCount === 5 ? Math.round(40 + 200 * own) : Math.round(grown * share);
          if (v - variableCount === 4) value = Math.round(grown) / 1000;
        } else if (kind === 'count') {
          value = random() < zeros ? 0 : Math.round(grown * rate * own * (1 + 0.05 * normal(random)));
        } else if (kind === 'amount') {
          value = Math.round(grown * rate * own * (1 + 0.08 * normal(random)) * 100) / 100;
        } else if (kind === 'rate') {
          value = Math.round(Math.min(100, Math.max(0, 50 + 20 * normal(random))) * 10) / 10;
        } else {
          value = Math.round((60 + 10 * own + 5 * normal(random)) * 10) / 10;
        }
        values[slot] = value;
      }
    }
    columns.set(id, { values, flags, present });
  }

  // ── indicators: the real formula shapes, names re-targeted ──────────────────────────────────────────
  const catalog = loadCatalog();
  if (catalog.catalog === null) throw new Error('the bundled catalogue does not validate');
  const population = catalog.catalog.config.normalisation?.population ?? null;
  const templates = [...walkIndicators(catalog.catalog)].map(({ indicator }) => indicator);
  const inputs = [...names.keys()].filter((n) => /^s\d+$/.test(n));
  const definitions = new Map<string, string>([
    // The real population's shape: the sum of the age groups, else the total, else thousands × 1000.
    [POPULATION, 'first(sum(p_young, p_working, p_old), p_total, p_thousands * 1000)'],
  ]);
  const meta: Array<Omit<SyntheticIndicator, 'compiled'>> = [];
  for (let i = 0; i < indicatorCount; i++) {
    const template = templates[i % templates.length] as (typeof templates)[number];
    const chosen = new Map<string, string>();
    const tokens = tokenize(template.formula, template.id);
    let formula = '';
    let at = 0;
    tokens.forEach((token, t) => {
      if (token.kind !== 'name' || tokens[t + 1]?.kind === '(') return;
      let name = chosen.get(token.text);
      if (name === undefined) {
        name =
          token.text === population ? POPULATION : (inputs[Math.floor(random() * inputs.length)] as string);
        chosen.set(token.text, name);
      }
      formula += template.formula.slice(at, token.start) + name;
      at = token.end;
    });
    formula += template.formula.slice(at);
    const id = `syn.i${String(i + 1).padStart(4, '0')}`;
    definitions.set(id, formula);
    meta.push({
      id,
      formula,
      template: template.id,
      levels: template.levels as Level[],
      direction: DIRECTIONS[template.direction] ?? 'neutral',
    });
  }
  const { compiled, errors } = compileDefinitions({
    variables: names,
    definitions,
    population: POPULATION,
    area: AREA,
  });
  if (errors.length > 0) throw new Error(`synthetic formulas do not compile: ${errors[0]?.message}`);
  return {
    units: units.map(({ code, level }) => ({ code, level })),
    years,
    columns,
    indicators: meta.map((m) => ({ ...m, compiled: compiled.get(m.id) as CompiledFormula })),
    variables: names,
    definitions,
    observations,
  };
}
