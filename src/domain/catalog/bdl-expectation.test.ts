import { describe, expect, it } from 'vitest';
import {
  checkExpectation,
  expectationOf,
  fullName,
  nameSimilarity,
  rankCandidates,
  type AnsweredVariable,
} from './bdl-expectation.js';

const councillorsWomen: AnsweredVariable = {
  id: '8',
  subjectId: 'P1312',
  subjectName: 'Radni gmin według płci',
  names: ['kobiety'],
  measureUnit: 'osoba',
  level: 6,
};

describe('BDL expectations', () => {
  it('accepts the answer that is what the catalogue states', () => {
    expect(
      checkExpectation(
        { subject: 'P1312', names: [' Kobiety '], measureUnit: 'osoba', level: 6 },
        councillorsWomen,
      ),
    ).toEqual([]);
  });

  it('names every field that differs, expected against found', () => {
    expect(
      checkExpectation(
        { subject: 'P1313', names: ['mężczyźni'], measureUnit: 'zł', level: 5, namePattern: 'powiat' },
        councillorsWomen,
      ),
    ).toEqual([
      { field: 'subject', expected: 'P1313', found: 'P1312' },
      { field: 'names', expected: 'mężczyźni', found: 'kobiety' },
      { field: 'namePattern', expected: '/powiat/', found: 'Radni gmin według płci — kobiety' },
      { field: 'measureUnit', expected: 'zł', found: 'osoba' },
      { field: 'level', expected: '5', found: '6' },
    ]);
  });

  it('derives an expectation from the catalogue name and unit, and refuses another concept', () => {
    const expected = expectationOf({ name: 'radni gmin — kobiety', measureUnit: 'osoba' });
    expect(expected).toEqual({ similarTo: 'radni gmin — kobiety', measureUnit: 'osoba' });
    expect(checkExpectation(expected, councillorsWomen)).toEqual([]);
    const other: AnsweredVariable = {
      ...councillorsWomen,
      subjectName: 'Wydatki budżetów gmin wg działów',
      names: ['wydatki ogółem', 'oświata i wychowanie'],
      measureUnit: 'zł',
    };
    const mismatches = checkExpectation(expected, other);
    expect(mismatches.map((m) => m.field)).toEqual(['measureUnit', 'similarTo']);
    expect(mismatches[1]?.found).toMatch(/holds 33% of them, needs 75%/);
  });

  it('refuses a near concept: every word the catalogue names must be found', () => {
    const post: AnsweredVariable = {
      ...councillorsWomen,
      subjectId: 'P2137',
      subjectName: 'Ludność w wieku poprodukcyjnym',
      names: ['ogółem'],
    };
    const expected = expectationOf({
      name: 'ludność w wieku przedprodukcyjnym, ogółem (31 XII)',
      measureUnit: null,
    });
    expect(checkExpectation(expected, post)).toEqual([
      {
        field: 'similarTo',
        expected: 'a name with the words of "ludność w wieku przedprodukcyjnym, ogółem (31 XII)"',
        found: '"Ludność w wieku poprodukcyjnym — ogółem" (holds 67% of them, needs 75%)',
      },
    ]);
    expect(checkExpectation(expected, { ...post, subjectName: 'Ludność w wieku przedprodukcyjnym' })).toEqual(
      [],
    );
  });

  it('measures word similarity past Polish inflection and words that carry no concept', () => {
    // Both {ludno, wieku, przed}: "w", "ogółem" and the punctuation carry no concept.
    expect(
      nameSimilarity('ludność w wieku przedprodukcyjnym, ogółem', 'Ludność — w wieku przedprodukcyjnym'),
    ).toBe(1);
    expect(nameSimilarity('dochody własne', 'wydatki bieżące')).toBe(0);
    expect(nameSimilarity('dochody gmin', 'dochody powiatów')).toBe(0.5);
  });

  it('ranks candidates by similarity to the catalogue name, then by id', () => {
    const candidate = (id: string, names: string[]): AnsweredVariable => ({ ...councillorsWomen, id, names });
    const ranked = rankCandidates('Radni gmin według płci — mężczyźni', [
      candidate('8', ['kobiety']),
      candidate('7', ['mężczyźni']),
      candidate('6', ['ogółem']),
    ]);
    expect(ranked.map((r) => [r.candidate.id, r.similarity.toFixed(2)])).toEqual([
      ['7', '1.00'],
      ['6', '0.86'],
      ['8', '0.75'],
    ]);
    expect(fullName(councillorsWomen)).toBe('Radni gmin według płci — kobiety');
  });
});
