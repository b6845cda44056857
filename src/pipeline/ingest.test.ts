import { describe, expect, it } from 'vitest';
import { pageEvent } from './ingest.js';

describe('pageEvent', () => {
  it('names the job and the page, with the page size and the running total that includes it', () => {
    // A second page of 3 observations after a first of 5: the total so far is 8.
    const event = pageEvent({ description: 'bdl:60559' }, { requestKey: 'p2', observations: [1, 2, 3] }, 8);
    expect(event).toEqual({
      kind: 'page',
      job: 'bdl:60559',
      requestKey: 'p2',
      observations: 3,
      totalObservations: 8,
    });
  });
});
