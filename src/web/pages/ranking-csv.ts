/**
 * `/wskaznik/{id}/ranking.csv` (issue 16, point 3): the ranking exactly as the screen shows it — the same
 * rows (level, year, voivodeship or set filter, every page), the same columns (rank, unit, kind,
 * województwo, value rounded as shown, position among the shown units, the shown units' median, the flag in
 * words) — plus the value at full precision, the year, the source's citation, the licence and the release
 * on every row, so a row cut out of the file still says what it is. For Polish Excel: `;` between fields,
 * a decimal comma, a BOM, and the TERYT code written as a text formula (`="0201011"`) so its leading zero
 * stays.
 */
import { stringify } from 'csv-stringify/sync';
import { neutraliseFormula } from '../../domain/csv-cell.js';
import { KIND_LABELS, type UnitKind } from '../../domain/units/unit.js';
import { apiOk } from '../api-client.js';
import { formatNumber, type Lang } from '../format.js';
import { POSITION_LABELS, REASON_LABELS } from '../i18n.js';
import type { PageContext } from '../page-error.js';
import { PageError } from '../page-error.js';
import { rankedView, rowPosition, type Voivodeship } from './indicator-ranking.js';
import { loadIndicatorView } from './indicator-view.js';

/** SMUP's own computations are CC BY 4.0 (pipeline/smup-source.ts); each source keeps its own terms. */
const SMUP_LICENCE = 'CC BY 4.0';

const HEADERS = {
  pl: [
    'miejsce',
    'kod_teryt',
    'jednostka',
    'rodzaj',
    'wojewodztwo',
    'wartosc',
    'wartosc_pelna',
    'jednostka_miary',
    'pozycja',
    'mediana_pokazanych',
    'flaga',
    'przyczyna_braku',
    'rok',
    'zrodlo',
    'licencja',
    'wydanie',
  ],
  en: [
    'rank',
    'teryt_code',
    'unit',
    'kind',
    'voivodeship',
    'value',
    'value_full',
    'measure_unit',
    'position',
    'median_of_shown',
    'flag',
    'reason_missing',
    'year',
    'source',
    'licence',
    'release',
  ],
} as const;

/** A TERYT code as Excel keeps it: a text formula, so "0201011" does not become 201011. */
export const excelText = (code: string): string => `="${code}"`;

export async function rankingCsv(context: PageContext): Promise<string> {
  const { lang } = context;
  const view = await loadIndicatorView(context);
  if (!view.data) {
    throw new PageError(404, {
      pl: `Wydanie nie ma wartości wskaźnika „${view.detail.name.pl}”.`,
      en: `The release has no values of "${view.detail.name.en}".`,
    });
  }
  const voivodeships = await apiOk<{ items: Voivodeship[] }>(
    context.app,
    '/api/v1/units?level=wojewodztwo&pageSize=50',
  );
  const wojName = new Map(voivodeships.items.map((v) => [v.code, v.name]));
  const { ranked, median, positionOf } = rankedView(view);
  const { detail } = view;
  const d = detail.decimals;
  // Rounded as on screen (decimal comma in Polish), without the thousands space a spreadsheet would misread.
  const shown = (v: number | null) =>
    v === null ? '' : formatNumber(v, d, lang).replace(/[\s\u00a0\u202f]/g, '');
  const full = (v: number | null) =>
    v === null ? '' : lang === 'pl' ? String(v).replace('.', ',') : String(v);
  const citation = view.data.indicator.citation;
  const licence = [
    `SMUP: ${SMUP_LICENCE}`,
    ...new Set(detail.sources.map((source) => `${source.name}: ${source.licence}`)),
  ].join('; ');
  const records = ranked.map(({ item, rank }) => {
    const position = rowPosition(item, rank, detail.direction, positionOf);
    return [
      rank ?? '',
      excelText(item.unit.code),
      neutraliseFormula(item.unit.name),
      KIND_LABELS[item.unit.kind as UnitKind]?.[lang] ?? item.unit.kind,
      wojName.get(item.unit.code.slice(0, 2)) ?? '',
      shown(item.value),
      full(item.value),
      detail.measureUnit,
      position ? (POSITION_LABELS[position]?.[lang] ?? position) : '',
      shown(median),
      item.flag ? `${item.flag.symbol || '*'} — ${item.flag.label[lang]}` : '',
      item.reason ? (REASON_LABELS[item.reason]?.[lang] ?? item.reason) : '',
      view.year ?? '',
      neutraliseFormula(citation),
      neutraliseFormula(licence),
      view.data?.release ?? '',
    ];
  });
  return `\uFEFF${stringify([[...HEADERS[lang]], ...records], {
    delimiter: lang === 'pl' ? ';' : ',',
    record_delimiter: 'windows',
  })}`;
}

/** The file name: the indicator, level, year and filter, as the screen's caption names them. */
export function rankingFileName(context: PageContext, lang: Lang): string {
  const id = (context.params.id ?? 'wskaznik').replace(/[^a-z0-9_.]/g, '');
  const parts = [
    id,
    context.query.poziom,
    context.query.rok,
    context.query.woj ? `woj${context.query.woj}` : '',
  ].filter((p): p is string => Boolean(p && /^[a-z0-9_.]+$/.test(p)));
  return `${parts.join('-')}${lang === 'en' ? '-en' : ''}.csv`;
}
