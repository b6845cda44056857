/**
 * TERYT TERC codes and the meaning of the RODZ digit.
 *
 * From the TERC register's documentation (GUS, "Rejestr TERYT — opis"): RODZ 1 gmina miejska, 2 gmina
 * wiejska, 3 gmina miejsko-wiejska, 4 miasto w gminie miejsko-wiejskiej, 5 obszar wiejski w gminie
 * miejsko-wiejskiej, 8 dzielnica m.st. Warszawy, 9 delegatura (Kraków, Łódź, Poznań, Wrocław).
 */
import { POLAND_CODE, type UnitKind, type UnitLevel } from './unit.js';

export const RODZ_KINDS: Readonly<Record<string, { level: UnitLevel; kind: UnitKind }>> = {
  '1': { level: 'gmina', kind: 'miejska' },
  '2': { level: 'gmina', kind: 'wiejska' },
  '3': { level: 'gmina', kind: 'miejsko-wiejska' },
  '4': { level: 'czesc_gminy', kind: 'miasto' },
  '5': { level: 'czesc_gminy', kind: 'obszar_wiejski' },
  '8': { level: 'czesc_gminy', kind: 'dzielnica' },
  '9': { level: 'czesc_gminy', kind: 'delegatura' },
};

const CODE_PATTERN = /^(\d{2})(\d{2})?(\d{2}\d)?$/;

/**
 * A unit code as users and the API write it (the one owner of this rule): "0" Poland, 2 digits a
 * województwo, 4 a powiat, 7 a gmina or part of one. As regular-expression source, for schemas too.
 */
export const UNIT_CODE_SOURCE = '(?:0|\\d{2}(?:\\d{2}(?:\\d{3})?)?)';
export const UNIT_CODE = new RegExp(`^${UNIT_CODE_SOURCE}$`);

/**
 * Level a code can denote, by its length: 1 → the country ("0", see unit.ts), 2 → województwo, 4 → powiat,
 * 7 → gmina or part of one.
 */
export function levelsOfCode(code: string): readonly UnitLevel[] {
  if (code === POLAND_CODE) return ['kraj'];
  if (!CODE_PATTERN.test(code)) return [];
  switch (code.length) {
    case 2:
      return ['wojewodztwo'];
    case 4:
      return ['powiat'];
    case 7:
      return ['gmina', 'czesc_gminy'];
    default:
      return [];
  }
}

export function isTerytCode(code: string): boolean {
  return levelsOfCode(code).length > 0;
}

/** Województwo code (first two digits) of any unit code; null for the country. */
export function voivodeshipCodeOf(code: string): string | null {
  return code === POLAND_CODE ? null : code.slice(0, 2);
}

/** The code length of each level: the one rule every query by length follows. */
export const CODE_LENGTH: Readonly<Record<UnitLevel, number>> = {
  kraj: 1,
  wojewodztwo: 2,
  powiat: 4,
  gmina: 7,
  czesc_gminy: 7,
};

/** The levels of local government (JST) whose units are compared, mapped and published. */
export const JST_LEVELS = ['wojewodztwo', 'powiat', 'gmina'] as const;
export type JstLevel = (typeof JST_LEVELS)[number];

/** The JST level whose codes have this length (2, 4, 7 digits, CODE_LENGTH); null for any other length. */
export function jstLevelOfLength(length: number): JstLevel | null {
  return JST_LEVELS.find((level) => CODE_LENGTH[level] === length) ?? null;
}

/** The JST level of a code by its length (a 7-digit code may also be a part of a gmina: see levelsOfCode). */
export function jstLevelOfCode(code: string): JstLevel | null {
  return jstLevelOfLength(code.length);
}

/**
 * The unit one level up that a code adds into: gmina → powiat, powiat → województwo, województwo → Polska;
 * null for the country and for parts of gminy (which are never summed: their gmina is).
 */
export function aggregateParentOf(code: string): string | null {
  switch (code.length) {
    case 7:
      return code.slice(0, 4);
    case 4:
      return code.slice(0, 2);
    case 2:
      return POLAND_CODE;
    default:
      return null;
  }
}

/** Powiat code (first four digits) of a gmina or part code; null for a województwo or a powiat. */
export function powiatCodeOf(code: string): string | null {
  return code.length === 7 ? code.slice(0, 4) : null;
}

/**
 * The 6-digit WOJ+POW+GMI prefix that a gmina keeps when its kind digit changes (for instance a gmina
 * wiejska becoming miejsko-wiejska when a village gets town rights: 0601052 → 0601053).
 */
export function gminaStem(code: string): string {
  return code.slice(0, 6);
}
