import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPglite, type PgliteDatabase } from './pglite-database.js';

// The store's PGlite in its worker thread, on a folder as `serve` opens it: the same answers, types,
// transactions and errors as in process (the rest of the suite runs PGlite in process, in memory).
describe('PGlite in a worker thread', () => {
  const dir = mkdtempSync(join(tmpdir(), 'smup-pglite-thread-'));
  let db: PgliteDatabase;

  beforeAll(async () => {
    db = await openPglite(join(dir, 'data'));
    await db.exec('CREATE TABLE t (id int PRIMARY KEY, label text, big bigint, day date, amount numeric)');
  });
  afterAll(async () => {
    await db.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it("runs with SMUP's settings (PGLITE_SETTINGS), in the thread and in process alike", async () => {
    expect(await db.query('SHOW wal_level')).toEqual([{ wal_level: 'minimal' }]);
    expect(await db.query('SHOW shared_buffers')).toEqual([{ shared_buffers: '32MB' }]);
    expect(await db.query('SHOW maintenance_work_mem')).toEqual([{ maintenance_work_mem: '16MB' }]);
    const inProcess = await openPglite(null);
    try {
      expect(await inProcess.query('SHOW wal_level')).toEqual([{ wal_level: 'minimal' }]);
      expect(await inProcess.query('SHOW shared_buffers')).toEqual([{ shared_buffers: '32MB' }]);
      expect(await inProcess.query('SHOW maintenance_work_mem')).toEqual([{ maintenance_work_mem: '16MB' }]);
    } finally {
      await inProcess.close();
    }
  });

  it('answers queries with parameters and the pinned type mapping', async () => {
    await db.query('INSERT INTO t VALUES ($1, $2, $3, $4, $5)', [
      1,
      'Kraków',
      '9007199254740',
      '2024-02-29',
      '1.5',
    ]);
    const rows = await db.query('SELECT * FROM t WHERE id = $1', [1]);
    expect(rows).toEqual([{ id: 1, label: 'Kraków', big: 9007199254740, day: '2024-02-29', amount: 1.5 }]);
  });

  it('commits a transaction whole, and rolls it back whole when its function throws', async () => {
    await db.transaction(async (tx) => {
      await tx.query("INSERT INTO t (id, label) VALUES (2, 'two')");
      await tx.query("INSERT INTO t (id, label) VALUES (3, 'three')");
    });
    await expect(
      db.transaction(async (tx) => {
        await tx.query("INSERT INTO t (id, label) VALUES (4, 'four')");
        throw new Error('stop here');
      }),
    ).rejects.toThrow('stop here');
    const ids = await db.query<{ id: number }>('SELECT id FROM t ORDER BY id');
    expect(ids.map((r) => r.id)).toEqual([1, 2, 3]);
  });

  it('keeps PostgreSQL error fields across the thread, and a failed statement rolls back its transaction', async () => {
    const error = await db
      .transaction(async (tx) => {
        await tx.query("INSERT INTO t (id, label) VALUES (5, 'five')");
        await tx.query("INSERT INTO t (id, label) VALUES (1, 'again')");
      })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(Error);
    expect(error).toMatchObject({ code: '23505', message: expect.stringContaining('duplicate key') });
    expect(await db.query('SELECT id FROM t WHERE id = 5')).toEqual([]);
  });

  it('lets a statement from outside wait for an open transaction, as PGlite does in process', async () => {
    const order: string[] = [];
    let outside: Promise<unknown> | null = null;
    await db.transaction(async (tx) => {
      await tx.query("INSERT INTO t (id, label) VALUES (6, 'six')");
      outside = db
        .query('SELECT count(*)::int AS n FROM t')
        .then((rows) => order.push(`outside ${JSON.stringify(rows)}`));
      await new Promise((resolve) => setTimeout(resolve, 50));
      order.push('transaction ends');
    });
    await outside;
    expect(order).toEqual(['transaction ends', 'outside [{"n":4}]']);
  });

  it('copies CSV from memory, dumps a folder that opens again, and rejects every call once closed', async () => {
    await db.copyFrom?.(
      "COPY t (id, label) FROM '/dev/blob' WITH (FORMAT csv)",
      '10,ten\n11,"eleven, with comma"\n',
    );
    expect(await db.query('SELECT label FROM t WHERE id >= 10 ORDER BY id')).toEqual([
      { label: 'ten' },
      { label: 'eleven, with comma' },
    ]);
    const copy = await openPglite(null, { loadDataDir: await db.dump(), thread: true });
    try {
      expect(await copy.query('SELECT count(*)::int AS n FROM t')).toEqual([{ n: 6 }]);
    } finally {
      await copy.close();
    }
    await expect(copy.query('SELECT 1')).rejects.toThrow(/database thread stopped/);
  });
});
