/**
 * PGlite in a worker thread. PGlite runs PostgreSQL compiled to WASM on the thread that calls it, and a
 * long statement holds that thread: rebuilding the observation table's key and indexes on the first start
 * took 3-5 s a statement, during which the server could not answer anything, health included (issue 14:
 * "health answering throughout the warm-up"). Here the database has a thread of its own; the server's
 * thread only sends SQL and receives rows, and it can prepare the next batch of rows while the database
 * stores the last one.
 *
 * The worker is a short script given as text (`eval`), so it runs the same from the built program, under
 * tsx and under the test runner; it imports PGlite by its resolved file address. Messages carry SQL,
 * parameters and rows (structured clone); a transaction is opened in the worker and kept open, between
 * messages, until the caller ends it, so `transaction(fn)` keeps PGlite's own semantics (one transaction
 * at a time, other statements wait for it).
 */
import { Worker } from 'node:worker_threads';
import { TYPE_PARSING } from './database.js';
import { PGLITE_SETTINGS, pgliteModule } from './pglite-module.js';

/** The part of PGlite's interface the store uses (pglite-database.ts), in process or in the thread. */
export interface PgliteLike {
  query<T>(sql: string, params?: unknown[], options?: { blob?: Blob }): Promise<{ rows: T[] }>;
  exec(sql: string): Promise<unknown>;
  transaction<T>(fn: (tx: Pick<PgliteLike, 'query'>) => Promise<T>): Promise<T>;
  dumpDataDir(compression: 'none'): Promise<Blob>;
  close(): Promise<void>;
}

type Request =
  | { op: 'query'; sql: string; params: unknown[]; tx: number | null; blob: ArrayBuffer | null }
  | { op: 'exec'; sql: string }
  | { op: 'begin' }
  | { op: 'end'; tx: number; commit: boolean }
  | { op: 'dump' }
  | { op: 'close' };

type Reply = { id: number; ok: true; value: unknown } | { id: number; ok: false; error: ErrorFields };

/** An error as it crosses the thread: PostgreSQL's fields (code, detail, constraint, …) kept. */
type ErrorFields = { name: string; message: string } & Record<string, string | number | undefined>;

// Plain JavaScript, run by the worker (CommonJS eval, hence the async import). Reply id 0 = started.
const WORKER_SCRIPT = `
const { parentPort, workerData } = require('node:worker_threads');
const ROLLBACK = Symbol('rollback');
const fieldsOf = (error) => {
  const fields = { name: error?.name ?? 'Error', message: String(error?.message ?? error) };
  for (const [key, value] of Object.entries(error ?? {}))
    if (typeof value === 'string' || typeof value === 'number') fields[key] = value;
  return fields;
};
const reply = (id, value) => parentPort.postMessage({ id, ok: true, value });
const fail = (id, error) => parentPort.postMessage({ id, ok: false, error: fieldsOf(error) });
(async () => {
  const { PGlite } = await import(workerData.module);
  const parsers = {};
  for (const [oid, kind] of Object.entries(workerData.parsing))
    parsers[oid] = kind === 'number' ? (value) => Number(value) : (value) => value;
  const options = { parsers, startParams: [...PGlite.defaultStartParams, ...workerData.settings] };
  if (workerData.load) options.loadDataDir = new Blob([workerData.load]);
  const pg = await PGlite.create(workerData.pgdata ?? undefined, options);
  const transactions = new Map();
  let nextTransaction = 1;
  parentPort.on('message', async ({ id, request }) => {
    try {
      switch (request.op) {
        case 'query': {
          const target = request.tx === null ? pg : transactions.get(request.tx)?.tx;
          if (!target) throw new Error('transaction ' + request.tx + ' is not open');
          const result = await target.query(request.sql, request.params,
            request.blob ? { blob: new Blob([request.blob]) } : undefined);
          return reply(id, result.rows);
        }
        case 'exec':
          await pg.exec(request.sql);
          return reply(id, null);
        case 'begin': {
          const number = nextTransaction++;
          let begun = false;
          let endId = null;
          pg.transaction((tx) => new Promise((resolve, reject) => {
            begun = true;
            transactions.set(number, { tx, end: (commit, replyTo) => {
              endId = replyTo;
              if (commit) resolve(); else reject(ROLLBACK);
            } });
            reply(id, number);
          })).then(
            () => { transactions.delete(number); reply(endId, null); },
            (error) => {
              transactions.delete(number);
              if (!begun) fail(id, error);
              else if (error === ROLLBACK) reply(endId, null);
              else fail(endId, error);
            },
          );
          return;
        }
        case 'end': {
          const open = transactions.get(request.tx);
          if (!open) throw new Error('transaction ' + request.tx + ' is not open');
          return open.end(request.commit, id);
        }
        case 'dump': {
          const buffer = await (await pg.dumpDataDir('none')).arrayBuffer();
          return parentPort.postMessage({ id, ok: true, value: buffer }, [buffer]);
        }
        case 'close':
          await pg.close();
          return reply(id, null);
      }
    } catch (error) {
      fail(id, error);
    }
  });
  reply(0, null);
})().catch((error) => fail(0, error));
`;

