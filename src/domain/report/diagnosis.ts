/**
 * The diagnosis of a unit (issue 15): from its profile against a reference set, per area and service, which
 * indicators are strong or weak points, which improved or worsened against the set over 5 years, which are
 * described without judgement (neutral, context) and which are missing and why — as data and as sentences.
 *
 *   profile items ─► kindOf / trendOf / missingReasonOf (classify.ts) ─► Finding (numbers + provenance)
 *                                                        sentences.ts ─► sentence, trend sentence
 *   findings ─► areas ▸ services (catalogue order) ─► counts ─► summary sentences
 */
import { countOf, type Lang } from '../number-words.js';
import {
  kindOf,
  missingReasonOf,
  trendOf,
  TREND_YEARS,
  type FindingKind,
  type MissingReason,
  type Trend,
} from './classify.js';
import type { CatalogueFacts, ProfileFlag, ProfileItem, SourceFacts, UnitProfile } from './profile.js';
import {
  findingSentence,
  POSITION_WORDS,
  REASON_WORDS,
  trendSentence,
  WORDS,
  type SentenceFacts,
} from './sentences.js';

export interface Finding {
  /** The profile's indicator with its name in the report's language. */
  readonly indicator: Omit<ProfileItem['indicator'], 'name'> & { readonly name: string };
  readonly kind: FindingKind;
  /** The position in words ("najlepsze 25% zbioru"). */
  readonly position: string;
  readonly year: number | null;
  readonly value: number | null;
  readonly flag: ProfileFlag | null;
  readonly median: number | null;
  readonly q1: number | null;
  readonly q3: number | null;
  readonly rank: number | null;
  readonly rankedCount: number | null;
  readonly trend: Trend | null;
  /** The 5-year change of the unit and of the set's median (null: a value of 5 years ago is missing). */
  readonly change: { readonly years: number; readonly unit: number; readonly setMedian: number } | null;
  readonly missing: {
    readonly reason: MissingReason;
    readonly text: string;
    readonly detail: string | null;
  } | null;
  readonly sources: readonly string[];
  /** "Obliczenia własne SMUP na podstawie: GUS, Bank Danych Lokalnych". */
  readonly citation: string;
  readonly sentence: string;
  readonly trendSentence: string | null;
}

export interface FindingCounts {
  readonly strong: number;
  readonly weak: number;
  readonly middle: number;
  readonly described: number;
  readonly missing: number;
  readonly improved: number;
  readonly worsened: number;
}

export interface Diagnosis {
  readonly lang: Lang;
  readonly unit: UnitProfile['unit'];
  readonly release: number;
  readonly against: string;
  /** The set as the profile names it (of the first indicator placed in one). */
  readonly set: { readonly label: string; readonly members: number; readonly year: number | null } | null;
  /** The year asked for; null: each indicator's latest year. */
  readonly year: number | null;
  readonly counts: FindingCounts;
  readonly summary: readonly string[];
  /** Indicator ids of each list, in catalogue order. */
  readonly strengths: readonly string[];
  readonly weaknesses: readonly string[];
  readonly improved: readonly string[];
  readonly worsened: readonly string[];
  readonly missing: readonly string[];
  readonly areas: ReadonlyArray<{
    readonly id: string;
    readonly name: string;
    readonly counts: FindingCounts;
    readonly services: ReadonlyArray<{
      readonly id: string;
      readonly name: string;
      readonly findings: readonly Finding[];
    }>;
  }>;
  readonly sources: readonly SourceFacts[];
}

export interface DiagnosisInput {
  readonly profile: UnitProfile;
  readonly catalogue: CatalogueFacts;
  readonly lang?: Lang;
  /** The year asked for (null: each indicator's latest). */
  readonly year?: number | null;
  /** Only these areas (default: every area with an indicator in the profile). */
  readonly areas?: readonly string[];
}

function citationOf(sourceIds: readonly string[], catalogue: CatalogueFacts, lang: Lang): string {
  const names = sourceIds.map(
    (id) => catalogue.sources.get(id)?.citation.replace(/^(Źródło|Source):\s*/, '') ?? id,
  );
  const unique = [...new Set(names)].join('; ');
  return lang === 'pl'
    ? `obliczenia własne SMUP na podstawie: ${unique}`
    : `SMUP's computation from: ${unique}`;
}

function findingOf(item: ProfileItem, catalogue: CatalogueFacts, lang: Lang): Finding {
  const kind = kindOf(item);
  const reason = missingReasonOf(item);
  const trend = trendOf(item);
  const change5 = item.changes.find((c) => c.years === TREND_YEARS);
  const change =
    change5 && change5.unitChange !== null && change5.setMedianChange !== null
      ? { years: TREND_YEARS, unit: change5.unitChange, setMedian: change5.setMedianChange }
      : null;
  const sources = catalogue.indicatorSources.get(item.indicator.id) ?? [];
  const citation = citationOf(sources, catalogue, lang);
  const facts: SentenceFacts = {
    name: item.indicator.name[lang],
    kind,
    year: item.year,
    value: item.value,
    measureUnit: item.indicator.measureUnit,
    decimals: item.indicator.decimals,
    flag: item.flag,
    median: item.statistics?.median ?? null,
    q1: item.statistics?.q1 ?? null,
    q3: item.statistics?.q3 ?? null,
    rank: item.position?.rank ?? null,
    rankedCount: item.position?.rankedCount ?? null,
    citation,
    setName: item.set?.label[lang] ?? '',
    missingReason: reason,
    missingDetail: item.detail,
  };
  return {
    indicator: { ...item.indicator, name: facts.name },
    kind,
    position: POSITION_WORDS[kind][lang],
    year: item.year,
    value: item.value,
    flag: item.flag,
    median: facts.median,
    q1: facts.q1,
    q3: facts.q3,
    rank: facts.rank,
    rankedCount: facts.rankedCount,
    trend: kind === 'missing' ? null : trend,
    change,
    missing: reason === null ? null : { reason, text: REASON_WORDS[reason][lang], detail: item.detail },
    sources,
    citation,
    sentence: findingSentence(facts, lang),
    trendSentence:
      kind !== 'missing' && trend !== null && change !== null
        ? trendSentence(
            facts,
            { trend, years: TREND_YEARS, unitChange: change.unit, setMedianChange: change.setMedian },
            lang,
          )
        : null,
  };
}

