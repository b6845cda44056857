import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    // Builds each real release once per run and hands copies to the suites (test/release-cache.ts).
    globalSetup: ['test/global-setup.ts'],
    // Integration tests start PGlite (WASM) and talk to PostgreSQL; give them room on a 2-core machine.
    testTimeout: 60_000,
    hookTimeout: 120_000,
    env: { TZ: 'Europe/Warsaw', SMUP_LOG_LEVEL: 'silent' },
    // The JSON report lets .ci/run print the plain "N passed, N failed" line CI reads.
    reporters: ['default', 'json'],
    outputFile: { json: 'test-results/vitest.json' },
  },
});