const toError = (fields: ErrorFields): Error => Object.assign(new Error(fields.message), fields);

// Over 80 lines: the worker, its reply routing and the interface over it share the pending calls and state.
/** Opens PGlite in a worker thread: `pgdata` a folder (null: in memory), `loadDataDir` a dump to start from. */
export async function openPgliteThread(
  pgdata: string | null,
  options: { readonly loadDataDir?: Blob } = {},
): Promise<PgliteLike> {
  const load = options.loadDataDir ? await options.loadDataDir.arrayBuffer() : null;
  const worker = new Worker(WORKER_SCRIPT, {
    eval: true,
    workerData: {
      module: pgliteModule().url,
      pgdata,
      parsing: TYPE_PARSING,
      settings: PGLITE_SETTINGS,
      load,
    },
    transferList: load ? [load] : [],
  });
  const pending = new Map<number, { resolve: (value: unknown) => void; reject: (error: Error) => void }>();
  let nextId = 1;
  let dead: Error | null = null;
  const failAll = (error: Error) => {
    dead ??= error;
    for (const { reject } of pending.values()) reject(error);
    pending.clear();
  };
  worker.on('message', (reply: Reply) => {
    const waiting = pending.get(reply.id);
    pending.delete(reply.id);
    if (reply.ok) waiting?.resolve(reply.value);
    else waiting?.reject(toError(reply.error));
  });
  worker.on('error', (error) => failAll(error));
  worker.on('exit', (code) => failAll(new Error(`the database thread stopped (exit code ${code})`)));

  const send = <T>(request: Request | null, id = nextId++): Promise<T> =>
    new Promise<T>((resolve, reject) => {
      if (dead) return reject(dead);
      pending.set(id, { resolve: resolve as (value: unknown) => void, reject });
      // A COPY's bytes are moved to the thread, not copied (the buffer is this call's own, from Blob#arrayBuffer).
      if (request)
        worker.postMessage({ id, request }, request.op === 'query' && request.blob ? [request.blob] : []);
    });

  await send(null, 0).catch(async (error: unknown) => {
    await worker.terminate();
    throw error;
  });

  const queryIn =
    (tx: number | null) =>
    async <T>(sql: string, params: unknown[] = [], opts?: { blob?: Blob }): Promise<{ rows: T[] }> => ({
      rows: await send<T[]>({
        op: 'query',
        sql,
        params,
        tx,
        blob: opts?.blob ? await opts.blob.arrayBuffer() : null,
      }),
    });

  return {
    query: queryIn(null),
    exec: (sql) => send({ op: 'exec', sql }),
    async transaction<T>(fn: (tx: Pick<PgliteLike, 'query'>) => Promise<T>): Promise<T> {
      const tx = await send<number>({ op: 'begin' });
      let result: T;
      try {
        result = await fn({ query: queryIn(tx) });
      } catch (error) {
        await send({ op: 'end', tx, commit: false }).catch(() => undefined);
        throw error;
      }
      await send({ op: 'end', tx, commit: true });
      return result;
    },
    dumpDataDir: async () => new Blob([await send<ArrayBuffer>({ op: 'dump' })]),
    async close() {
      try {
        if (!dead) await send({ op: 'close' });
      } finally {
        await worker.terminate();
      }
    },
  };
}
