/**
 * Indicator columns → PostgreSQL's binary COPY format (one row per stored cell), streamed through
 * pg-copy-streams in 1 MiB buffers with back-pressure. Binary, not text: no number formatting here and
 * no float parsing in the server. Indicators are added one at a time as they are computed, so the server
 * stores one indicator while the next one is computed (the machine's second core).
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

export class BinaryCopy {
  rows = 0;
  bytes = 0;
  private readonly stream: ReturnType<typeof from>;
  private readonly finished: Promise<void>;
  private readonly span: number;
  private readonly firstYear: number;
  private readonly unitBytes: Buffer[];
  private buffer = Buffer.allocUnsafe(CHUNK);
  private at = 0;

  constructor(
    client: pg.Client,
    release: SyntheticRelease,
    /** The draft release the rows are written into. */
    private readonly releaseId: number,
  ) {
    this.stream = client.query(
      from(
        'COPY observation (variable_id, unit_code, year, value, flag, note, first_release) FROM STDIN (FORMAT binary, FREEZE)',
      ),
    );
    this.finished = new Promise<void>((resolve, reject) => {
      this.stream.on('finish', resolve);
      this.stream.on('error', reject);
    });
    this.span = release.years.length;
    this.firstYear = release.years[0] as number;
    this.unitBytes = release.units.map((u) => Buffer.from(u.code));
    this.at = this.buffer.write('PGCOPY\n\xff\r\n\0', 0, 'latin1');
    this.at = this.buffer.writeInt32BE(0, this.at);
    this.at = this.buffer.writeInt32BE(0, this.at);
  }

  /** Every stored cell of one indicator; resolves once the stream has room again (back-pressure). */
  async add(id: string, columns: IndicatorColumns): Promise<void> {
    const variable = Buffer.from(`${INDICATOR_PREFIX}${id}`);
    const { values, flags, stored, notes } = columns;
    for (let slot = 0; slot < stored.length; slot++) {
      if (stored[slot] !== 1) continue;
      const note = notes.get(slot);
      const noteBytes = note === undefined ? null : Buffer.from(note);
      if (this.at + 128 + variable.length + (noteBytes?.length ?? 0) > this.buffer.length) {
        await this.flush();
        if (noteBytes !== null && noteBytes.length + 256 > this.buffer.length)
          this.buffer = Buffer.allocUnsafe(noteBytes.length + 256);
      }
      const buffer = this.buffer;
      let at = this.at;
      const unit = this.unitBytes[Math.floor(slot / this.span)] as Buffer;
      at = buffer.writeInt16BE(7, at);
      at = buffer.writeInt32BE(variable.length, at);
      at += variable.copy(buffer, at);
      at = buffer.writeInt32BE(unit.length, at);
      at += unit.copy(buffer, at);
      at = buffer.writeInt32BE(2, at);
      at = buffer.writeInt16BE(this.firstYear + (slot % this.span), at);
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
      this.at = buffer.writeInt32BE(this.releaseId, at);
      this.rows++;
    }
  }

  /** The trailer, then waits until the server has every row. */
  async end(): Promise<void> {
    if (this.at + 2 > this.buffer.length) await this.flush();
    this.at = this.buffer.writeInt16BE(-1, this.at);
    await this.flush();
    this.stream.end();
    await this.finished;
  }

  private async flush(): Promise<void> {
    this.bytes += this.at;
    const full = this.stream.write(this.buffer.subarray(0, this.at));
    this.buffer = Buffer.allocUnsafe(CHUNK);
    this.at = 0;
    if (!full) await once(this.stream, 'drain');
  }
}
