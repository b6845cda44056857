/**
 * Aggregation up the register as a step of the release: after the ingests and before the indicators, the
 * variables that add up (catalogue `aggregation: sum`) get their powiat, województwo and Poland values
 * (domain/observations/aggregation.ts), written into the draft as one job of our own source "smup".
 *
 *   draft rows of the summable variables (all levels) ──► aggregateVariable per variable
 *     ──► job "smup:aggregate": the source's own rows above gmina level (unchanged) + the derived sums
 *
 * The job's scope is the variables × their years × the levels above gmina, so a sum whose members are gone
 * is removed, and the source's own rows are staged again as they are (they merge as "unchanged"): the merge
 * removes what a job's scope holds and the job does not stage.
 */
import { setImmediate as yieldToServer } from 'node:timers/promises';
import {
  aggregateVariable,
  isDerivedSum,
  type AggregateDifference,
} from '../domain/observations/aggregation.js';
import type { Observation } from '../domain/observations/observation.js';
import { CODE_LENGTH } from '../domain/units/teryt-code.js';
import type { Database } from '../store/database.js';
import { currentUnits, listChanges } from '../store/units-store.js';
import { type IngestJobSpec, pagesOf } from './ingest.js';
import { currentReleaseRows, type ReleaseRows } from './release-rows.js';
import { SMUP_SOURCE } from './smup-source.js';
import { resultsHash } from './results-hash.js';

export interface AggregationStats {
  readonly variables: number;
  /** Derived values written (units and years the sources have no row for). */
  readonly derived: number;
  /** Derived values flagged "k" (some member without a usable value). */
  readonly incomplete: number;
  /** Source rows above gmina level checked against a complete sum of their members. */
  readonly compared: number;
  /** Of those, where the sum differs from the source's own value. */
  readonly differences: readonly AggregateDifference[];
  readonly ms: number;
}

/** The description of the aggregation job starts with this (the CLI tells its merge from the compute's). */
export const AGGREGATION_JOB = 'aggregation';

const UPPER_LEVELS = [CODE_LENGTH.kraj, CODE_LENGTH.wojewodztwo, CODE_LENGTH.powiat];

/**
 * The aggregation job for the summable variables of the draft (or of the live release when no draft; or of
 * `source`, a draft in memory on the first start). The register comes from the database.
 */
export async function prepareAggregationJob(
  db: Database,
  variableIds: readonly string[],
  source?: { id: number; rows: ReleaseRows },
): Promise<{ job: IngestJobSpec | null; stats: AggregationStats }> {
  const started = performance.now();
  const current = source ?? (await currentReleaseRows(db));
  const empty = { variables: 0, derived: 0, incomplete: 0, compared: 0, differences: [] };
  if (current === null || variableIds.length === 0) {
    return { job: null, stats: { ...empty, ms: Math.round(performance.now() - started) } };
  }
  const rows = await current.rows.observations(variableIds);
  const units = await currentUnits(db);
  const codesOf = (level: string) => units.filter((u) => u.level === level).map((u) => u.code);
  // A unit the register's history shows created on D (first listed by a snapshot of that date) certainly
  // existed on 31 XII of the year before D at the latest: it is a member with a value due from then on.
  const createdIn = new Map(
    (await listChanges(db, null))
      .filter((c) => c.type === 'created')
      .map((c) => [c.code, new Date(Date.parse(c.date) - 86_400_000).getUTCFullYear()]),
  );
  const register = {
    gminy: codesOf('gmina'),
    powiaty: codesOf('powiat'),
    wojewodztwa: codesOf('wojewodztwo'),
    createdIn,
  };

  const byVariable = new Map<string, Observation[]>();
  for (const row of rows) {
    let list = byVariable.get(row.variableId);
    if (!list) byVariable.set(row.variableId, (list = []));
    list.push(row);
  }
  const staged: Observation[] = [];
  const differences: AggregateDifference[] = [];
  const years = new Set<number>();
  let derived = 0;
  let incomplete = 0;
  let compared = 0;
  for (const [variableId, observations] of byVariable) {
    // Yield between variables: on the first start the server answers health checks meanwhile.
    await yieldToServer();
    const result = aggregateVariable(variableId, observations, register);
    for (const o of observations) {
      years.add(o.year);
      if (UPPER_LEVELS.includes(o.unitCode.length) && !isDerivedSum(o)) staged.push(o);
    }
    staged.push(...result.derived);
    derived += result.derived.length;
    incomplete += result.derived.filter((o) => o.flag !== null).length;
    compared += result.compared;
    differences.push(...result.differences);
  }
  const stats = {
    variables: byVariable.size,
    derived,
    incomplete,
    compared,
    differences,
    ms: Math.round(performance.now() - started),
  };
  if (byVariable.size === 0) return { job: null, stats };
  const job: IngestJobSpec = {
    source: SMUP_SOURCE,
    jobKey: `smup:aggregate:${await resultsHash(staged)}`,
    description: `${AGGREGATION_JOB} of ${byVariable.size} variables up the register`,
    scope: {
      variables: [...byVariable.keys()].sort(),
      years: [...years].sort((a, b) => a - b),
      unitCodeLengths: UPPER_LEVELS,
    },
    // The variables are the sources' own: their metadata stays as the ingest wrote it.
    variables: [],
    pages: pagesOf(staged, 'aggregate'),
  };
  return { job, stats };
}
