// Tests the domain translation against the catalogue files (reading them is I/O, which domain/ tests may not do).
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { measureUnitInEnglish } from '../domain/measure-unit-en.js';

describe('measureUnitInEnglish', () => {
  it('translates "<thing> na <base>" and single units', () => {
    expect(measureUnitInEnglish('zł na mieszkańca')).toBe('PLN per resident');
    expect(measureUnitInEnglish('osoby na 1000 mieszkańców')).toBe('persons per 1,000 residents');
    expect(measureUnitInEnglish('osoby')).toBe('persons');
    expect(measureUnitInEnglish('%')).toBe('%');
    expect(measureUnitInEnglish('gęsi na staw')).toBeNull();
  });

  it('knows every unit of measure the catalogue uses', () => {
    const folder = join(import.meta.dirname, '..', '..', 'catalog', 'areas');
    const units = readdirSync(folder)
      .filter((f) => f.endsWith('.yaml'))
      .flatMap((f) => [...readFileSync(join(folder, f), 'utf-8').matchAll(/measureUnit: (.+)/g)])
      .map((m) => (m[1] ?? '').trim().replace(/^'(.*)'$/, '$1'));
    expect(units.length).toBeGreaterThan(50);
    expect(units.filter((u) => measureUnitInEnglish(u) === null)).toEqual([]);
  });
});
