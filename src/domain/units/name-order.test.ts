import { describe, expect, it } from 'vitest';
import { polishNameRanks } from './name-order.js';

describe('polishNameRanks', () => {
  it('sorts Ł after L and Ś after S, as the Polish alphabet does', () => {
    const items = [
      { name: 'Łódź', code: '1061011' },
      { name: 'Lublin', code: '0663011' },
      { name: 'Świdnica', code: '0219011' },
      { name: 'Szczecin', code: '3262011' },
      { name: 'Lublin', code: '0001' },
    ];
    const ranks = polishNameRanks(items);
    const ordered = [...items].sort((a, b) => (ranks.get(a) ?? 0) - (ranks.get(b) ?? 0));
    // Ties on the name (two "Lublin") are ordered by code so paging is stable.
    expect(ordered.map((i) => `${i.name}/${i.code}`)).toEqual([
      'Lublin/0001',
      'Lublin/0663011',
      'Łódź/1061011',
      'Szczecin/3262011',
      'Świdnica/0219011',
    ]);
  });
});
