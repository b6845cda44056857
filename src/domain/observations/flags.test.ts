import { describe, expect, it } from 'vitest';
import { dominantFlag, flagInfo, normaliseFlag } from './flags.js';

describe('normaliseFlag', () => {
  it('stores plain BDL values (attrId 0 and 1) without a flag', () => {
    expect([0, 1, null, undefined].map(normaliseFlag)).toEqual([null, null, null, null]);
    expect(normaliseFlag(9)).toBe(9);
  });
});

describe('flagInfo', () => {
  it('knows confidential and preliminary values as the BDL attribute list defines them', () => {
    // attrId 4: "Brak informacji, konieczność zachowania tajemnicy statystycznej…" (samples_raw_attributes.json)
    expect(flagInfo(4)).toMatchObject({ symbol: 'x', confidential: true, missing: true, obsStatus: 'M' });
    // attrId 9: "Szacunki wstępne" — a preliminary estimate, still a usable number.
    expect(flagInfo(9)).toMatchObject({ symbol: 's', confidential: false, missing: false, obsStatus: 'P' });
    expect(flagInfo(null)).toBeNull();
    expect(flagInfo(12345)).toBeNull();
  });
});

describe('dominantFlag', () => {
  it('keeps the most serious flag of the inputs: confidential over preliminary over a methodological break', () => {
    expect(dominantFlag([11, 9])).toBe(9); // preliminary (s) outranks a methodological change (M)
    expect(dominantFlag([9, 4, 11])).toBe(4); // confidential (x) outranks everything
    expect(dominantFlag([])).toBeNull();
    expect(dominantFlag([12345, 3])).toBe(3); // an unknown flag ranks last but is not lost
    expect(dominantFlag([12345])).toBe(12345);
  });
});
