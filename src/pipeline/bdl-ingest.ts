/**
 * BDL API variables into the draft release: one ingest job per variable and level, its pages fetched by the
 * BDL client (quota, retries) and staged one by one, so an interrupted run resumes at the first page it does
 * not have. Units BDL lists that have no TERYT code (makroregiony, regiony, podregiony) and units the
 * register does not know are counted and reported, never guessed.
 */
import type { BdlLevelName } from '../sources/bdl/api-types.js';
import type { BdlClient } from '../sources/bdl/client.js';
import { fetchVariableData } from '../sources/bdl/fetch-data.js';
import { loadVariableMeta } from '../sources/bdl/variable-meta.js';
import type { DataSource, Observation } from '../domain/observations/observation.js';
import { normaliseFlag } from '../domain/observations/flags.js';
import { CODE_LENGTH } from '../domain/units/teryt-code.js';
import type { IngestJobSpec } from './ingest.js';

export const BDL_SOURCE: DataSource = {
  id: 'bdl',
  name: 'GUS, Bank Danych Lokalnych (API)',
  citation: 'Główny Urząd Statystyczny, Bank Danych Lokalnych',
  licence: 'dane publiczne GUS, ponowne wykorzystanie z podaniem źródła',
  url: 'https://bdl.stat.gov.pl',
};

/** Levels SMUP stores from BDL, with the length of their TERYT codes (the job's scope). */
export const BDL_INGEST_LEVELS = {
  wojewodztwo: CODE_LENGTH.wojewodztwo,
  powiat: CODE_LENGTH.powiat,
  gmina: CODE_LENGTH.gmina,
} as const satisfies Partial<Record<BdlLevelName, number>>;
export type BdlIngestLevel = keyof typeof BDL_INGEST_LEVELS;

export interface BdlIngestReport {
  /** Units BDL listed that have no TERYT code, with the reason, by BDL id. */
  readonly unmapped: Map<string, { unitName: string; reason: string }>;
  /** TERYT codes BDL gave that the loaded register does not list (old units, register out of date). */
  readonly unknownUnits: Set<string>;
}

export async function bdlIngestJobs(
  client: BdlClient,
  {
    variableIds,
    years,
    levels,
    knownUnits,
    pageSize,
  }: {
    variableIds: readonly number[];
    years: readonly number[];
    levels: readonly BdlIngestLevel[];
    /** Codes of the units register (every version), to report codes it does not know. */
    knownUnits: ReadonlySet<string>;
    pageSize?: number;
  },
): Promise<{ jobs: IngestJobSpec[]; report: BdlIngestReport }> {
  const report: BdlIngestReport = { unmapped: new Map(), unknownUnits: new Set() };
  const jobs: IngestJobSpec[] = [];
  for (const variableId of variableIds) {
    const { meta } = await loadVariableMeta(client, variableId);
    for (const level of levels) {
      const yearSpan = `${Math.min(...years)}-${Math.max(...years)}`;
      jobs.push({
        source: BDL_SOURCE,
        jobKey: `bdl:${variableId}:${level}:${[...years].sort().join(',')}`,
        description: `${meta.id} ${level} ${yearSpan}`,
        scope: { variables: [meta.id], years, unitCodeLengths: [BDL_INGEST_LEVELS[level]] },
        variables: [meta],
        async *pages(alreadyFetched) {
          const pages = fetchVariableData(client, {
            variableId,
            years,
            level,
            skipPage: alreadyFetched,
            ...(pageSize ? { pageSize } : {}),
          });
          for await (const page of pages) {
            for (const unit of page.unmapped)
              report.unmapped.set(unit.bdlUnitId, { unitName: unit.unitName, reason: unit.reason });
            const observations: Observation[] = [];
            for (const o of page.observations) {
              if (o.teryt === null) continue;
              if (!knownUnits.has(o.teryt)) report.unknownUnits.add(o.teryt);
              observations.push({
                variableId: meta.id,
                unitCode: o.teryt,
                year: o.year,
                value: o.value,
                flag: normaliseFlag(o.attrId),
                note: null,
              });
            }
            yield { requestKey: page.requestKey, observations };
          }
        },
      });
    }
  }
  return { jobs, report };
}
