/**
 * Libraries a server seldom needs are loaded on first use, not when `smup serve` starts (reports/render.ts
 * says why: about 35 MiB of every server's memory). The built serve command is imported in a child process
 * whose module resolution is watched (node:module's register, a resolve hook); the office formats' and
 * accounts' libraries must not be among what it resolved, and then must be once a report is rendered.
 */
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { repoRoot } from './shared-data.js';

const LATE = ['exceljs', 'docx', 'pptxgenjs', '@resvg/resvg-js', '@node-rs/argon2', 'nodemailer'];

// Imports each of argv's files in turn and prints, as JSON, the packages (node_modules/<name>) of every module
// resolved so far after each.
const WATCH = `
import { register } from 'node:module';
import { MessageChannel } from 'node:worker_threads';
const { port1, port2 } = new MessageChannel();
const seen = new Set();
port1.on('message', (url) => seen.add(url));
const hook = 'let port; export function initialize(data) { port = data.port; }' +
  ' export async function resolve(specifier, context, next) { const r = await next(specifier, context); port.postMessage(r.url); return r; }';
register('data:text/javascript,' + encodeURIComponent(hook), { data: { port: port2 }, transferList: [port2] });
const steps = {};
for (const file of process.argv.slice(1)) {
  await import(file);
  await new Promise((resolve) => setTimeout(resolve, 200));
  steps[file] = [...new Set([...seen].map((u) => /node_modules\\/((?:@[^/]+\\/)?[^/]+)\\//.exec(u)?.[1]).filter(Boolean))];
}
port1.close();
console.log(JSON.stringify(steps));
`;

describe('the serve command', () => {
  it('loads the office formats, password hashing and mail libraries only on first use', () => {
    const serve = pathToFileURL(join(repoRoot, 'dist/cli/commands/serve.js')).href;
    const render = pathToFileURL(join(repoRoot, 'dist/reports/render-docx.js')).href;
    const out = execFileSync(process.execPath, ['--input-type=module', '-e', WATCH, serve, render], {
      cwd: repoRoot,
      encoding: 'utf-8',
    });
    const steps = JSON.parse(out) as Record<string, string[]>;
    const atStart = steps[serve] ?? [];
    // The watch sees packages: fastify and PGlite are loaded with the server.
    expect(atStart).toEqual(expect.arrayContaining(['fastify', '@electric-sql/pglite']));
    expect(atStart.filter((name) => LATE.includes(name))).toEqual([]);
    // And the watch would see them: the DOCX renderer brings docx and resvg.
    expect(steps[render]).toEqual(expect.arrayContaining(['docx', '@resvg/resvg-js']));
  });
});
