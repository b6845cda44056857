import { describe, expect, it } from 'vitest';
import { expandFamily, familyProblems } from './families.js';
import type { Family } from './schema.js';

const text = (pl: string, en = pl) => ({ pl, en });
const family = (over: Partial<Family> = {}): Family => ({
  id: 'edukacja.wydatki_sp',
  name: text('Wydatki na szkoły podstawowe', 'Expenditure on primary schools'),
  definition: text('Rozdział 80101.', 'Chapter 80101.'),
  measure: 'w_80101',
  unit: text('zł', 'PLN'),
  levels: ['gmina'],
  sources: ['mf'],
  notes: text('Uwagi.', 'Notes.'),
  variants: [{ norm: 'na_mieszkanca', dimension: 'ilosc', adds: text('na mieszkańca', 'per resident') }],
  ...over,
});

describe('expandFamily', () => {
  it('writes each normalisation as its formula, name and unit, in both languages', () => {
    const generated = expandFamily(
      family({
        variants: [
          { norm: 'poziom', dimension: 'kontekst', adds: text('a') },
          { norm: 'na_mieszkanca', dimension: 'ilosc', scale: 1000, adds: text('b') },
          {
            norm: 'na_uzytkownika',
            key: 'na_ucznia',
            dimension: 'efektywnosc_kosztowa',
            per: 'uczniowie',
            base: text('ucznia', 'pupil'),
            adds: text('c'),
          },
          {
            norm: 'na_grupe_docelowa',
            dimension: 'ilosc',
            per: 'ludnosc_7_14',
            scale: 100,
            base: text('mieszkańców w wieku 7–14 lat', 'residents aged 7–14'),
            adds: text('d'),
          },
          { norm: 'na_km2', dimension: 'ilosc', scale: 100, adds: text('e') },
          {
            norm: 'udzial',
            dimension: 'ilosc',
            per: 'w_801',
            base: text('dziale 801', 'division 801'),
            adds: text('f'),
          },
          { norm: 'zmiana_rr', dimension: 'ilosc', adds: text('g') },
        ],
      }),
    ).map((g) => g.indicator);
    expect(generated.map((i) => [i.id, i.formula, i.measureUnit, i.measureUnitEn, i.name.pl])).toEqual([
      ['edukacja.wydatki_sp__poziom', 'w_80101', 'zł', 'PLN', 'Wydatki na szkoły podstawowe'],
      [
        'edukacja.wydatki_sp__na_mieszkanca',
        'per_1000(w_80101)',
        'zł na 1000 mieszkańców',
        'PLN per 1,000 residents',
        'Wydatki na szkoły podstawowe na 1000 mieszkańców',
      ],
      [
        'edukacja.wydatki_sp__na_ucznia',
        '(w_80101) / (uczniowie)',
        'zł na ucznia',
        'PLN per pupil',
        'Wydatki na szkoły podstawowe na ucznia',
      ],
      [
        'edukacja.wydatki_sp__na_grupe_docelowa',
        '(w_80101) / (ludnosc_7_14) * 100',
        'zł na 100 mieszkańców w wieku 7–14 lat',
        'PLN per 100 residents aged 7–14',
        'Wydatki na szkoły podstawowe na 100 mieszkańców w wieku 7–14 lat',
      ],
      [
        'edukacja.wydatki_sp__na_km2',
        'per_km2(w_80101) * 100',
        'zł na 100 km²',
        'PLN per 100 km²',
        'Wydatki na szkoły podstawowe na 100 km²',
      ],
      [
        'edukacja.wydatki_sp__udzial',
        'share((w_80101), w_801)',
        '%',
        '%',
        'Wydatki na szkoły podstawowe — udział w dziale 801',
      ],
      [
        'edukacja.wydatki_sp__zmiana_rr',
        'share((w_80101) - lag((w_80101), 1), lag((w_80101), 1))',
        '%',
        '%',
        'Wydatki na szkoły podstawowe — zmiana rok do roku',
      ],
    ]);
    // Each variant says what it adds, in its definition and in its family record.
    expect(generated[2]?.definition.pl).toBe(
      'Rozdział 80101. Podzielone przez liczbę korzystających (uczniowie). Wariant: c',
    );
    expect(generated[2]?.family).toEqual({
      id: 'edukacja.wydatki_sp',
      variant: 'na_ucznia',
      set: null,
      adds: text('c'),
    });
    expect(generated.map((i) => i.decimals)).toEqual([0, 0, 0, 0, 0, 1, 1]);
  });

  it("gives SMUP's JST sets their own indicators: gmina without a suffix, cities and powiaty with one", () => {
    const generated = expandFamily(
      family({
        measure: { gmina: 'g_80101', miasto_npp: 'm_80101', powiat: 'p_80101' },
        variants: [
          { norm: 'na_mieszkanca', dimension: 'ilosc', adds: text('a') },
          {
            norm: 'udzial',
            dimension: 'ilosc',
            per: { gmina: 'g_all', miasto_npp: 'm_all', powiat: 'p_all' },
            base: text('wydatkach', 'spending'),
            adds: text('b'),
          },
        ],
      }),
    ).map((g) => g.indicator);
    expect(generated.map((i) => [i.id, i.formula, i.levels])).toEqual([
      ['edukacja.wydatki_sp__na_mieszkanca', 'per_capita(g_80101)', ['gmina']],
      ['edukacja.wydatki_sp__na_mieszkanca__miasto_npp', 'per_capita(m_80101)', ['powiat']],
      ['edukacja.wydatki_sp__na_mieszkanca__powiat', 'per_capita(p_80101)', ['powiat']],
      ['edukacja.wydatki_sp__udzial', 'share((g_80101), g_all)', ['gmina']],
      ['edukacja.wydatki_sp__udzial__miasto_npp', 'share((m_80101), m_all)', ['powiat']],
      ['edukacja.wydatki_sp__udzial__powiat', 'share((p_80101), p_all)', ['powiat']],
    ]);
    expect(generated[1]?.name.pl).toBe(
      'Wydatki na szkoły podstawowe na mieszkańca (miasta na prawach powiatu)',
    );
    expect(generated[1]?.notes.pl).toContain('wspólny budżet miasta');
  });
});

describe('familyProblems', () => {
  it('asks for what a variant needs and refuses what it cannot use', () => {
    const problems = familyProblems(
      family({
        measure: { gmina: 'a', powiat: 'b' },
        variants: [
          { norm: 'na_uzytkownika', dimension: 'ilosc', adds: text('a') },
          { norm: 'na_mieszkanca', dimension: 'ilosc', per: 'x', adds: text('b') },
          { norm: 'udzial', dimension: 'ilosc', per: { gmina: 'x' }, base: text('c'), adds: text('c') },
          { norm: 'zmiana_rr', dimension: 'ilosc', scale: 1000, adds: text('d') },
        ],
      }),
    );
    expect(problems.map((p) => [p.path.join('.'), p.found])).toEqual([
      ['variants.0.per', '(missing)'],
      ['variants.0.base', '(missing)'],
      ['variants.1.per', 'per'],
      ['variants.2.per', 'gmina'],
      ['variants.3.scale', '1000'],
    ]);
    expect(problems[2]?.expected).toBe(
      'no per or base: a na_mieszkanca variant divides by what the catalogue config names',
    );
  });
});
