/**
 * Saved work under an account (issue 18, point 2): three kinds of named items, each the settings of a view
 * the portal already has, so that opening one is following a link.
 *
 *   set      units of one level, kept as a reference set (`against=set:ID`; the anonymous sets' table)
 *   compare  the compare page's query: units (`jst`), indicators (`wsk`), years (`lata`)
 *   report   the unit page's Raport form: unit, reference set, year, areas, format, language
 *
 * Pure: the settings a client sends are checked here field by field (every problem names its field and
 * the kind); whether units exist and a set's members share a level is the database's to say
 * (accounts/saved-work.ts).
 */
import type { Text } from '../query-params.js';
import { parseYearRange, pageParam } from '../query-params.js';

export const SAVED_KINDS = ['set', 'compare', 'report'] as const;
export type SavedKind = (typeof SAVED_KINDS)[number];

/** Items one account keeps: enough for years of work, bounded so no account grows the database at will. */
export const MAX_SAVED_ITEMS = 500;
export const MAX_SAVED_NAME = 200;
/** Units of a saved comparison: the compare page shows up to 10 (web/pages/compare.ts MAX_UNITS). */
export const MAX_COMPARE_UNITS = 10;
/** Members of a saved set, as for anonymous sets (api/schemas/profile.ts MAX_SET_UNITS). */
export const MAX_SET_MEMBERS = 500;
export const MAX_COMPARE_INDICATORS = 50;
export const REPORT_FORMATS = ['pdf', 'docx', 'pptx', 'xlsx'] as const;
export type SavedReportFormat = (typeof REPORT_FORMATS)[number];

export const SAVED_KIND_LABELS: Readonly<Record<SavedKind, Text>> = {
  set: { pl: 'zestaw jednostek', en: 'set of units' },
  compare: { pl: 'porównanie', en: 'comparison' },
  report: { pl: 'ustawienia raportu', en: 'report settings' },
};

export interface SetSettings {
  readonly units: readonly string[];
  /** The reference set these units are stored as (`against=set:ID`), made by the server. */
  readonly setId: string;
  readonly level: string;
}
export interface CompareSettings {
  readonly units: readonly string[];
  /** Empty: the compare page's default (every indicator with data for the units' levels). */
  readonly indicators: readonly string[];
  /** `2019` or `2015-2019`; null: the page's default (the latest year with data). */
  readonly years: string | null;
}
export interface ReportSettings {
  readonly unit: string;
  readonly against: string;
  /** null: each indicator's latest year with data. */
  readonly year: number | null;
  /** Empty: every area. */
  readonly areas: readonly string[];
  readonly format: SavedReportFormat;
  readonly lang: 'pl' | 'en';
}

export type SavedContent =
  | { readonly kind: 'set'; readonly settings: SetSettings }
  | { readonly kind: 'compare'; readonly settings: CompareSettings }
  | { readonly kind: 'report'; readonly settings: ReportSettings };

/** What a client sends as settings: every field of every kind optional; `checkSettings` sorts them out. */
export interface SettingsInput {
  readonly units?: readonly string[] | undefined;
  readonly indicators?: readonly string[] | undefined;
  readonly years?: string | null | undefined;
  readonly unit?: string | undefined;
  readonly against?: string | undefined;
  readonly year?: number | null | undefined;
  readonly areas?: readonly string[] | undefined;
  readonly format?: string | undefined;
  readonly lang?: string | undefined;
}

/** Settings checked for their kind, before the database is asked (a set's id and level come later). */
export type CheckedSettings =
  | { readonly kind: 'set'; readonly settings: Pick<SetSettings, 'units'> }
  | { readonly kind: 'compare'; readonly settings: CompareSettings }
  | { readonly kind: 'report'; readonly settings: ReportSettings };

export interface SettingsProblem {
  readonly field: string;
  readonly messages: Text;
}

const FIELDS: Readonly<Record<SavedKind, readonly (keyof SettingsInput)[]>> = {
  set: ['units'],
  compare: ['units', 'indicators', 'years'],
  report: ['unit', 'against', 'year', 'areas', 'format', 'lang'],
};

const KIND_IN: Readonly<Record<SavedKind, Text>> = {
  set: { pl: 'zestawu jednostek', en: 'a set of units' },
  compare: { pl: 'porównania', en: 'a comparison' },
  report: { pl: 'ustawień raportu', en: 'report settings' },
};

const problem = (field: string, pl: string, en: string): SettingsProblem => ({
  field: `settings.${field}`,
  messages: { pl: `Pole „settings.${field}”: ${pl}`, en: `Field "settings.${field}": ${en}` },
});

function distinct(values: readonly string[] | undefined): string[] {
  return [...new Set((values ?? []).map((v) => v.trim()).filter((v) => v !== ''))];
}

function countProblem(
  field: string,
  count: number,
  bounds: { min: number; max: number },
): SettingsProblem | null {
  if (count < bounds.min) {
    return problem(
      field,
      `potrzeba co najmniej ${bounds.min} (różnych), podano ${count}.`,
      `at least ${bounds.min} (distinct) needed, ${count} given.`,
    );
  }
  if (count > bounds.max) {
    return problem(
      field,
      `najwyżej ${bounds.max}, podano ${count}.`,
      `at most ${bounds.max}, ${count} given.`,
    );
  }
  return null;
}

