import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { FileFormatError } from '../files/file-problem.js';
import { CSV_SLICE, readGrid } from './table-grid.js';

const encode = (text: string) => new TextEncoder().encode(text);

/** What csv-parse's synchronous parser, fed the whole text at once, makes of it: the oracle. */
function parsedWhole(text: string): Array<{ line: number; cells: string[] }> {
  const records = parse(text, {
    delimiter: ';',
    bom: true,
    info: true,
    relax_column_count: true,
    skip_empty_lines: true,
  }) as unknown as Array<{ record: string[]; info: { lines: number } }>;
  return records.slice(1).map(({ record, info }) => ({ line: info.lines, cells: record }));
}

describe('readGrid on CSV read a slice at a time', () => {
  it('gives the same rows and lines as the whole text parsed at once, across slice boundaries', async () => {
    // A quoted header with a line break, quoted fields with ; and "" inside, empty lines, Polish letters,
    // and a character outside the BMP (a surrogate pair) placed across the first slice boundary (no BOM:
    // the decoder drops it, which would move the pair off the boundary).
    let text = 'Kod;"Nazwa\njednostki";Wartość\n';
    let i = 0;
    while (text.length < CSV_SLICE - 40) {
      text += `${String(i).padStart(7, '0')};"Gmina ""Żółć""; nr ${i}";${(i * 1.5).toFixed(1).replace('.', ',')}\n`;
      if (i % 97 === 0) text += '\n';
      i++;
    }
    // The pair's high half is the last character of the first slice.
    text += `${String(i++).padStart(7, '0')};"${'x'.repeat(CSV_SLICE - 1 - text.length - 9)}`;
    text += '😀";1\n';
    expect(text.charCodeAt(CSV_SLICE - 1)).toBe(0xd83d);
    while (text.length < 3 * CSV_SLICE) text += `${String(i).padStart(7, '0')};"a\nb";${i++}\n`;

    const grid = await readGrid(encode(text), 'big.csv');
    expect(grid.header).toEqual(['Kod', 'Nazwa jednostki', 'Wartość']);
    expect(grid.rows.length).toBe(i);
    expect(grid.rows).toEqual(parsedWhole(text));
    expect(grid.rows.some((row) => String(row.cells[1]).endsWith('😀'))).toBe(true);
  });

  it('names the line of a broken quote found after the first slice', async () => {
    let text = 'Kod;Nazwa;Wartość\n';
    let line = 1;
    while (text.length < 2 * CSV_SLICE) {
      text += `${String(line).padStart(7, '0')};Gmina;${line}\n`;
      line++;
    }
    text += '0000001;"Gmina "bez" końca;5\n0000002;Gmina;6\n';
    let expected: number | null = null;
    try {
      parse(text, { delimiter: ';', info: true });
    } catch (error) {
      expected = (error as { lines: number }).lines;
    }
    expect(expected).toBeGreaterThan(line);
    const error = await readGrid(encode(text), 'broken.csv').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(FileFormatError);
    expect((error as FileFormatError).problems[0]?.line).toBe(expected);
    expect((error as FileFormatError).problems[0]?.expected).toContain('well-formed quotes');
  });
});
