/**
 * BDL API variables into the draft release, locked ids only (lock-guard.ts): one ingest job per variable and level, its pages fetched by the
 * BDL client (quota, retries) and staged one by one, so an interrupted run resumes at the first page it does
 * not have. Units BDL lists that have no TERYT code (makroregiony, regiony, podregiony) and units the
 * register does not know are counted and reported, never guessed.
 */
import type { BdlLevelName } from '../sources/bdl/api-types.js';
import type { BdlClient } from '../sources/bdl/client.js';
import { fetchVariableData } from '../sources/bdl/fetch-data.js';
import { loadVariableMeta } from '../sources/bdl/variable-meta.js';
import {
  answeredFromMeta,
  LockRefusedError,
  lockProblem,
  type LockIndex,
  type LockProblem,
} from '../sources/bdl/lock-guard.js';
import type { BdlSubject } from '../sources/bdl/api-types.js';
import type { DataSource, Observation, VariableMeta } from '../domain/observations/observation.js';
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

/**
 * Every variable checked against the lock before any job exists: an unlocked id (no request made for it) or
 * one whose metadata the API now answers differently throws LockRefusedError listing them all, so nothing is
 * stored. `checked` are metadata a resumed run already compared with the same lock (smup sync keeps them).
 */
export async function lockedVariableMetas(
  client: BdlClient,
  variableIds: readonly number[],
  lock: { readonly index: LockIndex; readonly file: string },
  checked: ReadonlyMap<number, VariableMeta> = new Map(),
  onChecked?: (variableId: number, meta: VariableMeta) => void,
): Promise<Map<number, VariableMeta>> {
  const metas = new Map<number, VariableMeta>();
  const problems: LockProblem[] = [];
  const subjectCache = new Map<string, BdlSubject>();
  for (const variableId of variableIds) {
    if (!lock.index.has(String(variableId))) {
      problems.push({ kind: 'unlocked', variableId });
      continue;
    }
    const known = checked.get(variableId);
    const meta = known ?? (await loadVariableMeta(client, variableId, { subjectCache })).meta;
    const problem = lockProblem(lock.index, variableId, answeredFromMeta(meta));
    if (problem) problems.push(problem);
    else {
      metas.set(variableId, meta);
      if (!known) onChecked?.(variableId, meta);
    }
  }
  if (problems.length > 0) throw new LockRefusedError(problems, lock.file);
  return metas;
}

export async function bdlIngestJobs(
  client: BdlClient,
  {
    variableIds,
    years,
    levels,
    knownUnits,
    pageSize,
    lock,
    checked,
  }: {
    variableIds: readonly number[];
    years: readonly number[];
    /** The same levels for every variable, or each variable's own (smup sync: what the catalogue asks). */
    levels: readonly BdlIngestLevel[] | ((variableId: number) => readonly BdlIngestLevel[]);
    /** Codes of the units register (every version), to report codes it does not know. */
    knownUnits: ReadonlySet<string>;
    pageSize?: number;
    /** The lock (catalog/bdl.lock.yaml): only its ids are ingested, and only while the API agrees with it. */
    lock: { readonly index: LockIndex; readonly file: string };
    /** Metadata already compared with the lock in a resumed run (not fetched again). */
    checked?: ReadonlyMap<number, VariableMeta>;
  },
): Promise<{ jobs: IngestJobSpec[]; report: BdlIngestReport }> {
  const metas = await lockedVariableMetas(client, variableIds, lock, checked);
  const report: BdlIngestReport = { unmapped: new Map(), unknownUnits: new Set() };
  const jobs: IngestJobSpec[] = [];
  for (const variableId of variableIds) {
    const meta = metas.get(variableId) as VariableMeta;
    for (const level of typeof levels === 'function' ? levels(variableId) : levels) {
      jobs.push(ingestJob(client, { variableId, meta, level, years, knownUnits, report, pageSize }));
    }
  }
  return { jobs, report };
}

function ingestJob(
  client: BdlClient,
  {
    variableId,
    meta,
    level,
    years,
    knownUnits,
    report,
    pageSize,
  }: {
    variableId: number;
    meta: VariableMeta;
    level: BdlIngestLevel;
    years: readonly number[];
    knownUnits: ReadonlySet<string>;
    report: BdlIngestReport;
    pageSize: number | undefined;
  },
): IngestJobSpec {
  const yearSpan = `${Math.min(...years)}-${Math.max(...years)}`;
  return {
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
  };
}