export interface KnownIds {
  readonly indicators: ReadonlySet<string>;
  readonly areas: ReadonlySet<string>;
}

/**
 * The settings of an item of `kind`, or the first problem: a field of another kind, a missing or unknown
 * value, a count out of bounds. Formats (TERYT codes, ids, years) are the API schema's to check first.
 */
export function checkSettings(
  kind: SavedKind,
  input: SettingsInput,
  known: KnownIds,
): { ok: true; value: CheckedSettings } | { ok: false; problem: SettingsProblem } {
  const stray = (Object.keys(input) as (keyof SettingsInput)[]).find(
    (f) => input[f] !== undefined && !FIELDS[kind].includes(f),
  );
  if (stray) {
    return {
      ok: false,
      problem: problem(
        stray,
        `nie należy do ${KIND_IN[kind].pl} (pola: ${FIELDS[kind].join(', ')}).`,
        `is not part of ${KIND_IN[kind].en} (fields: ${FIELDS[kind].join(', ')}).`,
      ),
    };
  }
  const fail = (p: SettingsProblem) => ({ ok: false as const, problem: p });
  if (kind === 'set') {
    const units = distinct(input.units);
    const bad = countProblem('units', units.length, { min: 2, max: MAX_SET_MEMBERS });
    return bad ? fail(bad) : { ok: true, value: { kind, settings: { units } } };
  }
  if (kind === 'compare') {
    const units = distinct(input.units);
    const indicators = distinct(input.indicators);
    const bad =
      countProblem('units', units.length, { min: 1, max: MAX_COMPARE_UNITS }) ??
      countProblem('indicators', indicators.length, { min: 0, max: MAX_COMPARE_INDICATORS }) ??
      unknownIn('indicators', indicators, known.indicators);
    if (bad) return fail(bad);
    const years = input.years?.trim() || null;
    if (years !== null) {
      const range = parseYearRange(years, pageParam('settings.years'));
      if (!range.ok) return fail({ field: 'settings.years', messages: range.problem.messages });
    }
    return { ok: true, value: { kind, settings: { units, indicators, years } } };
  }
  if (!input.unit) return fail(problem('unit', 'jest wymagane.', 'is required.'));
  const areas = distinct(input.areas);
  const bad = unknownIn('areas', areas, known.areas);
  if (bad) return fail(bad);
  const format = (input.format ?? 'pdf') as SavedReportFormat;
  if (!REPORT_FORMATS.includes(format)) {
    return fail(
      problem('format', `jeden z: ${REPORT_FORMATS.join(', ')}.`, `one of: ${REPORT_FORMATS.join(', ')}.`),
    );
  }
  const settings: ReportSettings = {
    unit: input.unit,
    against: input.against ?? 'group',
    year: input.year ?? null,
    areas,
    format,
    lang: input.lang === 'en' ? 'en' : 'pl',
  };
  return { ok: true, value: { kind, settings } };
}

function unknownIn(
  field: string,
  ids: readonly string[],
  known: ReadonlySet<string>,
): SettingsProblem | null {
  const unknown = ids.filter((id) => !known.has(id));
  if (unknown.length === 0) return null;
  const list = unknown.slice(0, 5).join(', ');
  return problem(field, `nieznane: ${list}.`, `unknown: ${list}.`);
}

/**
 * Where an item opens: `view` the portal page (Polish path; web/ adds `/en`), `data` the API answer or
 * download with the same numbers (null when the page's default indicators have no API equivalent).
 */
export function savedItemLinks(item: SavedContent): { view: string; data: string | null } {
  switch (item.kind) {
    case 'set': {
      const { units, setId } = item.settings;
      return { view: `/jst/${units[0] ?? ''}?porownaj=set:${setId}`, data: `/api/v1/sets/${setId}` };
    }
    case 'compare': {
      const { units, indicators, years } = item.settings;
      const view = [`jst=${units.join(',')}`];
      const data = [`units=${units.join(',')}`, `indicators=${indicators.join(',')}`];
      if (indicators.length > 0) view.push(`wsk=${indicators.join(',')}`);
      if (years) {
        view.push(`lata=${years}`);
        data.push(`years=${years}`);
      }
      return {
        view: `/porownaj?${view.join('&')}`,
        data: indicators.length > 0 ? `/api/v1/compare?${data.join('&')}` : null,
      };
    }
    case 'report': {
      const { unit, against, year, areas, format, lang } = item.settings;
      const view = new URLSearchParams({ porownaj: against, ...(year ? { rok: String(year) } : {}) });
      const report = new URLSearchParams({
        against,
        ...(year ? { year: String(year) } : {}),
        ...(areas.length > 0 ? { areas: areas.join(',') } : {}),
        format,
        lang,
      });
      return {
        view: `/jst/${unit}?${view.toString().replace(/%3A/g, ':')}`,
        data: `/api/v1/units/${unit}/report?${report.toString().replace(/%3A/g, ':').replace(/%2C/g, ',')}`,
      };
    }
  }
}
