/**
 * Reference sets a unit is compared against (issue 5): a tagged union, parsed from the API's
 * `against=group|neighbours|voivodeship|country|similar|set:ID` and resolved to member codes through
 * lookups passed in (STYLE rules 4 and 5: every kind handled, the compiler says when one is missing).
 */
import { POLAND_CODE } from '../units/unit.js';

export type ReferenceSet =
  | { readonly kind: 'group' }
  | { readonly kind: 'neighbours' }
  | { readonly kind: 'voivodeship' }
  | { readonly kind: 'country' }
  | { readonly kind: 'similar'; readonly k?: number }
  | { readonly kind: 'custom'; readonly setId: string };

export type ReferenceSetKind = ReferenceSet['kind'];

export const REFERENCE_SET_LABELS: Record<ReferenceSetKind, { readonly pl: string; readonly en: string }> = {
  group: { pl: 'grupa porównawcza', en: 'comparison group' },
  neighbours: { pl: 'sąsiedzi', en: 'neighbouring units' },
  voivodeship: { pl: 'województwo', en: 'voivodeship' },
  country: { pl: 'Polska', en: 'Poland' },
  similar: { pl: 'najbardziej podobne jednostki', en: 'most similar units' },
  custom: { pl: 'zestaw użytkownika', en: 'user-defined set' },
};

function assertNever(value: never): never {
  throw new Error(`unhandled reference set ${JSON.stringify(value)}`);
}

/** Custom set ids: what a short link can carry (letters, digits, - and _), 1–64 characters. */
export const SAVED_SET_ID = /^[A-Za-z0-9_-]{1,64}$/;

export type ParsedReferenceSet =
  { ok: true; set: ReferenceSet } | { ok: false; message: { pl: string; en: string } };

/** Reads the API's `against` value; the error says what is accepted. */
export function parseReferenceSet(text: string): ParsedReferenceSet {
  switch (text) {
    case 'group':
    case 'neighbours':
    case 'voivodeship':
    case 'country':
    case 'similar':
      return { ok: true, set: { kind: text } };
  }
  if (text.startsWith('set:') && SAVED_SET_ID.test(text.slice(4))) {
    return { ok: true, set: { kind: 'custom', setId: text.slice(4) } };
  }
  return {
    ok: false,
    message: {
      pl: `against: oczekiwano group, neighbours, voivodeship, country, similar lub set:ID (ID: litery, cyfry, - i _), podano "${text}"`,
      en: `against: expected group, neighbours, voivodeship, country, similar or set:ID (ID: letters, digits, - and _), found "${text}"`,
    },
  };
}

export function formatReferenceSet(set: ReferenceSet): string {
  switch (set.kind) {
    case 'group':
    case 'neighbours':
    case 'voivodeship':
    case 'country':
    case 'similar':
      return set.kind;
    case 'custom':
      return `set:${set.setId}`;
    default:
      return assertNever(set);
  }
}

/** The lookups a resolution needs, passed in (from the compute job's memory, the store, the geo layer). */
export interface ReferenceLookups {
  /** Codes of every unit of a level in the year (same-level comparisons). */
  readonly unitsOfLevel: (codeLength: number) => readonly string[];
  /** Members of the unit's comparison group that year, or null when it has none (see typology.ts). */
  readonly groupMembers: (code: string) => readonly string[] | null;
  /** Codes sharing a border (see src/sources/geo), or null when no boundary is known for the unit. */
  readonly neighbours: (code: string) => readonly string[] | null;
  /** The k most similar units (see similar.ts), or null when they cannot be computed. */
  readonly similar: (code: string, k: number) => readonly string[] | null;
  /** A saved set's members, or null for an unknown id. */
  readonly customSet: (setId: string) => readonly string[] | null;
}

export type ResolvedReferenceSet =
  | {
      readonly ok: true;
      readonly set: ReferenceSet;
      /** Member codes, sorted. */
      readonly members: readonly string[];
      /** Whether the unit is one of the members (its rank is then among them, else as if added). */
      readonly includesUnit: boolean;
    }
  | {
      readonly ok: false;
      readonly set: ReferenceSet;
      readonly reason: 'not-applicable' | 'unknown-set' | 'no-data';
      readonly message: { readonly pl: string; readonly en: string };
    };

export interface ResolveInput {
  readonly unitCode: string;
  readonly set: ReferenceSet;
  readonly lookups: ReferenceLookups;
}

/** The default k of similar units (issue 5). */
export const DEFAULT_SIMILAR_K = 15;

export function resolveReferenceSet(input: ResolveInput): ResolvedReferenceSet {
  const { unitCode, set, lookups } = input;
  const fail = (reason: 'not-applicable' | 'unknown-set' | 'no-data', pl: string, en: string) =>
    ({ ok: false, set, reason, message: { pl, en } }) as const;
  const done = (members: readonly string[] | null, why: { pl: string; en: string }) => {
    if (members === null) return fail('no-data', why.pl, why.en);
    const sorted = [...new Set(members)].sort();
    return { ok: true, set, members: sorted, includesUnit: sorted.includes(unitCode) } as const;
  };
  // The country is the reference of all others; it has no set of its own level to stand in.
  if (unitCode === POLAND_CODE) {
    return fail(
      'not-applicable',
      'Polska jest punktem odniesienia: nie porównuje się jej z innymi jednostkami',
      'Poland is the reference: it is not compared with other units',
    );
  }
  switch (set.kind) {
    case 'group':
      return done(lookups.groupMembers(unitCode), {
        pl: `jednostka ${unitCode} nie ma grupy porównawczej w tym roku`,
        en: `unit ${unitCode} has no comparison group that year`,
      });
    case 'neighbours':
      return done(lookups.neighbours(unitCode)?.filter((c) => c !== unitCode) ?? null, {
        pl: `brak granic jednostki ${unitCode}`,
        en: `no boundary is known for unit ${unitCode}`,
      });
    case 'voivodeship': {
      if (unitCode.length === 2) {
        return fail(
          'not-applicable',
          'województwo nie ma województwa nadrzędnego: wybierz country',
          'a voivodeship has no voivodeship above it: use country',
        );
      }
      const prefix = unitCode.slice(0, 2);
      return done(
        lookups.unitsOfLevel(unitCode.length).filter((c) => c.startsWith(prefix)),
        { pl: '', en: '' },
      );
    }
    case 'country':
      return done(lookups.unitsOfLevel(unitCode.length), { pl: '', en: '' });
    case 'similar':
      return done(
        lookups.similar(unitCode, set.k ?? DEFAULT_SIMILAR_K)?.filter((c) => c !== unitCode) ?? null,
        {
          pl: `brak zmiennych strukturalnych jednostki ${unitCode}`,
          en: `structural variables are missing for unit ${unitCode}`,
        },
      );
    case 'custom': {
      const members = lookups.customSet(set.setId);
      if (members === null) {
        return fail('unknown-set', `nie ma zestawu ${set.setId}`, `no saved set ${set.setId}`);
      }
      return done(members, { pl: '', en: '' });
    }
    default:
      return assertNever(set);
  }
}
