/**
 * The plausibility rules file of the catalogue (catalog/plausibility.yaml; domain/plausibility/rules.ts):
 * its schema, and every rule compiled against the catalogue's formula environment, each problem named by
 * file, rule and field like the rest of the catalogue's problems.
 */
import { compileRules, type CompiledRule } from '../plausibility/check.js';
import { PlausibilityFileSchema, type PlausibilityFile } from '../plausibility/rules.js';
import type { FormulaEnvironment } from '../formula/compiler.js';
import { schemaProblems, type CatalogFile, type CatalogProblem } from './validate.js';

export function validatePlausibility(
  file: CatalogFile,
  environment: FormulaEnvironment,
): { rules: CompiledRule[]; problems: CatalogProblem[] } {
  const problems = schemaProblems(PlausibilityFileSchema, file);
  if (problems.length > 0) return { rules: [], problems };
  const { rules } = file.data as PlausibilityFile;
  const compiled = compileRules(rules, environment);
  return {
    rules: compiled.rules,
    problems: compiled.problems.map((p) => ({
      file: file.file,
      path: ['rules', p.index, p.field],
      subject: `rule ${rules[p.index]?.id ?? p.index}`,
      expected: 'a rule over known variables and a formula that compiles',
      found: p.message,
    })),
  };
}
