/** The exit guard in real processes: one that a leftover handle keeps open, and one with nothing left open. */
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const guard = fileURLToPath(new URL('./exit-guard.ts', import.meta.url));

/** Runs a module body under tsx after importing the guard; resolves with its exit code, output and time. */
function run(body: string): Promise<{ code: number | null; stdout: string; stderr: string; ms: number }> {
  const started = Date.now();
  const script = `import { endWhenFinished } from ${JSON.stringify(guard)};\n${body}`;
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf-8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf-8').on('data', (d: string) => (stderr += d));
    const timer = setTimeout(() => child.kill('SIGKILL'), 30_000);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr, ms: Date.now() - started });
    });
  });
}

describe('endWhenFinished', () => {
  it('ends a finished command kept open by a leftover handle, with its exit code, saying what was open', async () => {
    const result = await run(
      `(await import('node:net')).createServer().listen(0, '127.0.0.1'); process.exitCode = 3; endWhenFinished(300);`,
    );
    expect(result.code).toBe(3);
    expect(result.stderr).toMatch(
      /the command has ended but its process stayed open \(TCPServerWrap\); ending it/,
    );
  });

  it('lets a process with nothing left open end by itself, at once', async () => {
    const result = await run(`endWhenFinished(20_000); console.log('done');`);
    expect(result).toMatchObject({ code: 0, stdout: 'done\n', stderr: '' });
    expect(result.ms).toBeLessThan(15_000);
  });
});
