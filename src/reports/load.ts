/**
 * Gathers a report from the API in-process: the diagnosis (api/diagnosis.ts, which also turns bad input into
 * problems), then for each indicator with a value the set's distribution in the report year (the portal's
 * histogram: position in the set) and the unit against the set's median and Q1–Q3 band over up to ten years
 * (the portal's time series). Every number comes from an API answer of the same release.
 */
import type { FastifyInstance } from 'fastify';
import { loadDiagnosis, type DiagnosisRequest } from '../api/diagnosis.js';
import { inProcessHeaders } from '../api/plugins/client-limits.js';
import { formatNumber, type Lang } from '../domain/number-words.js';
import type { Finding } from '../domain/report/diagnosis.js';
import { withUnit } from '../domain/report/sentences.js';
import type { CatalogueFacts } from '../domain/report/profile.js';
import { isExcludedFromStatistics } from '../domain/observations/flags.js';
import { histogram, histogramBins } from '../web/charts/histogram.js';
import { choropleth, quantileClasses } from '../web/charts/map.js';
import { mapLayer, type MapLayer } from '../web/map-layers.js';
import { timeSeries, type SeriesPoint } from '../web/charts/time-series.js';
import { buildReportModel, type ReportChart, type ReportModel } from './model.js';

interface DistributionAnswer {
  readonly value: number | null;
  readonly statistics: { median: number | null; q1: number | null; q3: number | null };
  readonly members: ReadonlyArray<{
    unit: { code: string };
    value: number | null;
    flag: { id: number } | null;
  }>;
}

const LEVELS: Record<number, string> = { 2: 'wojewodztwo', 4: 'powiat', 7: 'gmina' };
/** Years of the series chart, ending with the report year. */
const SERIES_YEARS = 10;

async function distribution(
  app: FastifyInstance,
  query: Record<string, string>,
  id: string,
): Promise<DistributionAnswer | null> {
  const response = await app.inject({
    method: 'GET',
    url: `/api/v1/indicators/${encodeURIComponent(id)}/distribution?${new URLSearchParams(query)}`,
    headers: { accept: 'application/json', ...inProcessHeaders() },
  });
  return response.statusCode === 200 ? (response.json() as DistributionAnswer) : null;
}

interface ChartContext {
  readonly unitName: string;
  readonly code: string;
  readonly against: string;
  readonly release: number;
  readonly setLabel: string;
  readonly lang: Lang;
  /** The boundaries of the unit's level, projected; null: no map (a level without boundaries). */
  readonly layer: MapLayer | null;
}

async function chartsOf(app: FastifyInstance, f: Finding, context: ChartContext): Promise<ReportChart[]> {
  if (f.value === null || f.year === null) return [];
  const { lang } = context;
  const query = (year: number) => ({
    year: String(year),
    unit: context.code,
    level: LEVELS[context.code.length] ?? 'gmina',
    against: context.against,
    release: String(context.release),
  });
  const years = Array.from({ length: SERIES_YEARS }, (_, i) => f.year! - SERIES_YEARS + 1 + i);
  const answers = await Promise.all(years.map((y) => distribution(app, query(y), f.indicator.id)));
  const now = answers.at(-1);
  // The sentences' number with its unit in agreement ("60 481 osób"; a missing value keeps the unit).
  const n = (v: number | null) => withUnit(v, f.indicator, lang);
  const medianLabel = lang === 'pl' ? 'mediana' : 'median';
  const charts: ReportChart[] = [];
  if (now) {
    const values = now.members.flatMap((m) => (m.value === null ? [] : [m.value]));
    const alt =
      lang === 'pl'
        ? `${f.indicator.name}, ${f.year} r.: rozkład wartości ${values.length} jednostek zbioru „${context.setLabel}”; ${context.unitName}: ${n(f.value)}, mediana zbioru: ${n(now.statistics.median)}.`
        : `${f.indicator.name}, ${f.year}: distribution of ${values.length} units of the set "${context.setLabel}"; ${context.unitName}: ${n(f.value)}, set median: ${n(now.statistics.median)}.`;
    const svg = histogram({
      bins: histogramBins(values),
      lang,
      decimals: f.indicator.decimals,
      measureUnit: f.indicator.measureUnit,
      median: now.statistics.median,
      marker: { label: context.unitName, value: f.value },
      label: alt,
      medianLabel,
    }).text;
    if (svg) {
      const title =
        lang === 'pl'
          ? `${f.indicator.name}: pozycja w zbiorze, ${f.year} r.`
          : `${f.indicator.name}: position in the set, ${f.year}`;
      charts.push({ indicatorId: f.indicator.id, kind: 'position', title, alt, svg });
    }
    const map = setMap(f, now, context);
    if (map) charts.push(map);
  }
  const points: SeriesPoint[] = answers.map((a, i) => ({
    year: years[i] as number,
    value: a?.value ?? null,
    median: a?.statistics.median ?? null,
    q1: a?.statistics.q1 ?? null,
    q3: a?.statistics.q3 ?? null,
  }));
  const first = points.findIndex((p) => p.value !== null || p.median !== null);
  const known = first < 0 ? [] : points.slice(first);
  if (known.filter((p) => p.value !== null).length >= 2) {
    const from = known[0]?.year;
    const alt =
      lang === 'pl'
        ? `${f.indicator.name}, ${from}–${f.year}: ${context.unitName} na tle mediany i przedziału Q1–Q3 zbioru „${context.setLabel}”. ${known.map((p) => `${p.year}: ${n(p.value)} (mediana ${n(p.median)})`).join('; ')}.`
        : `${f.indicator.name}, ${from}–${f.year}: ${context.unitName} against the median and Q1–Q3 band of the set "${context.setLabel}". ${known.map((p) => `${p.year}: ${n(p.value)} (median ${n(p.median)})`).join('; ')}.`;
    const svg = timeSeries({
      points: known,
      lang,
      decimals: f.indicator.decimals,
      unitLabel: context.unitName,
      medianLabel,
      label: alt,
    }).text;
    const title =
      lang === 'pl'
        ? `${f.indicator.name}: ${from}–${f.year} na tle zbioru`
        : `${f.indicator.name}: ${from}–${f.year} against the set`;
    if (svg) charts.push({ indicatorId: f.indicator.id, kind: 'series', title, alt, svg });
  }
  return charts;
}

