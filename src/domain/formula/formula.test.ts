import { describe, expect, it } from 'vitest';
import { compileDefinitions, compileFormula, type FormulaEnvironment } from './compiler.js';
import { formatFormulaError, FormulaSyntaxError } from './errors.js';
import type { GetCell, InputCell } from './evaluation.js';
import { parseFormula } from './parser.js';

// A tiny store: variable → unit → year → cell. Unit "A" is a gmina with round numbers.
type Cells = Record<string, Record<number, InputCell>>;
const store =
  (cells: Cells): GetCell =>
  (variable, unit, year) =>
    unit === 'A' ? cells[variable]?.[year] : undefined;
const plain = (value: number | null, flag: number | null = null): InputCell => ({ value, flag });

const env = (definitions: Record<string, string> = {}): FormulaEnvironment => ({
  variables: new Map([
    ['x', 'src:x'],
    ['y', 'src:y'],
    ['z', 'src:z'],
    ['pop', 'src:pop'],
    ['area', 'src:area'],
  ]),
  definitions: new Map(Object.entries(definitions)),
  population: 'pop',
  area: 'area',
});

const DATA: Cells = {
  'src:x': { 2018: plain(40), 2019: plain(50), 2020: plain(60) },
  'src:y': { 2019: plain(200), 2020: plain(0) },
  'src:z': { 2019: plain(3) },
  'src:pop': { 2019: plain(2000), 2020: plain(0) },
  'src:area': { 2019: plain(25) },
};

/** Compiles `formula` against env() and evaluates it for unit A in `year` over `cells`. */
function evaluate(formula: string, year = 2019, cells: Cells = DATA) {
  const compiled = compileFormula('test', formula, env());
  if (!compiled.ok) throw new Error(compiled.errors.map(formatFormulaError).join('\n'));
  return compiled.formula.evaluate({ unit: 'A', year, get: store(cells) });
}
const valueOf = (formula: string, year = 2019, cells: Cells = DATA) => evaluate(formula, year, cells).value;

describe('operators', () => {
  it('computes + - * / with the usual precedence and left associativity', () => {
    expect(valueOf('x + y')).toBe(250); // 50 + 200
    expect(valueOf('y - x - z')).toBe(147); // (200 - 50) - 3, not 200 - (50 - 3) = 153
    expect(valueOf('x + y * z')).toBe(650); // 50 + 600: * before +
    expect(valueOf('(x + y) * z')).toBe(750); // parentheses first: 250 × 3
    expect(valueOf('y / x * z')).toBe(12); // (200 ÷ 50) × 3, not 200 ÷ 150
    expect(valueOf('x / 4')).toBe(12.5);
    expect(valueOf('1.5 * 2')).toBe(3);
  });
  it('negates with unary minus, also twice and before parentheses', () => {
    expect(valueOf('-x')).toBe(-50);
    expect(valueOf('--x')).toBe(50);
    expect(valueOf('-(x - y)')).toBe(150); // -(50 - 200)
    expect(valueOf('-2 * x')).toBe(-100); // (-2) × 50
    expect(valueOf('x - -z')).toBe(53); // 50 − (−3)
  });
  it('gives 0, not -0, for a zero result', () => {
    expect(Object.is(valueOf('-(x - x)'), 0)).toBe(true);
  });
});

