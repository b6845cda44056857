/**
 * Compiles the plausibility rules against the catalogue's formula environment and judges values (pure; the
 * data access is passed in). rules.ts describes the rules; pipeline/check.ts runs them on a release.
 *
 *   rules ─compileRules─► CompiledRule (judged variable, inputs, judge) ─checkPlausibility─► Violation[]
 */
import { compileFormula, type FormulaEnvironment } from '../formula/compiler.js';
import type { GetCell } from '../formula/evaluation.js';
import { levelsOfCode } from '../units/teryt-code.js';
import type { PlausibilityRule, RuleLevel, Violation } from './rules.js';

export interface CompiledRule {
  readonly rule: PlausibilityRule;
  /** The stored id of the judged variable. */
  readonly variableId: string;
  /** Every stored variable the rule reads (the judged one included). */
  readonly inputs: readonly string[];
  /** null when the rule cannot judge (an input is missing); otherwise what is wrong, or '' when nothing. */
  judge(get: GetCell, unit: string, year: number, value: number): string | null;
}

export interface RuleProblem {
  readonly index: number;
  readonly field: string;
  readonly message: string;
}

const format = (x: number): string => (Number.isInteger(x) ? String(x) : x.toPrecision(6));

// Over 80 lines: its steps share many locals and run once, in order; not yet split by concept (issue 19 lists it).
/** Compiles every rule; a rule with an unknown name or a formula that does not compile is a problem. */
export function compileRules(
  rules: readonly PlausibilityRule[],
  environment: FormulaEnvironment,
): { rules: CompiledRule[]; problems: RuleProblem[] } {
  const problems: RuleProblem[] = [];
  const compiled: CompiledRule[] = [];
  const ids = new Set<string>();
  rules.forEach((rule, index) => {
    if (ids.has(rule.id)) problems.push({ index, field: 'id', message: `the id ${rule.id} is used twice` });
    ids.add(rule.id);
    const stored = (name: string, field: string): string | null => {
      const id = environment.variables.get(name);
      if (id === undefined)
        problems.push({ index, field, message: `${name} is not a variable of variables.yaml` });
      return id ?? null;
    };
    const variableId = stored(rule.variable, 'variable');
    if (variableId === null) return;
    switch (rule.check) {
      case 'range': {
        if (rule.min === undefined && rule.max === undefined && rule.above === undefined) {
          problems.push({ index, field: 'min', message: 'a range rule needs min, max or above' });
          return;
        }
        let expression: ReturnType<typeof compileFormula> | null = null;
        if (rule.expression !== undefined) {
          expression = compileFormula(`plausibility:${rule.id}`, rule.expression, environment);
          if (!expression.ok) {
            for (const e of expression.errors)
              problems.push({ index, field: 'expression', message: e.message });
            return;
          }
        }
        const formula = expression?.ok ? expression.formula : null;
        const shown = rule.expression ?? rule.variable;
        compiled.push({
          rule,
          variableId,
          inputs: [...new Set([variableId, ...(formula?.inputs ?? [])])],
          judge(get, unit, year, value) {
            const x = formula ? formula.evaluate({ unit, year, get }).value : value;
            if (x === null) return null;
            if (rule.above !== undefined && !(x > rule.above))
              return `${shown} = ${format(x)}, not above ${rule.above}`;
            if (rule.min !== undefined && x < rule.min)
              return `${shown} = ${format(x)}, below the minimum ${rule.min}`;
            if (rule.max !== undefined && x > rule.max)
              return `${shown} = ${format(x)}, above the maximum ${rule.max}`;
            return '';
          },
        });
        return;
      }
      case 'year-on-year':
        compiled.push({
          rule,
          variableId,
          inputs: [variableId],
          judge(get, unit, year, value) {
            const before = get(variableId, unit, year - 1)?.value ?? null;
            if (before === null || before < 0 || value < 0 || (before === 0 && value === 0)) return null;
            const up = before === 0 ? Infinity : value / before;
            const ratio = Math.max(up, up === 0 ? Infinity : 1 / up);
            return ratio > rule.factor
              ? `${format(before)} in ${year - 1} → ${format(value)} in ${year}: more than ${rule.factor}× ${value > before ? 'up' : 'down'}`
              : '';
          },
        });
        return;
      case 'parts-within-total': {
        const parts = rule.parts.map((p, i) => stored(p, `parts[${i}]`));
        if (parts.some((p) => p === null)) return;
        const partIds = parts as string[];
        compiled.push({
          rule,
          variableId,
          inputs: [variableId, ...partIds],
          judge(get, unit, year, value) {
            const present = partIds
              .map((id) => get(id, unit, year)?.value ?? null)
              .filter((v): v is number => v !== null);
            if (present.length === 0) return null;
            const sum = present.reduce((a, b) => a + b, 0);
            // Amounts are rounded to 0.01 in the files: a sum of parts within 1 unit of the total is equal.
            return sum > value + Math.max(1, Math.abs(value) * 1e-9)
              ? `its parts (${rule.parts.join(' + ')}) add up to ${format(sum)}, more than the total ${format(value)}`
              : '';
          },
        });
        return;
      }
    }
  });
  return { rules: compiled, problems };
}

/** One stored value to judge: the rows of the judged variables. */
export interface JudgedCell {
  readonly variableId: string;
  readonly unitCode: string;
  readonly year: number;
  readonly value: number | null;
}

/** Every violation of the rules among `cells` (rows of the judged variables; null values are not judged). */
export function checkPlausibility(
  rules: readonly CompiledRule[],
  cells: Iterable<JudgedCell>,
  get: GetCell,
): Violation[] {
  const byVariable = new Map<string, CompiledRule[]>();
  for (const rule of rules)
    byVariable.set(rule.variableId, [...(byVariable.get(rule.variableId) ?? []), rule]);
  const violations: Violation[] = [];
  for (const cell of cells) {
    if (cell.value === null) continue;
    for (const compiled of byVariable.get(cell.variableId) ?? []) {
      const level = levelsOfCode(cell.unitCode)[0];
      if (compiled.rule.levels && !compiled.rule.levels.includes(level as RuleLevel)) continue;
      const detail = compiled.judge(get, cell.unitCode, cell.year, cell.value);
      if (!detail) continue;
      violations.push({
        ruleId: compiled.rule.id,
        severity: compiled.rule.severity,
        variableId: cell.variableId,
        unitCode: cell.unitCode,
        year: cell.year,
        value: cell.value,
        detail,
      });
    }
  }
  return violations;
}
