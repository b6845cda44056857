/**
 * The report as a document model (issue 15): everything a renderer needs, already in words and numbers —
 * title page, summary, one section per area with its table and charts, methodology, sources. Each renderer
 * (HTML/PDF, DOCX, PPTX, XLSX) only lays it out, so the four formats say the same thing.
 */
import type { Diagnosis, Finding } from '../domain/report/diagnosis.js';
import { formatNumber, type Lang } from '../domain/number-words.js';
import { missingSentence, TREND_WORDS } from '../domain/report/sentences.js';
import type { MissingReason } from '../domain/report/classify.js';
import type { SourceFacts } from '../domain/report/profile.js';

export type ReportFormat = 'pdf' | 'docx' | 'pptx' | 'xlsx' | 'json';
export const REPORT_FORMATS: readonly ReportFormat[] = ['pdf', 'docx', 'pptx', 'xlsx', 'json'];

export interface ReportChart {
  readonly indicatorId: string;
  readonly kind: 'position' | 'series' | 'map';
  readonly title: string;
  /** Text alternative: what the chart shows, with its numbers. */
  readonly alt: string;
  /** The portal's inline SVG (role="img", aria-label). */
  readonly svg: string;
}

/** One table row: the finding's numbers as text in the report's language (XLSX reads the finding). */
export interface ReportRow {
  readonly finding: Finding;
  readonly cells: {
    readonly indicator: string;
    readonly value: string;
    readonly median: string;
    readonly spread: string;
    readonly rank: string;
    readonly position: string;
    readonly trend: string;
  };
}

export interface ReportSection {
  readonly id: string;
  readonly title: string;
  /** One sentence per finding with a judgement or a description, in catalogue order. */
  readonly sentences: readonly string[];
  /**
   * The table: findings with a value. Those without one are named in the section's sentences (grouped by
   * reason) and listed in full in missingRows, which only the XLSX lays out: with hundreds of indicators a
   * table of dashes filled most of a PDF.
   */
  readonly rows: readonly ReportRow[];
  readonly missingRows: readonly ReportRow[];
  readonly charts: readonly ReportChart[];
}

export interface ReportModel {
  readonly lang: Lang;
  readonly title: string;
  readonly unit: Diagnosis['unit'];
  readonly setLabel: string;
  readonly setMembers: number | null;
  readonly year: number | null;
  readonly release: number;
  /** The day the report was made, as people write it ("30 listopada 2026"). */
  readonly date: string;
  readonly against: string;
  readonly summary: readonly string[];
  readonly strengths: readonly Finding[];
  readonly weaknesses: readonly Finding[];
  readonly improved: readonly Finding[];
  readonly worsened: readonly Finding[];
  readonly sections: readonly ReportSection[];
  readonly methodology: readonly string[];
  readonly sources: readonly SourceFacts[];
  readonly headings: ReportHeadings;
  readonly diagnosis: Diagnosis;
}

export interface ReportHeadings {
  readonly contents: string;
  readonly summary: string;
  readonly strengths: string;
  readonly weaknesses: string;
  readonly methodology: string;
  readonly sources: string;
  readonly columns: ReportRow['cells'];
  readonly none: string;
  readonly page: string;
}

const HEADINGS: Record<Lang, ReportHeadings> = {
  pl: {
    contents: 'Spis treści',
    summary: 'Podsumowanie diagnozy',
    strengths: 'Mocne strony',
    weaknesses: 'Słabe strony',
    methodology: 'Metodologia',
    sources: 'Źródła danych',
    columns: {
      indicator: 'Wskaźnik',
      value: 'Wartość',
      median: 'Mediana zbioru',
      spread: 'Q1–Q3 zbioru',
      rank: 'Miejsce',
      position: 'Pozycja',
      trend: 'Zmiana w 5 lat względem zbioru',
    },
    none: 'brak',
    page: 'Strona',
  },
  en: {
    contents: 'Contents',
    summary: 'Summary of the diagnosis',
    strengths: 'Strong points',
    weaknesses: 'Weak points',
    methodology: 'Methodology',
    sources: 'Data sources',
    columns: {
      indicator: 'Indicator',
      value: 'Value',
      median: 'Set median',
      spread: 'Set Q1–Q3',
      rank: 'Rank',
      position: 'Position',
      trend: '5-year change against the set',
    },
    none: 'none',
    page: 'Page',
  },
};

function rowOf(f: Finding, lang: Lang, none: string): ReportRow {
  const n = (v: number | null) => formatNumber(v, f.indicator.decimals, lang);
  const unit = f.indicator.measureUnit;
  const flag = f.flag ? ` [${f.flag.symbol}]` : '';
  return {
    finding: f,
    cells: {
      indicator: `${f.indicator.name} (${unit}${f.year === null ? '' : `, ${f.year}`})`,
      value: f.value === null ? `— (${f.missing?.text ?? none})` : `${n(f.value)}${flag}`,
      median: n(f.median),
      spread: f.q1 === null || f.q3 === null ? '—' : `${n(f.q1)}–${n(f.q3)}`,
      rank:
        f.rank === null || f.rankedCount === null
          ? '—'
          : lang === 'pl'
            ? `${f.rank} z ${f.rankedCount}`
            : `${f.rank} of ${f.rankedCount}`,
      position: f.position,
      trend: f.trend === null ? '—' : TREND_WORDS[f.trend][lang],
    },
  };
}

