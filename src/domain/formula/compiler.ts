/**
 * Syntax tree → a tree of closures, once per formula; evaluating a cell then only calls closures (no
 * parsing, no name look-up), fast enough for every indicator × unit × year of a release.
 *
 *   "per_1000(czytelnicy)"  ──parse──►  call per_1000 [name czytelnicy]
 *        ──compile──►  (s, y) => s.read('bdl:35719', y) / s.read('gus-bdl-portal:…', y) * 1000
 *
 * Names resolve, in this order, to a catalogue variable (a stored variable id) or to a definition (a
 * derived variable or an indicator, compiled in turn and inlined, so indicators may build on each
 * other); a chain that comes back to itself is reported as `a → b → a`.
 */
// Over 400 lines: the compiler of the formula language with its function table; the parser and evaluation are their own modules.
import { FormulaSyntaxError, type FormulaError } from './errors.js';
import { EvaluationState, type EvaluationContext, type FormulaResult } from './evaluation.js';
import { parseFormula, type FormulaNode } from './parser.js';

/** Where the names of formulas point. */
export interface FormulaEnvironment {
  /** Name used in formulas → stored variable id (`ludnosc_produkcyjny` → `bdl:152`). */
  readonly variables: ReadonlyMap<string, string>;
  /** Name → formula text, for names defined by a formula (derived variables, indicators). */
  readonly definitions: ReadonlyMap<string, string>;
  /** The name per_capita, per_1000 and per_10000 divide by (from the catalogue config), if any. */
  readonly population: string | null;
  /** The name per_km2 divides by (km²), if any. */
  readonly area: string | null;
}

export interface CompiledFormula {
  readonly id: string;
  readonly formula: string;
  /** Stored variable ids the formula reads, directly or through definitions, sorted. */
  readonly inputs: readonly string[];
  /**
   * Inputs every evaluation needs: those not only inside `first(…)` alternatives. When the release lacks one,
   * no cell can have a value, so compute skips the formula without evaluating it.
   */
  readonly requiredInputs: readonly string[];
  /** How many years before the evaluated year it reads at most (from `lag`). */
  readonly maxLag: number;
  /** Pure: the value for one unit and year, from the data access passed in. */
  evaluate(context: EvaluationContext): FormulaResult;
}

type Closure = (state: EvaluationState, year: number) => number;

interface Compiled {
  readonly closure: Closure;
  readonly inputs: ReadonlySet<string>;
  readonly required: ReadonlySet<string>;
  readonly maxLag: number;
}

interface FunctionSpec {
  readonly min: number;
  readonly max: number;
  readonly signature: string;
}

/**
 * The functions of the language: name → how many arguments (min, max) and what it does (for errors). A
 * Map, not an object: a formula's `toString(x)` or a variable named `constructor` must not find
 * Object.prototype's members (issue 19).
 */
export const FUNCTIONS: ReadonlyMap<string, FunctionSpec> = new Map([
  ['per_capita', { min: 1, max: 1, signature: 'per_capita(x) = x ÷ population' }],
  ['per_1000', { min: 1, max: 1, signature: 'per_1000(x) = x ÷ population × 1000' }],
  ['per_10000', { min: 1, max: 1, signature: 'per_10000(x) = x ÷ population × 10000' }],
  ['per_km2', { min: 1, max: 1, signature: 'per_km2(x) = x ÷ area in km²' }],
  ['sum', { min: 1, max: Infinity, signature: 'sum(a, b, …) = a + b + … (missing if any is missing)' }],
  ['share', { min: 2, max: 2, signature: 'share(part, whole) = part ÷ whole × 100 (%)' }],
  ['lag', { min: 2, max: 2, signature: 'lag(x, k) = x of k years earlier (k a whole number 1–50)' }],
  [
    'first',
    {
      min: 2,
      max: Infinity,
      signature: 'first(a, b, …) = the first argument with a usable value, in the order given',
    },
  ],
]);
const MAX_LAG = 50;

/**
 * Compiles every definition of the environment (derived variables and indicators) at once. Returns the
 * compiled formulas of those without errors, and every error found (each formula reported once).
 */
