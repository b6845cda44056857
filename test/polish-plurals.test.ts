import { describe, expect, it } from 'vitest';
import { agreementErrors } from './polish-plurals.js';

describe('agreementErrors', () => {
  it('finds a number whose noun does not agree, and accepts the right forms', () => {
    // 779 115 ends in 5 → many: "osób"; 22 → few; 12 → many; 1 → one; a fraction → genitive singular.
    expect(agreementErrors('Ludność: 779\u00a0115 osoby')).toEqual(['779\u00a0115 osoby (expected osób)']);
    expect(agreementErrors('779\u00a0115 osób; 22 osoby; 12 osób; 1 osoba; 2,5 osoby')).toEqual([]);
    expect(agreementErrors('3 wskaźniki bez danych; 5 wskaźników; 1 wskaźnik')).toEqual([]);
    expect(agreementErrors('24 jednostki, 25 jednostki')).toEqual(['25 jednostki (expected jednostek)']);
  });
});
