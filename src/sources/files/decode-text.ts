import iconv from 'iconv-lite';

export type TextEncoding = 'utf-8' | 'windows-1250';

/**
 * Decodes a text file the way Polish official files come: UTF-8 (with or without a BOM) or Windows-1250
 * (older GUS and BDL portal exports). A file that is not valid UTF-8 is read as Windows-1250, which maps
 * every byte, so the choice is safe: a UTF-8 file never fails the strict UTF-8 decoder.
 */
export function decodeText(bytes: Uint8Array): { text: string; encoding: TextEncoding } {
  try {
    const text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
    return { text, encoding: 'utf-8' };
  } catch {
    return { text: iconv.decode(Buffer.from(bytes), 'windows-1250'), encoding: 'windows-1250' };
  }
}
