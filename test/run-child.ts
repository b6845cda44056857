/**
 * Runs a program to its end without blocking the test worker, and kills it when it outlives its time.
 *
 * The suites used spawnSync for the `smup` command and the ingest children. A child that never ended then
 * blocked the worker's event loop: Vitest's own test timeout is a timer in that loop, so it never fired, the
 * file never finished and the whole CI run sat until CI's 90-minute limit, printing nothing of the file (Vitest
 * prints a file's lines when it ends). Here the wait is asynchronous, so the test timeout still works, and a
 * child past `timeoutMs` is killed with its process group (the CLI's own workers, Chromium) and reported with
 * the end of what it printed.
 */
import { spawn } from 'node:child_process';

export interface ChildResult {
  status: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

export interface ChildOptions {
  cwd?: string;
  env?: NodeJS.ProcessEnv;
  /** Killed (SIGKILL, whole group) after this long; the promise then rejects naming the command. */
  timeoutMs?: number;
}

/** Longer than any child of the suites takes on a busy machine (the slowest, an ingest, about 40 s). */
export const CHILD_TIMEOUT_MS = 150_000;

const tail = (text: string): string => (text.length > 2000 ? `…${text.slice(-2000)}` : text);

export function runChild(
  command: string,
  args: readonly string[],
  options: ChildOptions = {},
): Promise<ChildResult> {
  const { timeoutMs = CHILD_TIMEOUT_MS, ...spawnOptions } = options;
  return new Promise((resolve, reject) => {
    // detached: the child leads its own process group, so a timeout kills what it started too.
    const child = spawn(command, args, {
      ...spawnOptions,
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf-8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf-8').on('data', (chunk: string) => (stderr += chunk));
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      try {
        process.kill(-(child.pid as number), 'SIGKILL');
      } catch {
        child.kill('SIGKILL'); // the group is gone already
      }
    }, timeoutMs);
    child.on('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.on('close', (status, signal) => {
      clearTimeout(timer);
      if (timedOut) {
        const line = [command, ...args].join(' ');
        reject(
          new Error(
            `${line} did not end within ${timeoutMs / 1000} s and was killed\n` +
              `stdout: ${tail(stdout)}\nstderr: ${tail(stderr)}`,
          ),
        );
      } else resolve({ status, signal, stdout, stderr });
    });
  });
}
