import { describe, expect, it } from 'vitest';
import { unitFor, withUnit } from './measure-unit-agreement.js';

describe('unitFor', () => {
  it('puts the counted noun in the form the number asks for (1, 2–4, 5+, 22–24, fractions)', () => {
    // Polish: 1 osoba, 2 osoby, 5 osób, 22 osoby, 112 osób; a fraction takes the genitive singular.
    expect(unitFor(1, 0, 'osoby', 'pl')).toBe('osoba');
    expect(unitFor(3, 0, 'osoby na km²', 'pl')).toBe('osoby na km²');
    expect(unitFor(779115, 0, 'osoby', 'pl')).toBe('osób');
    expect(unitFor(22, 0, 'osoby', 'pl')).toBe('osoby');
    expect(unitFor(112, 0, 'miejsca na 1000 dzieci', 'pl')).toBe('miejsc na 1000 dzieci');
    expect(unitFor(2.5, 1, 'osoby na km²', 'pl')).toBe('osoby na km²');
    expect(unitFor(3, 0, 'uczniowie na 1000 mieszkańców', 'pl')).toBe('uczniów na 1000 mieszkańców');
    expect(unitFor(1.5, 1, 'uczniowie na 1000 mieszkańców', 'pl')).toBe('ucznia na 1000 mieszkańców');
  });

  it('reads the number as shown: 4,96 rounded to 5 takes the form of 5', () => {
    expect(unitFor(4.96, 0, 'osoby', 'pl')).toBe('osób');
  });

  it('reads a number with decimals as a fraction, even ",0": 19,0 osoby', () => {
    expect(unitFor(19, 1, 'osoby na 1000 mieszkańców', 'pl')).toBe('osoby na 1000 mieszkańców');
  });

  it('leaves units without a counted noun, and English, as they are', () => {
    expect(unitFor(5, 0, 'zł na mieszkańca', 'pl')).toBe('zł na mieszkańca');
    expect(unitFor(5, 1, '%', 'pl')).toBe('%');
    expect(unitFor(5, 0, 'zł', 'pl')).toBe('zł');
  });
});

describe('unitFor in the accusative', () => {
  it('changes only "one" of nouns whose accusative differs (o 1 osobę, o 1 ucznia, o 1 miejsce)', () => {
    expect(unitFor(1, 0, 'osoby', 'pl', { accusative: true })).toBe('osobę');
    expect(unitFor(-1, 0, 'uczniowie', 'pl', { accusative: true })).toBe('ucznia');
    expect(unitFor(1, 0, 'miejsca', 'pl', { accusative: true })).toBe('miejsce');
    expect(unitFor(2, 0, 'osoby', 'pl', { accusative: true })).toBe('osoby');
    expect(unitFor(5, 0, 'osoby', 'pl', { accusative: true })).toBe('osób');
  });
});

describe('unitFor in English', () => {
  it('translates the catalogue unit', () => {
    expect(unitFor(5, 0, 'osoby na km²', 'en')).toBe('persons per km²');
  });
});

describe('withUnit', () => {
  it('joins the Polish number format and the agreeing unit', () => {
    expect(withUnit(779115, 0, 'osoby', 'pl')).toBe('779\u00a0115 osób');
  });
});
