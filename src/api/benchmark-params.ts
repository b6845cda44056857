/**
 * The benchmarking parameters and refusals as the API speaks them, shared by the routes that ask the
 * benchmarking service (routes/profile.ts; routes/unit-data.ts for the set's columns of its downloads):
 * `against=` and `weights=` parsed (a 400 naming the parameter), and the service's refusals as problems.
 */
import { parseReferenceSet, type ReferenceSet } from '../domain/benchmark/reference-sets.js';
import type { StructuralVariableId } from '../pipeline/benchmark-context.js';
import { BenchmarkRefusal } from '../pipeline/benchmark-lookups.js';
import { ApiProblem } from './problem.js';

export function parseWeights(text: string | undefined): Map<StructuralVariableId, number> {
  const weights = new Map<StructuralVariableId, number>();
  for (const part of text ? text.split(',') : []) {
    const [id, weight] = part.split(':') as [StructuralVariableId, string];
    weights.set(id, Number(weight));
  }
  return weights;
}

export function parseAgainst(text: string | undefined, k: number | undefined): ReferenceSet {
  const parsed = parseReferenceSet(text ?? 'group');
  if (!parsed.ok) throw new ApiProblem(400, 'bad-reference-set', parsed.message, 'against');
  return parsed.set.kind === 'similar' && k !== undefined ? { kind: 'similar', k } : parsed.set;
}

/** The service's refusals as problem answers: unknown things 404, the rest 400. */
export async function answered<T>(work: Promise<T>): Promise<T> {
  try {
    return await work;
  } catch (error) {
    if (!(error instanceof BenchmarkRefusal)) throw error;
    throw new ApiProblem(error.kind === 'not-found' ? 404 : 400, error.code, error.messages, error.param);
  }
}
