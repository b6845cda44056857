/**
 * The formula language translated to SQL, for the DuckDB reference of bench/scale.ts: the same syntax tree
 * (parser.ts), the same semantics for values — a missing, flagged-missing or confidential input is NULL
 * and NULL propagates; a zero denominator is NULL (never Infinity); `first` takes the first argument with a
 * value and stops at a confidential one; `lag(x, k)` reads x from the row of year − k.
 *
 * The input is a wide table per unit × year: `"<id>_v"` (the usable value or NULL) and `"<id>_c"` (true
 * when the cell is confidential); year − k is the same table joined as `l<k>`.
 */
import { parseFormula, type FormulaNode } from '../../src/domain/formula/parser.js';

export interface SqlEnvironment {
  readonly variables: ReadonlyMap<string, string>;
  readonly definitions: ReadonlyMap<string, string>;
  readonly population: string;
  readonly area: string;
}

export interface SqlFormula {
  readonly sql: string;
  /** The lags (years back) whose joined tables the expression reads. */
  readonly lags: ReadonlySet<number>;
}

const quote = (name: string) => `"${name.replaceAll('"', '""')}"`;
const table = (lag: number) => (lag === 0 ? 'w' : `l${lag}`);

export function formulaToSql(formula: string, env: SqlEnvironment): SqlFormula {
  const lags = new Set<number>();
  const trees = new Map<string, FormulaNode>();
  const treeOf = (name: string): FormulaNode => {
    let tree = trees.get(name);
    if (!tree) trees.set(name, (tree = parseFormula(env.definitions.get(name) ?? '', name)));
    return tree;
  };

  const value = (node: FormulaNode, lag: number): string => {
    switch (node.type) {
      case 'number':
        return `CAST(${node.value} AS DOUBLE)`;
      case 'name':
        return nameValue(node.name, lag);
      case 'negate':
        return `(-${value(node.operand, lag)})`;
      case 'binary':
        return node.operator === '/'
          ? divide(value(node.left, lag), value(node.right, lag))
          : `(${value(node.left, lag)} ${node.operator} ${value(node.right, lag)})`;
      case 'call':
        return call(node, lag);
    }
  };

  const nameValue = (name: string, lag: number): string => {
    const id = env.variables.get(name);
    if (id !== undefined) {
      lags.add(lag);
      return `${table(lag)}.${quote(`${id}_v`)}`;
    }
    return value(treeOf(name), lag);
  };

  /** Whether the expression read a confidential input (first() stops there). */
  const confidential = (node: FormulaNode, lag: number): string[] => {
    switch (node.type) {
      case 'number':
        return [];
      case 'name': {
        const id = env.variables.get(node.name);
        return id !== undefined
          ? [`coalesce(${table(lag)}.${quote(`${id}_c`)}, false)`]
          : confidential(treeOf(node.name), lag);
      }
      case 'negate':
        return confidential(node.operand, lag);
      case 'binary':
        return [...confidential(node.left, lag), ...confidential(node.right, lag)];
      case 'call': {
        const normaliser =
          node.name === 'per_km2' ? env.area : node.name.startsWith('per_') ? env.population : null;
        const extra =
          normaliser === null ? [] : confidential({ type: 'name', name: normaliser, start: 0, end: 0 }, lag);
        if (node.name === 'lag') {
          const k = node.args[1] as FormulaNode & { value: number };
          return confidential(node.args[0] as FormulaNode, lag + k.value);
        }
        return [...extra, ...node.args.flatMap((a) => confidential(a, lag))];
      }
    }
  };

  const call = (node: Extract<FormulaNode, { type: 'call' }>, lag: number): string => {
    const args = node.args;
    const arg = (i: number) => value(args[i] as FormulaNode, lag);
    switch (node.name) {
      case 'per_capita':
        return divide(arg(0), nameValue(env.population, lag));
      case 'per_1000':
        return `(${divide(arg(0), nameValue(env.population, lag))} * 1000)`;
      case 'per_10000':
        return `(${divide(arg(0), nameValue(env.population, lag))} * 10000)`;
      case 'per_km2':
        return divide(arg(0), nameValue(env.area, lag));
      case 'sum':
        return `(${args.map((_, i) => arg(i)).join(' + ')})`;
      case 'share':
        return `(${divide(arg(0), arg(1))} * 100)`;
      case 'lag': {
        const k = args[1] as FormulaNode & { value: number };
        return value(args[0] as FormulaNode, lag + k.value);
      }
      case 'first': {
        const cases = args.map((a, i) => {
          const conf = confidential(a, lag);
          const v = arg(i);
          return (
            `WHEN ${v} IS NOT NULL THEN ${v}` +
            (conf.length > 0 ? ` WHEN ${conf.join(' OR ')} THEN NULL` : '')
          );
        });
        return `(CASE ${cases.join(' ')} ELSE NULL END)`;
      }
    }
    throw new Error(`no SQL for the function ${node.name}`);
  };

  const sql = value(parseFormula(formula, 'sql'), 0);
  return { sql, lags };
}

/** a ÷ b with a zero denominator NULL, as the engine's missing value (never Infinity). */
function divide(a: string, b: string): string {
  return `(${a} / NULLIF(${b}, 0))`;
}
