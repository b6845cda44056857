/**
 * Report documents as text for golden files (issue 19, point 3): what a reader sees, in reading order, with
 * the layout that matters kept (one paragraph a line, table cells joined by " | ", one block per slide).
 * Per-run values are replaced by named placeholders, never dropped, so a golden still shows where they are.
 */
import JSZip from 'jszip';

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

/** XML character data as text: the five named entities and numeric references. */
export function unescapeXml(text: string): string {
  return text.replace(/&(#x[0-9a-fA-F]+|#\d+|amp|lt|gt|quot|apos);/g, (_, ref: string) =>
    ref.startsWith('#x')
      ? String.fromCodePoint(parseInt(ref.slice(2), 16))
      : ref.startsWith('#')
        ? String.fromCodePoint(Number(ref.slice(1)))
        : (ENTITIES[ref] as string),
  );
}

/**
 * The text of each paragraph (`<w:p>` in WordprocessingML, `<a:p>` in DrawingML) of an XML part: runs joined,
 * tabs and line breaks kept; a table row's cells on one line, joined by " | ".
 */
function paragraphs(xml: string, ns: 'w' | 'a'): string[] {
  const text =
    ns === 'w' ? /<w:t(?:\s[^>]*)?>([^<]*)<\/w:t>|<w:(tab|br)\/>/g : /<a:t>([^<]*)<\/a:t>|<a:(br)\/>/g;
  const paragraph = new RegExp(`<${ns}:p(?:\\s[^>]*)?>([\\s\\S]*?)</${ns}:p>|<${ns}:p/>`, 'g');
  const row = new RegExp(`<${ns}:tr(?:\\s[^>]*)?>([\\s\\S]*?)</${ns}:tr>`, 'g');
  const cell = new RegExp(`<${ns}:tc(?:\\s[^>]*)?>([\\s\\S]*?)</${ns}:tc>`, 'g');
  const linesOf = (part: string) =>
    [...part.matchAll(paragraph)].map((p) =>
      [...(p[1] ?? '').matchAll(text)]
        .map((m) => (m[2] === 'tab' ? '\t' : m[2] === 'br' ? '\n' : unescapeXml(m[1] ?? '')))
        .join(''),
    );
  const lines: string[] = [];
  // Rows first (their cells' paragraphs become one line), then the paragraphs between them, in order.
  let at = 0;
  for (const r of xml.matchAll(row)) {
    lines.push(...linesOf(xml.slice(at, r.index)));
    lines.push([...(r[1] ?? '').matchAll(cell)].map((c) => linesOf(c[1] ?? '').join(' ')).join(' | '));
    at = r.index + r[0].length;
  }
  lines.push(...linesOf(xml.slice(at)));
  return lines;
}

/** A DOCX's body (word/document.xml): paragraphs joined by newlines. */
export async function docxText(bytes: Buffer): Promise<string> {
  const xml = (await (await JSZip.loadAsync(bytes)).file('word/document.xml')?.async('string')) ?? '';
  return `${paragraphs(xml, 'w').join('\n')}\n`;
}

/** A PPTX's slides in order, each with its speaker notes. */
export async function pptxText(bytes: Buffer): Promise<string> {
  const deck = await JSZip.loadAsync(bytes);
  const number = (path: string) => Number(/(\d+)\.xml$/.exec(path)?.[1]);
  const slides = Object.keys(deck.files)
    .filter((f) => /^ppt\/slides\/slide\d+\.xml$/.test(f))
    .sort((a, b) => number(a) - number(b));
  const out: string[] = [];
  for (const slide of slides) {
    const n = number(slide);
    out.push(`# slajd ${n}`, ...paragraphs((await deck.file(slide)?.async('string')) ?? '', 'a'));
    const notes = await deck.file(`ppt/notesSlides/notesSlide${n}.xml`)?.async('string');
    if (notes) out.push(`## notatki`, ...paragraphs(notes, 'a'));
  }
  return `${out.join('\n')}\n`;
}

/**
 * Replaces per-run values by named placeholders: each `[value or pattern, placeholder]` pair everywhere it
 * occurs (a pattern must be global; `$1` in the placeholder keeps its first group). Fails when one matches
 * nothing, so a placeholder never hides a value that moved or vanished.
 */
export function normalise(text: string, values: ReadonlyArray<readonly [string | RegExp, string]>): string {
  let out = text;
  for (const [value, placeholder] of values) {
    const found = typeof value === 'string' ? out.includes(value) : new RegExp(value.source).test(out);
    if (!found) throw new Error(`per-run value ${String(value)} (${placeholder}) not in the text`);
    out = typeof value === 'string' ? out.split(value).join(placeholder) : out.replace(value, placeholder);
  }
  return out;
}
