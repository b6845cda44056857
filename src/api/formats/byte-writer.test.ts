import { describe, expect, it } from 'vitest';
import { ByteWriter } from './byte-writer.js';

describe('ByteWriter', () => {
  it('writes text as UTF-8 and bytes as given, growing past its first capacity', () => {
    const writer = new ByteWriter(1);
    const name = Buffer.from('Świętochłowice');
    // 100 rounds of ~40 bytes: far past the 64 bytes it starts with, so it grows several times.
    for (let i = 0; i < 100; i++) writer.bytes(name).text(` ${i} żółw 😀,`);
    const expected = Array.from({ length: 100 }, (_, i) => `Świętochłowice ${i} żółw 😀,`).join('');
    expect(writer.done().toString('utf8')).toBe(expected);
    expect(writer.done().length).toBe(Buffer.byteLength(expected));
  });
});
