/**
 * The diagnosis's sentences, from templates (Polish first, English on request). Every number carries its
 * unit of measure, year, source and flag; counts take the right plural form (1 mocna strona, 2 mocne strony,
 * 5 mocnych stron). Neutral and context indicators get a description with no judging word.
 */
import { countOf, formatNumber, type CountForms, type Lang } from '../number-words.js';
import { unitFor, unitText, type AgreementOptions } from '../measure-unit-agreement.js';
import { MISSING_REASON_WORDS } from '../observations/missing-note.js';
import type { FindingKind, MissingReason, Trend } from './classify.js';

/** The reasons a value itself carries (missing-note.ts words them); the others are the report's. */
type ValueReason = Exclude<MissingReason, 'empty-set' | 'not-placed' | 'other'>;
import type { ProfileFlag } from './profile.js';

/** What one sentence needs of an indicator (Finding in diagnosis.ts carries all of it). */
export interface SentenceFacts {
  readonly name: string;
  readonly kind: FindingKind;
  readonly year: number | null;
  readonly value: number | null;
  readonly measureUnit: string;
  readonly decimals: number;
  readonly flag: ProfileFlag | null;
  readonly median: number | null;
  readonly q1: number | null;
  readonly q3: number | null;
  readonly rank: number | null;
  readonly rankedCount: number | null;
  readonly citation: string;
  readonly setName: string;
  readonly missingReason: MissingReason | null;
  readonly missingDetail: string | null;
}

export const POSITION_WORDS: Record<FindingKind, { pl: string; en: string }> = {
  strong: { pl: 'najlepsze 25% zbioru', en: 'best 25% of the set' },
  middle: { pl: 'środkowe 50% zbioru', en: 'middle 50% of the set' },
  weak: { pl: 'najsłabsze 25% zbioru', en: 'weakest 25% of the set' },
  described: { pl: 'bez oceny (wskaźnik neutralny lub kontekstowy)', en: 'not rated (neutral or context)' },
  missing: { pl: 'brak pozycji', en: 'no position' },
};

export const TREND_WORDS: Record<Trend, { pl: string; en: string }> = {
  improved: { pl: 'poprawa względem zbioru', en: 'improved against the set' },
  worsened: { pl: 'pogorszenie względem zbioru', en: 'worsened against the set' },
  same: { pl: 'bez zmiany względem zbioru', en: 'unchanged against the set' },
  described: { pl: 'zmiana bez oceny', en: 'change, not rated' },
};

/** Reasons in words: the ones values carry, worded as on pages and in files (one list), and the report's own. */
export const REASON_WORDS: Record<MissingReason, { pl: string; en: string }> = {
  ...(MISSING_REASON_WORDS as Record<ValueReason, { pl: string; en: string }>),
  'empty-set': { pl: 'zbiór odniesienia jest pusty', en: 'the reference set is empty' },
  'not-placed': {
    pl: 'wartości nie dało się umieścić w zbiorze (wyłączona ze statystyk)',
    en: 'the value could not be placed in the set (left out of the statistics)',
  },
  other: { pl: 'brak wartości', en: 'no value' },
};

export const WORDS = {
  strongPoints: {
    pl: { one: 'mocną stronę', few: 'mocne strony', many: 'mocnych stron' },
    en: { one: 'strong point', other: 'strong points' },
  },
  weakPoints: {
    pl: { one: 'słabą stronę', few: 'słabe strony', many: 'słabych stron' },
    en: { one: 'weak point', other: 'weak points' },
  },
  indicators: {
    pl: { one: 'wskaźnik', few: 'wskaźniki', many: 'wskaźników' },
    en: { one: 'indicator', other: 'indicators' },
  },
  units: {
    pl: { one: 'jednostka', few: 'jednostki', many: 'jednostek' },
    en: { one: 'unit', other: 'units' },
  },
  /** After "w ciągu" (genitive): 1 roku, 2 lat, 5 lat. */
  yearsGenitive: {
    pl: { one: 'roku', few: 'lat', many: 'lat' },
    en: { one: 'year', other: 'years' },
  },
  /** After "oraz" closing a list of names: oraz 1 inny wskaźnik, 3 inne wskaźniki, 12 innych wskaźników. */
  others: {
    pl: { one: 'inny wskaźnik', few: 'inne wskaźniki', many: 'innych wskaźników' },
    en: { one: 'other indicator', other: 'other indicators' },
  },
} satisfies Record<string, CountForms>;

/**
 * "1234,5 zł na mieszkańca", "60 481 osób" — a number with its unit of measure in agreement; a missing value
 * keeps the unit as written ("— osoby"), a sign does not count ("+100 osób").
 */
export function withUnit(
  value: number | null,
  facts: Pick<SentenceFacts, 'decimals' | 'measureUnit'>,
  lang: Lang,
  options: AgreementOptions = {},
): string {
  const unit =
    value === null
      ? unitText(facts.measureUnit, lang)
      : unitFor(value, facts.decimals, facts.measureUnit, lang, options);
  return `${formatNumber(value, facts.decimals, lang)} ${unit}`.trim();
}

/** "(2019 r.; Obliczenia własne SMUP na podstawie: GUS…; flaga „*”: dane wstępne)" */
function provenance(facts: SentenceFacts, lang: Lang): string {
  const year = facts.year === null ? '' : lang === 'pl' ? `${facts.year} r.; ` : `${facts.year}; `;
  const flag = facts.flag
    ? lang === 'pl'
      ? `; flaga „${facts.flag.symbol}”: ${facts.flag.label.pl}`
      : `; flag "${facts.flag.symbol}": ${facts.flag.label.en}`
    : lang === 'pl'
      ? '; bez flagi'
      : '; no flag';
  return `(${year}${facts.citation}${flag})`;
}

