import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BinaryCopyWriter, textField } from './binary-copy.js';
import { openPglite, type PgliteDatabase } from './pglite-database.js';

const COPY = "COPY t (label, small, whole, number) FROM '/dev/blob' WITH (FORMAT binary)";

describe('binary COPY streams, read by PostgreSQL (PGlite)', () => {
  let db: PgliteDatabase;
  beforeAll(async () => {
    db = await openPglite(null);
    await db.exec(
      'CREATE TABLE t (id serial, label text, small smallint, whole integer, number double precision)',
    );
  });
  afterAll(async () => {
    await db.close();
  });

  it('stores text, integers and doubles exactly, and NULL where written', async () => {
    const numbers = [0, -0, 1 / 3, -1e-308, 5e-324, Number.MAX_VALUE, Infinity, -Infinity, 779_115, 12.5];
    const writer = new BinaryCopyWriter(32); // small on purpose: the buffer must grow
    for (const [i, number] of numbers.entries()) {
      writer
        .row(4)
        .text(textField(i % 2 ? 'Łódź, "śródmieście"\nżółć' : ''))
        .int2(i % 3 ? -32767 + i : 32767)
        .int4(i === 4 ? -2_147_483_648 : 2_147_483_647 - i)
        .float8(number);
    }
    writer.row(4).null().null().null().null();
    const data = writer.finish();
    expect(writer.rows).toBe(numbers.length + 1);
    await db.copyFrom?.(COPY, data);
    const rows = await db.query<{
      label: string | null;
      small: number | null;
      whole: number | null;
      n: string | null;
    }>('SELECT label, small, whole, number::text AS n FROM t ORDER BY id');
    expect(rows.map((r) => r.label)).toEqual([
      ...numbers.map((_, i) => (i % 2 ? 'Łódź, "śródmieście"\nżółć' : '')),
      null,
    ]);
    expect(rows.map((r) => r.small)).toEqual([...numbers.map((_, i) => (i % 3 ? -32767 + i : 32767)), null]);
    expect(rows.map((r) => r.whole)).toEqual([
      ...numbers.map((_, i) => (i === 4 ? -2_147_483_648 : 2_147_483_647 - i)),
      null,
    ]);
    // float8's text is its shortest exact form: equal text, equal double (and -0 stays -0).
    expect(rows.map((r) => (r.n === null ? null : Number(r.n)))).toEqual([...numbers, null]);
    expect(rows[1]?.n).toBe('-0');
  });

  it('sends a stream in parts: the parts taken, then finish, are the same bytes as the stream whole', async () => {
    const write = (writer: BinaryCopyWriter, from: number, to: number) => {
      for (let i = from; i < to; i++)
        writer
          .row(4)
          .text(textField(`part ${i}`))
          .int2(i)
          .int4(i * 1000)
          .float8(i / 7);
    };
    const whole = new BinaryCopyWriter(64);
    write(whole, 0, 30);
    const expected = Uint8Array.from(whole.finish());
    const parted = new BinaryCopyWriter(64);
    const parts: Uint8Array[] = [];
    for (const [from, to] of [
      [0, 1],
      [1, 12],
      [12, 12],
      [12, 30],
    ] as const) {
      write(parted, from, to);
      parts.push(parted.take());
      expect(parted.byteLength).toBe(0);
    }
    parts.push(parted.finish());
    expect(parted.rows).toBe(30);
    const joined = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
    parts.reduce((at, p) => (joined.set(p, at), at + p.length), 0);
    expect(joined).toEqual(expected);
    const before = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM t');
    await db.copyFrom?.(COPY, joined);
    expect(await db.query('SELECT count(*)::int AS n FROM t')).toEqual([{ n: (before[0]?.n ?? 0) + 30 }]);
  });

  it('is refused whole when a row has fewer fields than the statement names', async () => {
    const before = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM t');
    const writer = new BinaryCopyWriter();
    writer.row(4).text(textField('a')).int2(1).int4(1).float8(1);
    writer.row(2).text(textField('b')).int2(2);
    await expect(db.copyFrom?.(COPY, writer.finish())).rejects.toThrow(/row field count is 2, expected 4/);
    expect(await db.query('SELECT count(*)::int AS n FROM t')).toEqual(before);
  });
});
