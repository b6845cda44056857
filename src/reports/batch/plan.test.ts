import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { partName, removeLeftovers, writeWhole } from './files.js';
import { batchFileName, batchId, type BatchParams } from './plan.js';

const params: BatchParams = {
  level: 'gmina',
  voivodeship: '12',
  year: null,
  against: 'set:moj-zbior',
  areas: null,
  formats: ['pdf', 'xlsx'],
  lang: 'pl',
  release: 7,
  out: '/srv/raporty',
};

describe('batch id and file names', () => {
  it('names a batch by what makes its files, whatever the order of the formats', () => {
    expect(batchId({ ...params, formats: ['xlsx', 'pdf'] })).toBe(batchId(params));
    for (const change of [{ release: 8 }, { out: '/tmp' }, { year: 2019 }, { lang: 'en' as const }])
      expect(batchId({ ...params, ...change }), JSON.stringify(change)).not.toBe(batchId(params));
  });
  it('names files as one report does, "ostatni" without a year', () => {
    expect(batchFileName(params, '1219053', 'pdf')).toBe('raport-1219053-ostatni-set-moj-zbior-pl.pdf');
    expect(batchFileName({ ...params, year: 2019 }, '1219', 'xlsx')).toBe(
      'raport-1219-2019-set-moj-zbior-pl.xlsx',
    );
  });
});

describe('files written whole', () => {
  let dir = '';
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('renames a complete file into place and removes what dead writers left', () => {
    dir = mkdtempSync(join(tmpdir(), 'smup-batch-files-'));
    writeWhole(dir, 'a.json', Buffer.from('{"a":1}'));
    expect(readFileSync(join(dir, 'a.json'), 'utf-8')).toBe('{"a":1}');
    const gone = spawnSync('true').pid as number;
    writeFileSync(join(dir, partName('b.json', gone)), '{"ha');
    writeFileSync(join(dir, partName('c.json', process.pid)), '{"mine');
    writeFileSync(join(dir, '.d.json.other-host.1.part'), '{"far');
    expect(removeLeftovers(dir)).toBe(1);
    expect(readdirSync(dir).sort()).toEqual(
      [partName('c.json'), '.d.json.other-host.1.part', 'a.json'].sort(),
    );
    // A unit's job taken over: another machine's leftovers of its files go too (never this process's own).
    expect(removeLeftovers(dir, new Set(['d.json', 'c.json']))).toBe(1);
    expect(existsSync(join(dir, '.d.json.other-host.1.part'))).toBe(false);
  });
});
