/**
 * Client of the GUS BDL API v1 (https://bdl.stat.gov.pl/api/v1). Every side effect is passed in (fetch,
 * clock, sleep, logger, quota store: STYLE.md rule 9), so tests run it against the fake server of
 * test/fake-bdl-server.ts with a fake clock and never wait for real.
 *
 *   call ─► queue (one request at a time) ─► quota: wait until every window allows one more ─► record+save
 *        ─► fetch with timeout ─┬─ 200 + JSON of the expected shape ─► value
 *                               ├─ 429 ─► wait Retry-After (or back off) ─► again (bounded)
 *                               ├─ 5xx, timeout, network error ─► exponential back-off ─► again (bounded)
 *                               └─ other 4xx, not JSON, wrong shape ─► BdlApiError naming the request
 *
 * Requests carry `format=json` and `lang` in the query and the key, when there is one, in the X-ClientId
 * header — never in the URL, so URLs and request keys can be logged and stored.
 */
// Over 400 lines: the BDL API client: paging, retries and quota in one place.
import { createHash } from 'node:crypto';
import type { Static, TSchema } from '@sinclair/typebox';
import {
  SHAPES,
  checkShape,
  type BdlDataByVariablePage,
  type BdlLevel,
  type BdlMeasure,
  type BdlSubject,
  type BdlVariable,
  type ResponseShape,
} from './api-types.js';
import {
  memoryQuotaStore,
  nextAllowedTime,
  pruneHistory,
  quotaFor,
  type QuotaState,
  type QuotaStateStore,
  type QuotaWindow,
} from './quota.js';

export const BDL_API_URL = 'https://bdl.stat.gov.pl/api/v1';
/** "page-size up to 100" (shared/data/README.md, bdl-api-samples): the most units one request can bring. */
export const MAX_PAGE_SIZE = 100;

export type BdlLang = 'pl' | 'en';
export const BDL_LANGS: readonly BdlLang[] = ['pl', 'en'];

/** pino-compatible (fields first, then the message), so the server's or the CLI's logger fits. */
export interface BdlLogger {
  debug(fields: object, message: string): void;
  info(fields: object, message: string): void;
  warn(fields: object, message: string): void;
}

export const silentLogger: BdlLogger = { debug() {}, info() {}, warn() {} };

export interface BdlClientDeps {
  readonly fetch: typeof fetch;
  /** Milliseconds since the epoch (quota windows and Retry-After dates are measured with it). */
  readonly now: () => number;
  readonly sleep: (ms: number) => Promise<void>;
  readonly logger?: BdlLogger;
  /** Where request times are kept between runs; in memory when not given. */
  readonly quotaStore?: QuotaStateStore;
}

export interface BdlClientOptions {
  /** API root without a trailing slash (default https://bdl.stat.gov.pl/api/v1). */
  readonly baseUrl?: string;
  /** Registered key sent as X-ClientId; raises the quota (quota.ts). */
  readonly clientId?: string | null;
  /** Language of names in answers (default pl). */
  readonly lang?: BdlLang;
  /** Time allowed for one request, headers and body (default 30 s); then it is aborted and retried. */
  readonly timeoutMs?: number;
  /** Retries of one request after a 429, a 5xx, a timeout or a network error (default 5). */
  readonly maxRetries?: number;
  /** First back-off (default 1 s), doubled at each retry up to `maxBackoffMs` (default 60 s). */
  readonly backoffBaseMs?: number;
  readonly maxBackoffMs?: number;
  /** Quota windows (default: by whether there is a clientId). */
  readonly quota?: readonly QuotaWindow[];
}

export type BdlFailure = 'http' | 'rate-limited' | 'timeout' | 'network' | 'not-json' | 'shape';

/** A request that failed for good; the message names the request and says what was wrong. */
export class BdlApiError extends Error {
  constructor(
    readonly url: string,
    readonly failure: BdlFailure,
    detail: string,
    readonly status: number | null = null,
  ) {
    super(`BDL API request GET ${url} failed: ${detail}`);
    this.name = 'BdlApiError';
  }
}

