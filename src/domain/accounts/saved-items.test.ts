import { describe, expect, it } from 'vitest';
import { checkSettings, savedItemLinks, type KnownIds } from './saved-items.js';

const KNOWN: KnownIds = {
  indicators: new Set(['kontekst.ludnosc', 'kontekst.gestosc_zaludnienia']),
  areas: new Set(['edukacja', 'administracja_finanse']),
};

describe('checkSettings', () => {
  it('keeps a set’s distinct members and asks for two at least', () => {
    expect(checkSettings('set', { units: ['1261011', ' 1261011', '1219053'] }, KNOWN)).toEqual({
      ok: true,
      value: { kind: 'set', settings: { units: ['1261011', '1219053'] } },
    });
    const one = checkSettings('set', { units: ['1261011', '1261011'] }, KNOWN);
    expect(one.ok || one.problem.field).toBe('settings.units');
  });

  it('refuses a field of another kind, naming it and the kind’s own fields', () => {
    const result = checkSettings('set', { units: ['12', '14'], format: 'pdf' }, KNOWN);
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.problem.field).toBe('settings.format');
      expect(result.problem.messages.en).toBe(
        'Field "settings.format": is not part of a set of units (fields: units).',
      );
    }
  });

  it('takes a comparison with the page’s defaults and checks its indicators and years', () => {
    expect(checkSettings('compare', { units: ['1261011'] }, KNOWN)).toEqual({
      ok: true,
      value: { kind: 'compare', settings: { units: ['1261011'], indicators: [], years: null } },
    });
    const unknown = checkSettings('compare', { units: ['12'], indicators: ['x.y'] }, KNOWN);
    expect(unknown.ok || unknown.problem.messages.pl).toBe('Pole „settings.indicators”: nieznane: x.y.');
    const backwards = checkSettings('compare', { units: ['12'], years: '2019-2015' }, KNOWN);
    expect(backwards.ok || backwards.problem.field).toBe('settings.years');
    // 11 units: one more than the compare page shows.
    const units = Array.from({ length: 11 }, (_, i) => String(10 + i));
    const many = checkSettings('compare', { units }, KNOWN);
    expect(many.ok || many.problem.messages.en).toBe('Field "settings.units": at most 10, 11 given.');
  });

  it('fills a report’s defaults as the Raport form does (group, PDF, Polish, every area)', () => {
    expect(checkSettings('report', { unit: '1219053' }, KNOWN)).toEqual({
      ok: true,
      value: {
        kind: 'report',
        settings: { unit: '1219053', against: 'group', year: null, areas: [], format: 'pdf', lang: 'pl' },
      },
    });
    const noUnit = checkSettings('report', { format: 'docx' }, KNOWN);
    expect(noUnit.ok || noUnit.problem.field).toBe('settings.unit');
    const area = checkSettings('report', { unit: '12', areas: ['kosmos'] }, KNOWN);
    expect(area.ok || area.problem.field).toBe('settings.areas');
  });
});

describe('savedItemLinks', () => {
  it('opens a set as its first member against it, a comparison as the compare page’s query', () => {
    expect(
      savedItemLinks({
        kind: 'set',
        settings: { units: ['1261011', '1219053'], setId: 'Ab3', level: 'gmina' },
      }),
    ).toEqual({ view: '/jst/1261011?porownaj=set:Ab3', data: '/api/v1/sets/Ab3' });
    expect(
      savedItemLinks({
        kind: 'compare',
        settings: { units: ['1261011', '1061011'], indicators: ['kontekst.ludnosc'], years: '2015-2019' },
      }),
    ).toEqual({
      view: '/porownaj?jst=1261011,1061011&wsk=kontekst.ludnosc&lata=2015-2019',
      data: '/api/v1/compare?units=1261011,1061011&indicators=kontekst.ludnosc&years=2015-2019',
    });
    // The page's default indicators have no one API query: no data link.
    expect(
      savedItemLinks({ kind: 'compare', settings: { units: ['12'], indicators: [], years: null } }).data,
    ).toBeNull();
  });

  it('opens report settings as the unit page and the report download', () => {
    expect(
      savedItemLinks({
        kind: 'report',
        settings: {
          unit: '1219053',
          against: 'set:Ab3',
          year: 2019,
          areas: ['edukacja', 'administracja_finanse'],
          format: 'docx',
          lang: 'en',
        },
      }),
    ).toEqual({
      view: '/jst/1219053?porownaj=set:Ab3&rok=2019',
      data: '/api/v1/units/1219053/report?against=set:Ab3&year=2019&areas=edukacja,administracja_finanse&format=docx&lang=en',
    });
  });
});
