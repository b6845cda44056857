/**
 * Runs the test files longest first, by the durations of a recorded run (test/durations.json), so the two
 * workers finish together instead of one running the last long suite alone. Vitest orders by its own cache
 * of past durations, which a clean clone (CI) does not have: there it kept the glob's order, and the run's
 * tail was serve.e2e and cli.e2e on one worker while the other idled (792 s for 1,183 s of work on two
 * workers). Files missing from the table (new or short ones) run after the listed ones, in Vitest's order.
 *
 * Refresh the table after a full run: `npm run test:durations` (reads test-results/vitest.json).
 */
import { readFileSync } from 'node:fs';
import { relative } from 'node:path';
import { BaseSequencer, type TestSpecification } from 'vitest/node';

const durations = JSON.parse(readFileSync(new URL('./durations.json', import.meta.url), 'utf-8')) as Record<
  string,
  number
>;

export default class LongestFirstSequencer extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    // The base order (failed first, then its own cache, then size) breaks ties among unlisted files.
    const base = await super.sort(files);
    const weight = (spec: TestSpecification): number =>
      durations[relative(spec.project.config.root, spec.moduleId).replaceAll('\\', '/')] ?? 0;
    return base
      .map((spec, index) => ({ spec, index, weight: weight(spec) }))
      .sort((a, b) => b.weight - a.weight || a.index - b.index)
      .map(({ spec }) => spec);
  }
}
