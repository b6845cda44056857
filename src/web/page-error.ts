/**
 * What a page handler gets and throws, in a module of its own so pages, the API client and the page
 * parameters share it without importing portal.ts (which imports every page: a cycle of 11 files before).
 */
import type { FastifyInstance } from 'fastify';
import type { Lang } from './format.js';
import type { AnswerAs, Session } from './session.js';

/**
 * The visitor behind a page, for the few pages that show signed-in users more (the Zapisz and Obserwuj
 * forms): asking makes the answer vary by cookie, and a signed-in visitor's page is never cached
 * (portal.ts). Everything else on a page is the same for everyone.
 */
export interface Visitor {
  /** The signed-in visitor's session (user and CSRF token); null for anyone not signed in. */
  session(): Promise<(Session & { user: NonNullable<Session['user']> }) | null>;
  /** A GET of the API as the visitor (their cookies go with it), e.g. their watches. */
  get<T>(url: string): Promise<AnswerAs<T>>;
}

/** What a page handler gets: the language, the route's parameters and the query (first value of each). */
export interface PageContext {
  readonly app: FastifyInstance;
  readonly lang: Lang;
  readonly params: Readonly<Record<string, string>>;
  readonly query: Readonly<Record<string, string | undefined>>;
  /** Every value of a repeated query parameter (`?jst=a&jst=b`). */
  readonly queryAll: (name: string) => string[];
  /** The request's path and query without the language switch: the page's permalink in `lang`. */
  readonly url: string;
  /** `http://host:port` as the client reached the server: absolute links for embed codes. */
  readonly origin: string;
  readonly visitor: Visitor;
}

/** A page the portal cannot show: answered as an HTML page with this status. */
export class PageError extends Error {
  constructor(
    readonly status: number,
    readonly messages: { pl: string; en: string },
    /** Retry-After of a 429 or 503 (seconds), as the API said it. */
    readonly retryAfter?: string,
  ) {
    super(messages.en);
  }
}

export type PageHandler = (context: PageContext) => Promise<string>;
