/**
 * Units of Polish territorial division as the TERYT TERC register names them.
 *
 * The identity of a unit is its TERYT code: 2 digits for a województwo, 4 for a powiat (WOJ+POW),
 * 7 for a gmina (WOJ+POW+GMI+RODZ). Parts of gminy (town and rural area of a gmina miejsko-wiejska,
 * Warszawa's dzielnice, the delegatury of Kraków, Łódź, Poznań and Wrocław) also have 7-digit codes but are
 * sub-units, never counted as gminy.
 *
 * Poland itself is a unit too (level `kraj`, code "0"): TERC has no code for the country, so SMUP gives it
 * one of a length no TERYT code has (BDL's level 0 "Polska"; its portal exports write 0000000), which
 * keeps "the length of a code is its level" true everywhere. Its values are the source's own (where a file
 * has a Polska row) or the sum of the województwa, and every indicator page uses it as the reference.
 */

export const UNIT_LEVELS = ['kraj', 'wojewodztwo', 'powiat', 'gmina', 'czesc_gminy'] as const;
export type UnitLevel = (typeof UNIT_LEVELS)[number];

/** Kind of unit within its level. Values are stable API identifiers (ASCII, lowercase). */
export const UNIT_KINDS = {
  kraj: ['kraj'],
  wojewodztwo: ['wojewodztwo'],
  powiat: ['ziemski', 'miasto_na_prawach_powiatu'],
  gmina: ['miejska', 'wiejska', 'miejsko-wiejska'],
  czesc_gminy: ['miasto', 'obszar_wiejski', 'dzielnica', 'delegatura'],
} as const satisfies Record<UnitLevel, readonly string[]>;

export type UnitKind = (typeof UNIT_KINDS)[UnitLevel][number];

/** One unit as one register snapshot states it. */
export interface UnitRecord {
  readonly code: string;
  readonly level: UnitLevel;
  readonly kind: UnitKind;
  /** Official name as written in TERC (województwa are upper-case there; see displayName). */
  readonly name: string;
  /** TERC NAZWA_DOD, the official description ("gmina miejska, miasto stołeczne"). */
  readonly description: string;
  /** Code of the unit this one belongs to: powiat → województwo, gmina → powiat, part → gmina. */
  readonly parentCode: string | null;
}

interface Label {
  readonly pl: string;
  readonly en: string;
}

export const LEVEL_LABELS: Record<UnitLevel, Label> = {
  kraj: { pl: 'kraj', en: 'country' },
  wojewodztwo: { pl: 'województwo', en: 'voivodeship' },
  powiat: { pl: 'powiat', en: 'county (powiat)' },
  gmina: { pl: 'gmina', en: 'municipality (gmina)' },
  czesc_gminy: { pl: 'część gminy', en: 'part of a municipality' },
};

export const KIND_LABELS: Record<UnitKind, Label> = {
  kraj: { pl: 'kraj', en: 'country' },
  wojewodztwo: { pl: 'województwo', en: 'voivodeship' },
  ziemski: { pl: 'powiat ziemski', en: 'rural county' },
  miasto_na_prawach_powiatu: { pl: 'miasto na prawach powiatu', en: 'city with county rights' },
  miejska: { pl: 'gmina miejska', en: 'urban municipality' },
  wiejska: { pl: 'gmina wiejska', en: 'rural municipality' },
  'miejsko-wiejska': { pl: 'gmina miejsko-wiejska', en: 'urban-rural municipality' },
  miasto: { pl: 'miasto w gminie miejsko-wiejskiej', en: 'town of an urban-rural municipality' },
  obszar_wiejski: {
    pl: 'obszar wiejski gminy miejsko-wiejskiej',
    en: 'rural area of an urban-rural municipality',
  },
  dzielnica: { pl: 'dzielnica m.st. Warszawy', en: 'district of Warsaw' },
  delegatura: { pl: 'delegatura', en: 'city delegation (delegatura)' },
};

export function isUnitLevel(value: string): value is UnitLevel {
  return (UNIT_LEVELS as readonly string[]).includes(value);
}

export function isUnitKind(value: string): value is UnitKind {
  return Object.values(UNIT_KINDS).some((kinds) => (kinds as readonly string[]).includes(value));
}

/**
 * Name for display: TERC writes województwa in capitals ("DOLNOŚLĄSKIE"); everyone else writes them in
 * lower case ("dolnośląskie"), as GUS does in BDL. Other names are kept as they are.
 */
export function displayName(record: Pick<UnitRecord, 'level' | 'name'>): string {
  return record.level === 'wojewodztwo' ? record.name.toLocaleLowerCase('pl') : record.name;
}

/** The country as a unit of the register (see the note at the top of this file). */
export const POLAND_CODE = '0';
export const POLAND: UnitRecord = {
  code: POLAND_CODE,
  level: 'kraj',
  kind: 'kraj',
  name: 'Polska',
  description: 'kraj (poziom 0 BDL; TERC nie nadaje mu kodu)',
  parentCode: null,
};
