/**
 * Diagnosis and reports on real data (issue 15), on both databases, one lean release per database: the
 * diagnosis of Wieliczka (gmina 1219053), powiat wielicki (1219) and Kraków (1261011) agrees with the
 * profile it is built from, and bad input is a problem answer, never a 5xx or an empty document.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DATABASE_KINDS } from './databases.js';
import { openRealRelease, type RealRelease } from './real-release.js';

const INDICATORS = [
  'kontekst.ludnosc',
  'kontekst.gestosc_zaludnienia',
  'administracja_finanse.dochody_na_mieszkanca',
  'administracja_finanse.dochody_wlasne_na_mieszkanca',
  'administracja_finanse.udzial_podatkow_lokalnych',
  'administracja_finanse.udzial_dochodow_wlasnych',
];
const AREAS = 'administracja_finanse,kontekst';
const UNITS = ['1219053', '1219', '1261011'];

interface Finding {
  indicator: { id: string };
  kind: string;
  value: number | null;
  median: number | null;
  rank: number | null;
  rankedCount: number | null;
  sentence: string;
}
interface DiagnosisJson {
  unit: { code: string; name: string };
  counts: Record<string, number>;
  summary: string[];
  strengths: string[];
  weaknesses: string[];
  areas: Array<{ id: string; services: Array<{ findings: Finding[] }> }>;
}
interface ProfileJson {
  items: Array<{
    indicator: { id: string; area: string; direction: string; dimension: string };
    value: number | null;
    statistics: { median: number | null } | null;
    position: { rank: number; rankedCount: number; positionClass: string } | null;
  }>;
}

describe.each(DATABASE_KINDS)('diagnosis and reports on %s', (kind) => {
  let release: RealRelease;
  const get = (url: string) => release.get(url);

  beforeAll(async () => {
    release = await openRealRelease(kind, undefined, INDICATORS);
  }, 180_000);
  afterAll(async () => {
    await release?.close();
  });

  it.each(UNITS)('diagnoses %s as its profile says (classes, numbers, Polish sentences)', async (code) => {
    const diagnosis = await get(`/api/v1/units/${code}/diagnosis?year=2019&areas=${AREAS}`);
    expect(diagnosis.status).toBe(200);
    const profile = await get(`/api/v1/units/${code}/profile?year=2019`);
    const body = diagnosis.body as unknown as DiagnosisJson;
    const items = (profile.body as unknown as ProfileJson).items.filter((i) =>
      AREAS.split(',').includes(i.indicator.area),
    );
    const findings = body.areas.flatMap((a) => a.services.flatMap((s) => s.findings));
    expect(findings.map((f) => f.indicator.id).sort()).toEqual(items.map((i) => i.indicator.id).sort());
    for (const item of items) {
      const finding = findings.find((f) => f.indicator.id === item.indicator.id) as Finding;
      expect(finding.value).toBe(item.value);
      expect(finding.median).toBe(item.statistics?.median ?? null);
      expect(finding.rank).toBe(item.position?.rank ?? null);
      // Written out from the definitions: context and neutral indicators are never judged.
      const expected =
        item.value === null || item.position === null
          ? 'missing'
          : item.indicator.dimension === 'kontekst' || item.indicator.direction === 'neutral'
            ? 'described'
            : { top25: 'strong', bottom25: 'weak', middle50: 'middle' }[item.position.positionClass];
      expect(finding.kind, item.indicator.id).toBe(expected);
    }
    const computed = findings.filter((f) => INDICATORS.includes(f.indicator.id) && f.value !== null);
    expect(computed.length).toBeGreaterThan(2);
    expect(body.summary[0]).toContain(body.unit.name);
    expect(body.summary.join(' ')).toMatch(/wskaźnik(i|ów)?/);
    expect(body.counts.strong).toBe(body.strengths.length);
    expect(body.counts.weak).toBe(body.weaknesses.length);
  });

  it('answers bad input with problems, never a 5xx', async () => {
    const cases: Array<[string, number, string]> = [
      ['/api/v1/units/9999999/diagnosis', 404, 'unit-not-found'],
      ['/api/v1/units/1219053/diagnosis?areas=nie_ma', 404, 'area-not-found'],
      ['/api/v1/units/1219053/diagnosis?year=1990', 404, 'year-without-data'],
      ['/api/v1/units/1219053/diagnosis?lang=de', 400, ''],
      ['/api/v1/units/1219053/diagnosis?against=set:nie-ma-takiego', 400, 'empty-set'],
    ];
    for (const [url, status, code] of cases) {
      const answer = await get(url);
      expect(answer.status, url).toBe(status);
      if (code) expect(answer.body.code, url).toBe(code);
    }
  });

  it('documents the diagnosis in the OpenAPI document', async () => {
    const { body } = await get('/api/v1/openapi.json');
    const paths = body.paths as Record<string, { get?: { operationId?: string; summary?: string } }>;
    const operation = paths['/api/v1/units/{teryt}/diagnosis']?.get;
    expect(operation?.operationId).toBe('getUnitDiagnosis');
    expect(operation?.summary).toMatch(/Diagnoza/);
  });
});