/** Query parameters in the order they are written (order matters for stable request keys). */
export type QueryParams = ReadonlyArray<readonly [string, string | number]>;

interface Attempt {
  readonly retry: boolean;
  readonly failure: BdlFailure;
  readonly detail: string;
  readonly status: number | null;
  /** Wait before the next attempt (ms), when the server said how long (Retry-After). */
  readonly retryAfterMs?: number;
}

export class BdlClient {
  readonly baseUrl: string;
  readonly lang: BdlLang;
  readonly quota: readonly QuotaWindow[];
  private readonly clientId: string | null;
  private readonly timeoutMs: number;
  private readonly maxRetries: number;
  private readonly backoffBaseMs: number;
  private readonly maxBackoffMs: number;
  private readonly logger: BdlLogger;
  private readonly store: QuotaStateStore;
  /** Whose quota this client spends: "anonymous" or "key:" + the first 16 hex digits of the key's SHA-256. */
  readonly identity: string;
  private state: QuotaState | null = null;
  private queue: Promise<unknown> = Promise.resolve();
  /** Requests sent by this client (every attempt, retries included). */
  requestCount = 0;

  constructor(
    options: BdlClientOptions,
    private readonly deps: BdlClientDeps,
  ) {
    this.baseUrl = (options.baseUrl ?? BDL_API_URL).replace(/\/+$/, '');
    this.clientId = options.clientId || null;
    this.lang = options.lang ?? 'pl';
    this.timeoutMs = options.timeoutMs ?? 30_000;
    this.maxRetries = options.maxRetries ?? 5;
    this.backoffBaseMs = options.backoffBaseMs ?? 1_000;
    this.maxBackoffMs = options.maxBackoffMs ?? 60_000;
    this.quota = options.quota ?? quotaFor(this.clientId);
    this.logger = deps.logger ?? silentLogger;
    this.store = deps.quotaStore ?? memoryQuotaStore();
    // The quota is counted per client: separate histories for anonymous use and each key (hashed: the
    // quota file must not become a place where keys leak).
    this.identity = this.clientId
      ? `key:${createHash('sha256').update(this.clientId).digest('hex').slice(0, 16)}`
      : 'anonymous';
  }

  /**
   * The stable identity of a request: path and query relative to the API root, in the order written
   * ("/data/by-variable/8?unit-level=6&year=2020&page=0&page-size=100&lang=pl&format=json"). It holds no
   * key (the key travels in a header) and no host, so it survives a change of API address or test port.
   */
  requestKey(path: string, params: QueryParams, lang: BdlLang = this.lang): string {
    const query = new URLSearchParams();
    for (const [name, value] of params) query.append(name, String(value));
    query.append('lang', lang);
    query.append('format', 'json');
    return `${path}?${query.toString()}`;
  }

  /** Times of this client's recent requests (this run's and, from the quota store, earlier runs'). */
  async quotaHistory(): Promise<readonly number[]> {
    if (this.state === null) this.state = (await this.store.load()) ?? { version: 1, clients: {} };
    return this.state.clients[this.identity] ?? [];
  }

  /** GET one resource, checked against its shape; retried and rate-limited as the module doc says. */
  get<T extends TSchema>(
    path: string,
    params: QueryParams,
    shape: ResponseShape<T>,
    lang: BdlLang = this.lang,
  ): Promise<Static<T>> {
    const url = this.baseUrl + this.requestKey(path, params, lang);
    const run = this.queue.then(() => this.getWithRetries(url, shape));
    this.queue = run.catch(() => undefined);
    return run;
  }

  variable(id: number, lang?: BdlLang): Promise<BdlVariable> {
    return this.get(`/variables/${id}`, [], SHAPES.variable, lang);
  }

