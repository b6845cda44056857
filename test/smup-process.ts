/**
 * The CLI run as a user runs it (the built `smup`, built-program.ts), without blocking this
 * process: suites that talk to a fake server in this same process must keep answering while the CLI runs.
 */
import { execFile } from 'node:child_process';
import { smupArgv } from './built-program.js';
import { repoRoot } from './shared-data.js';

export interface SmupRun {
  readonly status: number;
  readonly stdout: string;
  readonly stderr: string;
}

export function runSmup(env: Readonly<Record<string, string>>, args: readonly string[]): Promise<SmupRun> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      smupArgv(...args),
      { cwd: repoRoot, env: { ...process.env, ...env }, encoding: 'utf-8' },
      (error, stdout, stderr) => resolve({ status: error ? Number(error.code ?? 1) : 0, stdout, stderr }),
    );
  });
}
