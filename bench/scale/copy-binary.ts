/**
 * Indicator columns → PostgreSQL's binary COPY format (one row per stored cell), streamed through
 * pg-copy-streams in 1 MiB buffers with back-pressure. Binary, not text: no number formatting here and
 * no float parsing in the server.
 *
 *   header "PGCOPY\n\377\r\n\0" + flags + extension ─► per row: field count, then per field its byte
 *   length (-1 = NULL) and its bytes, big-endian ─► trailer -1
 */
import { once } from 'node:events';
import type pg from 'pg';
import { from } from 'pg-copy-streams';
import { INDICATOR_PREFIX } from '../../src/pipeline/compute.js';
import type { IndicatorColumns } from './smup-side.js';
import type { SyntheticRelease } from './synthetic-release.js';

const CHUNK = 1 << 20;
/** The release id the rows are published in (a fresh database: the first). */
const RELEASE = 1;

export async function copyBinary(
  client: pg.Client,
  release: SyntheticRelease,
  results: ReadonlyMap<string, IndicatorColumns>,
): Promise<{ rows: number; bytes: number }> {
  const stream = client.query(
    from(
      'COPY observation (variable_id, unit_code, year, value, flag, note, first_release) FROM STDIN (FORMAT binary)',
    ),
  );
  const finished = new Promise<void>((resolve, reject) => {
    stream.on('finish', resolve);
    stream.on('error', reject);
  });
  const span = release.years.length;
  const firstYear = release.years[0] as number;
  const unitBytes = release.units.map((u) => Buffer.from(u.code));
  let buffer = Buffer.allocUnsafe(CHUNK);
  let at = 0;
  let rows = 0;
  let bytes = 0;
  const flush = async () => {
    bytes += at;
    if (!stream.write(buffer.subarray(0, at))) await once(stream, 'drain');
    buffer = Buffer.allocUnsafe(CHUNK);
    at = 0;
  };
  at = buffer.write('PGCOPY\n\xff\r\n\0', 0, 'latin1');
  at = buffer.writeInt32BE(0, at);
  at = buffer.writeInt32BE(0, at);
  for (const [id, columns] of results) {
    const variable = Buffer.from(`${INDICATOR_PREFIX}${id}`);
    const { values, flags, stored, notes } = columns;
    for (let slot = 0; slot < stored.length; slot++) {
      if (stored[slot] !== 1) continue;
      const note = notes.get(slot);
      const noteBytes = note === undefined ? null : Buffer.from(note);
      if (at + 128 + variable.length + (noteBytes?.length ?? 0) > buffer.length) {
        await flush();
        if (noteBytes !== null && noteBytes.length + 256 > buffer.length)
          buffer = Buffer.allocUnsafe(noteBytes.length + 256);
      }
      const unit = unitBytes[Math.floor(slot / span)] as Buffer;
      at = buffer.writeInt16BE(7, at);
      at = buffer.writeInt32BE(variable.length, at);
      at += variable.copy(buffer, at);
      at = buffer.writeInt32BE(unit.length, at);
      at += unit.copy(buffer, at);
      at = buffer.writeInt32BE(2, at);
      at = buffer.writeInt16BE(firstYear + (slot % span), at);
      const value = values[slot] as number;
      if (Number.isNaN(value)) at = buffer.writeInt32BE(-1, at);
      else {
        at = buffer.writeInt32BE(8, at);
        at = buffer.writeDoubleBE(value, at);
      }
      const flag = flags[slot] as number;
      if (flag === -1) at = buffer.writeInt32BE(-1, at);
      else {
        at = buffer.writeInt32BE(2, at);
        at = buffer.writeInt16BE(flag, at);
      }
      if (noteBytes === null) at = buffer.writeInt32BE(-1, at);
      else {
        at = buffer.writeInt32BE(noteBytes.length, at);
        at += noteBytes.copy(buffer, at);
      }
      at = buffer.writeInt32BE(4, at);
      at = buffer.writeInt32BE(RELEASE, at);
      rows++;
    }
  }
  if (at + 2 > buffer.length) await flush();
  at = buffer.writeInt16BE(-1, at);
  await flush();
  stream.end();
  await finished;
  return { rows, bytes };
}
