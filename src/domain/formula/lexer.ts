/**
 * Tokens of the formula language. A formula is one line of ASCII: numbers (`1000`, `0.5`), names of
 * catalogue variables, derived variables or indicators (`ludnosc_ogolem`, `edukacja.e8_polski`), the
 * operators `+ - * /`, parentheses and commas. Anything else is refused with its position.
 */
import { FormulaSyntaxError } from './errors.js';

export type TokenKind = 'number' | 'name' | '+' | '-' | '*' | '/' | '(' | ')' | ',' | 'end';

export interface Token {
  readonly kind: TokenKind;
  readonly text: string;
  /** 0-based offsets into the formula: [start, end). */
  readonly start: number;
  readonly end: number;
}

// A name: letters, digits and "_", in dot-separated parts that each start with a letter or "_".
const NAME = /[A-Za-z_][A-Za-z0-9_]*(?:\.[A-Za-z_][A-Za-z0-9_]*)*/y;
// A number: digits, optionally a fraction; no exponent, no leading ".", no thousands separators.
const NUMBER = /[0-9]+(?:\.[0-9]+)?/y;
const SINGLE = new Set<TokenKind>(['+', '-', '*', '/', '(', ')', ',']);

export function tokenize(formula: string, formulaId: string): Token[] {
  const tokens: Token[] = [];
  let at = 0;
  const fail = (start: number, end: number, message: string): never => {
    throw new FormulaSyntaxError({ kind: 'syntax', formulaId, formula, start, end, message });
  };
  while (at < formula.length) {
    const char = formula[at] as string;
    if (char === ' ' || char === '\t') {
      at++;
      continue;
    }
    if (SINGLE.has(char as TokenKind)) {
      tokens.push({ kind: char as TokenKind, text: char, start: at, end: at + 1 });
      at++;
      continue;
    }
    NUMBER.lastIndex = at;
    const number = NUMBER.exec(formula);
    if (number) {
      const end = at + number[0].length;
      // "12abc" or "1.5.2" is a typo, not a number followed by a name.
      if (end < formula.length && /[A-Za-z_.]/.test(formula[end] as string)) {
        fail(
          at,
          end + 1,
          `expected a number (digits, "." before decimals), found "${formula.slice(at, end + 1)}"`,
        );
      }
      tokens.push({ kind: 'number', text: number[0], start: at, end });
      at = end;
      continue;
    }
    NAME.lastIndex = at;
    const name = NAME.exec(formula);
    if (name) {
      const end = at + name[0].length;
      if (formula[end] === '.') fail(end, end + 1, `expected a letter or "_" after "." in a name`);
      tokens.push({ kind: 'name', text: name[0], start: at, end });
      at = end;
      continue;
    }
    fail(at, at + 1, `expected a number, a name, an operator (+ - * /), "(", ")" or ",", found "${char}"`);
  }
  tokens.push({ kind: 'end', text: '', start: formula.length, end: formula.length });
  return tokens;
}
