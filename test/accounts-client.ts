/**
 * A browser's view of the accounts API for tests: keeps cookies between requests (as a browser would) and
 * sends the CSRF token it was given. Real server in process (fastify.inject), no mocks.
 */
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import type { PasswordHashing } from '../src/accounts/passwords.js';

/** argon2id parameters cheap enough for suites that create many users (production ones: passwords.test.ts). */
export const TEST_HASHING: PasswordHashing = { memoryCost: 64, timeCost: 1, parallelism: 1 };

export class Browser {
  readonly cookies = new Map<string, string>();
  csrf = '';

  /** `ip`: the client address the server sees (inject's remoteAddress), for per-address limits. */
  constructor(
    readonly app: FastifyInstance,
    readonly ip = '127.0.0.1',
  ) {}

  get cookieHeader(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }

  keep(response: LightMyRequestResponse): LightMyRequestResponse {
    for (const cookie of response.cookies as Array<{
      name: string;
      value: string;
      maxAge?: number;
      expires?: Date;
    }>) {
      const gone =
        cookie.value === '' || (cookie.expires !== undefined && cookie.expires.getTime() <= Date.now());
      if (gone) this.cookies.delete(cookie.name);
      else this.cookies.set(cookie.name, cookie.value);
    }
    return response;
  }

  async request(
    method: 'GET' | 'POST' | 'PATCH' | 'DELETE',
    url: string,
    options: {
      json?: unknown;
      form?: Record<string, string>;
      csrf?: string | null;
      headers?: Record<string, string>;
    } = {},
  ): Promise<LightMyRequestResponse> {
    const headers: Record<string, string> = { ...options.headers };
    if (this.cookies.size > 0) headers.cookie = this.cookieHeader;
    const csrf = options.csrf === undefined ? this.csrf : options.csrf;
    let payload: string | undefined;
    if (options.form) {
      headers['content-type'] = 'application/x-www-form-urlencoded';
      payload = new URLSearchParams({ ...(csrf ? { _csrf: csrf } : {}), ...options.form }).toString();
    } else if (options.json !== undefined) {
      headers['content-type'] = 'application/json';
      payload = JSON.stringify(options.json);
    }
    if (!options.form && method !== 'GET' && csrf) headers['x-csrf-token'] = csrf;
    return this.keep(
      await this.app.inject({
        method,
        url,
        headers,
        remoteAddress: this.ip,
        ...(payload === undefined ? {} : { payload }),
      }),
    );
  }

  /** GET /api/v1/auth/session: the pre-session cookie and its token. */
  async start(): Promise<void> {
    const response = await this.request('GET', '/api/v1/auth/session');
    this.csrf = (response.json() as { csrfToken: string }).csrfToken;
  }

  async login(email: string, password: string): Promise<LightMyRequestResponse> {
    if (this.csrf === '') await this.start();
    const response = await this.request('POST', '/api/v1/auth/login', { json: { email, password } });
    if (response.statusCode === 200) this.csrf = (response.json() as { csrfToken: string }).csrfToken;
    return response;
  }
}

/**
 * One signed-in browser per role (the account `<role>@<domain>` with `password`, created by the suite) and
 * an anonymous one holding its CSRF cookie: the set-up of every suite that tries its endpoints by role.
 */
export async function browsersByRole(
  app: FastifyInstance,
  roles: readonly string[],
  { password, domain }: { password: string; domain: string },
): Promise<Map<string, Browser>> {
  const browsers = new Map<string, Browser>();
  for (const role of roles) {
    const browser = new Browser(app);
    const login = await browser.login(`${role}@${domain}`, password);
    if (login.statusCode !== 200) throw new Error(`${role}@${domain} could not sign in: ${login.body}`);
    browsers.set(role, browser);
  }
  const anonymous = new Browser(app);
  await anonymous.start();
  browsers.set('anonymous', anonymous);
  return browsers;
}