export function compileDefinitions(environment: FormulaEnvironment): {
  compiled: Map<string, CompiledFormula>;
  errors: FormulaError[];
} {
  const compiler = new Compiler(environment);
  const compiled = new Map<string, CompiledFormula>();
  for (const id of environment.definitions.keys()) {
    const result = compiler.definition(id, []);
    if (result !== null) compiled.set(id, compiler.wrap(id, environment.definitions.get(id) ?? '', result));
  }
  return { compiled, errors: compiler.errors };
}

/** Compiles one formula that is not itself a definition (an ad-hoc expression), against the environment. */
export function compileFormula(
  id: string,
  formula: string,
  environment: FormulaEnvironment,
): { ok: true; formula: CompiledFormula } | { ok: false; errors: FormulaError[] } {
  const compiler = new Compiler(environment);
  const result = compiler.text(id, formula, [id]);
  return result === null || compiler.errors.length > 0
    ? { ok: false, errors: compiler.errors }
    : { ok: true, formula: compiler.wrap(id, formula, result) };
}

class Compiler {
  readonly errors: FormulaError[] = [];
  /** Definitions compiled so far; null = it has errors (reported once, where they are). */
  private readonly done = new Map<string, Compiled | null>();

  constructor(private readonly env: FormulaEnvironment) {}

  wrap(id: string, formula: string, compiled: Compiled): CompiledFormula {
    const { closure } = compiled;
    return {
      id,
      formula,
      inputs: [...compiled.inputs].sort(),
      requiredInputs: [...compiled.required].sort(),
      maxLag: compiled.maxLag,
      evaluate({ unit, year, get }) {
        const state = new EvaluationState(unit, year, get);
        return state.result(closure(state, year));
      },
    };
  }

  /** A definition by name; `chain` is the path of definitions that led here (for cycles). */
  definition(id: string, chain: readonly string[]): Compiled | null {
    if (this.done.has(id)) return this.done.get(id) ?? null;
    const formula = this.env.definitions.get(id) ?? '';
    const result = this.text(id, formula, [...chain, id]);
    this.done.set(id, result);
    return result;
  }

  text(id: string, formula: string, chain: readonly string[]): Compiled | null {
    let tree: FormulaNode;
    try {
      tree = parseFormula(formula, id);
    } catch (error) {
      if (error instanceof FormulaSyntaxError) {
        this.errors.push(error.error);
        return null;
      }
      throw error;
    }
    const before = this.errors.length;
    const scope = new Scope(this, id, formula, chain);
    const closure = scope.node(tree);
    if (this.errors.length > before || scope.failed) return null;
    return { closure, inputs: scope.inputs, required: scope.required, maxLag: scope.maxLag };
  }

  /** A name: a stored variable, or a definition compiled (once) and inlined. */
  resolve(name: string, chain: readonly string[]): Compiled | 'unknown' | 'cycle' | null {
    const variableId = this.env.variables.get(name);
    if (variableId !== undefined) {
      return {
        closure: (state, year) => state.read(variableId, year),
        inputs: new Set([variableId]),
        required: new Set([variableId]),
        maxLag: 0,
      };
    }
    if (!this.env.definitions.has(name)) return 'unknown';
    if (chain.includes(name)) return 'cycle';
    return this.definition(name, chain);
  }

  get population(): string | null {
    return this.env.population;
  }

  get area(): string | null {
    return this.env.area;
  }

  get knownNames(): string[] {
    return [...this.env.variables.keys(), ...this.env.definitions.keys()];
  }
}

/** Compiles the nodes of one formula, collecting its inputs and errors. */
class Scope {
  readonly inputs = new Set<string>();
  /** Inputs read outside any `first(…)` (see CompiledFormula.requiredInputs). */
  readonly required = new Set<string>();
  /** > 0 while compiling the alternatives of `first(…)`: what they read is not required. */
  private optionalDepth = 0;
  maxLag = 0;
  /** A definition it uses has errors (reported there): this one cannot be compiled either. */
  failed = false;

  constructor(
    private readonly compiler: Compiler,
    private readonly id: string,
    private readonly formula: string,
    private readonly chain: readonly string[],
  ) {}

  private error(kind: FormulaError['kind'], start: number, end: number, message: string): Closure {
    this.compiler.errors.push({ kind, formulaId: this.id, formula: this.formula, start, end, message });
    return () => NaN;
  }

