/**
 * A number with its unit of measure, in agreement (issue 16, point 5): the catalogue writes units in the
 * form for 2–4 ("osoby na km²", "miejsca na 1000 dzieci"), which is wrong after 5 and more ("779 115 osoby"
 * should be "779 115 osób"). The first word of a unit is a counted noun; it takes the form the number asks
 * for: one (1), few (2–4, 22–24…), many (5–21, 25…), and a number with decimals (even ",0") the genitive
 * singular, which in Polish is the same as the few form for these nouns ("2,5 osoby", "139,3 miejsca"). Units whose first word
 * is not in the list (%, zł, km, pkt proc.) are shown as they are.
 *
 * Pure, in the domain so that the portal (web/measure-unit.ts) and the reports (domain/report, reports/)
 * write units the same way: the reports may not import web/.
 */
import { measureUnitInEnglish } from './measure-unit-en.js';
import { formatNumber, type Lang } from './number-words.js';

/** one / few / many of each counted noun the catalogue's units start with (catalog/areas/*.yaml). */
export const NOUNS: Readonly<Record<string, readonly [one: string, few: string, many: string]>> = {
  osoby: ['osoba', 'osoby', 'osób'],
  mieszkania: ['mieszkanie', 'mieszkania', 'mieszkań'],
  zdarzenia: ['zdarzenie', 'zdarzenia', 'zdarzeń'],
  woluminy: ['wolumin', 'woluminy', 'woluminów'],
  uczniowie: ['uczeń', 'uczniów', 'uczniów'],
  uczestnicy: ['uczestnik', 'uczestników', 'uczestników'],
  rodziny: ['rodzina', 'rodziny', 'rodzin'],
  porady: ['porada', 'porady', 'porad'],
  organizacje: ['organizacja', 'organizacje', 'organizacji'],
  miejsca: ['miejsce', 'miejsca', 'miejsc'],
  imprezy: ['impreza', 'imprezy', 'imprez'],
  dzieci: ['dziecko', 'dzieci', 'dzieci'],
  czytelnicy: ['czytelnik', 'czytelników', 'czytelników'],
  gospodarstwa: ['gospodarstwo', 'gospodarstwa', 'gospodarstw'],
};

/**
 * Masculine-personal nouns (uczniowie, uczestnicy, czytelnicy) take the genitive after 2–4 too ("3
 * uczniów") but the nominative-like form after a fraction is the genitive singular ("2,5 ucznia"): kept
 * apart here.
 */
export const FRACTION: Readonly<Record<string, string>> = {
  uczniowie: 'ucznia',
  uczestnicy: 'uczestnika',
  czytelnicy: 'czytelnika',
  dzieci: 'dziecka',
  osoby: 'osoby',
  mieszkania: 'mieszkania',
  zdarzenia: 'zdarzenia',
  woluminy: 'woluminu',
  rodziny: 'rodziny',
  porady: 'porady',
  organizacje: 'organizacji',
  miejsca: 'miejsca',
  imprezy: 'imprezy',
  gospodarstwa: 'gospodarstwa',
};

/**
 * The accusative of "one" where it differs from the nominative: after "o" or "wynosi" ("zmienił się o 1
 * osobę", "mediana wynosi 1 ucznia"). Neuter and inanimate nouns keep the nominative (1 miejsce, 1
 * wolumin); after 2 and more, and after a fraction, the accusative is the form already chosen.
 */
export const ACCUSATIVE_ONE: Readonly<Record<string, string>> = {
  osoby: 'osobę',
  rodziny: 'rodzinę',
  porady: 'poradę',
  organizacje: 'organizację',
  imprezy: 'imprezę',
  uczniowie: 'ucznia',
  uczestnicy: 'uczestnika',
  czytelnicy: 'czytelnika',
};

/** The grammatical case the unit's noun stands in: the nominative unless told. */
export interface AgreementOptions {
  /** The number is the object of "o" / "wynosi": "o 1 osobę" rather than "1 osoba". */
  readonly accusative?: boolean;
}

const rules = new Intl.PluralRules('pl-PL');

/** The unit on its own (a caption, a column header): as written in Polish, translated in English. */
export function unitText(unit: string, lang: Lang): string {
  return lang === 'en' ? (measureUnitInEnglish(unit) ?? unit) : unit;
}

/** The unit in the form the shown number (as rounded to `decimals`) asks for; a sign does not count ("+100 osób"). */
export function unitFor(
  value: number,
  decimals: number,
  unit: string,
  lang: Lang,
  { accusative = false }: AgreementOptions = {},
): string {
  if (lang !== 'pl') return unitText(unit, lang);
  const [first = '', ...rest] = unit.split(' ');
  const forms = NOUNS[first];
  if (!forms) return unit;
  // A number shown with decimals reads as a fraction even when they are zeros ("19,0 osoby").
  const shown = Number(value.toFixed(decimals));
  let word: string;
  if (decimals > 0 || !Number.isInteger(shown)) word = FRACTION[first] ?? first;
  else {
    const rule = rules.select(Math.abs(shown));
    word =
      rule === 'one'
        ? ((accusative ? ACCUSATIVE_ONE[first] : undefined) ?? forms[0])
        : rule === 'few'
          ? forms[1]
          : forms[2];
  }
  return [word, ...rest].join(' ');
}

/** "779 115 osób", "2,5 osoby", "12,3 %": the number as shown and its unit in agreement. */
export function withUnit(value: number | null, decimals: number, unit: string, lang: Lang): string {
  if (value === null) return formatNumber(value, decimals, lang);
  return `${formatNumber(value, decimals, lang)} ${unitFor(value, decimals, unit, lang)}`;
}
