import { AccountError } from '../../accounts/accounts.js';
import { ApiProblem } from '../problem.js';

/** Runs `work`; an AccountError (a refusal with its reason) becomes the same problem+json answer. */
export async function asProblem<T>(work: Promise<T>): Promise<T> {
  try {
    return await work;
  } catch (error) {
    if (error instanceof AccountError) {
      throw new ApiProblem(error.status, error.code, error.messages, error.field, error.retryAfter);
    }
    throw error;
  }
}
