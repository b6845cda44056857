/** The exit guard in real processes: one that a leftover handle keeps open, and one with nothing left open. */
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { runChild } from '../../test/run-child.js';

const guard = fileURLToPath(new URL('./exit-guard.ts', import.meta.url));

/** Runs a module body under tsx after importing the guard. */
const run = (body: string) =>
  runChild(
    process.execPath,
    [
      '--import',
      'tsx',
      '--input-type=module',
      '-e',
      `import { endWhenFinished } from ${JSON.stringify(guard)};\n${body}`,
    ],
    { timeoutMs: 30_000 },
  );

describe('endWhenFinished', () => {
  it('ends a finished command kept open by a leftover handle, with its exit code, saying what was open', async () => {
    const result = await run(
      `(await import('node:net')).createServer().listen(0, '127.0.0.1'); process.exitCode = 3; endWhenFinished(300);`,
    );
    expect(result.status).toBe(3);
    expect(result.stderr).toMatch(
      /the command has ended but its process stayed open \(TCPServerWrap\); ending it/,
    );
  });

  it('lets a process with nothing left open end by itself, at once', async () => {
    const started = Date.now();
    const result = await run(`endWhenFinished(20_000); console.log('done');`);
    expect(result).toMatchObject({ status: 0, stdout: 'done\n', stderr: '' });
    expect(Date.now() - started).toBeLessThan(15_000);
  });
});
