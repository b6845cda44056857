/**
 * Flags of values: the BDL attributes (attrId), as the API lists them (GET /attributes, recorded in
 * shared/data/bdl-api-samples/samples_raw_attributes.json), with GUS's printed symbols and the SDMX
 * OBS_STATUS / CONF_STATUS code where one fits (CONVENTIONS.md, "Flags and missing data").
 * A flag is data: it travels with its value to every screen and export.
 */
export interface FlagInfo {
  readonly id: number;
  readonly symbol: string;
  readonly pl: string;
  readonly en: string;
  /**
   * SDMX OBS_STATUS (A normal, E estimated, B break, P provisional, M missing, L missing/does not exist,
   * U low reliability).
   */
  readonly obsStatus: 'A' | 'B' | 'E' | 'L' | 'M' | 'P' | 'U';
  /** Confidential: a derived value using it must be suppressed. */
  readonly confidential: boolean;
  /** The value is not usable as a number (missing, confidential, not yet available). */
  readonly missing: boolean;
}

/** A value that breaks a hard plausibility rule of the catalogue (catalog/plausibility.yaml). */
export const SUSPECT_FLAG = 201;
/** A value whose year the source does not state: stored under an assumed year, never shown as confirmed. */
export const YEAR_ASSUMED_FLAG = 202;
/**
 * A value the JST reported itself (issue 18, point 4), accepted by a data steward: no register holds it. The
 * note says which submission it came from, who accepted it and when.
 */
export const JST_SUPPLIED_FLAG = 203;

/** Flags that keep a value out of set statistics, ranks and map classes by default. */
export function isExcludedFromStatistics(flag: number | null): boolean {
  return flag === SUSPECT_FLAG;
}

const flag = (
  id: number,
  symbol: string,
  pl: string,
  en: string,
  obsStatus: FlagInfo['obsStatus'],
  options: { confidential?: boolean; missing?: boolean } = {},
): FlagInfo => ({
  id,
  symbol,
  pl,
  en,
  obsStatus,
  confidential: options.confidential ?? false,
  missing: options.missing ?? false,
});

export const FLAGS: ReadonlyMap<number, FlagInfo> = new Map(
  [
    flag(1, '', 'wartość', 'value', 'A'),
    flag(3, 'k', 'agregat może być niekompletny', 'aggregate may be incomplete', 'E'),
    flag(
      4,
      'x',
      'brak informacji lub tajemnica statystyczna',
      'no data or statistical confidentiality',
      'M',
      {
        confidential: true,
        missing: true,
      },
    ),
    flag(7, 'a', 'wartość mniejsza niż przyjęty format prezentacji', 'below the precision shown', 'A'),
    flag(9, 's', 'szacunki wstępne', 'preliminary estimate', 'P'),
    flag(11, 'M', 'zmiany metodologiczne', 'methodological change', 'B'),
    flag(
      13,
      'K',
      'zmiany metodologiczne, agregat może być niekompletny',
      'methodological change, aggregate may be incomplete',
      'B',
    ),
    flag(
      14,
      'X',
      'zmiany metodologiczne, brak informacji lub tajemnica statystyczna',
      'methodological change, no data or confidentiality',
      'M',
      {
        confidential: true,
        missing: true,
      },
    ),
    flag(
      15,
      '-',
      'brak informacji z powodu zmiany poziomu prezentacji lub wykazu jednostek',
      'no data: change of level or of the unit register',
      'L',
      {
        missing: true,
      },
    ),
    flag(
      17,
      'A',
      'zmiany metodologiczne, wartość mniejsza niż format prezentacji',
      'methodological change, below the precision shown',
      'B',
    ),
    flag(20, 'v', 'dane o niskiej precyzji', 'low precision', 'E'),
    flag(21, 'v', 'dane o niskiej precyzji', 'low precision', 'E'),
    flag(50, 'n', 'dana jeszcze niedostępna', 'not yet available', 'M', { missing: true }),
    flag(
      91,
      'x',
      'brak informacji lub tajemnica statystyczna',
      'no data or statistical confidentiality',
      'M',
      {
        confidential: true,
        missing: true,
      },
    ),
    flag(
      94,
      'z',
      'wartość zerowa wynika z bilansu danych',
      'a real zero from a balance of non-zero inputs',
      'A',
    ),
    flag(97, 'p', 'łącznie dla powiatu i miasta na prawach powiatu', 'powiat and its city together', 'A'),
    flag(
      98,
      'Z',
      'zmiany metodologiczne, wartość zerowa wynika z bilansu',
      'methodological change, a real zero from a balance',
      'B',
    ),
    // SMUP's own flags (ids from 200 up, never BDL's): what our checks and loaders know of a value.
    flag(
      SUSPECT_FLAG,
      '!',
      'wartość podejrzana: narusza regułę wiarygodności (pominięta w statystykach zbioru, rankingach i mapach)',
      'suspect value: breaks a plausibility rule (left out of set statistics, rankings and maps)',
      'U',
    ),
    flag(
      YEAR_ASSUMED_FLAG,
      'r',
      'rok nie jest podany w źródle (przyjęty, niepotwierdzony)',
      'the year is not stated in the source (assumed, not confirmed)',
      'U',
    ),
    flag(
      JST_SUPPLIED_FLAG,
      'j',
      'dane przekazane przez JST',
      'data supplied by the local government (JST)',
      'A',
    ),
  ].map((info) => [info.id, info]),
);

/** A plain value carries no flag: BDL's attrId 1 ("wartość") and 0 are stored as null. */
export function normaliseFlag(attrId: number | null | undefined): number | null {
  return attrId === null || attrId === undefined || attrId === 0 || attrId === 1 ? null : attrId;
}

export function flagInfo(id: number | null): FlagInfo | null {
  return id === null ? null : (FLAGS.get(id) ?? null);
}

/**
 * The one flag a derived value carries when its inputs had several: the most serious first —
 * confidential, then not available or no data, then preliminary, then a methodological break, then
 * the rest (incomplete aggregate, low precision…). The full list of input flags goes to the note.
 */
const SEVERITY: readonly number[] = [
  91,
  4,
  14,
  50,
  15,
  SUSPECT_FLAG,
  YEAR_ASSUMED_FLAG,
  JST_SUPPLIED_FLAG,
  9,
  11,
  13,
  17,
  98,
  3,
  20,
  21,
  7,
  97,
  94,
];

export function dominantFlag(flags: Iterable<number>): number | null {
  let best: number | null = null;
  let bestRank = Infinity;
  for (const flag of flags) {
    const rank = SEVERITY.indexOf(flag);
    const effective = rank === -1 ? SEVERITY.length : rank;
    if (effective < bestRank) {
      best = flag;
      bestRank = effective;
    }
  }
  return best;
}