function methodology(d: Diagnosis, lang: Lang): string[] {
  const set = d.set ? `„${d.set.label}” (${d.set.members})` : '—';
  return lang === 'pl'
    ? [
        `Zbiór odniesienia: ${set}${d.set?.year ? `, wyznaczony według struktury z ${d.set.year} r.` : '.'} Grupa porównawcza to jednostki tego samego typu i podobnej liczby ludności (typologia SMUP); sąsiedzi — jednostki o wspólnej granicy; podobne — najbliższe według ludności, gęstości, struktury wieku, dochodów i urbanizacji.`,
        'Pozycję w zbiorze wyznaczają kwartyle (R-7, jak PERCENTILE.INC w Excelu). Mocna strona to wartość wśród najlepszych 25% zbioru, słaba — wśród najsłabszych 25%, z uwzględnieniem kierunku wskaźnika (czy lepsza jest wartość wyższa, czy niższa). Miejsce „x z n” liczy jednostki z wartością; remisy dzielą miejsce.',
        'Wskaźniki neutralne i kontekstowe (np. ludność, gęstość zaludnienia) są opisane bez oceny. Zmiana w 5 lat porównuje zmianę wartości jednostki ze zmianą mediany zbioru w tym samym okresie.',
        'Wymiary SMUP: ilość, jakość, dostępność i efektywność kosztowa usług; kontekst opisuje warunki, nie usługę. Flagi przy wartościach to atrybuty GUS i SMUP (np. dane wstępne, agregat niepełny, wartość podejrzana według reguły wiarygodności); brak wartości ma zawsze podaną przyczynę, nigdy nie jest zerem.',
        `Wydanie danych: ${d.release}. Wartości wskaźników to obliczenia własne SMUP na podstawie źródeł wymienionych niżej.`,
      ]
    : [
        `Reference set: ${set}${d.set?.year ? `, built from the structure of ${d.set.year}` : ''}. The comparison group holds units of the same type and similar population (SMUP typology); neighbours share a border; similar units are nearest by population, density, age structure, revenue and urbanisation.`,
        'Positions use quartiles (R-7, like Excel’s PERCENTILE.INC). A strong point is among the best 25% of the set, a weak point among the weakest 25%, taking the indicator’s direction into account. Rank "x of n" counts units with a value; ties share a rank.',
        'Neutral and context indicators (population, density) are described without a rating. The 5-year change compares the unit’s change with the change of the set’s median over the same years.',
        'SMUP dimensions: quantity, quality, accessibility and cost-efficiency of services; context describes conditions, not a service. Flags are GUS and SMUP attributes (preliminary, incomplete aggregate, suspect by a plausibility rule); a missing value always has a reason and is never zero.',
        `Data release: ${d.release}. Indicator values are SMUP’s computation from the sources listed below.`,
      ];
}

/** Missing indicators grouped by reason and year: one sentence each instead of one per indicator. */
function missingSentences(findings: readonly Finding[], lang: Lang): string[] {
  const groups = new Map<string, { reason: MissingReason; year: number | null; names: string[] }>();
  for (const f of findings) {
    if (!f.missing) continue;
    const key = `${f.missing.reason}|${f.year}`;
    const group = groups.get(key) ?? { reason: f.missing.reason, year: f.year, names: [] };
    group.names.push(f.indicator.name);
    groups.set(key, group);
  }
  return [...groups.values()].map((g) => missingSentence(g.names, g.reason, g.year, lang));
}

const DATE_FORMAT = {
  pl: new Intl.DateTimeFormat('pl-PL', {
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    timeZone: 'Europe/Warsaw',
  }),
  en: new Intl.DateTimeFormat('en-GB', {
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    timeZone: 'Europe/Warsaw',
  }),
};

export interface ReportModelInput {
  readonly diagnosis: Diagnosis;
  readonly charts: ReadonlyMap<string, readonly ReportChart[]>;
  readonly now: Date;
}

export function buildReportModel({ diagnosis: d, charts, now }: ReportModelInput): ReportModel {
  const lang = d.lang;
  const headings = HEADINGS[lang];
  const all = d.areas.flatMap((a) => a.services.flatMap((s) => s.findings));
  const byId = (ids: readonly string[]) => all.filter((f) => ids.includes(f.indicator.id));
  const yearText = d.year ?? Math.max(0, ...all.map((f) => f.year ?? 0));
  return {
    lang,
    title:
      lang === 'pl'
        ? `Raport o usługach publicznych: ${d.unit.name} (${d.unit.code})`
        : `Public services report: ${d.unit.name} (${d.unit.code})`,
    unit: d.unit,
    setLabel: d.set?.label ?? '—',
    setMembers: d.set?.members ?? null,
    year: yearText || null,
    release: d.release,
    date: DATE_FORMAT[lang].format(now),
    against: d.against,
    summary: d.summary,
    strengths: byId(d.strengths),
    weaknesses: byId(d.weaknesses),
    improved: byId(d.improved),
    worsened: byId(d.worsened),
    sections: d.areas.map((area) => {
      const findings = area.services.flatMap((s) => s.findings);
      return {
        id: area.id,
        title: area.name,
        sentences: [
          ...findings
            .filter((f) => f.kind !== 'missing')
            .flatMap((f) => [f.sentence, ...(f.trendSentence ? [f.trendSentence] : [])]),
          ...missingSentences(findings, lang),
        ],
        rows: findings.filter((f) => f.value !== null).map((f) => rowOf(f, lang, headings.none)),
        missingRows: findings.filter((f) => f.value === null).map((f) => rowOf(f, lang, headings.none)),
        charts: findings.flatMap((f) => charts.get(f.indicator.id) ?? []),
      };
    }),
    methodology: methodology(d, lang),
    sources: d.sources,
    headings,
    diagnosis: d,
  };
}
