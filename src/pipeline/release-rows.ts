/**
 * What the steps after the ingests (check, sums up the register, indicators) read of a release: from the
 * database (the draft, else the live release), or from a draft held in memory on the first start
 * (memory-draft.ts), so the same steps run on both without a round trip through the database.
 */
import type { Observation } from '../domain/observations/observation.js';
import type { Database } from '../store/database.js';
import { observationsIn, variablesWithFlag, yearsOfVariables } from '../store/observations-store.js';
import { currentDraft, liveReleaseId } from '../store/releases-store.js';

export interface ReleaseRows {
  /** The rows of these variables, ordered by variable, unit code and year. */
  observations(variableIds: readonly string[]): Promise<Observation[]>;
  /** Variables with at least one row carrying this flag. */
  variablesWithFlag(flag: number): Promise<string[]>;
  /** Years in which these variables have rows. */
  yearsOfVariables(variableIds: readonly string[]): Promise<number[]>;
}

/** A release in the database as ReleaseRows. */
export function releaseRowsIn(db: Database, release: number): ReleaseRows {
  return {
    observations: (variableIds) => observationsIn(db, release, { variableIds }),
    variablesWithFlag: (flag) => variablesWithFlag(db, release, flag),
    yearsOfVariables: (variableIds) => yearsOfVariables(db, release, variableIds),
  };
}

/** The draft's rows, else the live release's; null when there is neither. */
export async function currentReleaseRows(db: Database): Promise<{ id: number; rows: ReleaseRows } | null> {
  const id = (await currentDraft(db))?.id ?? (await liveReleaseId(db));
  return id === null ? null : { id, rows: releaseRowsIn(db, id) };
}
