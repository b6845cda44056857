/**
 * Noto Sans (the @fontsource/noto-sans package, SIL OFL) for the PDF: the Latin and Latin Extended subsets
 * (ą ę ł ń ó ś ź ż are in Latin Extended-A), regular and bold, inlined as data: URLs so the HTML Chromium
 * prints needs no file access and the PDF embeds the same glyphs on every machine.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const require = createRequire(import.meta.url);

function fontFaces(): string {
  const dir = dirname(require.resolve('@fontsource/noto-sans/package.json'));
  const faces: string[] = [];
  for (const weight of [400, 700]) {
    const css = readFileSync(join(dir, `${weight}.css`), 'utf-8');
    for (const block of css.split('@font-face').slice(1)) {
      const file = /url\(\.\/files\/(noto-sans-(latin|latin-ext)-\d+-normal\.woff2)\)/.exec(block)?.[1];
      const range = /unicode-range:\s*([^;]+);/.exec(block)?.[1];
      if (!file || !range) continue;
      const data = readFileSync(join(dir, 'files', file)).toString('base64');
      faces.push(
        `@font-face{font-family:'Noto Sans';font-style:normal;font-weight:${weight};src:url(data:font/woff2;base64,${data}) format('woff2');unicode-range:${range};}`,
      );
    }
  }
  return faces.join('\n');
}

let cached: string | null = null;
/** The @font-face rules (read once, about 200 KiB of CSS). */
export function notoSansFaces(): string {
  cached ??= fontFaces();
  return cached;
}
