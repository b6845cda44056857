/**
 * `smup compute`: every indicator for every unit and year, written into the draft release as an ingest job
 * of the source "smup" (our own computation), so compute shares the release machinery: one draft, merge,
 * publish, and a recompute that changes nothing changes nothing.
 *
 *   draft observations of the inputs ──► ObservationCube (typed arrays) ──► evaluate per unit × year
 *     ──► values with the dominant input flag and, when missing, the reason ──► job "smup:compute"
 */
import { setImmediate as yieldToServer } from 'node:timers/promises';
import type { CellValue } from '../domain/observations/observation-cube.js';
import { ObservationCube } from '../domain/observations/observation-cube.js';
import { ObservationList } from '../domain/observations/observation-list.js';
import type { MissingReasonCode } from '../domain/observations/missing-note.js';
import type { VariableMeta } from '../domain/observations/observation.js';
import { CODE_LENGTH } from '../domain/units/teryt-code.js';
import type { UnitLevel } from '../domain/units/unit.js';
import type { Database } from '../store/database.js';
import { currentUnits } from '../store/units-store.js';
import type { CompiledRule } from '../domain/plausibility/check.js';
import { CellEvaluator } from './compute-cells.js';
import { prepareAggregationJob, type AggregationStats } from './aggregate.js';
import { prepareCheckJob, type CheckResult } from './check.js';
import { runIngest, type IngestEvent, type IngestJobSpec, type IngestReport, pagesOf } from './ingest.js';
import { currentReleaseRows, type ReleaseRows } from './release-rows.js';
import { SMUP_SOURCE } from './smup-source.js';
import { resultsHash } from './results-hash.js';
import { applyAcceptedSubmissions } from './jst-submissions.js';

export { SMUP_SOURCE };

export const INDICATOR_PREFIX = 'ind:';

/** What compute needs of an indicator; the catalogue's compiled formulas provide it. */
export interface ComputableIndicator {
  readonly id: string;
  readonly name: string;
  readonly nameEn: string | null;
  readonly measureUnit: string | null;
  /** Levels it is computed for (the country included: every indicator of województwa has its value). */
  readonly levels: readonly UnitLevel[];
  /** Variable ids the formula reads (to load only those). */
  readonly inputs: readonly string[];
  /** Of those, the ones every cell needs (absent from the release: the indicator is skipped unevaluated). */
  readonly requiredInputs?: readonly string[];
  /** Of those, the ones that add up the register (summed to powiaty, województwa and Poland first). */
  readonly summableInputs?: readonly string[];
  evaluate(context: {
    unit: string;
    year: number;
    get: (variableId: string, unit: string, year: number) => CellValue | undefined;
  }): {
    value: number | null;
    flags: readonly number[];
    reason: MissingReasonCode | null;
    detail?: string | null;
  };
}

export interface ComputeStats {
  readonly indicators: number;
  readonly cells: number;
  readonly values: number;
  readonly missing: number;
  /** Indicators left out because an input variable has no data at all in the release. */
  readonly unavailable: ReadonlyArray<{ indicator: string; missingInputs: readonly string[] }>;
  readonly ms: number;
}

// Over 80 lines: its steps share many locals and run once, in order; not yet split by concept (issue 19 lists it).
/**
 * The inputs as a cube, and which of them the release has at all. The rows are read in here, so that they can
 * be collected once the cube holds them (as objects, they are about as large as the compute's output).
 */
async function loadInputs(
  rows: ReleaseRows,
  inputs: readonly string[],
): Promise<{ cube: ObservationCube; present: ReadonlySet<string> }> {
  const observations = await rows.observations(inputs);
  await yieldToServer(); // reading and the cube are each a few hundred ms on a slow machine: not in one turn
  return {
    cube: ObservationCube.from(observations),
    present: new Set(observations.map((r) => r.variableId)),
  };
}

/**
 * Reads the inputs from the draft (or the live release when there is no draft; or from `source`, a draft in
 * memory on the first start) and returns the compute job plus what it computed. Pure evaluation happens
 * here, in memory.
 */