function countsOf(findings: readonly Finding[]): FindingCounts {
  const count = (kind: FindingKind) => findings.filter((f) => f.kind === kind).length;
  return {
    strong: count('strong'),
    weak: count('weak'),
    middle: count('middle'),
    described: count('described'),
    missing: count('missing'),
    improved: findings.filter((f) => f.trend === 'improved').length,
    worsened: findings.filter((f) => f.trend === 'worsened').length,
  };
}

function summaryOf(
  unitName: string,
  set: Diagnosis['set'],
  counts: FindingCounts,
  total: number,
  lang: Lang,
): string[] {
  const n = (value: number, forms: (typeof WORDS)[keyof typeof WORDS]) => countOf(value, lang, forms);
  const setText = set
    ? lang === 'pl'
      ? `na tle zbioru „${set.label}” (${n(set.members, WORDS.units)})`
      : `against the set "${set.label}" (${n(set.members, WORDS.units)})`
    : lang === 'pl'
      ? 'bez zbioru odniesienia'
      : 'without a reference set';
  if (lang === 'pl') {
    return [
      `Diagnoza jednostki ${unitName} ${setText} obejmuje ${n(total, WORDS.indicators)}.`,
      `Jednostka ma ${n(counts.strong, WORDS.strongPoints)} (najlepsze 25% zbioru) i ${n(counts.weak, WORDS.weakPoints)} (najsłabsze 25% zbioru); w środkowych 50% zbioru: ${n(counts.middle, WORDS.indicators)}.`,
      `Opisane bez oceny (wskaźniki neutralne i kontekstowe): ${n(counts.described, WORDS.indicators)}; bez oceny z braku danych: ${n(counts.missing, WORDS.indicators)}.`,
      `W ciągu ${n(TREND_YEARS, WORDS.yearsGenitive)} poprawa względem zbioru: ${n(counts.improved, WORDS.indicators)}; pogorszenie: ${n(counts.worsened, WORDS.indicators)}.`,
    ];
  }
  return [
    `The diagnosis of ${unitName} ${setText} covers ${n(total, WORDS.indicators)}.`,
    `The unit has ${n(counts.strong, WORDS.strongPoints)} (best 25% of the set) and ${n(counts.weak, WORDS.weakPoints)} (weakest 25%); in the middle 50%: ${n(counts.middle, WORDS.indicators)}.`,
    `Described without a rating (neutral and context indicators): ${n(counts.described, WORDS.indicators)}; not assessed for lack of data: ${n(counts.missing, WORDS.indicators)}.`,
    `Over ${n(TREND_YEARS, WORDS.yearsGenitive)}, improved against the set: ${n(counts.improved, WORDS.indicators)}; worsened: ${n(counts.worsened, WORDS.indicators)}.`,
  ];
}

export function diagnose({ profile, catalogue, lang = 'pl', year = null, areas }: DiagnosisInput): Diagnosis {
  const wanted = areas ? new Set(areas) : null;
  const items = profile.items.filter((i) => wanted === null || wanted.has(i.indicator.area));
  const findings = items.map((item) => findingOf(item, catalogue, lang));
  const placed = items.find((i) => i.set !== null && i.set.members > 0) ?? items.find((i) => i.set !== null);
  const set = placed?.set
    ? { label: placed.set.label[lang], members: placed.set.members, year: placed.set.year }
    : null;
  const areaList = catalogue.areas
    .map((area) => {
      const services = area.services
        .map((service) => ({
          id: service.id,
          name: service.name[lang],
          findings: findings.filter((f) => f.indicator.service === service.id),
        }))
        .filter((s) => s.findings.length > 0);
      return {
        id: area.id,
        name: area.name[lang],
        counts: countsOf(services.flatMap((s) => s.findings)),
        services,
      };
    })
    .filter((a) => a.services.length > 0);
  const ordered = areaList.flatMap((a) => a.services.flatMap((s) => s.findings));
  const counts = countsOf(ordered);
  const ids = (keep: (f: Finding) => boolean) => ordered.filter(keep).map((f) => f.indicator.id);
  const used = [...new Set(ordered.flatMap((f) => f.sources))];
  return {
    lang,
    unit: profile.unit,
    release: profile.release,
    against: profile.against,
    set,
    year,
    counts,
    summary: summaryOf(profile.unit.name, set, counts, ordered.length, lang),
    strengths: ids((f) => f.kind === 'strong'),
    weaknesses: ids((f) => f.kind === 'weak'),
    improved: ids((f) => f.trend === 'improved'),
    worsened: ids((f) => f.trend === 'worsened'),
    missing: ids((f) => f.kind === 'missing'),
    areas: areaList,
    sources: used.flatMap((id) => {
      const source = catalogue.sources.get(id);
      return source ? [source] : [];
    }),
  };
}
