/**
 * How the diagnosis judges one indicator of a unit's profile (issue 15): a strong point is in the best
 * quartile of the set, a weak point in the worst, by the indicator's direction (the profile's position
 * class already reads the band through the direction: top25 is always the good end). Neutral indicators and
 * context ones (dimension `kontekst`: population, area…) are described, never judged. A 5-year trend
 * compares the unit's change with the set's median change, again through the direction.
 */
import type { ProfileItem } from './profile.js';

export type FindingKind = 'strong' | 'weak' | 'middle' | 'described' | 'missing';

/** improved/worsened against the set over 5 years; `described` for neutral or context indicators. */
export type Trend = 'improved' | 'worsened' | 'same' | 'described';

/** Why an indicator has no judgement: the profile's reason, or why the unit could not be placed. */
export type MissingReason =
  | 'not-in-release'
  | 'not-in-source'
  | 'missing-input'
  | 'confidential-input'
  | 'division-by-zero'
  | 'not-finite'
  | 'empty-set'
  | 'not-placed'
  | 'other';

const KNOWN_REASONS = new Set<string>([
  'not-in-release',
  'not-in-source',
  'missing-input',
  'confidential-input',
  'division-by-zero',
  'not-finite',
]);

/** The span of the trend, in years (the profile carries 1- and 5-year changes). */
export const TREND_YEARS = 5;

/** Context indicators describe the unit's situation (population, area), not a service: never judged. */
export const isJudged = (item: ProfileItem): boolean =>
  item.indicator.dimension !== 'kontekst' && item.indicator.direction !== 'neutral';

export function kindOf(item: ProfileItem): FindingKind {
  if (item.value === null || item.position === null) return 'missing';
  if (!isJudged(item)) return 'described';
  switch (item.position.positionClass) {
    case 'top25':
      return 'strong';
    case 'bottom25':
      return 'weak';
    case 'middle50':
      return 'middle';
    case 'neutral':
      return 'described';
  }
}

export function missingReasonOf(item: ProfileItem): MissingReason | null {
  if (item.value !== null && item.position !== null) return null;
  if (item.value === null) {
    return item.reason !== null && KNOWN_REASONS.has(item.reason) ? (item.reason as MissingReason) : 'other';
  }
  // A value without a position: the set did not resolve, or no member (the unit included) could be ranked
  // (e.g. its value was left out of the statistics as suspect).
  return item.statistics === null || (item.set?.members ?? 0) === 0 ? 'empty-set' : 'not-placed';
}

export function trendOf(item: ProfileItem): Trend | null {
  const change = item.changes.find((c) => c.years === TREND_YEARS);
  if (!change || change.assessment === null) return null;
  if (!isJudged(item) || change.assessment === 'neutral') return 'described';
  return change.assessment === 'better' ? 'improved' : change.assessment === 'worse' ? 'worsened' : 'same';
}