describe('functions', () => {
  it('per_capita, per_1000 and per_10000 divide by the population named in the config', () => {
    expect(valueOf('per_capita(y)')).toBe(0.1); // 200 ÷ 2000
    expect(valueOf('per_1000(x)')).toBe(25); // 50 ÷ 2000 × 1000
    expect(valueOf('per_10000(z)')).toBe(15); // 3 ÷ 2000 × 10000
  });
  it('per_km2 divides by the area named in the config', () => {
    expect(valueOf('per_km2(pop)')).toBe(80); // 2000 persons ÷ 25 km²
  });
  it('sum adds any number of arguments', () => {
    expect(valueOf('sum(x)')).toBe(50);
    expect(valueOf('sum(x, y, z)')).toBe(253); // 50 + 200 + 3
  });
  it('share is part ÷ whole in percent', () => {
    expect(valueOf('share(x, y)')).toBe(25); // 50 of 200 = 25 %
  });
  it('lag reads the value k years earlier, also inside expressions, and nests', () => {
    expect(valueOf('lag(x, 1)', 2020)).toBe(50); // x in 2019
    expect(valueOf('lag(x, 2)', 2020)).toBe(40); // x in 2018
    expect(valueOf('lag(lag(x, 1), 1)', 2020)).toBe(40); // two years back
    // growth rate 2019→2020: (60 − 50) ÷ 50 × 100 = 20 %
    expect(valueOf('(x - lag(x, 1)) / lag(x, 1) * 100', 2020)).toBe(20);
    expect(valueOf('lag(x + 10, 1)', 2019)).toBe(50); // (x in 2018) + 10 = 40 + 10
  });
});

describe('missing values', () => {
  it('a missing input gives a missing value naming the variable, unit and year, never 0', () => {
    // z has no value for 2020 (y does): the sum is missing, not 60 + 0.
    expect(evaluate('sum(x, z)', 2020)).toEqual({
      value: null,
      flags: [],
      reason: 'missing-input',
      detail: 'src:z for A in 2020',
    });
  });
  it('a value stored as null (empty, or flagged "-") is a missing input', () => {
    const cells: Cells = { ...DATA, 'src:z': { 2019: plain(null, 15) } };
    expect(evaluate('x + z', 2019, cells)).toMatchObject({
      value: null,
      reason: 'missing-input',
      detail: 'src:z for A in 2019 (flag 15)',
      flags: [15],
    });
  });
  it('a "not yet available" flag (50 "n") makes the input missing even with a number', () => {
    const cells: Cells = { ...DATA, 'src:z': { 2019: plain(7, 50) } };
    expect(evaluate('x + z', 2019, cells)).toMatchObject({
      value: null,
      reason: 'missing-input',
      flags: [50],
    });
  });
  it('a lag before the start of the series is a missing input, saying which earlier year', () => {
    // x starts in 2018, so the growth of 2018 needs x of 2017, which does not exist.
    expect(evaluate('(x - lag(x, 1)) / lag(x, 1) * 100', 2018)).toMatchObject({
      value: null,
      reason: 'missing-input',
      detail: 'src:x for A in 2017 (1 year(s) before 2018)',
    });
  });
  it('when no input exists at all for the unit and year the reason is no-input-data', () => {
    expect(evaluate('x + y', 2030).reason).toBe('no-input-data');
    const other = compileFormula('t', 'x', env());
    if (!other.ok) throw new Error('compile');
    expect(other.formula.evaluate({ unit: 'B', year: 2019, get: store(DATA) }).reason).toBe('no-input-data');
  });
});

describe('division by zero', () => {
  it('x / 0 is missing with reason division-by-zero, never Infinity', () => {
    expect(evaluate('x / (z - 3)')).toEqual({
      value: null,
      flags: [],
      reason: 'division-by-zero',
      detail: 'z - 3 is 0 for A in 2019',
    });
    expect(evaluate('x / 0').reason).toBe('division-by-zero');
    expect(evaluate('(x - x) / (x - x)').reason).toBe('division-by-zero'); // 0/0 too, never NaN
  });
  it('share of a zero whole and per_capita of a zero population are missing', () => {
    expect(evaluate('share(x, y)', 2020)).toMatchObject({
      value: null,
      reason: 'division-by-zero',
      detail: 'y is 0 for A in 2020',
    });
    expect(evaluate('per_1000(x)', 2020)).toMatchObject({
      value: null,
      reason: 'division-by-zero',
      detail: 'the population (normalisation.population) is 0 for A in 2020',
    });
  });
  it('a missing numerator is reported as missing, not as a division by zero', () => {
    expect(evaluate('z / y', 2020).reason).toBe('missing-input'); // z absent in 2020, y = 0
  });
  it('an overflow is missing with reason not-finite', () => {
    const cells: Cells = { 'src:x': { 2019: plain(1e300) } };
    expect(evaluate('x * x', 2019, cells)).toMatchObject({ value: null, reason: 'not-finite' });
  });
});

