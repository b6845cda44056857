/** The watchdog reporter, in real Vitest runs of a file that blocks its worker past every timeout. */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runChild } from './run-child.js';
import { repoRoot } from './shared-data.js';

describe('watchdog reporter', () => {
  // In a test (the worker may not get to say the test started), and while the file loads (before any test).
  it.each(['blocked-worker.fixture.ts', 'blocked-import.fixture.ts'])(
    'names %s while it stops moving, then ends the run with status 1',
    async (file) => {
      const started = Date.now();
      const result = await runChild(
        process.execPath,
        [
          join(repoRoot, 'node_modules', 'vitest', 'vitest.mjs'),
          'run',
          '--config',
          'test/fixtures/watchdog/vitest.config.ts',
          file,
        ],
        {
          cwd: repoRoot,
          env: {
            ...process.env,
            SMUP_TEST_WATCHDOG_REPORT_MS: '1000',
            SMUP_TEST_WATCHDOG_FAIL_MS: '4000',
            // The blocked worker outlives the run until then, then finds its run gone and exits.
            BLOCK_MS: '20000',
          },
          timeoutMs: 30_000,
        },
      );
      expect(result.status).toBe(1);
      const name = file.replaceAll('.', '\\.');
      expect(result.stderr).toMatch(
        new RegExp(`\\[watchdog\\] ${name}: running for \\d+ s, \\d+ s since a test`),
      );
      expect(result.stderr).toMatch(
        new RegExp(`${name}: .*no progress for 4 s, beyond every test and hook timeout; taken as hung`),
      );
      // Ended by the watchdog (at about 4 s), not by the block ending on its own (20 s).
      expect(Date.now() - started).toBeLessThan(15_000);
    },
  );
});
