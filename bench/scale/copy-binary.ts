/**
 * Indicator columns → PostgreSQL's binary COPY format (one row per stored cell), written by the store's own
 * writer (src/store/binary-copy.ts, as the first start writes its release) and streamed through
 * pg-copy-streams in 1 MiB parts with back-pressure. Binary, not text: no number formatting here and no
 * float parsing in the server. Indicators are added one at a time as they are computed, so the server
 * stores one indicator while the next one is computed (the machine's second core).
 */
import { once } from 'node:events';
import type pg from 'pg';
import { from } from 'pg-copy-streams';
import { INDICATOR_PREFIX } from '../../src/pipeline/compute.js';
import { BinaryCopyWriter, textField } from '../../src/store/binary-copy.js';
import type { IndicatorColumns } from './smup-side.js';
import type { SyntheticRelease } from './synthetic-release.js';

const CHUNK = 1 << 20;

export class BinaryCopy {
  bytes = 0;
  private readonly stream: ReturnType<typeof from>;
  private readonly finished: Promise<void>;
  private readonly span: number;
  private readonly firstYear: number;
  private readonly unitBytes: Uint8Array[];
  private readonly writer = new BinaryCopyWriter(CHUNK + (CHUNK >> 2));

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
    this.unitBytes = release.units.map((u) => textField(u.code));
  }

  get rows(): number {
    return this.writer.rows;
  }

  /** Every stored cell of one indicator; resolves once the stream has room again (back-pressure). */
  async add(id: string, columns: IndicatorColumns): Promise<void> {
    const variable = textField(`${INDICATOR_PREFIX}${id}`);
    const { values, flags, stored, notes } = columns;
    const writer = this.writer;
    for (let slot = 0; slot < stored.length; slot++) {
      if (stored[slot] !== 1) continue;
      writer
        .row(7)
        .text(variable)
        .text(this.unitBytes[Math.floor(slot / this.span)] as Uint8Array)
        .int2(this.firstYear + (slot % this.span));
      const value = values[slot] as number;
      if (Number.isNaN(value)) writer.null();
      else writer.float8(value);
      const flag = flags[slot] as number;
      if (flag === -1) writer.null();
      else writer.int2(flag);
      const note = notes.get(slot);
      if (note === undefined) writer.null();
      else writer.text(textField(note));
      writer.int4(this.releaseId);
      if (writer.byteLength >= CHUNK) await this.send(writer.take());
    }
  }

  /** The trailer, then waits until the server has every row. */
  async end(): Promise<void> {
    await this.send(this.writer.finish());
    this.stream.end();
    await this.finished;
  }

  private async send(part: Uint8Array): Promise<void> {
    this.bytes += part.length;
    if (!this.stream.write(Buffer.from(part.buffer, part.byteOffset, part.length)))
      await once(this.stream, 'drain');
  }
}
