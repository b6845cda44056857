import { describe, expect, it } from 'vitest';
import { formatBar, formatDuration, formatProgress } from './progress.js';

describe('formatProgress', () => {
  it('shows done of total, share, extra counters, elapsed time and the ETA at the current pace', () => {
    // 13 of 25 pages in 40 s: 40/13 s a page, 12 pages left → 36.9 s, shown rounded as 37 s.
    expect(
      formatProgress(
        {
          label: 'variable 2/5 bdl:60559',
          done: 13,
          total: 25,
          unit: 'pages',
          extra: '31\u00a0200 observations',
        },
        40_000,
      ),
    ).toBe('variable 2/5 bdl:60559 · 13/25 pages (52%) · 31\u00a0200 observations · elapsed 40 s · ETA 37 s');
  });
  it('shows no ETA without a total or before the first step', () => {
    expect(formatProgress({ label: 'x', done: 12_345, total: null, unit: 'rows' }, 1_000)).toBe(
      'x · 12\u00a0345 rows · elapsed 1 s',
    );
    expect(formatProgress({ label: 'x', done: 0, total: 10, unit: 'pages' }, 0)).toBe(
      'x · 0/10 pages (0%) · elapsed 0 s',
    );
  });
});

describe('formatDuration', () => {
  it('uses seconds, minutes and hours', () => {
    expect([59_400, 61_000, 3_600_000 + 120_000].map(formatDuration)).toEqual([
      '59 s',
      '1 min 1 s',
      '1 h 2 min',
    ]);
  });
});

describe('formatBar', () => {
  it('fills the bar by the share done, and draws none without a total', () => {
    expect(formatBar({ label: 'x', done: 11, total: 22, unit: 'units' }, 10)).toBe('[█████░░░░░] ');
    expect(formatBar({ label: 'x', done: 22, total: 22, unit: 'units' }, 4)).toBe('[████] ');
    expect(formatBar({ label: 'x', done: 5, total: null, unit: 'rows' })).toBe('');
  });
});
