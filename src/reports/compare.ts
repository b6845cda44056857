/**
 * The compare variant (issue 15): several units side by side, each against its own set. Every unit's
 * diagnosis is loaded as for its own report; the findings of one indicator are then put next to each other
 * (one table row per indicator and unit, named "indicator — unit"), so the same renderers lay it out.
 * Charts are each unit's own (position in its set), in the order of the units asked for.
 */
import type { FastifyInstance } from 'fastify';
import type { DiagnosisRequest } from '../api/diagnosis.js';
import { ApiProblem } from '../api/problem.js';
import type { Diagnosis, Finding } from '../domain/report/diagnosis.js';
import type { CatalogueFacts } from '../domain/report/profile.js';
import { loadReport } from './load.js';
import { buildReportModel, type ReportChart, type ReportModel } from './model.js';

/** At most this many units side by side (a table row per indicator and unit must still fit a page). */
export const MAX_COMPARED_UNITS = 5;

export function parseUnits(text: string): string[] {
  const codes = [...new Set(text.split(','))];
  if (codes.length < 2 || codes.length > MAX_COMPARED_UNITS) {
    throw new ApiProblem(
      400,
      'bad-units',
      {
        pl: `Porównanie obejmuje od 2 do ${MAX_COMPARED_UNITS} jednostek; podano ${codes.length}.`,
        en: `A comparison takes 2 to ${MAX_COMPARED_UNITS} units; ${codes.length} given.`,
      },
      'units',
    );
  }
  if (new Set(codes.map((c) => c.length)).size > 1) {
    throw new ApiProblem(
      400,
      'mixed-levels',
      {
        pl: 'Porównuje się jednostki jednego szczebla (same gminy, powiaty albo województwa).',
        en: 'Units of one level are compared (only gminas, powiats or voivodeships).',
      },
      'units',
    );
  }
  return codes;
}

const named = (f: Finding, unit: string): Finding => ({
  ...f,
  indicator: { ...f.indicator, name: `${f.indicator.name} — ${unit}` },
  sentence: `${unit}: ${f.sentence}`,
  trendSentence: f.trendSentence ? `${unit}: ${f.trendSentence}` : null,
});

export async function loadCompareReport(
  app: FastifyInstance,
  facts: CatalogueFacts,
  codes: readonly string[],
  request: Omit<DiagnosisRequest, 'teryt'>,
  now: Date = new Date(),
): Promise<ReportModel> {
  const models: ReportModel[] = [];
  for (const teryt of codes) models.push(await loadReport(app, facts, { ...request, teryt }, now));
  const diagnoses = models.map((m) => m.diagnosis);
  const first = diagnoses[0] as Diagnosis;
  const names = diagnoses.map((d) => d.unit.name);
  const ids = (pick: (d: Diagnosis) => readonly string[]) =>
    diagnoses.flatMap((d) => pick(d).map((id) => `${id}@${d.unit.code}`));
  // One area and service list in catalogue order, with each unit's finding of an indicator side by side.
  const areas = first.areas.map((area) => ({
    ...area,
    services: area.services.map((service) => ({
      ...service,
      findings: service.findings.flatMap((f) =>
        diagnoses.flatMap((d) => {
          const own = d.areas
            .find((a) => a.id === area.id)
            ?.services.find((s) => s.id === service.id)
            ?.findings.find((g) => g.indicator.id === f.indicator.id);
          return own
            ? [
                {
                  ...named(own, d.unit.name),
                  indicator: {
                    ...named(own, d.unit.name).indicator,
                    id: `${own.indicator.id}@${d.unit.code}`,
                  },
                },
              ]
            : [];
        }),
      ),
    })),
  }));
  const merged: Diagnosis = {
    ...first,
    unit: { code: codes.join(','), name: names.join(', '), kind: first.unit.kind, level: first.unit.level },
    summary: diagnoses.flatMap((d) => d.summary.slice(0, 2)),
    strengths: ids((d) => d.strengths),
    weaknesses: ids((d) => d.weaknesses),
    improved: ids((d) => d.improved),
    worsened: ids((d) => d.worsened),
    missing: ids((d) => d.missing),
    areas,
    sources: [...new Map(diagnoses.flatMap((d) => d.sources).map((s) => [s.id, s])).values()],
  };
  const charts = new Map<string, ReportChart[]>();
  for (const [i, model] of models.entries()) {
    const code = diagnoses[i]?.unit.code ?? '';
    for (const chart of model.sections.flatMap((s) => s.charts)) {
      if (chart.kind !== 'position') continue;
      const key = `${chart.indicatorId}@${code}`;
      charts.set(key, [...(charts.get(key) ?? []), { ...chart, indicatorId: key }]);
    }
  }
  const model = buildReportModel({ diagnosis: merged, charts, now });
  return {
    ...model,
    // Each unit is placed in its own set: no one set size to state.
    setMembers: null,
    title:
      first.lang === 'pl'
        ? `Porównanie usług publicznych: ${names.join(', ')}`
        : `Public services compared: ${names.join(', ')}`,
  };
}