describe('flags', () => {
  it('a preliminary input (9 "s") gives a value that carries its flag', () => {
    const cells: Cells = { ...DATA, 'src:y': { 2019: plain(200, 9) } };
    expect(evaluate('x + y', 2019, cells)).toEqual({ value: 250, flags: [9], reason: null, detail: null });
  });
  it('lists the union of the input flags, each once, ascending; plain values (1) add none', () => {
    const cells: Cells = {
      'src:x': { 2019: plain(50, 11) },
      'src:y': { 2019: plain(200, 9) },
      'src:z': { 2019: plain(3, 1) },
      'src:pop': { 2019: plain(2000, 9) },
    };
    expect(evaluate('per_capita(x + y + z)', 2019, cells)).toMatchObject({ value: 0.1265, flags: [9, 11] }); // 253 ÷ 2000
  });
  it('a confidential input (4 "x") suppresses the result and outranks a missing one', () => {
    const cells: Cells = { 'src:x': { 2019: plain(50, 4) }, 'src:y': { 2019: plain(200) } };
    expect(evaluate('x + y', 2019, cells)).toEqual({
      value: null,
      flags: [4],
      reason: 'confidential-input',
      detail: 'src:x for A in 2019 (flag 4)',
    });
    // z is absent too, but the confidential input is the reason shown (it is the more serious).
    expect(evaluate('z + x', 2019, cells).reason).toBe('confidential-input');
  });
  it('collects the flags of every input even when one is missing (no short-circuit)', () => {
    const cells: Cells = { 'src:y': { 2019: plain(200, 9) } };
    expect(evaluate('x + y', 2019, cells)).toMatchObject({
      value: null,
      reason: 'missing-input',
      flags: [9],
    });
  });
});

describe('definitions', () => {
  it('indicators may use derived variables and other indicators, inlined, inputs listed', () => {
    const { compiled, errors } = compileDefinitions(
      env({ total: 'x + y', 'area.share_x': 'share(x, total)' }),
    );
    expect(errors).toEqual([]);
    const shareX = compiled.get('area.share_x');
    expect(shareX?.inputs).toEqual(['src:x', 'src:y']);
    expect(shareX?.evaluate({ unit: 'A', year: 2019, get: store(DATA) }).value).toBe(20); // 50 of 250
  });
  it('maxLag says how far back a formula reads', () => {
    const { compiled } = compileDefinitions(env({ g: 'lag(x, 2) - lag(lag(x, 1), 2)', h: 'lag(g, 1)' }));
    expect(compiled.get('g')?.maxLag).toBe(3);
    expect(compiled.get('h')?.maxLag).toBe(4);
  });
  it('reports a cycle through definitions as a → b → a, once', () => {
    const { compiled, errors } = compileDefinitions(env({ a: 'b + 1', b: 'x * a', c: 'c' }));
    expect(errors.map((e) => `${e.formulaId}: ${e.message}`)).toEqual([
      'b: a formula may not use itself, even through others: a → b → a',
      'c: a formula may not use itself, even through others: c → c',
    ]);
    expect(compiled.size).toBe(0);
  });
  it('a formula using a definition with errors is not compiled, and not reported twice', () => {
    const { compiled, errors } = compileDefinitions(env({ bad: 'x +', good: 'x', user: 'bad + good' }));
    expect(errors.map((e) => e.formulaId)).toEqual(['bad']);
    expect([...compiled.keys()]).toEqual(['good']);
  });
});

