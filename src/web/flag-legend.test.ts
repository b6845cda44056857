import { describe, expect, it } from 'vitest';
import { flagLegend, flagsUsed } from './flag-legend.js';

const estimate = { id: 9, symbol: 's', label: { pl: 'szacunki wstępne', en: 'preliminary estimate' } };
const change = { id: 11, symbol: 'M', label: { pl: 'zmiany metodologiczne', en: 'methodological change' } };

describe('flagsUsed', () => {
  it('keeps each flag once, in order of first appearance, and skips cells without one', () => {
    expect(flagsUsed([null, change, estimate, undefined, change]).map((f) => f.id)).toEqual([11, 9]);
  });
});

describe('flagLegend', () => {
  it('explains every symbol used in words, in the page language', () => {
    const pl = String(flagLegend([estimate, change], 'pl'));
    expect(pl).toContain('Oznaczenia w tabeli');
    expect(pl).toMatch(/<strong class="flag">s<\/strong> —\s+szacunki wstępne/);
    expect(pl).toMatch(/<strong class="flag">M<\/strong> —\s+zmiany metodologiczne/);
    expect(String(flagLegend([estimate], 'en'))).toContain('preliminary estimate');
  });

  it('adds nothing to a table without flags', () => {
    expect(flagLegend([null, null], 'pl')).toBe('');
  });
});
