import { describe, expect, it } from 'vitest';
import { foldForSearch } from './search-text.js';

describe('foldForSearch', () => {
  it('makes Polish letters and case optional', () => {
    expect(foldForSearch('Łódź')).toBe('lodz');
    expect(foldForSearch('ŻÓŁĆ ŚĘŃĄ')).toBe('zolc sena');
  });
  it('treats hyphens and repeated spaces as one space', () => {
    expect(foldForSearch('Bielsko-Biała')).toBe('bielsko biala');
    expect(foldForSearch('  Kędzierzyn -  Koźle ')).toBe('kedzierzyn kozle');
  });
});
