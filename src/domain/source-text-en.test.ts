import { describe, expect, it } from 'vitest';
import { sourceTextInEnglish } from './source-text-en.js';

describe('sourceTextInEnglish', () => {
  it('translates the catalogue’s citations and licences, and keeps the institutions’ Polish names beside', () => {
    expect(sourceTextInEnglish('Obliczenia własne SMUP na podstawie: GUS, Bank Danych Lokalnych')).toBe(
      'Computed by SMUP from: Statistics Poland (GUS), Local Data Bank (Bank Danych Lokalnych)',
    );
    expect(sourceTextInEnglish('dane publiczne GUS, ponowne wykorzystanie z podaniem źródła')).toBe(
      'public data of Statistics Poland, free to reuse with attribution',
    );
    expect(
      sourceTextInEnglish('Źródło: MRiPS, rejestr żłobków (stan na 8 VII 2025); obliczenia własne'),
    ).toBe(
      'Source: MRiPS (Ministry of Family, Labour and Social Policy), register of nurseries (as of 8 July 2025); own computation',
    );
  });

  it('answers null for a text it cannot fully translate (the page then marks the Polish as Polish)', () => {
    expect(sourceTextInEnglish('Źródło: Urząd Marszałkowski, sprawozdania')).toBeNull();
  });
});
