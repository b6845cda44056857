/**
 * Starts `smup serve` as a separate process, as a user would (the built program, exactly what `npm start`
 * runs: built-program.ts), and waits until it listens, on a port the OS picks.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { smupArgv } from './built-program.js';
import { repoRoot } from './shared-data.js';

export interface ServerProcess {
  readonly url: string;
  readonly child: ChildProcess;
  readonly startupMs: number;
  readonly output: () => string;
  stop(): Promise<number | null>;
}

export async function startServer(
  env: Record<string, string>,
  { timeoutMs = 90_000 }: { timeoutMs?: number } = {},
): Promise<ServerProcess> {
  const started = Date.now();
  const child = spawn(process.execPath, smupArgv('serve'), {
    cwd: repoRoot,
    // No rate limit unless a test sets one: benchmarks and tests send many requests from one address.
    env: {
      ...process.env,
      PORT: '0',
      HOST: '127.0.0.1',
      SMUP_LOG_LEVEL: 'info',
      SMUP_RATE_LIMIT: '0',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`server did not start in ${timeoutMs} ms:\n${output}`)),
      timeoutMs,
    );
    const check = (): void => {
      const ready = /"msg":"SMUP [^"]* ready"/.test(output);
      const match = /Server listening at (http:\/\/127\.0\.0\.1:\d+)/.exec(output);
      if (ready && match?.[1]) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    };
    child.stdout?.on('data', check);
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`server exited with ${code} before listening:\n${output}`));
    });
  });
  return {
    url,
    child,
    startupMs: Date.now() - started,
    output: () => output,
    stop: () =>
      new Promise((resolve) => {
        if (child.exitCode !== null) return resolve(child.exitCode);
        child.once('exit', (code) => resolve(code));
        child.kill('SIGTERM');
      }),
  };
}
