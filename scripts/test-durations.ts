/**
 * Writes test/durations.json (seconds per test file, from the last full run's test-results/vitest.json):
 * the order test/sequencer.ts runs the files in on a clean clone. Files under two seconds are left out;
 * they run after the listed ones.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { relative } from 'node:path';

interface JsonReport {
  readonly testResults: ReadonlyArray<{ name: string; startTime: number; endTime: number }>;
}

const root = new URL('..', import.meta.url).pathname;
const report = JSON.parse(readFileSync(`${root}test-results/vitest.json`, 'utf-8')) as JsonReport;
const rows = report.testResults
  .map((file) => [relative(root, file.name), Math.round((file.endTime - file.startTime) / 1000)] as const)
  .filter(([, seconds]) => seconds >= 2)
  .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
writeFileSync(`${root}test/durations.json`, `${JSON.stringify(Object.fromEntries(rows), null, 2)}\n`);
console.log(`test/durations.json: ${rows.length} files, ${rows.reduce((s, [, v]) => s + v, 0)} s in all`);
