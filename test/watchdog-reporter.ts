/**
 * Says which test file is still running, while it runs, and ends a run that has stopped moving.
 *
 * Vitest prints a file's lines only when the file ends, so a file that never ends is invisible: one CI run sat
 * silent until CI's 90-minute limit with every other file done, and its log could not say which file hung.
 * This reporter writes a line to standard error for every file that has gone `REPORT_AFTER_MS` without a test
 * starting or ending (its name, the test it is in, for how long), and again at every further interval. A file
 * that makes no progress for `FAIL_AFTER_MS`, beyond every test and hook timeout of the suites (at most
 * 600 s, test/real-release.ts), is hung beyond what Vitest's timeouts can end (a worker whose event loop is
 * blocked): the reporter then names it and exits the run with status 1, so CI reports a failure with its
 * cause instead of a timeout.
 */
import { relative } from 'node:path';
import type { Reporter, TestCase, TestModule, Vitest } from 'vitest/node';

const REPORT_AFTER_MS = Number(process.env.SMUP_TEST_WATCHDOG_REPORT_MS ?? 300_000);
const FAIL_AFTER_MS = Number(process.env.SMUP_TEST_WATCHDOG_FAIL_MS ?? 900_000);
const CHECK_EVERY_MS = Math.min(30_000, REPORT_AFTER_MS);

interface Running {
  started: number;
  /** When a test last started or ended in the file (or the file started). */
  progress: number;
  /** The test running now, if one is (none while a hook of the file runs). */
  test: { name: string; started: number } | null;
  reported: number;
}

const minutes = (ms: number): string =>
  ms < 120_000 ? `${Math.round(ms / 1000)} s` : `${(ms / 60_000).toFixed(1)} min`;

export default class WatchdogReporter implements Reporter {
  private readonly running = new Map<string, Running>();
  private root = process.cwd();
  private timer: NodeJS.Timeout | undefined;

  onInit(vitest: Vitest): void {
    this.root = vitest.config.root;
  }

  onTestRunStart(): void {
    this.timer = setInterval(() => this.check(Date.now()), CHECK_EVERY_MS);
    this.timer.unref();
  }

  onTestRunEnd(): void {
    clearInterval(this.timer);
  }

  /** A worker has taken the file (before it loads it: a file can hang while it loads, too). */
  onTestModuleQueued(module: TestModule): void {
    const now = Date.now();
    this.running.set(this.name(module), { started: now, progress: now, test: null, reported: now });
  }

  onTestModuleEnd(module: TestModule): void {
    this.running.delete(this.name(module));
  }

  onTestCaseReady(test: TestCase): void {
    const file = this.running.get(this.name(test.module));
    if (!file) return;
    file.progress = Date.now();
    file.test = { name: test.fullName, started: file.progress };
  }

  onTestCaseResult(test: TestCase): void {
    const file = this.running.get(this.name(test.module));
    if (!file) return;
    file.progress = Date.now();
    file.test = null;
  }

  private name(module: TestModule): string {
    return relative(this.root, module.moduleId).replaceAll('\\', '/');
  }

  private describe(file: string, state: Running, now: number): string {
    const where = state.test
      ? `in “${state.test.name}” for ${minutes(now - state.test.started)}`
      : `${minutes(now - state.progress)} since a test last started or ended (in a hook, or in a test that ` +
        `blocked its worker before the worker could say it started)`;
    return `${file}: running for ${minutes(now - state.started)}, ${where}`;
  }

  private check(now: number): void {
    for (const [file, state] of this.running) {
      if (now - state.progress >= FAIL_AFTER_MS) {
        process.stderr.write(
          `\n[watchdog] ${this.describe(file, state, now)}: no progress for ${minutes(FAIL_AFTER_MS)}, ` +
            `beyond every test and hook timeout; taken as hung, ending the run\n`,
        );
        process.exit(1);
      }
      if (now - state.progress >= REPORT_AFTER_MS && now - state.reported >= REPORT_AFTER_MS) {
        state.reported = now;
        process.stderr.write(`[watchdog] ${this.describe(file, state, now)}\n`);
      }
    }
  }
}
