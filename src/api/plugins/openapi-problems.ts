/**
 * The error half of the OpenAPI document: every operation of /api/v1 can answer with the one error shape
 * (problem.ts, RFC 9457 `application/problem+json`), so the document names it once under
 * components.schemas.Problem and every error response refers to it — 400 bad parameter, 404 unknown id,
 * 429 over the rate limit (with Retry-After), whatever a route declares itself. Pure: document in,
 * document out.
 */
import { ProblemSchema } from '../schemas/common.js';

interface Operation {
  operationId?: string;
  responses?: Record<string, { description?: string; content?: Record<string, unknown>; headers?: unknown }>;
}
type PathItem = Record<string, Operation | unknown>;
export interface OpenApiDocument {
  paths?: Record<string, PathItem>;
  components?: { schemas?: Record<string, unknown> } & Record<string, unknown>;
  [key: string]: unknown;
}

const METHODS = new Set(['get', 'put', 'post', 'delete', 'patch', 'head', 'options']);
const PROBLEM_REF = { $ref: '#/components/schemas/Problem' };
const problemContent = { 'application/problem+json': { schema: PROBLEM_REF } };

const DEFAULT_ERRORS: Record<string, string> = {
  '400': 'Niepoprawny parametr / a bad parameter (the answer names it in `param`).',
  '404': 'Nieznany identyfikator / an unknown id or path.',
  '429': 'Przekroczony limit zapytań / over the rate limit; retry after `Retry-After` seconds.',
  '503': 'Baza danych chwilowo niedostępna / the database is unavailable; retry after `Retry-After` seconds.',
};

const capitalise = (word: string): string => word.charAt(0).toUpperCase() + word.slice(1);

/**
 * A stable operationId from method and path (Redocly's and Spectral's recommended rules want one on every
 * operation): `GET /api/v1/units/{teryt}/profile` → `getUnitsByTerytProfile`, `GET /api/v1/` → `getIndex`.
 */
export function operationIdOf(method: string, path: string): string {
  const words = path
    .replace(/^\/api\/v1\/?/, '')
    .split('/')
    .filter((segment) => segment !== '')
    .map((segment) => {
      const param = /^\{(.+)\}$/.exec(segment);
      const word = (param?.[1] ?? segment)
        .split(/[^A-Za-z0-9]+/)
        .map(capitalise)
        .join('');
      return param ? `By${word}` : word;
    });
  return `${method}${words.length === 0 ? 'Index' : words.join('')}`;
}

export function withProblemResponses(document: OpenApiDocument): OpenApiDocument {
  const paths: Record<string, PathItem> = {};
  for (const [path, item] of Object.entries(document.paths ?? {})) {
    const api = path.startsWith('/api/v1/') || path === '/api/v1';
    paths[path] = Object.fromEntries(
      Object.entries(item).map(([method, value]) => {
        if (!METHODS.has(method) || !api || typeof value !== 'object' || value === null)
          return [method, value];
        const operation = value as Operation;
        const responses = { ...(operation.responses ?? {}) };
        for (const [status, description] of Object.entries(DEFAULT_ERRORS)) {
          responses[status] = { description, ...responses[status], content: problemContent };
        }
        for (const [status, response] of Object.entries(responses)) {
          if (/^[45]/.test(status)) responses[status] = { ...response, content: problemContent };
        }
        const retryAfter = {
          'Retry-After': { description: 'Seconds to wait.', schema: { type: 'integer' } },
        };
        responses['429'] = { ...responses['429'], headers: retryAfter };
        responses['503'] = { ...responses['503'], headers: retryAfter };
        const operationId = operation.operationId ?? operationIdOf(method, path);
        return [method, { ...operation, operationId, responses }];
      }),
    );
  }
  return {
    ...document,
    paths,
    components: {
      ...document.components,
      schemas: { ...document.components?.schemas, Problem: ProblemSchema },
    },
  };
}