describe('compile errors', () => {
  const errorsOf = (formula: string) => {
    const result = compileFormula('edukacja.test', formula, env());
    return result.ok ? [] : result.errors.map(formatFormulaError);
  };
  it('names an unknown variable with its position and a suggestion', () => {
    expect(errorsOf('x + pops')).toEqual([
      'edukacja.test, column 5: expected the name of a variable of catalog/variables.yaml, a derived variable or an indicator, found "pops"; did you mean "pop"?\n' +
        '    x + pops\n' +
        '        ^^^^',
    ]);
  });
  it('reports every unknown name of a formula, not only the first', () => {
    expect(errorsOf('foo + bar')).toHaveLength(2);
  });
  it('refuses a wrong number of arguments, naming the function signature', () => {
    expect(errorsOf('share(x)')[0]).toContain(
      'column 1: share takes 2 arguments, found 1: share(part, whole)',
    );
    expect(errorsOf('per_capita(x, y)')[0]).toContain('per_capita takes 1 argument, found 2');
    expect(errorsOf('sum()')[0]).toContain('sum takes at least 1 argument, found 0');
  });
  it('refuses an unknown function and a function used as a name', () => {
    expect(errorsOf('per_capta(x)')[0]).toContain('found "per_capta"; did you mean "per_capita"?');
    // Only the functions of the language exist: a JavaScript name is just an unknown function.
    expect(errorsOf('process.exit()')[0]).toContain('expected one of the functions per_capita');
    expect(errorsOf('x + share')[0]).toContain('share is a function: write share(part, whole)');
  });
  it('lag needs a whole number of years as a literal', () => {
    expect(errorsOf('lag(x, y)')[0]).toContain('column 8: expected a whole number of years from 1 to 50');
    expect(errorsOf('lag(x, 1.5)')).toHaveLength(1);
    expect(errorsOf('lag(x, 0)')).toHaveLength(1);
  });
  it('per_capita without a population in the config says where to set it', () => {
    const result = compileFormula('t', 'per_capita(x)', { ...env(), population: null });
    expect(result.ok ? '' : result.errors[0]?.message).toBe(
      'per_capita divides by the population: name its variable in catalog/config.yaml (normalisation.population)',
    );
  });
});

describe('parseFormula', () => {
  const syntaxError = (formula: string): string => {
    try {
      parseFormula(formula, 'kultura.x');
    } catch (error) {
      if (error instanceof FormulaSyntaxError) return error.message;
    }
    return 'no error';
  };
  it('keeps the positions of every node', () => {
    expect(parseFormula('share(a, b + 1)', 't')).toMatchObject({
      type: 'call',
      name: 'share',
      start: 0,
      end: 15,
      args: [
        { type: 'name', name: 'a', start: 6, end: 7 },
        { type: 'binary', operator: '+', start: 9, end: 14 },
      ],
    });
  });
  it('accepts dotted names (indicator ids)', () => {
    expect(parseFormula('edukacja.e8_polski * 2', 't')).toMatchObject({
      type: 'binary',
      left: { type: 'name', name: 'edukacja.e8_polski' },
    });
  });
  it('points a caret at an unclosed call', () => {
    expect(syntaxError('share(a, b')).toBe(
      'kultura.x, column 11: expected "," and another argument, or ")" to close the "(" of share at column 6, found the end of the formula\n' +
        '    share(a, b\n' +
        '              ^',
    );
  });
  it('points at a missing operand', () => {
    expect(syntaxError('a + * b')).toContain(
      'column 5: expected a number, a name, a function call, "(" or "-", found "*"',
    );
    expect(syntaxError('')).toContain(
      'column 1: expected a number, a name, a function call, "(" or "-", found the end of the formula',
    );
  });
  it('points at an unmatched parenthesis', () => {
    expect(syntaxError('(a + b')).toContain(
      'column 7: expected an operator (+ - * /) or ")" to close the "(" at column 1',
    );
    expect(syntaxError('a + b)')).toContain(
      'column 6: expected an operator (+ - * /) or the end of the formula (this ")" closes nothing)',
    );
  });
  it('refuses characters outside the language (no eval: nothing else can run)', () => {
    expect(syntaxError('a ^ 2')).toContain(
      'column 3: expected a number, a name, an operator (+ - * /), "(", ")" or ",", found "^"',
    );
  });
  it('refuses malformed numbers and a decimal comma', () => {
    expect(syntaxError('12abc')).toContain('column 1: expected a number');
    expect(syntaxError('1,5')).toContain('"," only separates the arguments of a function; decimals take "."');
    expect(syntaxError('a. b')).toContain('column 2: expected a letter or "_" after "." in a name');
  });
});

