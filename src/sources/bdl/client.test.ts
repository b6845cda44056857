/** The BDL client against the fake BDL API over real HTTP, with a fake clock: no real waiting. */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startFakeBdlServer, type FakeBdlServer } from '../../../test/fake-bdl-server.js';
import { BdlApiError, BdlClient, parseRetryAfter, type BdlClientOptions } from './client.js';
import { memoryQuotaStore, type QuotaStateStore } from './quota.js';

let server: FakeBdlServer;
beforeAll(async () => {
  server = await startFakeBdlServer();
});
afterAll(() => server.close());
beforeEach(() => {
  server.requests.length = 0;
});

/** A client on a fake clock that starts at a fixed time; `sleeps` records every wait. */
function makeClient(options: BdlClientOptions = {}, quotaStore: QuotaStateStore = memoryQuotaStore()) {
  const clock = { now: Date.UTC(2025, 0, 1), sleeps: [] as number[] };
  const client = new BdlClient(
    { baseUrl: server.url, ...options },
    {
      fetch: globalThis.fetch,
      now: () => clock.now,
      sleep: (ms) => {
        clock.sleeps.push(ms);
        clock.now += ms;
        return Promise.resolve();
      },
      quotaStore,
    },
  );
  return { client, clock };
}

describe('BdlClient requests', () => {
  it('asks for JSON in the chosen language and sends the key only in the X-ClientId header', async () => {
    const { client } = makeClient({ clientId: 'secret-key', lang: 'en' });
    const variable = await client.variable(8);
    expect(variable).toMatchObject({ id: 8, subjectId: 'P1312', n1: 'females', level: 6 });
    const [request] = server.requests;
    expect(request?.path).toBe('/variables/8');
    expect(request?.query.toString()).toBe('lang=en&format=json');
    expect(request?.clientId).toBe('secret-key');
    const { client: anonymous } = makeClient();
    await anonymous.variable(8);
    expect(server.requests[1]?.clientId).toBeNull();
  });

  it('writes a stable request key: path and query, without host or key', () => {
    const { client } = makeClient({ clientId: 'secret-key' });
    const { path, params } = client.dataByVariableRequest({
      variableId: 60559,
      unitLevel: 6,
      years: [2021, 2020, 2021],
      page: 3,
    });
    expect(client.requestKey(path, params)).toBe(
      '/data/by-variable/60559?unit-level=6&year=2020&year=2021&page=3&page-size=100&lang=pl&format=json',
    );
  });

  it('searches variables, following pages up to the limit', async () => {
    const { client } = makeClient();
    const { total, variables } = await client.searchVariables('wydatki oświata');
    expect(total).toBe(2);
    expect(variables.map((v) => v.id)).toEqual([60559, 60560]);
    expect((await client.searchVariables('kobiety', { limit: 1 })).variables).toHaveLength(1);
  });

  it('reads subjects, measures and levels', async () => {
    const { client } = makeClient();
    expect(await client.subject('P1313')).toMatchObject({
      parentId: 'G2',
      name: 'Radni gmin według płci i wieku',
    });
    expect(await client.measure(4)).toEqual({ id: 4, name: 'zł', description: 'złoty' });
    expect((await client.levels()).map((l) => l.id)).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
  });
});

describe('BdlClient quota', () => {
  it('waits a second before the sixth request in a second (anonymous: 5 per s)', async () => {
    const { client, clock } = makeClient();
    for (let i = 0; i < 6; i++) await client.measure(4);
    expect(clock.sleeps).toEqual([1000]);
    expect(server.requests).toHaveLength(6);
  });

  it('allows 10 per s with a key', async () => {
    const { client, clock } = makeClient({ clientId: 'k' });
    for (let i = 0; i < 10; i++) await client.measure(4);
    expect(clock.sleeps).toEqual([]);
  });

  it('keeps the quota across runs through the store: the 101st request of 15 min waits', async () => {
    const store = memoryQuotaStore();
    const first = makeClient({}, store);
    for (let i = 0; i < 100; i++) await first.client.measure(4);
    // 100 requests at 5/s took 19 s of waiting (19 one-second waits).
    expect(first.clock.sleeps.reduce((a, b) => a + b, 0)).toBe(19_000);
    expect(store.current?.clients.anonymous).toHaveLength(100);

    const second = makeClient({}, store); // a new run, same clock start: the window is still full
    await second.client.measure(4);
    expect(second.clock.sleeps).toEqual([15 * 60_000]);
    // A key has its own quota and history, stored under a hash, never the key itself.
    const keyed = makeClient({ clientId: 'my-key' }, store);
    await keyed.client.measure(4);
    expect(keyed.clock.sleeps).toEqual([]);
    expect(Object.keys(store.current?.clients ?? {})).toEqual(['anonymous', keyed.client.identity]);
    expect(JSON.stringify(store.current)).not.toContain('my-key');
  });
});

