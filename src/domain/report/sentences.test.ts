import { describe, expect, it } from 'vitest';
import { missingSentence, trendSentence, withUnit, type SentenceFacts } from './sentences.js';

const facts = (measureUnit: string, decimals = 0): SentenceFacts => ({
  name: 'Ludność',
  kind: 'described',
  year: 2019,
  value: null,
  measureUnit,
  decimals,
  flag: null,
  median: null,
  q1: null,
  q3: null,
  rank: null,
  rankedCount: null,
  citation: 'GUS',
  setName: 'grupa porównawcza',
  missingReason: null,
  missingDetail: null,
});

describe('withUnit', () => {
  it('puts the unit in the form the number asks for (1 osoba, 2 osoby, 60 481 osób, 2,5 osoby)', () => {
    // Polish: one → osoba, few (2–4) → osoby, many (5+, and 60 481 ends in 81) → osób; a fraction → osoby.
    expect(withUnit(60481, facts('osoby'), 'pl')).toBe('60\u00a0481 osób');
    expect(withUnit(2, facts('osoby'), 'pl')).toBe('2 osoby');
    expect(withUnit(1, facts('osoby'), 'pl')).toBe('1 osoba');
    expect(withUnit(2.5, facts('osoby', 1), 'pl')).toBe('2,5 osoby');
    expect(withUnit(605, facts('osoby na km²'), 'pl')).toBe('605 osób na km²');
  });

  it('keeps the unit as written for a missing value and for units without a counted noun', () => {
    expect(withUnit(null, facts('osoby'), 'pl')).toBe('— osoby');
    expect(withUnit(605, facts('zł na mieszkańca'), 'pl')).toBe('605 zł na mieszkańca');
  });

  it('translates the unit in English', () => {
    expect(withUnit(605, facts('osoby na km²'), 'en')).toBe('605 persons per km²');
  });
});

describe('trendSentence', () => {
  it('makes a signed change agree with its absolute value (+100 osób, −2 osoby)', () => {
    const text = trendSentence(
      facts('osoby'),
      { trend: 'described', years: 5, unitChange: 100, setMedianChange: -2 },
      'pl',
    );
    expect(text).toContain('zmienił się o +100 osób');
    expect(text).toMatch(/mediana zbioru o [-−]2 osoby:/);
  });

  it('puts one in the accusative after "o": +1 osobę, +1 ucznia, +1 miejsce', () => {
    const change = (unit: string) =>
      trendSentence(facts(unit), { trend: 'described', years: 5, unitChange: 1, setMedianChange: 0 }, 'pl');
    expect(change('osoby na km²')).toContain('o +1 osobę na km²');
    expect(change('uczniowie')).toContain('o +1 ucznia');
    expect(change('miejsca')).toContain('o +1 miejsce');
  });
});

describe('missingSentence', () => {
  const names = (n: number) => Array.from({ length: n }, (_, i) => `W${i + 1}`);

  it('names up to eight indicators, every one', () => {
    expect(missingSentence(names(2), 'other', 2019, 'pl')).toBe(
      'Bez oceny (2019 r.) — brak wartości: W1; W2.',
    );
    expect(missingSentence(names(8), 'other', null, 'en')).toBe(
      'Not assessed — no value: W1; W2; W3; W4; W5; W6; W7; W8.',
    );
  });

  it('counts the rest past eight in the right plural and points at the XLSX', () => {
    const eight = 'W1; W2; W3; W4; W5; W6; W7; W8';
    expect(missingSentence(names(9), 'other', 2019, 'pl')).toBe(
      `Bez oceny (2019 r.) — brak wartości: ${eight} oraz 1 inny wskaźnik (pełna lista w arkuszu XLSX raportu).`,
    );
    expect(missingSentence(names(11), 'other', 2019, 'pl')).toContain('oraz 3 inne wskaźniki (');
    expect(missingSentence(names(20), 'other', 2019, 'pl')).toContain('oraz 12 innych wskaźników (');
    expect(missingSentence(names(30), 'other', 2019, 'pl')).toContain('oraz 22 inne wskaźniki (');
    expect(missingSentence(names(9), 'other', 2019, 'en')).toBe(
      `Not assessed (2019) — no value: ${eight} and 1 other indicator (full list in the report's XLSX workbook).`,
    );
    expect(missingSentence(names(10), 'other', 2019, 'en')).toContain('and 2 other indicators (');
  });
});