  /** Variables whose name contains `name`, up to `limit` (pages of 100 followed through `links.next`). */
  async searchVariables(
    name: string,
    { limit = 100, lang }: { limit?: number; lang?: BdlLang } = {},
  ): Promise<{
    total: number;
    variables: BdlVariable[];
  }> {
    const variables: BdlVariable[] = [];
    let total = 0;
    for (let page = 0; ; page++) {
      const answer = await this.get(
        '/variables/search',
        [
          ['name', name],
          ['page', page],
          ['page-size', MAX_PAGE_SIZE],
        ],
        SHAPES.variablePage,
        lang,
      );
      total = answer.totalRecords;
      variables.push(...answer.results);
      if (variables.length >= limit || !answer.links?.next || answer.results.length === 0) break;
    }
    return { total, variables: variables.slice(0, limit) };
  }

  /** Every variable of a subject ("P1312"), pages of 100 followed through `links.next`. */
  async variablesOfSubject(subjectId: string, lang?: BdlLang): Promise<BdlVariable[]> {
    const variables: BdlVariable[] = [];
    for (let page = 0; ; page++) {
      const answer = await this.get(
        '/variables',
        [
          ['subject-id', subjectId],
          ['page', page],
          ['page-size', MAX_PAGE_SIZE],
        ],
        SHAPES.variablePage,
        lang,
      );
      variables.push(...answer.results);
      if (!answer.links?.next || answer.results.length === 0) return variables;
    }
  }

  measure(id: number, lang?: BdlLang): Promise<BdlMeasure> {
    return this.get(`/measures/${id}`, [], SHAPES.measure, lang);
  }

  subject(id: string, lang?: BdlLang): Promise<BdlSubject> {
    return this.get(`/subjects/${encodeURIComponent(id)}`, [], SHAPES.subject, lang);
  }

  async levels(lang?: BdlLang): Promise<BdlLevel[]> {
    const answer = await this.get('/levels', [['page-size', MAX_PAGE_SIZE]], SHAPES.levelPage, lang);
    return answer.results;
  }

  /** The path and query of one page of GET /data/by-variable (see fetch-data.ts for the whole chain). */
  dataByVariableRequest(request: DataByVariableRequest): { path: string; params: QueryParams } {
    const years = [...new Set(request.years)].sort((a, b) => a - b);
    return {
      path: `/data/by-variable/${request.variableId}`,
      params: [
        ['unit-level', request.unitLevel],
        // Several years in one request (repeated `year=`): the page size counts units, not values, so
        // asking for ten years at once costs the same requests as asking for one.
        ...years.map((year) => ['year', year] as const),
        ['page', request.page],
        ['page-size', request.pageSize ?? MAX_PAGE_SIZE],
      ],
    };
  }

  dataByVariablePage(request: DataByVariableRequest, lang?: BdlLang): Promise<BdlDataByVariablePage> {
    const { path, params } = this.dataByVariableRequest(request);
    return this.get(path, params, SHAPES.dataByVariable, lang);
  }

  private async getWithRetries<T extends TSchema>(url: string, shape: ResponseShape<T>): Promise<Static<T>> {
    for (let attempt = 0; ; attempt++) {
      await this.waitForQuota(url);
      const result = await this.attempt(url, shape);
      if ('value' in result) return result.value;
      if (!result.retry || attempt >= this.maxRetries) {
        const tries = attempt + 1;
        throw new BdlApiError(
          url,
          result.failure,
          result.retry ? `${result.detail} (gave up after ${tries} attempts)` : result.detail,
          result.status,
        );
      }
      const backoff = Math.min(this.maxBackoffMs, this.backoffBaseMs * 2 ** attempt);
      const wait = result.retryAfterMs ?? backoff;
      this.logger.warn(
        { url, failure: result.failure, status: result.status, attempt: attempt + 1, waitMs: wait },
        `BDL: ${result.detail}; retrying in ${Math.round(wait / 1000)} s`,
      );
      await this.deps.sleep(wait);
    }
  }

