/**
 * Formula text → syntax tree with positions (recursive descent, usual precedence):
 *
 *   expression := term (("+" | "-") term)*
 *   term       := unary (("*" | "/") unary)*
 *   unary      := "-" unary | primary
 *   primary    := number | name | name "(" [expression ("," expression)*] ")" | "(" expression ")"
 *
 * `-2 * x` is `(-2) * x`, `a - b - c` is `(a - b) - c`, `a / b * c` is `(a / b) * c`, as in arithmetic.
 * Names are resolved later, by the compiler: the parser only knows the shape.
 */
import { FormulaSyntaxError } from './errors.js';
import { tokenize, type Token, type TokenKind } from './lexer.js';

interface Span {
  /** 0-based offsets into the formula: [start, end). */
  readonly start: number;
  readonly end: number;
}

export type FormulaNode =
  | (Span & { readonly type: 'number'; readonly value: number })
  | (Span & { readonly type: 'name'; readonly name: string })
  | (Span & { readonly type: 'negate'; readonly operand: FormulaNode })
  | (Span & {
      readonly type: 'binary';
      readonly operator: '+' | '-' | '*' | '/';
      readonly left: FormulaNode;
      readonly right: FormulaNode;
    })
  | (Span & {
      readonly type: 'call';
      readonly name: string;
      /** Where the function name itself is (for "unknown function" errors). */
      readonly nameEnd: number;
      readonly args: readonly FormulaNode[];
    });

const describeToken = (token: Token): string =>
  token.kind === 'end' ? 'the end of the formula' : `"${token.text}"`;

// Over 80 lines: its steps share many locals and run once, in order; not yet split by concept (issue 19 lists it).
export function parseFormula(formula: string, formulaId: string): FormulaNode {
  const tokens = tokenize(formula, formulaId);
  let index = 0;
  const peek = (): Token => tokens[index] as Token; // the last token is always "end"
  const next = (): Token => tokens[Math.min(index++, tokens.length - 1)] as Token;
  const fail = (token: Token, expected: string): never => {
    throw new FormulaSyntaxError({
      kind: 'syntax',
      formulaId,
      formula,
      start: token.start,
      end: token.end,
      message: `expected ${expected}, found ${describeToken(token)}`,
    });
  };
  const expect = (kind: TokenKind, expected: string): Token => {
    const token = peek();
    if (token.kind !== kind) fail(token, expected);
    return next();
  };

  const expression = (): FormulaNode => {
    let left = term();
    while (peek().kind === '+' || peek().kind === '-') {
      const operator = next().kind as '+' | '-';
      const right = term();
      left = { type: 'binary', operator, left, right, start: left.start, end: right.end };
    }
    return left;
  };
  const term = (): FormulaNode => {
    let left = unary();
    while (peek().kind === '*' || peek().kind === '/') {
      const operator = next().kind as '*' | '/';
      const right = unary();
      left = { type: 'binary', operator, left, right, start: left.start, end: right.end };
    }
    return left;
  };
  const unary = (): FormulaNode => {
    if (peek().kind === '-') {
      const minus = next();
      const operand = unary();
      return { type: 'negate', operand, start: minus.start, end: operand.end };
    }
    return primary();
  };
  const primary = (): FormulaNode => {
    const token = peek();
    if (token.kind === 'number') {
      next();
      return { type: 'number', value: Number(token.text), start: token.start, end: token.end };
    }
    if (token.kind === 'name') {
      next();
      if (peek().kind !== '(') return { type: 'name', name: token.text, start: token.start, end: token.end };
      const open = next();
      const args: FormulaNode[] = [];
      if (peek().kind !== ')') {
        args.push(expression());
        while (peek().kind === ',') {
          next();
          args.push(expression());
        }
      }
      const close = expect(
        ')',
        `"," and another argument, or ")" to close the "(" of ${token.text} at column ${open.start + 1}`,
      );
      return { type: 'call', name: token.text, nameEnd: token.end, args, start: token.start, end: close.end };
    }
    if (token.kind === '(') {
      const open = next();
      const inner = expression();
      expect(')', `an operator (+ - * /) or ")" to close the "(" at column ${open.start + 1}`);
      return inner;
    }
    return fail(token, 'a number, a name, a function call, "(" or "-"');
  };

  const tree = expression();
  const rest = peek();
  if (rest.kind !== 'end') {
    fail(
      rest,
      rest.kind === ','
        ? 'an operator (+ - * /) or the end of the formula ("," only separates the arguments of a function; decimals take ".")'
        : rest.kind === ')'
          ? 'an operator (+ - * /) or the end of the formula (this ")" closes nothing)'
          : 'an operator (+ - * /) or the end of the formula',
    );
  }
  return tree;
}
