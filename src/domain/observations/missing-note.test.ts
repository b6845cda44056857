import { describe, expect, it } from 'vitest';
import { decodeMissingNote, encodeMissingNote } from './missing-note.js';

describe('missing-value notes', () => {
  it('round-trips the reason and the detail', () => {
    const note = encodeMissingNote('missing-input', 'bdl:60559 for 1261011 in 2019 (flag 15)');
    expect(note).toBe('missing-input: bdl:60559 for 1261011 in 2019 (flag 15)');
    expect(decodeMissingNote(note)).toEqual({
      reason: 'missing-input',
      detail: 'bdl:60559 for 1261011 in 2019 (flag 15)',
    });
    expect(decodeMissingNote(encodeMissingNote('division-by-zero', null))).toEqual({
      reason: 'division-by-zero',
      detail: null,
    });
  });

  it('does not read other notes as reasons', () => {
    expect(decodeMissingNote(null)).toBeNull();
    expect(decodeMissingNote('input flags: 9, 15')).toBeNull();
    expect(decodeMissingNote('missing: something')).toBeNull();
  });
});
