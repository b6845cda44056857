/**
 * An answer written straight into bytes: pieces encoded once ahead (a unit's JSON, kept as a Buffer) are
 * copied, the rest is encoded as UTF-8 where it is written. A large JSON answer built as one string was
 * a deep rope that Node flattened and encoded to UTF-8 twice (once to count its length, once to write
 * it); an indicator-year of all gminy (321 KiB) spent more time there than in computing it (issue 14).
 */
export class ByteWriter {
  private buffer: Buffer;
  private length = 0;

  /** `capacity`: bytes expected (the buffer grows past it when needed, at the cost of a copy). */
  constructor(capacity: number) {
    this.buffer = Buffer.allocUnsafe(Math.max(64, capacity));
  }

  /** Appends bytes encoded ahead. */
  bytes(piece: Uint8Array): this {
    this.reserve(piece.length);
    this.buffer.set(piece, this.length);
    this.length += piece.length;
    return this;
  }

  /** Appends text as UTF-8. */
  text(piece: string): this {
    // A UTF-16 code unit takes at most 3 bytes of UTF-8 (a surrogate pair, two units, takes 4).
    this.reserve(piece.length * 3);
    this.length += this.buffer.write(piece, this.length, 'utf8');
    return this;
  }

  /** The bytes written (a view of the buffer: the writer must not be used after). */
  done(): Buffer {
    return this.buffer.subarray(0, this.length);
  }

  private reserve(bytes: number): void {
    if (this.length + bytes <= this.buffer.length) return;
    const grown = Buffer.allocUnsafe(Math.max(this.buffer.length * 2, this.length + bytes));
    this.buffer.copy(grown, 0, 0, this.length);
    this.buffer = grown;
  }
}