  private async attempt<T extends TSchema>(
    url: string,
    shape: ResponseShape<T>,
  ): Promise<{ value: Static<T> } | Attempt> {
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), this.timeoutMs);
    const headers: Record<string, string> = { accept: 'application/json' };
    if (this.clientId) headers['X-ClientId'] = this.clientId;
    this.requestCount++;
    this.logger.debug({ url }, 'BDL: GET');
    let status: number;
    let text: string;
    let retryAfter: string | null;
    try {
      const response = await this.deps.fetch(url, { headers, signal: controller.signal });
      status = response.status;
      retryAfter = response.headers.get('retry-after');
      text = await response.text();
    } catch (error) {
      const timedOut = controller.signal.aborted;
      return {
        retry: true,
        failure: timedOut ? 'timeout' : 'network',
        detail: timedOut
          ? `no complete answer within ${this.timeoutMs} ms`
          : `network error: ${(error as Error).message}`,
        status: null,
      };
    } finally {
      clearTimeout(timer);
    }

    if (status === 429) {
      const retryAfterMs = parseRetryAfter(retryAfter, this.deps.now());
      return {
        retry: true,
        failure: 'rate-limited',
        detail: `429 Too Many Requests${retryAfter === null ? '' : ` (Retry-After: ${retryAfter})`}`,
        status,
        ...(retryAfterMs === null ? {} : { retryAfterMs }),
      };
    }
    if (status >= 500) {
      return { retry: true, failure: 'http', detail: `HTTP ${status}: ${snippet(text)}`, status };
    }
    if (status < 200 || status >= 300) {
      return { retry: false, failure: 'http', detail: `HTTP ${status}: ${snippet(text)}`, status };
    }
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch (error) {
      return {
        retry: false,
        failure: 'not-json',
        detail: `the answer is not JSON (${(error as Error).message}); it begins ${snippet(text)}`,
        status,
      };
    }
    const checked = checkShape(body, shape);
    if (!checked.ok) {
      return {
        retry: false,
        failure: 'shape',
        detail: `the answer is not ${shape.name} as the BDL API v1 sends it: ${checked.problems.join('; ')}`,
        status,
      };
    }
    return { value: checked.value };
  }

  /** Waits until one more request fits every quota window, then records it (and saves) before sending. */
  private async waitForQuota(url: string): Promise<void> {
    let history = await this.quotaHistory();
    for (;;) {
      const now = this.deps.now();
      const { at, binding } = nextAllowedTime(history, this.quota, now);
      if (at <= now) break;
      const log = at - now >= 1_000 ? this.logger.info : this.logger.debug;
      log.call(
        this.logger,
        { url, waitMs: at - now, window: binding?.name },
        `BDL quota (${binding?.name ?? '?'}): waiting ${Math.ceil((at - now) / 1000)} s`,
      );
      await this.deps.sleep(at - now);
    }
    // Recorded before sending: a request whose answer never came still counted at the server.
    const now = this.deps.now();
    history = pruneHistory([...history, now], this.quota, now);
    this.state = { version: 1, clients: { ...this.state?.clients, [this.identity]: history } };
    await this.store.save(this.state);
  }
}

export interface DataByVariableRequest {
  readonly variableId: number;
  /** BDL unit level: 0 Polska, 2 województwo, 5 powiat, 6 gmina (api-types.ts, BDL_LEVELS). */
  readonly unitLevel: number;
  readonly years: readonly number[];
  /** From 0. */
  readonly page: number;
  readonly pageSize?: number;
}

/**
 * Retry-After as RFC 9110 §10.2.3 allows it: "either an HTTP-date or a number of seconds". Returns the
 * wait in ms (never negative), or null when absent or unreadable.
 */
export function parseRetryAfter(value: string | null, now: number): number | null {
  if (value === null) return null;
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed) * 1000;
  const date = Date.parse(trimmed);
  return Number.isNaN(date) ? null : Math.max(0, date - now);
}

function snippet(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return JSON.stringify(flat.length > 120 ? `${flat.slice(0, 117)}…` : flat);
}
