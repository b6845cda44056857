import { describe, expect, it } from 'vitest';
import { diagnose } from './diagnosis.js';
import type { CatalogueFacts, ProfileItem, UnitProfile } from './profile.js';

const SET = {
  against: 'group',
  label: { pl: 'grupa porównawcza', en: 'comparison group' },
  year: 2019,
  members: 40,
  includesUnit: true,
  group: null,
  message: null,
};

function item(
  id: string,
  over: Partial<ProfileItem> & {
    direction?: string;
    dimension?: string;
    positionClass?: 'bottom25' | 'middle50' | 'top25' | 'neutral';
    band?: 'below_q1' | 'q1_to_q3' | 'above_q3';
    assessment?: 'better' | 'worse' | 'same' | 'neutral' | null;
  } = {},
): ProfileItem {
  const { direction = 'higher_better', dimension = 'jakosc', positionClass, band = 'q1_to_q3' } = over;
  return {
    indicator: {
      id,
      name: { pl: `Wskaźnik ${id}`, en: `Indicator ${id}` },
      area: id.split('.')[0] as string,
      service: `${id.split('.')[0]}.usluga`,
      dimension,
      direction,
      measureUnit: 'zł na mieszkańca',
      decimals: 1,
    },
    year: 2019,
    value: 1234.5,
    flag: null,
    reason: null,
    detail: null,
    set: SET,
    statistics: { members: 40, countWithData: 40, median: 1000, q1: 900, q3: 1100, min: 1, max: 2000 },
    position: positionClass ? { rank: 3, rankedCount: 40, percentile: 95, band, positionClass } : null,
    changes:
      over.assessment === undefined
        ? []
        : [
            {
              years: 5,
              unitChange: 100,
              setMedianChange: 50,
              membersWithChange: 40,
              differenceFromSet: 50,
              assessment: over.assessment,
            },
          ],
    ...over,
  };
}

const catalogue: CatalogueFacts = {
  areas: [
    {
      id: 'finanse',
      name: { pl: 'Finanse', en: 'Finance' },
      services: [{ id: 'finanse.usluga', name: { pl: 'Dochody', en: 'Revenue' } }],
    },
    {
      id: 'kontekst',
      name: { pl: 'Kontekst', en: 'Context' },
      services: [{ id: 'kontekst.usluga', name: { pl: 'Ludność', en: 'Population' } }],
    },
  ],
  indicatorSources: new Map([['finanse.a', ['bdl']]]),
  sources: new Map([
    [
      'bdl',
      {
        id: 'bdl',
        name: 'BDL',
        citation: 'Źródło: GUS, Bank Danych Lokalnych',
        licence: 'dane publiczne',
        url: null,
      },
    ],
  ]),
};

const profile = (items: ProfileItem[]): UnitProfile => ({
  unit: { code: '1219053', name: 'Wieliczka', kind: 'gmina miejsko-wiejska', level: 'gmina' },
  release: 7,
  against: 'group',
  items,
});

