/**
 * How a computed value that is missing keeps its reason in the observation's `note`: "reason: detail"
 * ("missing-input: gus-bdl-portal:ludnosc-ogolem for 1465011 in 2020"), so the API can show the reason
 * as a code and the detail as text without a column per concern.
 */
export const MISSING_REASONS = [
  'confidential-input',
  'missing-input',
  'no-input-data',
  'division-by-zero',
  'not-finite',
] as const;
export type MissingReasonCode = (typeof MISSING_REASONS)[number];

const REASONS: ReadonlySet<string> = new Set(MISSING_REASONS);

export function encodeMissingNote(reason: MissingReasonCode, detail: string | null): string {
  return detail ? `${reason}: ${detail}` : reason;
}

/** The reason and detail of a note written by `encodeMissingNote`, or null for any other note. */
export function decodeMissingNote(
  note: string | null,
): { reason: MissingReasonCode; detail: string | null } | null {
  if (note === null) return null;
  const colon = note.indexOf(': ');
  const head = colon < 0 ? note : note.slice(0, colon);
  if (!REASONS.has(head)) return null;
  return { reason: head as MissingReasonCode, detail: colon < 0 ? null : note.slice(colon + 2) };
}