describe('BdlClient failures', () => {
  it('waits as long as Retry-After says after a 429, then succeeds', async () => {
    const { client, clock } = makeClient();
    server.fail({ kind: 'rate-limit', retryAfter: '7' });
    expect(await client.measure(4)).toMatchObject({ name: 'zł' });
    expect(clock.sleeps).toEqual([7000]);
    expect(server.requests.map((r) => r.fault)).toEqual(['rate-limit', null]);
  });

  it('backs off exponentially after 5xx answers (1 s, 2 s), then succeeds', async () => {
    const { client, clock } = makeClient();
    server.fail({ kind: 'server-error', status: 503 }, { times: 2 });
    expect(await client.measure(4)).toMatchObject({ name: 'zł' });
    expect(clock.sleeps).toEqual([1000, 2000]);
  });

  it('gives up after maxRetries and names the request', async () => {
    const { client } = makeClient({ maxRetries: 2 });
    server.fail({ kind: 'server-error' }, { times: 3 });
    const error = await client.measure(4).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BdlApiError);
    expect((error as BdlApiError).message).toBe(
      `BDL API request GET ${server.url}/measures/4?lang=pl&format=json failed: HTTP 500: "Internal Server Error" (gave up after 3 attempts)`,
    );
    expect(server.requests).toHaveLength(3);
  });

  it('aborts a slow answer after the timeout and tries again', async () => {
    const { client } = makeClient({ timeoutMs: 50 });
    server.fail({ kind: 'slow', ms: 5_000 });
    expect(await client.measure(4)).toMatchObject({ name: 'zł' });
    expect(server.requests.map((r) => r.fault)).toEqual(['slow', null]);
    server.fail({ kind: 'slow', ms: 5_000 }, { times: 2 });
    const error = (await makeClient({ timeoutMs: 50, maxRetries: 1 })
      .client.measure(4)
      .catch((e: unknown) => e)) as BdlApiError;
    expect([error.failure, error.message]).toEqual([
      'timeout',
      expect.stringMatching(/no complete answer within 50 ms/),
    ]);
  });

  it('refuses a body that is not JSON, naming the request, without retrying', async () => {
    const { client } = makeClient();
    server.fail({ kind: 'malformed-json' });
    const error = (await client.levels().catch((e: unknown) => e)) as BdlApiError;
    expect(error.failure).toBe('not-json');
    expect(error.message).toMatch(
      new RegExp(
        `^BDL API request GET ${server.url}/levels\\?page-size=100&lang=pl&format=json failed: the answer is not JSON`,
      ),
    );
    expect(server.requests).toHaveLength(1);
  });

  it('refuses JSON of the wrong shape, saying which fields', async () => {
    const { client } = makeClient();
    server.fail({ kind: 'wrong-shape' });
    const error = (await client
      .dataByVariablePage({ variableId: 8, unitLevel: 6, years: [2020], page: 0 })
      .catch((e: unknown) => e)) as BdlApiError;
    expect(error.failure).toBe('shape');
    expect(error.message).toMatch(/is not a page of data by variable .*totalRecords: .*found "many"/);
    expect(error.message).toMatch(/results\/0\/values\/0\/val/);
  });

  it('does not retry a 404', async () => {
    const { client } = makeClient();
    const error = (await client.subject('X999').catch((e: unknown) => e)) as BdlApiError;
    expect([error.status, error.failure]).toEqual([404, 'http']);
    expect(server.requests).toHaveLength(1);
  });
});

describe('parseRetryAfter', () => {
  it('reads seconds and HTTP dates (RFC 9110), and nothing else', () => {
    const now = Date.parse('2025-01-01T12:00:00Z');
    expect(parseRetryAfter('120', now)).toBe(120_000);
    expect(parseRetryAfter('Wed, 01 Jan 2025 12:00:30 GMT', now)).toBe(30_000);
    expect(parseRetryAfter('Wed, 01 Jan 2025 11:00:00 GMT', now)).toBe(0);
    expect(parseRetryAfter('soon', now)).toBeNull();
    expect(parseRetryAfter(null, now)).toBeNull();
  });
});
