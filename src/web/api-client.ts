/**
 * The portal reads SMUP's own public API in-process (Fastify's inject: no socket, same validation, same
 * answer cache), so everything it shows is reachable through the API. Answer types come from the API's
 * TypeBox schemas (`Static<typeof Profile>`): one source of truth for both.
 */
import type { FastifyInstance } from 'fastify';
import { inProcessHeaders } from '../api/plugins/client-limits.js';
import { PageError } from './page-error.js';

export interface ApiAnswer<T> {
  readonly status: number;
  readonly body: T;
  readonly retryAfter?: string | undefined;
}

export async function apiGet<T>(app: FastifyInstance, url: string): Promise<ApiAnswer<T>> {
  // In-process: never counted against any client's rate limit (the page view that made it already was).
  const response = await app.inject({
    method: 'GET',
    url,
    headers: { accept: 'application/json', ...inProcessHeaders() },
  });
  return {
    status: response.statusCode,
    body: response.json() as T,
    retryAfter: response.headers['retry-after']?.toString(),
  };
}

interface Problem {
  readonly message?: { pl: string; en: string };
  readonly messages?: { pl: string; en: string };
  readonly detail?: string;
}

/** The error of an API answer that failed: a 4xx, or the 503 while the database is down, keeps its status. */
export function answerError(url: string, answer: ApiAnswer<unknown>): Error {
  if ((answer.status >= 400 && answer.status < 500) || answer.status === 503) {
    const problem = answer.body as Problem;
    const messages = problem.message ??
      problem.messages ?? { pl: problem.detail ?? 'Błędne zapytanie.', en: problem.detail ?? 'Bad request.' };
    return new PageError(answer.status, messages, answer.retryAfter);
  }
  return new Error(`API ${url} answered ${answer.status}`);
}

/** The answer of a request that must succeed: a 4xx of the API becomes the same status of the page. */
export async function apiOk<T>(app: FastifyInstance, url: string): Promise<T> {
  const answer = await apiGet<T>(app, url);
  if (answer.status >= 400) throw answerError(url, answer);
  return answer.body;
}
