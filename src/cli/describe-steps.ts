/** How the CLI reports the steps after an ingest: the plausibility check, the sums up the register, the publish. */
import { AGGREGATION_JOB, type AggregationStats } from '../pipeline/aggregate.js';
import { CHECK_JOB, type CheckResult } from '../pipeline/check.js';
import type { PublishResult } from '../pipeline/releases.js';

/** The step a merged job belongs to, as the merge lines name it. */
export function stepOf(jobDescription: string): string {
  if (jobDescription.startsWith(CHECK_JOB)) return 'plausibility check';
  if (jobDescription.startsWith(AGGREGATION_JOB)) return 'sums up the register';
  return 'indicators';
}

/** What summing up the register did, and every source value its members' complete sum differs from. */
export function describeAggregation(stats: AggregationStats, shown = 20): string {
  const lines = [
    `summed ${stats.variables} variable(s) up the register in ${stats.ms} ms: ${stats.derived} derived values ` +
      `(${stats.incomplete} flagged "k", some member without a value); ${stats.compared} source values above ` +
      `gmina level checked against the sum of their members, ${stats.differences.length} differ`,
  ];
  for (const d of stats.differences.slice(0, shown)) {
    lines.push(`  ${d.variableId} ${d.unitCode} ${d.year}: source ${d.source}, sum of members ${d.derived}`);
  }
  if (stats.differences.length > shown) lines.push(`  … and ${stats.differences.length - shown} more`);
  return lines.join('\n');
}

/** What the plausibility rules found: counts, then each violation (hard ones first). */
export function describeCheck(result: CheckResult, shown = 20): string {
  const hard = result.violations.filter((v) => v.severity === 'hard');
  const lines = [
    `plausibility check: ${hard.length} value(s) break a hard rule (flagged suspect: ${result.marked} newly, ` +
      `${result.lifted} mark(s) lifted), ${result.violations.length - hard.length} warning(s)` +
      (result.violations.length > 0 ? '; `smup data check` lists them all' : ''),
  ];
  const ordered = [...hard, ...result.violations.filter((v) => v.severity !== 'hard')];
  for (const v of ordered.slice(0, shown)) {
    lines.push(`  ${v.severity} ${v.ruleId}: ${v.variableId} ${v.unitCode} ${v.year}: ${v.detail}`);
  }
  if (ordered.length > shown) lines.push(`  … and ${ordered.length - shown} more`);
  return lines.join('\n');
}

export function describePublish(result: PublishResult): string {
  if (result.unchanged) {
    return `nothing changed against release ${result.releaseId}: it stays live, and the draft was discarded`;
  }
  return (
    `release ${result.releaseId} is live (was ${result.previous ?? 'none'}): ` +
    `${result.added} values added, ${result.changed} changed, ${result.removed} removed in ${result.variables} variable(s)`
  );
}
