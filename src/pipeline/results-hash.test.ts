import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { Observation } from '../domain/observations/observation.js';
import { ObservationList } from '../domain/observations/observation-list.js';
import { resultsHash } from './results-hash.js';

const whole = (observations: readonly Observation[]) =>
  createHash('sha256').update(JSON.stringify(observations)).digest('hex').slice(0, 16);

const cells = (n: number): Observation[] =>
  Array.from({ length: n }, (_, i) => ({
    variableId: `smup.ind_${i % 7}`,
    unitCode: String(1261011 + i),
    year: 2010 + (i % 15),
    value: i % 11 === 0 ? null : i / 3,
    flag: i % 13 === 0 ? 2 : null,
    note: i % 11 === 0 ? 'brak danych, "wejście"' : null,
  }));

describe('resultsHash', () => {
  // The compute job's key must stay what it was (a draft resumed by a newer version finds its job).
  it.each([0, 1, 19_999, 20_000, 20_001, 45_000])(
    'equals the hash of the whole text for %i cells',
    async (n) => {
      const observations = cells(n);
      expect(await resultsHash(observations)).toBe(whole(observations));
    },
  );

  it("is the same for the cells in typed columns (ObservationList, the compute job's) as for the objects", async () => {
    const observations = cells(45_000);
    const list = new ObservationList();
    for (const o of observations) list.push(o);
    expect(await resultsHash(list)).toBe(whole(observations));
  });

  it('differs when one value differs', async () => {
    const a = cells(30_000);
    const b = a.map((o, i) => (i === 25_000 ? { ...o, value: 1 } : o));
    expect(await resultsHash(a)).not.toBe(await resultsHash(b));
  });
});
