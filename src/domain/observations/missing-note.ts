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

/**
 * Every reason a value can be missing, in words (Polish first): what pages and downloads show instead of
 * the code (issue 16: `not-in-release` must not reach a reader). `not-in-release` and `not-in-source` are
 * set by the API (no computed row; a source covering part of the country), the others by the compute step.
 */
export const MISSING_REASON_WORDS: Readonly<Record<string, { readonly pl: string; readonly en: string }>> = {
  'not-in-release': { pl: 'brak danych w tym wydaniu', en: 'no data in this release' },
  'not-in-source': {
    pl: 'brak danych w tym źródle (obejmuje tylko część kraju)',
    en: 'no data in this source (it covers only part of the country)',
  },
  'missing-input': { pl: 'brak danych wejściowych', en: 'an input is missing' },
  'no-input-data': { pl: 'brak danych wejściowych', en: 'no input data' },
  'confidential-input': { pl: 'tajemnica statystyczna', en: 'statistical confidentiality' },
  'division-by-zero': { pl: 'dzielenie przez zero', en: 'division by zero' },
  'not-finite': { pl: 'wynik nieokreślony', en: 'undefined result' },
};

/** A reason code in words; an unknown code (a newer release) as it is. */
export const missingReasonWords = (reason: string, lang: 'pl' | 'en'): string =>
  MISSING_REASON_WORDS[reason]?.[lang] ?? reason;