export async function prepareComputeJob(
  db: Database,
  indicators: readonly ComputableIndicator[],
  source?: { id: number; rows: ReleaseRows },
): Promise<{ job: IngestJobSpec; stats: ComputeStats }> {
  const started = performance.now();
  const current = source ?? (await currentReleaseRows(db));
  if (current === null) throw new Error('there is no data to compute from: ingest something first');
  const inputs = [...new Set(indicators.flatMap((i) => i.inputs))];
  const { cube, present } = await loadInputs(current.rows, inputs);
  // What the release covers at all: variable × year × level (code length). A cell that reads an input the
  // release does not cover (a variable not ingested, a year or level it does not have) is not a value
  // "missing for this unit": it is left out, and the API says which inputs the release lacks.
  const evaluator = new CellEvaluator(cube, cube.coverage());
  const units = await currentUnits(db);
  const years = cube.years;

  // In typed columns, not as objects: about 70 MiB less at the first start's peak (observation-list.ts).
  const observations = new ObservationList();
  const unavailable: Array<{ indicator: string; missingInputs: string[] }> = [];
  let missing = 0;
  for (const indicator of indicators) {
    const absent = indicator.inputs.filter((v) => !present.has(v));
    // An input the release lacks need not stop an indicator: `first(a, b)` takes b where a has nothing.
    // It is unavailable when no cell comes out (and then listed with what it lacks).
    const before = observations.length;
    // Nothing to evaluate when an input every cell needs is absent (catalogue indicators whose source is not
    // loaded yet cost nothing), or when every input is.
    if (
      absent.length === indicator.inputs.length ||
      (indicator.requiredInputs ?? []).some((v) => !present.has(v))
    ) {
      unavailable.push({ indicator: indicator.id, missingInputs: absent });
      continue;
    }
    const variableId = `${INDICATOR_PREFIX}${indicator.id}`;
    // Yield between indicators: on the first start the server answers health checks meanwhile.
    await yieldToServer();
    missing += evaluator.each(indicator, units, years, (unitCode, year, value, flag, note) => {
      observations.push({ variableId, unitCode, year, value, flag, note });
    });
    if (absent.length > 0 && observations.length === before) {
      unavailable.push({ indicator: indicator.id, missingInputs: absent });
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
  // The scope also covers years the indicators had before (an input year that is gone removes them).
  const earlier = await current.rows.yearsOfVariables(variables.map((v) => v.id));
  const scope = {
    variables: variables.map((v) => v.id),
    years: [...new Set([...years, ...earlier])].sort((a, b) => a - b),
    unitCodeLengths: [...new Set(indicators.flatMap((i) => i.levels.map((l) => CODE_LENGTH[l])))],
  };
  const job: IngestJobSpec = {
    source: SMUP_SOURCE,
    // The key is the hash of what was computed: the same results in one draft are one job, new ones another.
    jobKey: `smup:compute:${await resultsHash(observations)}`,
    description: `compute of ${indicators.length} indicators`,
    scope,
    variables,
    pages: pagesOf(observations, 'compute'),
  };
  return {
    job,
    stats: {
      indicators: indicators.length,
      cells: observations.length,
      values: observations.length - missing,
      missing,
      unavailable,
      ms: Math.round(performance.now() - started),
    },
  };
}

/**
 * The steps after the ingests, into the draft (opened when there is none), each a job of its own: the
 * plausibility check (suspect values flagged), the sums up the register for the indicators' summable
 * inputs, then the indicators; publishes the draft when asked. Running it again on unchanged inputs
 * changes nothing ("unchanged" in the merge).
 */
export async function computeIndicators(
  db: Database,
  indicators: readonly ComputableIndicator[],
  {
    publish = false,
    description = `compute of ${indicators.length} indicators`,
    rules = [],
    onEvent,
  }: {
    publish?: boolean;
    description?: string;
    /** The catalogue's plausibility rules (loadCatalog().rules); none: no check. */
    rules?: readonly CompiledRule[];
    onEvent?: (event: IngestEvent) => void;
  } = {},
): Promise<{ stats: ComputeStats; check: CheckResult; aggregation: AggregationStats; report: IngestReport }> {
  const events = onEvent ? { onEvent } : {};
  // Accepted JST values whose draft was discarded go into this one first, so they are checked and computed.
  await applyAcceptedSubmissions(db, []);
  const { job: checkJob, result: check } = await prepareCheckJob(db, rules);
  if (checkJob) await runIngest(db, [checkJob], { description, ...events });
  const summable = [...new Set(indicators.flatMap((i) => i.summableInputs ?? []))].sort();
  const { job: aggregationJob, stats: aggregation } = await prepareAggregationJob(db, summable);
  if (aggregationJob) await runIngest(db, [aggregationJob], { description, ...events });
  const { job, stats } = await prepareComputeJob(db, indicators);
  const report = await runIngest(db, [job], { description, publish, ...events });
  return { stats, check, aggregation, report };
}
