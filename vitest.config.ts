import { defineConfig } from 'vitest/config';
import LongestFirstSequencer from './test/sequencer.js';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    // Builds each real release once per run and hands copies to the suites (test/release-cache.ts).
    globalSetup: ['test/global-setup.ts'],
    // Integration tests start PGlite (WASM) and talk to PostgreSQL; give them room on a 2-core machine.
    testTimeout: 60_000,
    // Two workers on a 2-core machine (Vitest's default is one fewer than the cores: one here). Most suites
    // wait on another process half the time (PostgreSQL, Chromium, a server under test), so two files at once
    // took the run from 1,575 s to about 1,000 s on a quiet machine; the shared release builds wait on a lock.
    maxWorkers: 2,
    // Longest files first by a recorded run's durations (test/sequencer.ts): a clean clone has no cache of them.
    sequence: { sequencer: LongestFirstSequencer },
    hookTimeout: 120_000,
    env: { TZ: 'Europe/Warsaw', SMUP_LOG_LEVEL: 'silent' },
    // The JSON report lets .ci/run print the plain "N passed, N failed" line CI reads. The watchdog names a file
    // that stops moving while it runs, and ends a run hung beyond every timeout (test/watchdog-reporter.ts).
    reporters: ['default', 'json', './test/watchdog-reporter.ts'],
    outputFile: { json: 'test-results/vitest.json' },
  },
});