function rankText(facts: SentenceFacts, lang: Lang): string {
  if (facts.rank === null || facts.rankedCount === null) return '';
  return lang === 'pl'
    ? `miejsce ${formatNumber(facts.rank, 0, lang)} z ${formatNumber(facts.rankedCount, 0, lang)}`
    : `rank ${formatNumber(facts.rank, 0, lang)} of ${formatNumber(facts.rankedCount, 0, lang)}`;
}

/** The one sentence that states a finding. */
export function findingSentence(facts: SentenceFacts, lang: Lang): string {
  const value = `${withUnit(facts.value, facts, lang)} ${provenance(facts, lang)}`;
  const median = withUnit(facts.median, facts, lang);
  // "mediana wynosi 1 osobę": the object of "wynosi" stands in the accusative.
  const medianIs = withUnit(facts.median, facts, lang, { accusative: true });
  const spread = `${formatNumber(facts.q1, facts.decimals, lang)}–${withUnit(facts.q3, facts, lang)}`;
  const rank = rankText(facts, lang);
  const pl = lang === 'pl';
  switch (facts.kind) {
    case 'strong':
      return pl
        ? `Mocna strona — ${facts.name}: ${value} — ${rank}, wśród najlepszych 25% zbioru „${facts.setName}” (mediana zbioru: ${median}).`
        : `Strong point — ${facts.name}: ${value} — ${rank}, among the best 25% of the set "${facts.setName}" (set median: ${median}).`;
    case 'weak':
      return pl
        ? `Słaba strona — ${facts.name}: ${value} — ${rank}, wśród najsłabszych 25% zbioru „${facts.setName}” (mediana zbioru: ${median}).`
        : `Weak point — ${facts.name}: ${value} — ${rank}, among the weakest 25% of the set "${facts.setName}" (set median: ${median}).`;
    case 'middle':
      return pl
        ? `${facts.name}: ${value} — ${rank}, w środkowych 50% zbioru „${facts.setName}” (mediana zbioru: ${median}).`
        : `${facts.name}: ${value} — ${rank}, in the middle 50% of the set "${facts.setName}" (set median: ${median}).`;
    case 'described':
      return pl
        ? `${facts.name}: ${value}; w zbiorze „${facts.setName}” mediana wynosi ${medianIs}, a połowa jednostek mieści się w przedziale ${spread} (wskaźnik opisowy, bez oceny).`
        : `${facts.name}: ${value}; in the set "${facts.setName}" the median is ${median} and half the units lie within ${spread} (descriptive indicator, not rated).`;
    case 'missing': {
      const reason = REASON_WORDS[facts.missingReason ?? 'other'][lang];
      const year = facts.year === null ? '' : pl ? ` za ${facts.year} r.` : ` for ${facts.year}`;
      return pl
        ? `${facts.name}: brak oceny${year} — ${reason}.`
        : `${facts.name}: no assessment${year} — ${reason}.`;
    }
  }
}

export interface TrendFacts {
  readonly trend: Trend;
  readonly years: number;
  readonly unitChange: number;
  readonly setMedianChange: number;
}

const signed = (value: number, facts: SentenceFacts, lang: Lang): string =>
  // "zmienił się o +1 osobę": the object of "o" stands in the accusative.
  `${value > 0 ? '+' : ''}${withUnit(value, facts, lang, { accusative: true })}`;

/** "W ciągu 5 lat (2014–2019) … zmienił się o +12 zł na mieszkańca, mediana zbioru o +8 …: poprawa względem zbioru." */
export function trendSentence(facts: SentenceFacts, trend: TrendFacts, lang: Lang): string {
  const from = (facts.year ?? 0) - trend.years;
  const span = `${countOf(trend.years, lang, WORDS.yearsGenitive)} (${from}–${facts.year})`;
  const unit = signed(trend.unitChange, facts, lang);
  const set = signed(trend.setMedianChange, facts, lang);
  return lang === 'pl'
    ? `W ciągu ${span} wskaźnik „${facts.name}” zmienił się o ${unit}, a mediana zbioru o ${set}: ${TREND_WORDS[trend.trend].pl}.`
    : `Over ${span} "${facts.name}" changed by ${unit} and the set's median by ${set}: ${TREND_WORDS[trend.trend].en}.`;
}

/** How many names a sentence on missing indicators lists before it counts the rest. */
export const MISSING_NAMES_LISTED = 8;

/**
 * The indicators missing for one reason, in one sentence ("Bez oceny — brak danych w tym wydaniu: A; B.").
 * Past MISSING_NAMES_LISTED names it counts the rest and points at the full list in the XLSX: with a catalogue
 * of hundreds of indicators a sentence naming every one filled pages of a PDF nobody would read.
 */
export function missingSentence(
  names: readonly string[],
  reason: MissingReason,
  year: number | null,
  lang: Lang,
): string {
  const when = year === null ? '' : lang === 'pl' ? ` (${year} r.)` : ` (${year})`;
  const listed = names.slice(0, MISSING_NAMES_LISTED).join('; ');
  const rest = names.length - MISSING_NAMES_LISTED;
  const more =
    rest <= 0
      ? ''
      : lang === 'pl'
        ? ` oraz ${countOf(rest, lang, WORDS.others)} (pełna lista w arkuszu XLSX raportu)`
        : ` and ${countOf(rest, lang, WORDS.others)} (full list in the report's XLSX workbook)`;
  return lang === 'pl'
    ? `Bez oceny${when} — ${REASON_WORDS[reason].pl}: ${listed}${more}.`
    : `Not assessed${when} — ${REASON_WORDS[reason].en}: ${listed}${more}.`;
}