describe('first: sources of one concept by priority', () => {
  it('takes the first argument with a value, in the order given', () => {
    expect(valueOf('first(x, y)')).toBe(50); // x 2019 = 50 exists: y is not used
    expect(valueOf('first(z, x)', 2020)).toBe(60); // z has no 2020: x 2020 = 60
    expect(valueOf('first(z, y, x)', 2020)).toBe(0); // y 2020 is a real 0, a value like any other
    expect(valueOf('first(z, x) * 2', 2020)).toBe(120); // inside an expression
    expect(valueOf('x + first(z, y)')).toBe(53); // 50 + z 2019 = 3
    expect(valueOf('first(x, lag(x, 1))', 2021)).toBe(60); // x 2021 missing: x of 2020
  });
  it('keeps the flags of the chosen argument only', () => {
    const cells: Cells = { 'src:x': { 2019: plain(null, 15) }, 'src:y': { 2019: plain(7, 9) } };
    // x is "-" (flag 15, missing): forgotten with its flag; y = 7 brings its preliminary flag 9.
    expect(evaluate('first(x, y)', 2019, cells)).toEqual({
      value: 7,
      flags: [9],
      reason: null,
      detail: null,
    });
    // y chosen first: x is never read, so its flag cannot leak into the result.
    expect(evaluate('first(y, x)', 2019, cells).flags).toEqual([9]);
  });
  it('falls through a zero denominator, but never through a confidential value', () => {
    expect(valueOf('first(x / (z - 3), y)')).toBe(200); // 50 / 0 has no value: y 2019 = 200
    const cells: Cells = { 'src:x': { 2019: plain(5, 4) }, 'src:y': { 2019: plain(7) } };
    // x is under confidentiality ("x", flag 4): a lower-priority source must not stand in for it.
    expect(evaluate('first(x, y)', 2019, cells)).toMatchObject({ value: null, reason: 'confidential-input' });
  });
  it('is missing when no argument has a value, naming every argument tried, never 0', () => {
    // z has 2019 only: in 2020 z is missing and lag(z, 1) is z 2019 = 3.
    expect(valueOf('first(z, lag(z, 1))', 2020)).toBe(3);
    expect(evaluate('first(z, y * 0 + lag(z, 5))', 2020)).toMatchObject({
      value: null,
      reason: 'missing-input',
      detail:
        'no argument of first() has a value (z: src:z for A in 2020; y * 0 + lag(z, 5): src:z for A in 2015 (5 year(s) before 2020))',
    });
    expect(evaluate('first(x, y)', 2030).reason).toBe('no-input-data'); // nothing at all for 2030
  });
  it('takes at least two arguments', () => {
    const compiled = compileFormula('test', 'first(x)', env());
    expect(compiled.ok).toBe(false);
    if (!compiled.ok)
      expect(compiled.errors[0]?.message).toBe(
        'first takes at least 2 arguments, found 1: first(a, b, …) = the first argument with a usable value, in the order given',
      );
  });
});

describe('requiredInputs', () => {
  const required = (formula: string, definitions: Record<string, string> = {}) => {
    const compiled = compileFormula('t', formula, env(definitions));
    if (!compiled.ok) throw new Error(compiled.errors[0]?.message);
    return [compiled.formula.requiredInputs, compiled.formula.inputs];
  };
  it('lists the inputs every evaluation reads, not those only inside first()', () => {
    expect(required('per_capita(x) + y')).toEqual([
      ['src:pop', 'src:x', 'src:y'],
      ['src:pop', 'src:x', 'src:y'],
    ]);
    expect(required('first(x, y) / z')).toEqual([['src:z'], ['src:x', 'src:y', 'src:z']]);
    // Through a definition: what the definition needs, the formula needs.
    expect(required('d * 2', { d: 'first(x, z) + y' })).toEqual([['src:y'], ['src:x', 'src:y', 'src:z']]);
    expect(required('lag(x, 1)')).toEqual([['src:x'], ['src:x']]);
  });
});
