import { describe, expect, it } from 'vitest';
import { parseReferenceSet } from './benchmark/reference-sets.js';
import {
  apiParam,
  isSavedSetReference,
  pageParam,
  parseList,
  parseYear,
  parseYearRange,
} from './query-params.js';

describe('shared query parameters', () => {
  it('reads a year or a range, and says what is wrong in the caller’s spelling', () => {
    expect(parseYearRange('2015-2019', apiParam('years'))).toEqual({
      ok: true,
      value: { from: 2015, to: 2019 },
    });
    expect(parseYearRange(' 2019 ', apiParam('years'))).toEqual({
      ok: true,
      value: { from: 2019, to: 2019 },
    });
    expect(parseYearRange('2019-2015', pageParam('lata'))).toEqual({
      ok: false,
      problem: {
        code: 'invalid-parameter',
        messages: {
          pl: 'Parametr „lata”: rok końcowy 2015 jest wcześniejszy niż początkowy 2019.',
          en: 'Parameter "lata": the last year 2015 is before the first year 2019.',
        },
      },
    });
    expect(parseYearRange('1989-2019', apiParam('years'))).toEqual({
      ok: false,
      problem: {
        code: 'limit-exceeded',
        messages: {
          pl: "Parametr 'years': zakres obejmuje 31 lat, limit to 30.",
          en: "Parameter 'years': the range spans 31 years, the limit is 30.",
        },
      },
    });
  });

  it('reads a four-digit year only', () => {
    expect(parseYear('2019', pageParam('rok'))).toEqual({ ok: true, value: 2019 });
    expect(parseYear('dwa', pageParam('rok'))).toMatchObject({
      ok: false,
      problem: { code: 'invalid-parameter' },
    });
  });

  it('reads a comma list without duplicates, within its limit', () => {
    expect(parseList('a, b,a,,c', apiParam('units'), 3)).toEqual({ ok: true, value: ['a', 'b', 'c'] });
    expect(parseList('a,b,c,d', apiParam('units'), 3)).toMatchObject({
      ok: false,
      problem: { code: 'limit-exceeded' },
    });
    expect(parseList(' , ', apiParam('units'), 3)).toMatchObject({ ok: false });
  });

  it('accepts the saved set ids the API accepts: 1 to 64 letters, digits, - and _', () => {
    for (const id of ['a', 'A'.repeat(40), 'b'.repeat(41), 'x-_9'.repeat(16)]) {
      expect(isSavedSetReference(`set:${id}`)).toBe(true);
      expect(parseReferenceSet(`set:${id}`).ok).toBe(true);
    }
    for (const id of ['', 'c'.repeat(65), 'a b', 'ą']) {
      expect(isSavedSetReference(`set:${id}`)).toBe(false);
      expect(parseReferenceSet(`set:${id}`).ok).toBe(false);
    }
  });
});
