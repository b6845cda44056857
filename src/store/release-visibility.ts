/**
 * Which rows of the observation table a release holds (migrations/002-releases-observations.ts): those
 * opened by it or before it and not closed by it or before it.
 */

/** SQL condition: row `alias` of observation is part of release `param`. */
export function visibleIn(alias: string, param: string): string {
  return `${alias}.first_release <= ${param} AND (${alias}.last_release IS NULL OR ${alias}.last_release > ${param})`;
}
