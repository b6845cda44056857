import { describe, expect, it } from 'vitest';
import { buildRegisterHistory, registerProblems, type RegisterSnapshot } from './register-history.js';
import type { UnitRecord } from './unit.js';

const woj: UnitRecord = {
  code: '06',
  level: 'wojewodztwo',
  kind: 'wojewodztwo',
  name: 'LUBELSKIE',
  description: 'województwo',
  parentCode: null,
};
const powiat: UnitRecord = {
  code: '0601',
  level: 'powiat',
  kind: 'ziemski',
  name: 'bialski',
  description: 'powiat',
  parentCode: '06',
};
// Janów Podlaski: gmina wiejska in TERC 2024-01-01, miejsko-wiejska in TERC 2026-01-01 (real change).
const janowRural: UnitRecord = {
  code: '0601052',
  level: 'gmina',
  kind: 'wiejska',
  name: 'Janów Podlaski',
  description: 'gmina wiejska',
  parentCode: '0601',
};
const janowMixed: UnitRecord = {
  ...janowRural,
  code: '0601053',
  kind: 'miejsko-wiejska',
  description: 'gmina miejsko-wiejska',
};
const janowTown: UnitRecord = {
  code: '0601054',
  level: 'czesc_gminy',
  kind: 'miasto',
  name: 'Janów Podlaski',
  description: 'miasto',
  parentCode: '0601053',
};

const s2024: RegisterSnapshot = { stateDate: '2024-01-01', records: [woj, powiat, janowRural] };
const s2026: RegisterSnapshot = { stateDate: '2026-01-01', records: [woj, powiat, janowMixed, janowTown] };

describe('buildRegisterHistory', () => {
  it('gives one open version per unit for a single snapshot, and records no changes', () => {
    const history = buildRegisterHistory([s2024]);
    expect(history.versions).toHaveLength(3);
    expect(history.versions.every((v) => v.validFrom === '2024-01-01' && v.validTo === null)).toBe(true);
    expect(history.changes).toEqual([]);
  });

  it('links a gmina whose kind digit changed to its new code and closes the old version', () => {
    const history = buildRegisterHistory([s2024, s2026]);
    const old = history.versions.find((v) => v.code === '0601052');
    expect(old).toMatchObject({ validFrom: '2024-01-01', validTo: '2026-01-01' });
    expect(history.versions.find((v) => v.code === '0601053')).toMatchObject({
      validFrom: '2026-01-01',
      validTo: null,
    });
    expect(history.links).toEqual([
      { predecessorCode: '0601052', successorCode: '0601053', date: '2026-01-01', reason: 'kind_changed' },
    ]);
    const types = history.changes.map((c) => `${c.type}:${c.code}`).sort();
    // The town part is new; the gmina changed code and kind; nothing was abolished.
    expect(types).toEqual(['code_changed:0601053', 'created:0601054', 'kind_changed:0601053']);
  });

  it('does not depend on the order the snapshots were loaded in', () => {
    expect(buildRegisterHistory([s2026, s2024])).toEqual(buildRegisterHistory([s2024, s2026]));
  });

  it('keeps unchanged units as one version across snapshots', () => {
    const history = buildRegisterHistory([s2024, s2026]);
    expect(history.versions.filter((v) => v.code === '0601')).toEqual([
      { ...powiat, validFrom: '2024-01-01', validTo: null },
    ]);
  });

  it('records a rename as a new version of the same code', () => {
    const renamed: RegisterSnapshot = {
      stateDate: '2025-01-01',
      records: [woj, { ...powiat, name: 'bialski nowy' }, janowRural],
    };
    const history = buildRegisterHistory([s2024, renamed]);
    expect(
      history.versions.filter((v) => v.code === '0601').map((v) => [v.name, v.validFrom, v.validTo]),
    ).toEqual([
      ['bialski', '2024-01-01', '2025-01-01'],
      ['bialski nowy', '2025-01-01', null],
    ]);
    expect(history.changes).toEqual([
      {
        date: '2025-01-01',
        type: 'renamed',
        code: '0601',
        previousCode: null,
        before: 'bialski',
        after: 'bialski nowy',
      },
    ]);
  });

  it('does not merge ambiguous code changes: two new gminy on one stem are created, the old one abolished', () => {
    const split: RegisterSnapshot = {
      stateDate: '2026-01-01',
      records: [woj, powiat, janowMixed, { ...janowMixed, code: '0601051', kind: 'miejska' }],
    };
    const history = buildRegisterHistory([s2024, split]);
    expect(history.links).toEqual([]);
    expect(history.changes.map((c) => c.type).sort()).toEqual(['abolished', 'created', 'created']);
  });

  it('refuses two snapshots with the same state date', () => {
    expect(() => buildRegisterHistory([s2024, { ...s2024 }])).toThrow(/2024-01-01/);
  });
});

describe('registerProblems', () => {
  it('names duplicate codes and missing parents', () => {
    expect(registerProblems([woj, janowRural, woj])).toEqual([
      'code 06 is listed twice',
      '0601052 (Janów Podlaski) belongs to 0601, which the register does not list',
    ]);
  });
});