describe('diagnose', () => {
  // One indicator of each case: the direction is read from positionClass (top25 = good end), so a
  // lower-is-better indicator above Q3 arrives as bottom25 and is a weak point.
  const items = [
    item('finanse.a', { positionClass: 'top25', band: 'above_q3', assessment: 'better' }),
    item('finanse.b', {
      direction: 'lower_better',
      positionClass: 'bottom25',
      band: 'above_q3',
      assessment: 'worse',
    }),
    item('finanse.c', { positionClass: 'middle50', assessment: 'same' }),
    item('finanse.d', {
      direction: 'neutral',
      positionClass: 'neutral',
      band: 'above_q3',
      assessment: 'neutral',
    }),
    // A context indicator is described even if its direction says otherwise.
    item('kontekst.e', {
      dimension: 'kontekst',
      positionClass: 'top25',
      band: 'above_q3',
      assessment: 'better',
    }),
    item('finanse.f', { value: null, reason: 'missing-input', detail: 'brak wydatki_801' }),
    item('finanse.g', { positionClass: undefined }),
  ];

  it('classifies strong, weak, middle, described and missing points exactly', () => {
    const d = diagnose({ profile: profile(items), catalogue });
    expect(d.strengths).toEqual(['finanse.a']);
    expect(d.weaknesses).toEqual(['finanse.b']);
    expect(d.improved).toEqual(['finanse.a']);
    expect(d.worsened).toEqual(['finanse.b']);
    expect(d.missing).toEqual(['finanse.f', 'finanse.g']);
    expect(d.counts).toEqual({
      strong: 1,
      weak: 1,
      middle: 1,
      described: 2,
      missing: 2,
      improved: 1,
      worsened: 1,
    });
    const all = d.areas.flatMap((a) => a.services.flatMap((s) => s.findings));
    const byId = new Map(all.map((f) => [f.indicator.id, f]));
    expect(byId.get('kontekst.e')?.kind).toBe('described');
    expect(byId.get('kontekst.e')?.trend).toBe('described');
    expect(byId.get('finanse.d')?.trend).toBe('described');
    expect(byId.get('finanse.f')?.missing?.reason).toBe('missing-input');
    expect(byId.get('finanse.g')?.missing?.reason).toBe('not-placed');
    expect(d.areas.map((a) => a.id)).toEqual(['finanse', 'kontekst']);
  });

  it('writes Polish sentences with number format, unit, year, source and flag; no judgement on neutral ones', () => {
    const d = diagnose({ profile: profile(items), catalogue });
    const all = d.areas.flatMap((a) => a.services.flatMap((s) => s.findings));
    const a = all.find((f) => f.indicator.id === 'finanse.a');
    // 1234.5 with one decimal in Polish table style: grouped with a no-break space, decimal comma.
    expect(a?.sentence).toBe(
      'Mocna strona — Wskaźnik finanse.a: 1\u00a0234,5 zł na mieszkańca (2019 r.; obliczenia własne SMUP na podstawie: GUS, Bank Danych Lokalnych; bez flagi) — miejsce 3 z 40, wśród najlepszych 25% zbioru „grupa porównawcza” (mediana zbioru: 1\u00a0000,0 zł na mieszkańca).',
    );
    expect(a?.trendSentence).toBe(
      'W ciągu 5 lat (2014–2019) wskaźnik „Wskaźnik finanse.a” zmienił się o +100,0 zł na mieszkańca, a mediana zbioru o +50,0 zł na mieszkańca: poprawa względem zbioru.',
    );
    const d2 = all.find((f) => f.indicator.id === 'finanse.d');
    expect(d2?.sentence).not.toMatch(/mocna|słaba|najlepsz|najsłabsz/i);
    expect(d2?.sentence).toContain('bez oceny');
  });

  it('uses the three Polish plural forms in the summary', () => {
    const one = diagnose({ profile: profile(items), catalogue });
    expect(one.summary[1]).toContain('ma 1 mocną stronę (najlepsze 25% zbioru) i 1 słabą stronę');
    expect(one.summary[0]).toContain('(40 jednostek)');
    expect(one.summary[0]).toContain('obejmuje 7 wskaźników');
    const strong = (id: string) => item(id, { positionClass: 'top25', band: 'above_q3' });
    const two = diagnose({ profile: profile([strong('finanse.a'), strong('finanse.b')]), catalogue });
    expect(two.summary[1]).toContain('ma 2 mocne strony');
    expect(two.summary[0]).toContain('obejmuje 2 wskaźniki');
    const five = diagnose({
      profile: profile(['a', 'b', 'c', 'd', 'e'].map((x) => strong(`finanse.${x}`))),
      catalogue,
    });
    expect(five.summary[1]).toContain('ma 5 mocnych stron');
    // 22 takes the "few" form again in Polish (22 wskaźniki), unlike 12 (12 wskaźników).
    const many = (n: number) =>
      diagnose({ profile: profile(Array.from({ length: n }, (_, i) => strong(`finanse.x${i}`))), catalogue });
    expect(many(22).summary[0]).toContain('obejmuje 22 wskaźniki');
    expect(many(12).summary[0]).toContain('obejmuje 12 wskaźników');
  });

  it('speaks English on request and keeps only the areas asked for', () => {
    const d = diagnose({ profile: profile(items), catalogue, lang: 'en', areas: ['kontekst'] });
    expect(d.areas.map((a) => a.id)).toEqual(['kontekst']);
    expect(d.summary[0]).toBe(
      'The diagnosis of Wieliczka against the set "comparison group" (40 units) covers 1 indicator.',
    );
    expect(d.areas[0]?.services[0]?.findings[0]?.sentence).toContain('1,234.5 PLN per resident (2019;');
  });
});
