/**
 * One error shape for the whole API: RFC 9457 problem details (application/problem+json) with SMUP's
 * additions: a stable `code`, the offending `param`, and the message in Polish and English
 * (CONVENTIONS.md, data API). A request error never shows a stack trace.
 */
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { DATABASE_RETRY_AFTER_SECONDS, isDatabaseUnavailable } from '../store/unavailable.js';

export interface Problem {
  readonly type: string;
  readonly title: string;
  readonly status: number;
  readonly detail: string;
  readonly instance?: string;
  readonly code: string;
  readonly param?: string;
  readonly message: { readonly pl: string; readonly en: string };
}

export class ApiProblem extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    readonly messages: { pl: string; en: string },
    readonly param?: string,
    /** Seconds for a Retry-After header (429, 503). */
    readonly retryAfter?: number,
  ) {
    super(messages.en);
  }
}

const TITLES: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  409: 'Conflict',
  410: 'Gone',
  413: 'Content Too Large',
  414: 'URI Too Long',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  503: 'Service Unavailable',
};

export function sendProblem(
  reply: FastifyReply,
  request: FastifyRequest,
  problem: { status: number; code: string; messages: { pl: string; en: string }; param?: string | undefined },
): FastifyReply {
  const body: Problem = {
    type: `urn:smup:problem:${problem.code}`,
    title: TITLES[problem.status] ?? 'Error',
    status: problem.status,
    detail: problem.messages.en,
    instance: request.url,
    code: problem.code,
    ...(problem.param === undefined ? {} : { param: problem.param }),
    message: problem.messages,
  };
  return reply.status(problem.status).type('application/problem+json; charset=utf-8').send(body);
}

interface AjvError {
  keyword: string;
  instancePath: string;
  params: Record<string, unknown>;
  message?: string;
}

