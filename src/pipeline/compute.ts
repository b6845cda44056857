/**
 * `smup compute`: every indicator for every unit and year, written into the draft release as an ingest job
 * of the source "smup" (our own computation), so compute shares the release machinery: one draft, merge,
 * publish, and a recompute that changes nothing changes nothing.
 *
 *   draft observations of the inputs ──► ObservationCube (typed arrays) ──► evaluate per unit × year
 *     ──► values with the dominant input flag and, when missing, the reason ──► job "smup:compute"
 */
import { createHash } from 'node:crypto';
import type { CellValue } from '../domain/observations/observation-cube.js';
import { ObservationCube } from '../domain/observations/observation-cube.js';
import { dominantFlag } from '../domain/observations/flags.js';
import type { DataSource, Observation, VariableMeta } from '../domain/observations/observation.js';
import type { UnitLevel } from '../domain/units/unit.js';
import type { Database } from '../store/database.js';
import { observationsIn } from '../store/observations-store.js';
import { currentDraft, liveReleaseId } from '../store/releases-store.js';
import { currentUnits } from '../store/units-store.js';
import type { IngestJobSpec } from './ingest.js';

export const SMUP_SOURCE: DataSource = {
  id: 'smup',
  name: 'SMUP — obliczenia własne',
  citation: 'Obliczenia własne SMUP na podstawie danych źródłowych (zob. źródła zmiennych wskaźnika)',
  licence: 'CC BY 4.0',
  url: null,
};

export const INDICATOR_PREFIX = 'ind:';

/** What compute needs of an indicator; the catalogue's compiled formulas provide it. */
export interface ComputableIndicator {
  readonly id: string;
  readonly name: string;
  readonly nameEn: string | null;
  readonly measureUnit: string | null;
  readonly levels: readonly UnitLevel[];
  /** Variable ids the formula reads (to load only those). */
  readonly inputs: readonly string[];
  evaluate(context: {
    unit: string;
    year: number;
    get: (variableId: string, unit: string, year: number) => CellValue | undefined;
  }): { value: number | null; flags: readonly number[]; reason: string | null };
}

const CODE_LENGTH: Record<UnitLevel, number> = { wojewodztwo: 2, powiat: 4, gmina: 7, czesc_gminy: 7 };

export interface ComputeStats {
  readonly indicators: number;
  readonly cells: number;
  readonly values: number;
  readonly missing: number;
  readonly ms: number;
}

/**
 * Reads the inputs from `releaseId` (the draft, or the live release when there is no draft) and returns
 * the compute job plus what it computed. Pure evaluation happens here, in memory.
 */
export async function prepareComputeJob(
  db: Database,
  indicators: readonly ComputableIndicator[],
): Promise<{ job: IngestJobSpec; stats: ComputeStats }> {
  const started = performance.now();
  const release = (await currentDraft(db))?.id ?? (await liveReleaseId(db));
  if (release === null) throw new Error('there is no data to compute from: ingest something first');
  const inputs = [...new Set(indicators.flatMap((i) => i.inputs))];
  const cube = ObservationCube.from(await observationsIn(db, release, { variableIds: inputs }));
  const units = await currentUnits(db);
  const years = cube.years;
  const get = (variableId: string, unit: string, year: number) => cube.get(variableId, unit, year);

  const observations: Observation[] = [];
  let missing = 0;
  for (const indicator of indicators) {
    const variableId = `${INDICATOR_PREFIX}${indicator.id}`;
    for (const level of indicator.levels) {
      for (const unit of units) {
        if (unit.level !== level) continue;
        for (const year of years) {
          const result = indicator.evaluate({ unit: unit.code, year, get });
          // A cell whose inputs do not exist at all is not a value "missing for a reason": leave it out.
          if (result.value === null && result.reason === 'no-input-data') continue;
          if (result.value === null) missing++;
          const note =
            result.value === null
              ? result.reason
              : result.flags.length > 1
                ? `input flags: ${[...new Set(result.flags)].join(', ')}`
                : null;
          observations.push({
            variableId,
            unitCode: unit.code,
            year,
            value: result.value,
            flag: dominantFlag(result.flags),
            note,
          });
        }
      }
    }
  }
  const variables: VariableMeta[] = indicators.map((i) => ({
    id: `${INDICATOR_PREFIX}${i.id}`,
    sourceId: SMUP_SOURCE.id,
    sourceCode: i.id,
    name: i.name,
    nameEn: i.nameEn,
    subjectPath: null,
    measureUnit: i.measureUnit,
    levels: [...i.levels],
    metadata: { kind: 'indicator', inputs: i.inputs },
  }));
  const scope = {
    variables: variables.map((v) => v.id),
    years: [...years],
    unitCodeLengths: [...new Set(indicators.flatMap((i) => i.levels.map((l) => CODE_LENGTH[l])))],
  };
  const PAGE = 50_000;
  const job: IngestJobSpec = {
    source: SMUP_SOURCE,
    // The key is the hash of what was computed: the same results in one draft are one job, new ones another.
    jobKey: `smup:compute:${createHash('sha256').update(JSON.stringify(observations)).digest('hex').slice(0, 16)}`,
    description: `compute of ${indicators.length} indicators`,
    scope,
    variables,
    async *pages(alreadyFetched) {
      for (let start = 0; start < observations.length; start += PAGE) {
        const requestKey = `compute:${start}`;
        if (alreadyFetched(requestKey)) continue;
        yield { requestKey, observations: observations.slice(start, start + PAGE) };
      }
    },
  };
  return {
    job,
    stats: {
      indicators: indicators.length,
      cells: observations.length,
      values: observations.length - missing,
      missing,
      ms: Math.round(performance.now() - started),
    },
  };
}
