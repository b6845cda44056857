/**
 * Polish text that leaks into an English page (issue 16, point 5). A page's visible text and the texts
 * people hear or see in place of pictures (alt, title, aria-label, placeholder) are split into words; a word
 * is Polish when it has a Polish letter (ą ć ę ł ń ó ś ź ż) or is one of the common Polish words below. Not
 * a leak: proper names — every word of a unit's name (the register's, taken whole from the API), the
 * sources' and institutions' own names (ALLOWED_NAMES) — the Polish terms the English pages use on purpose
 * as names of the kinds of units (gmina, powiat…), and text inside an element marked `lang="pl"` (marked
 * Polish is not a leak: a screen reader switches voice for it, WCAG 3.1.2).
 */

/** Common Polish words with no Polish letter, which the letter test alone would miss. */
const POLISH_WORDS = new Set(
  `brak danych dane wydanie wydania wydaniu wskaznik wskazniki jednostka jednostki jednostek oraz lub dla nie
  jest przez na w z do od po ze we i o liczba udzial dochody wydatki zbior zbioru mediana miejsce pozycja rok
  lata roku gminy gmin powiatu powiaty powiatow wojewodztwa wojewodztwo zrodlo obliczenia wlasne mieszkanca
  osoby uczniowie dzieci miejsca rodziny porady pokaz szukaj pobierz wartosc wartosci kwartyle zobacz wiecej
  najlepsze najslabsze srodkowe sasiedzi grupa porownawcza porownaj tabela wykres mapa razem tys mln mld
  proc zl tak strona glowna`
    .split(/\s+/)
    .filter(Boolean),
);

/** Names used as names in English too: institutions, sources and the kinds of Polish units. */
export const ALLOWED_NAMES: readonly string[] = [
  'Bank Danych Lokalnych',
  'Główny Urząd Statystyczny',
  'Centralna Komisja Egzaminacyjna',
  'Główny Urząd Geodezji i Kartografii',
  'Państwowy Rejestr Granic',
  'Ministerstwo Rodziny, Pracy i Polityki Społecznej',
  'Ministerstwo Rodziny i Polityki Społecznej',
  'Państwowa Straż Pożarna',
  'Rejestr Żłobków',
  'Małopolska',
  'Komenda Główna Państwowej Straży Pożarnej',
  'Dz. U.',
  'gmina',
  'gminas',
  'powiat',
  'powiats',
];

const POLISH_LETTER = /[ąćęłńóśźżĄĆĘŁŃÓŚŹŻ]/;

/** ASCII folding of Polish letters, so "wartość" and "wartosc" meet the same list entry. */
const fold = (word: string): string =>
  word.toLowerCase().replace(/[ąćęłńóśźż]/g, (c) => 'acelnoszz'['ąćęłńóśźż'.indexOf(c)] ?? c);

export interface LeakCheck {
  /** Capitalised words of every unit name of the register (proper names). */
  readonly unitNameWords: ReadonlySet<string>;
}

/**
 * The words of unit names that count as proper names ("Nowa", "Wieś", "Miejsce" of Miejsce Piastowe,
 * "małopolskie"), matched as written: a capitalised word passes capitalised only, and the common Polish
 * words in lower case ("nad", "w") never pass because a name holds them.
 */
export function unitNameWords(names: Iterable<string>): Set<string> {
  const words = new Set<string>();
  for (const name of names) {
    for (const word of name.split(/[^\p{L}]+/u)) {
      if (word && (/^\p{Lu}/u.test(word) || !POLISH_WORDS.has(fold(word)))) words.add(word);
    }
  }
  return words;
}

/** The Polish words of one text (empty when none), after removing the allowed names. */
export function polishWords(text: string, check: LeakCheck): string[] {
  // Addresses, query strings (an embed code's URL) and names in straight quotes (the parameter "rok", the
  // column "razem") are code, not words.
  let rest = text.replace(/(https?:\/\/|\/)[^\s"'<>]*/g, ' ').replace(/"[\w.-]+"/g, ' ');
  for (const name of ALLOWED_NAMES) rest = rest.split(name).join(' ');
  const found: string[] = [];
  for (const raw of rest.split(/[^\p{L}]+/u)) {
    if (!raw) continue;
    if (check.unitNameWords.has(raw)) continue;
    if (POLISH_LETTER.test(raw) || POLISH_WORDS.has(fold(raw))) found.push(raw);
  }
  return found;
}

/**
 * Run in the page (as a string: the test's transpiler may wrap named functions in helpers the page lacks):
 * the visible text nodes and the alt, title, aria-label and placeholder texts, except inside `lang="pl"`,
 * scripts, code (a URL parameter, a formula) and flag symbols (GUS's own, such as "z").
 */
export const PAGE_TEXTS_SCRIPT = `(() => {
  const out = [];
  const skip = (el) =>
    el.closest('[lang]') && el.closest('[lang]').getAttribute('lang') === 'pl' ||
    el.closest('script,style,noscript,template,code,kbd,samp,.flag');
  const walker = document.createTreeWalker(document.documentElement, NodeFilter.SHOW_TEXT);
  while (walker.nextNode()) {
    const node = walker.currentNode;
    const text = node.textContent.trim();
    if (text && node.parentElement && !skip(node.parentElement)) out.push(text);
  }
  for (const el of document.querySelectorAll('[alt],[title],[aria-label],[placeholder]')) {
    if (skip(el)) continue;
    for (const name of ['alt', 'title', 'aria-label', 'placeholder']) {
      const value = el.getAttribute(name);
      if (value && value.trim()) out.push(value.trim());
    }
  }
  return out;
})()`;
