/**
 * The portal reads SMUP's own public API in-process (Fastify's inject: no socket, same validation, same
 * answer cache), so everything it shows is reachable through the API. Answer types come from the API's
 * TypeBox schemas (`Static<typeof Profile>`): one source of truth for both.
 */
import type { FastifyInstance } from 'fastify';
import { PageError } from './portal.js';

export interface ApiAnswer<T> {
  readonly status: number;
  readonly body: T;
}

export async function apiGet<T>(app: FastifyInstance, url: string): Promise<ApiAnswer<T>> {
  const response = await app.inject({ method: 'GET', url, headers: { accept: 'application/json' } });
  return { status: response.statusCode, body: response.json() as T };
}

interface Problem {
  readonly message?: { pl: string; en: string };
  readonly messages?: { pl: string; en: string };
  readonly detail?: string;
}

/** The answer of a request that must succeed: a 4xx of the API becomes the same status of the page. */
export async function apiOk<T>(app: FastifyInstance, url: string): Promise<T> {
  const answer = await apiGet<T>(app, url);
  if (answer.status >= 400 && answer.status < 500) {
    const problem = answer.body as Problem;
    const messages = problem.message ??
      problem.messages ?? { pl: problem.detail ?? 'Błędne zapytanie.', en: problem.detail ?? 'Bad request.' };
    throw new PageError(answer.status, messages);
  }
  if (answer.status >= 500) throw new Error(`API ${url} answered ${answer.status}`);
  return answer.body;
}
