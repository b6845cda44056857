import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { decodeText } from './decode-text.js';

describe('decodeText', () => {
  it('reads UTF-8 with a BOM and drops the BOM', () => {
    const bytes = Buffer.concat([
      Buffer.from([0xef, 0xbb, 0xbf]),
      Buffer.from('WOJ;NAZWA\n02;DOLNOŚLĄSKIE', 'utf-8'),
    ]);
    expect(decodeText(bytes)).toEqual({ text: 'WOJ;NAZWA\n02;DOLNOŚLĄSKIE', encoding: 'utf-8' });
  });
  it('falls back to Windows-1250 for bytes that are not UTF-8', () => {
    // "Łódź" in Windows-1250 is A3 F3 64 9F: invalid as UTF-8.
    const bytes = iconv.encode('Łódź;Kraków', 'windows-1250');
    expect(decodeText(bytes)).toEqual({ text: 'Łódź;Kraków', encoding: 'windows-1250' });
  });
});
