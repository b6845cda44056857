import { describe, expect, it } from 'vitest';
import { HEAP_GROWING_PERCENT, limitHeapGrowth } from './heap-growth.js';

describe('limitHeapGrowth', () => {
  it('sets the growth limit when node was given none', () => {
    expect(limitHeapGrowth(['--enable-source-maps'])).toBe(`--heap-growing-percent=${HEAP_GROWING_PERCENT}`);
  });

  it("leaves node's own value, in either spelling", () => {
    expect(limitHeapGrowth(['--heap-growing-percent=20'])).toBe('--heap-growing-percent=20');
    expect(limitHeapGrowth(['--heap_growing_percent=80'])).toBe('--heap_growing_percent=80');
  });
});
