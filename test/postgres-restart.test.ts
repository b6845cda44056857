/**
 * A real PostgreSQL restart under load (issue 14, point 8): a private server of our own (initdb in a temporary
 * folder, its own port, so no other suite's database goes down with it) is restarted while 16 clients keep
 * asking a real HTTP server for data. No client may see a 500: while the server is away the answer is 503 with
 * Retry-After, and once it is back every answer is 200 again without restarting SMUP.
 */
import { execFile, spawn, spawnSync } from 'node:child_process';
import { setTimeout as sleep } from 'node:timers/promises';
import { promisify } from 'node:util';
import { chownSync, mkdtempSync, openSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureUnitsRegister } from '../src/pipeline/bundled-register.js';
import { buildServer } from '../src/server.js';
import type { Database } from '../src/store/database.js';
import { migrate } from '../src/store/migrate.js';
import { openPostgres } from '../src/store/postgres-database.js';

const PG_ROOT = '/usr/lib/postgresql';
/**
 * A port no one listens on, below Linux's ephemeral range (32768 and up): an outgoing connection's local port
 * is drawn from that range, and one once took the port this test had computed from its pid, so the server
 * could not bind. Below it, only a listener can hold the port, and the check below finds that; the server
 * then keeps the same port across its restart.
 */
async function freeListenPort(): Promise<number> {
  for (let attempt = 0; attempt < 50; attempt++) {
    const candidate = 20_000 + Math.floor(Math.random() * 12_000);
    const free = await new Promise<boolean>((resolve) => {
      const probe = createServer();
      probe.once('error', () => resolve(false));
      probe.listen(candidate, '127.0.0.1', () => probe.close(() => resolve(true)));
    });
    if (free) return candidate;
  }
  throw new Error('no free port between 20000 and 32000 after 50 tries');
}

const bin = (name: string): string => {
  const version = readdirSync(PG_ROOT).sort((a, b) => Number(b) - Number(a))[0] as string;
  return join(PG_ROOT, version, 'bin', name);
};

/** Runs a PostgreSQL tool as the `postgres` user when we are root (PostgreSQL refuses to run as root). */
async function pgTool(args: readonly string[]): Promise<void> {
  const asRoot = process.getuid?.() === 0;
  const [command, ...rest] = asRoot ? ['runuser', '-u', 'postgres', '--', ...args] : [...args];
  try {
    await promisify(execFile)(command as string, rest, { encoding: 'utf-8' });
  } catch (error) {
    const { stderr, stdout } = error as { stderr?: string; stdout?: string };
    throw new Error(`${args.join(' ')} failed: ${stderr ?? ''}${stdout ?? ''}`);
  }
}

describe('PostgreSQL restart under load', () => {
  const dir = mkdtempSync(join(tmpdir(), 'smup-pg-restart-'));
  const data = join(dir, 'data');
  let port = 0;
  let db: Database;
  let app: FastifyInstance;
  let base: string;

  /** The server as our own child (no daemon holding our output open), logging to a file; resolves when ready. */
  async function startServer(): Promise<void> {
    const log = openSync(join(dir, 'log'), 'a');
    const args = [
      bin('postgres'),
      '-D',
      data,
      '-p',
      String(port),
      '-k',
      dir,
      '-c',
      'listen_addresses=127.0.0.1',
    ];
    const child = process.getuid?.() === 0 ? ['runuser', '-u', 'postgres', '--', ...args] : args;
    spawn(child[0] as string, child.slice(1), { stdio: ['ignore', log, log], detached: true }).unref();
    for (let i = 0; i < 200; i++) {
      const ready = await pgTool([bin('pg_isready'), '-h', '127.0.0.1', '-p', String(port), '-q']).then(
        () => true,
        () => false,
      );
      if (ready) return;
      await sleep(100);
    }
    throw new Error(`PostgreSQL did not start on port ${port}: ${readFileSync(join(dir, 'log'), 'utf-8')}`);
  }

  /** Stops the server the way `pg_ctl stop -m fast` does (SIGINT to the postmaster) and waits until it is gone. */
  async function stopServer(): Promise<void> {
    let pid: number;
    try {
      pid = Number(readFileSync(join(data, 'postmaster.pid'), 'utf-8').split('\n')[0]);
    } catch {
      return; // not running
    }
    process.kill(pid, 'SIGINT');
    for (let i = 0; i < 200; i++) {
      try {
        process.kill(pid, 0);
      } catch {
        return;
      }
      await sleep(50);
    }
    throw new Error(`PostgreSQL (pid ${pid}) did not stop`);
  }

  beforeAll(async () => {
    if (process.getuid?.() === 0) chownSync(dir, Number(spawnSync('id', ['-u', 'postgres']).stdout), -1);
    await pgTool([bin('initdb'), '-D', data, '-A', 'trust', '-U', 'postgres', '--no-sync']);
    port = await freeListenPort();
    await startServer();
    db = await openPostgres(`postgres://postgres@127.0.0.1:${port}/postgres`, { maxConnections: 4 });
    await migrate(db);
    await ensureUnitsRegister(db);
    app = await buildServer({ db, version: 'test', logLevel: 'silent' });
    base = await app.listen({ host: '127.0.0.1', port: 0 });
  }, 120_000);

  afterAll(async () => {
    await app?.close();
    await db?.close();
    await stopServer();
    rmSync(dir, { recursive: true, force: true });
  });

  it('answers 200 or 503 with Retry-After, never 500, while the server restarts, and 200 after', async () => {
    const statuses = new Map<number, number>();
    let without = 0; // 503s without Retry-After
    let stop = false;
    const client = async () => {
      // Bounded: at most 400 requests a client, and only until the restart is over.
      for (let i = 0; i < 400 && !stop; i++) {
        const response = await fetch(`${base}/api/v1/units?q=kra&level=gmina`);
        await response.arrayBuffer();
        statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1);
        if (response.status === 503 && !response.headers.get('retry-after')) without++;
      }
    };
    const load = Promise.all(Array.from({ length: 16 }, client));
    await sleep(1_000);
    await stopServer();
    const down = statuses.get(503) ?? 0;
    await sleep(500); // clients keep asking while there is no server at all
    await startServer();
    await sleep(1_000);
    stop = true;
    await load;
    const after = await fetch(`${base}/api/v1/units?q=kra&level=gmina`);
    expect(after.status).toBe(200);
    const seen = Object.fromEntries(statuses);
    expect(
      Object.keys(seen).filter((s) => s !== '200' && s !== '503'),
      JSON.stringify(seen),
    ).toEqual([]);
    expect(without).toBe(0);
    // The restart was felt (503s while down) and the service came back (200s after it) without restarting SMUP.
    expect(statuses.get(503) ?? 0, JSON.stringify(seen)).toBeGreaterThan(down);
    expect(statuses.get(200)).toBeGreaterThan(0);
  }, 120_000);
});
