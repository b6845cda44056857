/**
 * Unknown names, property-style (issue 19): for any identifier — random ones, and every member of
 * Object.prototype (`toString`, `constructor`, `__proto__` …) — a call `name(x)` is an unknown function and
 * a bare `name` an unknown name, each reported with the name and its place; compiling never throws.
 * Identifiers come from a seeded generator, so a failure names a case that can be run again.
 */
import { describe, expect, it } from 'vitest';
import { compileDefinitions, FUNCTIONS, type FormulaEnvironment } from './compiler.js';

const environment = (definitions: Record<string, string>): FormulaEnvironment => ({
  variables: new Map([
    ['x', 'src:x'],
    ['pop', 'src:pop'],
  ]),
  definitions: new Map(Object.entries(definitions)),
  population: 'pop',
  area: null,
});

/** mulberry32: a small seeded generator (the same identifiers on every run). */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const FIRST = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ_';
const REST = `${FIRST}0123456789`;
function identifiers(count: number, seed: number): string[] {
  const next = random(seed);
  const pick = (chars: string) => chars[Math.floor(next() * chars.length)] as string;
  return Array.from({ length: count }, () => {
    let name = pick(FIRST);
    const length = Math.floor(next() * 12);
    for (let i = 0; i < length; i++) name += pick(REST);
    return name;
  });
}

const PROTOTYPE_NAMES = Object.getOwnPropertyNames(Object.prototype).filter((n) => /^[A-Za-z_]\w*$/.test(n));
const NAMES = [...PROTOTYPE_NAMES, ...identifiers(300, 19)].filter(
  (name) => !FUNCTIONS.has(name) && name !== 'x' && name !== 'pop',
);

describe('unknown names in formulas', () => {
  it('covers the members of Object.prototype', () => {
    expect(NAMES).toEqual(expect.arrayContaining(['toString', 'constructor', '__proto__', 'hasOwnProperty']));
  });

  it.each(NAMES)('%s(x) is an unknown function, named where it stands', (name) => {
    const formula = `1 + ${name}(x)`;
    const { compiled, errors } = compileDefinitions(environment({ f: formula }));
    expect(compiled.size).toBe(0);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({
      kind: 'unknown-function',
      formulaId: 'f',
      start: 4,
      end: 4 + name.length,
    });
    expect(errors[0]?.message).toContain(`found "${name}"`);
  });

  it.each(NAMES)('%s alone is an unknown name, named where it stands', (name) => {
    const { compiled, errors } = compileDefinitions(environment({ f: `x * ${name}` }));
    expect(compiled.size).toBe(0);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({ kind: 'unknown-name', formulaId: 'f', start: 4, end: 4 + name.length });
    expect(errors[0]?.message).toContain(`found "${name}"`);
  });
});