  private uses(compiled: Compiled, lag = 0): void {
    for (const input of compiled.inputs) this.inputs.add(input);
    if (this.optionalDepth === 0) for (const input of compiled.required) this.required.add(input);
    this.maxLag = Math.max(this.maxLag, compiled.maxLag + lag);
  }

  private name(name: string, start: number, end: number, via?: string): Closure {
    const resolved = this.compiler.resolve(name, this.chain);
    if (resolved === 'unknown') {
      const asFunction = FUNCTIONS.get(name);
      if (asFunction) {
        return this.error('unknown-name', start, end, `${name} is a function: write ${asFunction.signature}`);
      }
      const hint = closest(name, this.compiler.knownNames);
      return this.error(
        'unknown-name',
        start,
        end,
        `expected the name of a variable of catalog/variables.yaml, a derived variable or an indicator, ` +
          `found "${name}"${via ? ` (${via})` : ''}${hint ? `; did you mean "${hint}"?` : ''}`,
      );
    }
    if (resolved === 'cycle') {
      const from = this.chain.indexOf(name);
      const cycle = [...this.chain.slice(from), name].join(' → ');
      return this.error('cycle', start, end, `a formula may not use itself, even through others: ${cycle}`);
    }
    if (resolved === null) {
      this.failed = true;
      return () => NaN;
    }
    this.uses(resolved);
    return resolved.closure;
  }

  node(node: FormulaNode): Closure {
    switch (node.type) {
      case 'number': {
        const value = node.value;
        return () => value;
      }
      case 'name':
        return this.name(node.name, node.start, node.end);
      case 'negate': {
        const operand = this.node(node.operand);
        return (s, y) => -operand(s, y);
      }
      case 'binary': {
        const left = this.node(node.left);
        const right = this.node(node.right);
        switch (node.operator) {
          case '+':
            return (s, y) => left(s, y) + right(s, y);
          case '-':
            return (s, y) => left(s, y) - right(s, y);
          case '*':
            return (s, y) => left(s, y) * right(s, y);
          case '/':
            return divide(left, right, this.formula.slice(node.right.start, node.right.end));
        }
        break;
      }
      case 'call':
        return this.call(node);
    }
    throw new Error(`unreachable: ${JSON.stringify(node)}`);
  }

