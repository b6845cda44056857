/**
 * Golden files for rendered output (issue 19): a test renders something (an SVG chart, a CSV, an XLSX as
 * text, JSON-stat) and compares it with its golden file in test/golden/. A difference fails the test and
 * writes the new rendering beside the golden as `<name>-changed.<ext>`; after reviewing the difference
 * (`diff test/golden/x.svg test/golden/x-changed.svg`), `npm run golden:update` accepts every changed file.
 */
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import ExcelJS from 'exceljs';
import { expect } from 'vitest';

export const GOLDEN_DIR = fileURLToPath(new URL('./golden/', import.meta.url));

/** `bars.svg` → `bars-changed.svg`. */
export function changedName(name: string): string {
  const dot = name.lastIndexOf('.');
  return dot < 0 ? `${name}-changed` : `${name.slice(0, dot)}-changed${name.slice(dot)}`;
}

export function expectGolden(name: string, actual: string): void {
  const golden = `${GOLDEN_DIR}${name}`;
  const changed = `${GOLDEN_DIR}${changedName(name)}`;
  const expected = existsSync(golden) ? readFileSync(golden, 'utf-8') : null;
  if (expected === actual) {
    rmSync(changed, { force: true });
    return;
  }
  writeFileSync(changed, actual);
  // Soft: the test fails but goes on, so one run writes every changed golden of a test for review.
  expect
    .soft(
      actual,
      expected === null
        ? `no golden test/golden/${name}: review test/golden/${changedName(name)}, then npm run golden:update`
        : `test/golden/${name} differs: review test/golden/${changedName(name)}, then npm run golden:update`,
    )
    .toBe(expected);
}

/** A workbook as text for a golden file: each sheet's name, then its rows, cells as JSON, tab-separated. */
export async function xlsxAsText(bytes: Buffer): Promise<string> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
  const lines: string[] = [];
  workbook.eachSheet((sheet) => {
    lines.push(`# ${sheet.name}`);
    sheet.eachRow((row) => {
      const values = (row.values as unknown[]).slice(1);
      lines.push(values.map((v) => (v === null || v === undefined ? '' : JSON.stringify(v))).join('\t'));
    });
  });
  return `${lines.join('\n')}\n`;
}
