import { describe, expect, it } from 'vitest';
import type { LockEntry } from '../sources/bdl/lock.js';
import { lockIndex } from '../sources/bdl/lock-guard.js';
import { ANONYMOUS_QUOTA, REGISTERED_QUOTA } from '../sources/bdl/quota.js';
import { planSync, syncTargets } from './sync-plan.js';

const variable = (id: string, sourceCode: string) =>
  ({ id, source: 'bdl', sourceCode, levels: ['gmina'] }) as never;
const entry = (catalogueId: string, id: string, level: number) =>
  ({ catalogueId, id, level }) as unknown as LockEntry;
const catalog = {
  variables: [
    variable('gminna', '1'),
    variable('powiatowa', '2'),
    variable('nieuzywana', '3'),
    variable('niezablokowana', '4'),
    { id: 'plik', source: 'gus-bdl-portal', sourceCode: 'x', levels: ['gmina'] } as never,
  ],
};
const indicators = [{ inputs: ['bdl:1', 'bdl:2'] }, { inputs: ['bdl:4', 'gus-bdl-portal:x'] }];
const lock = lockIndex([entry('gminna', '1', 6), entry('powiatowa', '2', 5), entry('nieuzywana', '3', 6)]);

describe('syncTargets', () => {
  it('takes the locked BDL variables indicators read, at the levels BDL has them, and lists the unlocked', () => {
    expect(syncTargets(catalog, indicators, lock)).toEqual({
      targets: [
        { catalogueId: 'gminna', bdlId: 1, levels: ['gmina', 'powiat', 'wojewodztwo'] },
        { catalogueId: 'powiatowa', bdlId: 2, levels: ['powiat', 'wojewodztwo'] },
      ],
      unlocked: ['niezablokowana'],
    });
  });

  it('narrows to --only (even a variable no indicator reads yet) and --levels', () => {
    expect(
      syncTargets(catalog, indicators, lock, { only: ['nieuzywana', 'powiatowa'], levels: ['powiat'] }),
    ).toEqual({
      targets: [
        { catalogueId: 'powiatowa', bdlId: 2, levels: ['powiat'] },
        { catalogueId: 'nieuzywana', bdlId: 3, levels: ['powiat'] },
      ],
      unlocked: [],
    });
  });
});

describe('planSync', () => {
  it('counts a page per 100 units and level, less what a resumed run has, and times both quotas', () => {
    const targets = [{ catalogueId: 'a', bdlId: 1, levels: ['gmina', 'powiat', 'wojewodztwo'] as const }];
    const plan = planSync(targets, { anonymousQuota: ANONYMOUS_QUOTA, keyQuota: REGISTERED_QUOTA });
    // 25 + 4 + 1 pages and 2 metadata requests: 32 at 5/s end at floor(31 / 5) = 6 s; at 10/s, 3 s.
    expect(plan).toMatchObject({ variables: 1, dataRequests: 30, metadataRequests: 2 });
    expect(plan.anonymous).toEqual({ etaMs: 6_000, bindingWindow: '5 per s' });
    expect(plan.withKey).toEqual({ etaMs: 3_000, bindingWindow: '10 per s' });
    const resumed = planSync(targets, {
      anonymousQuota: ANONYMOUS_QUOTA,
      keyQuota: REGISTERED_QUOTA,
      alreadyChecked: 1,
      alreadyFetched: 26,
    });
    expect(resumed).toMatchObject({ dataRequests: 4, metadataRequests: 0 });
  });

  it('shows the 12-hour window binding a whole catalogue anonymously', () => {
    const targets = Array.from({ length: 62 }, (_, i) => ({
      catalogueId: `v${i}`,
      bdlId: i + 1,
      levels: ['gmina', 'powiat', 'wojewodztwo'] as const,
    }));
    const plan = planSync(targets, { anonymousQuota: ANONYMOUS_QUOTA, keyQuota: REGISTERED_QUOTA });
    expect(plan.dataRequests + plan.metadataRequests).toBe(1_984);
    expect(plan.anonymous.bindingWindow).toBe('1000 per 12 h');
    expect(plan.withKey.bindingWindow).toBe('500 per 15 min');
  });
});