  // Over 80 lines: one switch over the functions of the language, a short case each.
  private call(node: Extract<FormulaNode, { type: 'call' }>): Closure {
    const spec = FUNCTIONS.get(node.name);
    if (spec === undefined) {
      const hint = closest(node.name, [...FUNCTIONS.keys()]);
      return this.error(
        'unknown-function',
        node.start,
        node.nameEnd,
        `expected one of the functions ${[...FUNCTIONS.keys()].join(', ')}, found "${node.name}"` +
          (hint ? `; did you mean "${hint}"?` : ''),
      );
    }
    const count = node.args.length;
    if (count < spec.min || count > spec.max) {
      const wanted =
        spec.min === spec.max
          ? `${spec.min} argument${spec.min === 1 ? '' : 's'}`
          : `at least ${spec.min} argument${spec.min === 1 ? '' : 's'}`;
      return this.error(
        'arity',
        node.start,
        node.end,
        `${node.name} takes ${wanted}, found ${count}: ${spec.signature}`,
      );
    }
    const [first, second] = node.args as [FormulaNode, FormulaNode | undefined];
    switch (node.name) {
      case 'per_capita':
      case 'per_1000':
      case 'per_10000': {
        const scale = node.name === 'per_capita' ? 1 : node.name === 'per_1000' ? 1000 : 10000;
        const population = this.normaliser('population', this.compiler.population, node);
        const x = this.node(first);
        const perPerson = divide(x, population, 'the population (normalisation.population)');
        return scale === 1 ? perPerson : (s, y) => perPerson(s, y) * scale;
      }
      case 'per_km2': {
        const area = this.normaliser('area', this.compiler.area, node);
        return divide(this.node(first), area, 'the area (normalisation.area)');
      }
      case 'sum': {
        const parts = node.args.map((arg) => this.node(arg));
        return (s, y) => {
          // Every part is evaluated (its flags count); one missing part makes the sum missing, never partial.
          let total = 0;
          for (const part of parts) total += part(s, y);
          return total;
        };
      }
      case 'share': {
        const ratio = divide(
          this.node(first),
          this.node(second as FormulaNode),
          this.formula.slice(second?.start, second?.end),
        );
        return (s, y) => ratio(s, y) * 100;
      }
      case 'first': {
        // Sources of one concept by priority: the first argument that has a usable value for the unit and
        // year wins, with its own flags only; one that is missing (absent, flagged missing, a zero
        // denominator) is forgotten and the next is tried. A confidential argument stops the search: the
        // value exists and is suppressed, and a lower-priority source must not stand in for it. When no
        // argument has a value, the result is missing with the last argument's reason, and the detail names
        // every argument tried. Never a partial value, never 0 in place of a missing one.
        this.optionalDepth++;
        const options = node.args.map((arg) => ({
          closure: this.node(arg),
          text: this.formula.slice(arg.start, arg.end),
        }));
        this.optionalDepth--;
        return (s, y) => {
          const start = s.mark();
          const tried: string[] = [];
          for (const option of options) {
            const before = s.mark();
            const value = option.closure(s, y);
            if (Number.isFinite(value)) {
              // Forget what the options tried before left behind (their flags, their reasons).
              const flags = s.flags.slice(before.flags);
              s.restore(start);
              for (const flag of flags) if (!s.flags.includes(flag)) s.flags.push(flag);
              return value;
            }
            if (s.reason === 'confidential-input' && before.reason !== 'confidential-input') return NaN;
            tried.push(`${option.text}: ${s.detail ?? 'not a finite number'}`);
            s.restore(before);
          }
          return s.miss('missing-input', `no argument of first() has a value (${tried.join('; ')})`);
        };
      }
      case 'lag': {
        const k = second as FormulaNode;
        if (k.type !== 'number' || !Number.isInteger(k.value) || k.value < 1 || k.value > MAX_LAG) {
          return this.error(
            'argument',
            k.start,
            k.end,
            `expected a whole number of years from 1 to ${MAX_LAG} as the second argument of lag, found "${this.formula.slice(k.start, k.end)}"`,
          );
        }
        const years = k.value;
        const before = this.maxLag;
        this.maxLag = 0;
        const x = this.node(first);
        this.maxLag = Math.max(before, this.maxLag + years);
        return (s, y) => x(s, y - years);
      }
    }
    throw new Error(`unreachable: function ${node.name}`);
  }

  private normaliser(
    kind: 'population' | 'area',
    name: string | null,
    node: { start: number; nameEnd: number; name: string },
  ): Closure {
    if (name === null) {
      return this.error(
        'argument',
        node.start,
        node.nameEnd,
        `${node.name} divides by the ${kind}: name its variable in catalog/config.yaml (normalisation.${kind})`,
      );
    }
    return this.name(
      name,
      node.start,
      node.nameEnd,
      `normalisation.${kind} of catalog/config.yaml, used by ${node.name}`,
    );
  }
}

/** a ÷ b; b = 0 gives a missing value with the reason, never Infinity. */
function divide(numerator: Closure, denominator: Closure, denominatorText: string): Closure {
  return (s, y) => {
    const a = numerator(s, y);
    const b = denominator(s, y);
    if (b === 0)
      return Number.isNaN(a)
        ? NaN
        : s.miss('division-by-zero', `${denominatorText} is 0 for ${s.unit} in ${y}`);
    return a / b;
  };
}

/** The known name nearest to a typo (edit distance ≤ 2), to suggest it. */
function closest(name: string, known: readonly string[]): string | null {
  let best: string | null = null;
  let bestDistance = 3;
  for (const candidate of known) {
    const d = editDistance(name, candidate);
    if (d < bestDistance) {
      best = candidate;
      bestDistance = d;
    }
  }
  return best;
}

function editDistance(a: string, b: string): number {
  if (Math.abs(a.length - b.length) > 2) return 3;
  let previous = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      current.push(
        Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, (previous[j - 1] ?? 0) + cost),
      );
    }
    previous = current;
  }
  return previous[b.length] ?? 0;
}
