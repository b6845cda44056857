import { describe, expect, it } from 'vitest';
import { planRequests } from './plan.js';
import { ANONYMOUS_QUOTA, REGISTERED_QUOTA } from './quota.js';

const years = [2015, 2016, 2017, 2018, 2019, 2020, 2021, 2022, 2023, 2024];

describe('planRequests', () => {
  it('counts pages per level: gminy 25, powiaty 4, województwa 1, all years in one chain', () => {
    const plan = planRequests({
      variables: 3,
      years,
      levels: ['gmina', 'powiat', 'wojewodztwo'],
      quota: ANONYMOUS_QUOTA,
    });
    // 2,500 / 100 = 25; 380 / 100 → 4; 16 → 1; per variable 30, for 3 variables 90.
    expect(plan.byLevel.map((l) => [l.level, l.pagesPerChain, l.requests])).toEqual([
      ['gmina', 25, 75],
      ['powiat', 4, 12],
      ['wojewodztwo', 1, 3],
    ]);
    expect(plan.requests).toBe(90);
    expect(plan.chains).toBe(9);
    // 90 < 100 per 15 min: only 5/s holds it back; request 89 goes at floor(89 / 5) = 17 s.
    expect(plan.etaMs).toBe(17_000);
    expect(plan.bindingWindow).toBe('5 per s');
  });

  it('lets the 15-minute window dominate an anonymous run of 10 variables at gmina level', () => {
    // 10 × 25 = 250 requests: batches of 100 at 0, 900 and 1,800 s; the last at 1,800 + 49 / 5 → 1,809 s.
    const plan = planRequests({ variables: 10, years, levels: ['gmina'], quota: ANONYMOUS_QUOTA });
    expect(plan.requests).toBe(250);
    expect(plan.etaMs).toBe(1_809_000);
    expect(plan.bindingWindow).toBe('100 per 15 min');
  });

  it('is faster with a key (500 per 15 min, 10/s)', () => {
    // 250 requests at 10/s: the last at floor(249 / 10) = 24 s.
    const plan = planRequests({ variables: 10, years, levels: ['gmina'], quota: REGISTERED_QUOTA });
    expect(plan.etaMs).toBe(24_000);
  });

  it('makes one chain per year chunk when years are split', () => {
    // 10 years in chunks of 4 → 3 chains of 4 pages (powiaty) = 12 requests.
    const plan = planRequests({
      variables: 1,
      years,
      levels: ['powiat'],
      quota: REGISTERED_QUOTA,
      maxYearsPerRequest: 4,
    });
    expect([plan.chains, plan.requests]).toEqual([3, 12]);
  });

  it('counts the requests already made in the current windows', () => {
    // 100 requests in the last minute: the next one waits until the first of them is 15 min old.
    const now = 60_000;
    const history = Array.from({ length: 100 }, (_, i) => i * 600); // from 0 to 59.4 s
    const plan = planRequests({
      variables: 1,
      years,
      levels: ['polska'],
      quota: ANONYMOUS_QUOTA,
      now,
      history,
    });
    expect(plan.requests).toBe(1);
    expect(plan.etaMs).toBe(900_000 - now);
  });

  it('uses known unit counts instead of the defaults', () => {
    const plan = planRequests({
      variables: 1,
      years,
      levels: ['gmina'],
      quota: ANONYMOUS_QUOTA,
      unitsPerLevel: { gmina: 2_479 },
      pageSize: 50,
    });
    expect(plan.requests).toBe(50); // ceil(2,479 / 50)
  });
});