/**
 * A small map of the set in the report year: the set's own shapes only (the view is cropped to them) with
 * the voivodeships' borders for orientation, in the classes of their values, the unit outlined; a suspect
 * value is shown on its shape but left out of the classes, as on the portal's map. None for a level
 * without boundaries.
 */
function setMap(f: Finding, answer: DistributionAnswer, context: ChartContext): ReportChart | null {
  const { layer } = context;
  if (!layer || answer.members.length === 0) return null;
  const { lang } = context;
  const members = new Set(answer.members.map((m) => m.unit.code));
  const excluded = new Set(
    answer.members
      .filter((m) => m.value !== null && isExcludedFromStatistics(m.flag?.id ?? null))
      .map((m) => m.unit.code),
  );
  const known = answer.members.flatMap((m) =>
    m.value === null || excluded.has(m.unit.code) ? [] : [m.value],
  );
  const classes = quantileClasses(known);
  const shapes = layer.geometry.shapes.filter((s) => members.has(s.code));
  if (shapes.length === 0) return null;
  const alt =
    lang === 'pl'
      ? `${f.indicator.name}, ${f.year} r.: mapa ${members.size} jednostek zbioru „${context.setLabel}” w klasach kwantylowych wartości; ${context.unitName} obrysowana. Wartości w tabeli.`
      : `${f.indicator.name}, ${f.year}: map of the ${members.size} units of the set "${context.setLabel}" in quantile classes of their values; ${context.unitName} outlined. The values are in the table.`;
  const svg = choropleth({
    geometry: { ...layer.geometry, shapes },
    values: new Map(answer.members.map((m) => [m.unit.code, m.value])),
    classes,
    lang,
    decimals: f.indicator.decimals,
    measureUnit: f.indicator.measureUnit,
    highlight: context.code,
    excluded,
    only: members,
    label: alt,
    standalone: true,
  }).text;
  // The legend in words under the map (a report has no style sheet for swatches): each class's range and count.
  const n = (v: number) => formatNumber(v, f.indicator.decimals, lang);
  const legend = classes
    .map((c) => `${n(c.from)}–${withUnit(c.to, f.indicator, lang)} (${c.count})`)
    .join('; ');
  const title =
    lang === 'pl'
      ? `${f.indicator.name}: zbiór na mapie, ${f.year} r. Klasy od najjaśniejszej: ${legend}; kreskowanie: brak danych.`
      : `${f.indicator.name}: the set on a map, ${f.year}. Classes from the lightest: ${legend}; hatched: no data.`;
  return { indicatorId: f.indicator.id, kind: 'map', title, alt, svg };
}

export async function loadReport(
  app: FastifyInstance,
  facts: CatalogueFacts,
  request: DiagnosisRequest,
  now: Date = new Date(),
): Promise<ReportModel> {
  const { diagnosis } = await loadDiagnosis(app, facts, request);
  const findings = diagnosis.areas.flatMap((a) => a.services.flatMap((s) => s.findings));
  const level = LEVELS[diagnosis.unit.code.length] ?? 'gmina';
  const context: ChartContext = {
    // One map layer for the report's every set map (read only when some indicator has a value to draw).
    layer: findings.some((f) => f.value !== null) ? await mapLayer(app, level) : null,
    unitName: diagnosis.unit.name,
    code: diagnosis.unit.code,
    against: diagnosis.against,
    release: diagnosis.release,
    setLabel: diagnosis.set?.label ?? '',
    lang: diagnosis.lang,
  };
  const charts = new Map<string, ReportChart[]>();
  for (const f of findings) charts.set(f.indicator.id, await chartsOf(app, f, context));
  return buildReportModel({ diagnosis, charts, now });
}