/** Turns the first schema validation error into a message naming the parameter, in Polish and English. */
export function validationProblem(error: FastifyError): {
  param: string;
  messages: { pl: string; en: string };
} {
  const first = (error.validation?.[0] ?? { keyword: '', instancePath: '', params: {} }) as AjvError;
  const param =
    (first.params.missingProperty as string | undefined) ??
    (first.params.additionalProperty as string | undefined) ??
    (first.instancePath.replace(/^\//, '').split('/')[0] || (error.validationContext ?? 'request'));
  const p = first.params;
  const say = (pl: string, en: string): { pl: string; en: string } => ({
    pl: `Parametr '${param}': ${pl}.`,
    en: `Parameter '${param}': ${en}.`,
  });
  switch (first.keyword) {
    case 'additionalProperties':
      return { param, messages: say('nieznany parametr', 'unknown parameter') };
    case 'required':
      return { param, messages: say('jest wymagany', 'is required') };
    case 'minimum':
      return {
        param,
        messages: say(`musi być co najmniej ${String(p.limit)}`, `must be at least ${String(p.limit)}`),
      };
    case 'maximum':
      return {
        param,
        messages: say(`może być co najwyżej ${String(p.limit)}`, `must be at most ${String(p.limit)}`),
      };
    case 'minLength':
      return {
        param,
        messages: say(
          `musi mieć co najmniej ${String(p.limit)} znak(i)`,
          `must have at least ${String(p.limit)} character(s)`,
        ),
      };
    case 'maxLength':
      return {
        param,
        messages: say(
          `może mieć co najwyżej ${String(p.limit)} znaków`,
          `must have at most ${String(p.limit)} characters`,
        ),
      };
    case 'enum':
    case 'anyOf':
    case 'const': {
      const allowed = (p.allowedValues as unknown[] | undefined)?.join(', ');
      return allowed
        ? { param, messages: say(`dozwolone wartości: ${allowed}`, `allowed values: ${allowed}`) }
        : { param, messages: say('niedozwolona wartość', 'value not allowed') };
    }
    case 'type':
      return { param, messages: say(`oczekiwano typu ${String(p.type)}`, `expected ${String(p.type)}`) };
    case 'pattern':
    case 'format':
      return {
        param,
        messages: say(
          `niepoprawny format (${describeFormat(first)})`,
          `malformed (${describeFormat(first)})`,
        ),
      };
    default:
      return {
        param,
        messages: say(first.message ?? 'niepoprawna wartość', first.message ?? 'invalid value'),
      };
  }
}

function describeFormat(error: AjvError): string {
  return String(error.params.format ?? error.params.pattern ?? 'format');
}

/** The portal's page for an error (src/server.ts passes web's): the same message, as HTML. */
export type HtmlErrorPage = (
  request: FastifyRequest,
  status: number,
  messages: { readonly pl: string; readonly en: string },
) => string;

type ProblemFields = {
  status: number;
  code: string;
  messages: { pl: string; en: string };
  param?: string | undefined;
};

/** Sends a problem: problem+json from the API, the portal's HTML page (when given) for every other URL. */
export function problemSender(
  htmlPage?: HtmlErrorPage,
): (reply: FastifyReply, request: FastifyRequest, problem: ProblemFields) => FastifyReply {
  return (reply, request, problem) =>
    htmlPage && !request.url.startsWith('/api/')
      ? reply
          .status(problem.status)
          .type('text/html; charset=utf-8')
          .send(htmlPage(request, problem.status, problem.messages))
      : sendProblem(reply, request, problem);
}

/** A URL the router cannot read (Fastify's framework errors: bad percent-encoding, 414): a plain problem. */
export function frameworkProblem(htmlPage?: HtmlErrorPage) {
  const send = problemSender(htmlPage);
  return (error: FastifyError, request: FastifyRequest, reply: FastifyReply): void => {
    const status = error.statusCode === 414 ? 414 : 400;
    void send(reply, request, {
      status,
      code: status === 414 ? 'uri-too-long' : 'bad-url',
      messages:
        status === 414
          ? { pl: 'Adres jest za długi.', en: 'The URL is too long.' }
          : { pl: 'Adres zawiera niepoprawne znaki.', en: 'The URL holds malformed characters.' },
    });
  };
}

/**
 * Error and not-found handlers: problem+json from the API; with `htmlPage`, an HTML page for every other
 * URL (a portal page over its rate limit, a bad parameter, a database outage: never a JSON body in a tab).
 */
export function installProblemHandlers(
  app: FastifyInstance,
  options: { htmlPage?: HtmlErrorPage } = {},
): void {
  const { htmlPage } = options;
  const asHtml = (request: FastifyRequest): boolean =>
    htmlPage !== undefined && !request.url.startsWith('/api/');
  const send = problemSender(htmlPage);
  app.setErrorHandler((error: FastifyError, request, reply) => {
    if (error instanceof ApiProblem) {
      if (error.retryAfter !== undefined) reply.header('retry-after', String(error.retryAfter));
      return send(reply, request, {
        status: error.status,
        code: error.code,
        messages: error.messages,
        param: error.param,
      });
    }
    if (error.validation) {
      const { param, messages } = validationProblem(error);
      return send(reply, request, { status: 400, code: 'invalid-parameter', messages, param });
    }
    if (isDatabaseUnavailable(error)) {
      request.log.warn({ err: error }, 'database unavailable');
      reply.header('retry-after', String(DATABASE_RETRY_AFTER_SECONDS));
      return send(reply, request, {
        status: 503,
        code: 'database-unavailable',
        messages: {
          pl: `Baza danych chwilowo nie odpowiada; spróbuj ponownie za ${DATABASE_RETRY_AFTER_SECONDS} s.`,
          en: `The database is not answering right now; retry in ${DATABASE_RETRY_AFTER_SECONDS} s.`,
        },
      });
    }
    const status =
      error.statusCode && error.statusCode >= 400 && error.statusCode < 500 ? error.statusCode : 500;
    if (status === 500) request.log.error({ err: error }, 'request failed');
    return send(reply, request, {
      status,
      code: status === 500 ? 'internal-error' : 'bad-request',
      messages:
        status === 500
          ? { pl: 'Błąd wewnętrzny serwera.', en: 'Internal server error.' }
          : { pl: `Niepoprawne żądanie: ${error.message}`, en: `Bad request: ${error.message}` },
    });
  });
  app.setNotFoundHandler((request, reply) =>
    // A person's browser asking for a portal URL gets the portal's page; API clients get problem+json.
    htmlPage && asHtml(request) && (request.headers.accept ?? '').includes('text/html')
      ? send(reply, request, {
          status: 404,
          code: 'not-found',
          messages: {
            pl: `Nie ma strony ${request.url.split('?')[0] ?? ''}.`,
            en: `There is no page at ${request.url.split('?')[0] ?? ''}.`,
          },
        })
      : sendProblem(reply, request, {
          status: 404,
          code: 'not-found',
          messages: {
            pl: `Nie ma zasobu ${request.method} ${request.url.split('?')[0]}.`,
            en: `No resource at ${request.method} ${request.url.split('?')[0]}.`,
          },
        }),
  );
}
