import { describe, expect, it } from 'vitest';
import { fold, matchRank, orderUnits } from './unit-search.js';

const unit = (code: string, name: string, kind: string, population: number | null) => ({
  code,
  name,
  kind,
  population,
});

describe('matchRank', () => {
  it('ranks the whole name before its start before any other part, ignoring case and Polish letters', () => {
    expect(fold('Łódź')).toBe('lodz');
    expect(matchRank('Dąbrowa', 'dabrowa')).toBe(0);
    expect(matchRank('Dąbrowa Górnicza', 'dabrowa')).toBe(1);
    expect(matchRank('Stara Dąbrowa', 'dabrowa')).toBe(1); // a word of the name starts with it
    expect(matchRank('krakowski', 'kow')).toBe(2);
  });
});

describe('orderUnits', () => {
  const krakow = [
    unit('1261', 'Kraków', 'miasto_na_prawach_powiatu', 800_000),
    unit('1206', 'krakowski', 'ziemski', 300_000),
    unit('1261011', 'Kraków', 'miejska', 800_000),
  ];

  it("puts a city's gmina right before its powiat entry when gminy have more indicators with data", () => {
    // Both "Kraków" entries match the start of "krak" like "krakowski"; the larger population comes first,
    // and the city's two entries stay together with the gmina first.
    expect(orderUnits(krakow, 'krak', true).map((u) => u.code)).toEqual(['1261011', '1261', '1206']);
  });

  it('puts the powiat entry first when powiaty have more indicators with data', () => {
    expect(orderUnits(krakow, 'krak', false).map((u) => u.code)).toEqual(['1261', '1261011', '1206']);
  });

  it('orders two units of one name by population, larger first, and an unknown population last', () => {
    const dabrowa = [
      unit('0409012', 'Dąbrowa', 'wiejska', 4280),
      unit('1609022', 'Dąbrowa', 'wiejska', 8200),
      unit('3214092', 'Stara Dąbrowa', 'wiejska', 3510),
      unit('9999999', 'Dąbrowa', 'wiejska', null),
    ];
    expect(orderUnits(dabrowa, 'Dąbrowa', true).map((u) => u.code)).toEqual([
      '1609022',
      '0409012',
      '9999999',
      '3214092',
    ]);
  });
});
