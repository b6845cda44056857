import { describe, expect, it } from 'vitest';
import {
  formatReferenceSet,
  parseReferenceSet,
  resolveReferenceSet,
  type ReferenceLookups,
  type ReferenceSet,
} from './reference-sets.js';

const powiaty = ['1206', '1214', '1219', '1261', '2401', '2461'];
const lookups: ReferenceLookups = {
  unitsOfLevel: (length) => (length === 4 ? powiaty : length === 2 ? ['12', '24'] : []),
  groupMembers: (code) => (code === '1261' ? ['2461', '1261'] : null),
  // Real: Kraków (1261) borders powiat krakowski (1206) and wielicki (1219); not in the layer: 9999.
  neighbours: (code) => (code === '1261' ? ['1219', '1206'] : null),
  similar: (code, k) => (code === '1261' ? ['2461', '1214', '1206'].slice(0, k) : null),
  customSet: (id) => (id === 'abc' ? ['1261', '2401', '1261'] : null),
};
const resolve = (set: ReferenceSet, unitCode = '1261') => resolveReferenceSet({ unitCode, set, lookups });

describe('parseReferenceSet / formatReferenceSet', () => {
  it('reads every kind the API accepts and writes it back', () => {
    for (const text of ['group', 'neighbours', 'voivodeship', 'country', 'similar', 'set:Ab_3-x']) {
      const parsed = parseReferenceSet(text);
      expect(parsed.ok).toBe(true);
      if (parsed.ok) expect(formatReferenceSet(parsed.set)).toBe(text);
    }
    expect(parseReferenceSet('set:abc')).toEqual({ ok: true, set: { kind: 'custom', setId: 'abc' } });
  });

  it('refuses anything else, saying what is accepted', () => {
    for (const text of ['', 'Group', 'set:', 'set:a b', 'neighbors']) {
      const parsed = parseReferenceSet(text);
      expect(parsed.ok).toBe(false);
      if (!parsed.ok) expect(parsed.message.en).toMatch(/expected group, neighbours, voivodeship/);
    }
  });
});

describe('resolveReferenceSet', () => {
  it('gives the group, with the unit in it', () => {
    expect(resolve({ kind: 'group' })).toEqual({
      ok: true,
      set: { kind: 'group' },
      members: ['1261', '2461'],
      includesUnit: true,
    });
  });

  it('gives neighbours and similar units without the unit itself', () => {
    expect(resolve({ kind: 'neighbours' })).toMatchObject({ members: ['1206', '1219'], includesUnit: false });
    expect(resolve({ kind: 'similar', k: 2 })).toMatchObject({
      members: ['1214', '2461'],
      includesUnit: false,
    });
  });

  it('gives the same-level units of the voivodeship and of the country', () => {
    expect(resolve({ kind: 'voivodeship' })).toMatchObject({ members: ['1206', '1214', '1219', '1261'] });
    expect(resolve({ kind: 'country' })).toMatchObject({ members: powiaty, includesUnit: true });
  });

  it('gives a saved set once per code, and says when a set or data is unknown', () => {
    expect(resolve({ kind: 'custom', setId: 'abc' })).toMatchObject({
      members: ['1261', '2401'],
      includesUnit: true,
    });
    expect(resolve({ kind: 'custom', setId: 'nope' })).toMatchObject({ ok: false, reason: 'unknown-set' });
    expect(resolve({ kind: 'neighbours' }, '9999')).toMatchObject({ ok: false, reason: 'no-data' });
    expect(resolve({ kind: 'voivodeship' }, '12')).toMatchObject({ ok: false, reason: 'not-applicable' });
  });
});
