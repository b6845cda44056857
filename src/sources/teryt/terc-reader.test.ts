import { readFileSync } from 'node:fs';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { sharedFile, TERC_2024, TERC_2026 } from '../../../test/shared-data.js';
import { FileFormatError } from '../files/file-problem.js';
import { readTercFile } from './terc-reader.js';

const HEADER = 'WOJ;POW;GMI;RODZ;NAZWA;NAZWA_DOD;STAN_NA';
const small = [
  HEADER,
  '12;;;;MAŁOPOLSKIE;województwo;2026-01-01',
  '12;61;;;Kraków;miasto na prawach powiatu;2026-01-01',
  '12;61;01;1;Kraków;gmina miejska;2026-01-01',
  '12;61;02;9;Kraków-Krowodrza;delegatura;2026-01-01',
  '12;01;;;bocheński;powiat;2026-01-01',
  '12;01;04;3;Bochnia;gmina miejsko-wiejska;2026-01-01',
  '12;01;04;4;Bochnia;miasto;2026-01-01',
  '12;01;04;5;Bochnia;obszar wiejski;2026-01-01',
].join('\r\n');

function read(text: string): ReturnType<typeof readTercFile> {
  return readTercFile(Buffer.from(text, 'utf-8'), 'test.csv');
}

function problemsOf(text: string | Uint8Array): string[] {
  try {
    readTercFile(typeof text === 'string' ? Buffer.from(text, 'utf-8') : text, 'bad.csv');
  } catch (error) {
    if (error instanceof FileFormatError)
      return error.message
        .split('\n')
        .slice(1)
        .map((l) => l.trim());
    throw error;
  }
  throw new Error('expected the file to be rejected');
}

describe('readTercFile on the official register', () => {
  it('reads every unit of TERC 2026-01-01 with the counts GUS publishes', () => {
    const terc = readTercFile(readFileSync(sharedFile(TERC_2026)), 'TERC_Urzedowy_2026-01-01.csv');
    const count = (pred: (r: (typeof terc.records)[number]) => boolean): number =>
      terc.records.filter(pred).length;
    expect(terc.stateDate).toBe('2026-01-01');
    expect(terc.encoding).toBe('utf-8');
    // Counts from shared/data/README.md: 16 województw, 380 powiat-level units (314 + 66), 2,479 gminy.
    expect(count((r) => r.level === 'wojewodztwo')).toBe(16);
    expect(count((r) => r.level === 'powiat')).toBe(380);
    expect(count((r) => r.kind === 'miasto_na_prawach_powiatu')).toBe(66);
    expect(count((r) => r.level === 'gmina')).toBe(2479);
    expect(count((r) => r.kind === 'miejska')).toBe(302);
    expect(count((r) => r.kind === 'miejsko-wiejska')).toBe(724);
    expect(count((r) => r.kind === 'wiejska')).toBe(1453);
    expect(terc.records.find((r) => r.code === '1261011')).toEqual({
      code: '1261011',
      level: 'gmina',
      kind: 'miejska',
      name: 'Kraków',
      description: 'gmina miejska',
      parentCode: '1261',
    });
    // Warszawa's dzielnice belong to gmina Warszawa, not to the powiat.
    const dzielnice = terc.records.filter((r) => r.kind === 'dzielnica');
    expect(dzielnice).toHaveLength(18);
    expect(new Set(dzielnice.map((r) => r.parentCode))).toEqual(new Set(['1465011']));
  });

  it('reads the 2024 register too', () => {
    const terc = readTercFile(readFileSync(sharedFile(TERC_2024)), 'TERC_Urzedowy_2024-01-01.csv');
    expect(terc.stateDate).toBe('2024-01-01');
    expect(terc.records.filter((r) => r.level === 'gmina')).toHaveLength(2477);
  });

  it('reads a Windows-1250 file the same as UTF-8', () => {
    const fromUtf8 = read(small);
    const from1250 = readTercFile(iconv.encode(small, 'windows-1250'), 'old.csv');
    expect(from1250.encoding).toBe('windows-1250');
    expect(from1250.records).toEqual(fromUtf8.records);
  });
});

describe('readTercFile on small files', () => {
  it('links delegatury to the city gmina and town and rural parts to the gmina miejsko-wiejska', () => {
    const byCode = new Map(read(small).records.map((r) => [r.code, r]));
    expect(byCode.get('1261029')).toMatchObject({
      level: 'czesc_gminy',
      kind: 'delegatura',
      parentCode: '1261011',
    });
    expect(byCode.get('1201044')).toMatchObject({ kind: 'miasto', parentCode: '1201043' });
    expect(byCode.get('1201045')).toMatchObject({ kind: 'obszar_wiejski', parentCode: '1201043' });
    expect(byCode.get('1261')).toMatchObject({ kind: 'miasto_na_prawach_powiatu', parentCode: '12' });
    expect(byCode.get('1201')).toMatchObject({ kind: 'ziemski' });
  });
});

describe('readTercFile rejects wrong and malformed files', () => {
  it('names the line, the column and what was expected', () => {
    const bad = small
      .replace('12;61;01;1;Kraków', '12;61;01;7;Kraków')
      .replace('12;01;;;bocheński;powiat;2026-01-01', '12;1;;;bocheński;powiat;2026-01-01');
    expect(problemsOf(bad)).toEqual([
      'bad.csv, line 4: column RODZ: expected one of 1, 2, 3, 4, 5, 8, 9 (kind of gmina or of its part), found "7"',
      'bad.csv, line 6: column POW: expected a 2-digit powiat code or nothing, found "1"',
    ]);
  });

  it('rejects rows with a wrong number of columns and a state date that differs from the first row', () => {
    const bad = `${small}\r\n12;01;05;2;Drwinia;gmina wiejska\r\n12;01;06;2;Lipnica;gmina wiejska;2025-01-01`;
    expect(problemsOf(bad)).toEqual([
      'bad.csv, line 10: expected 7 columns, found "6 column(s): 12;01;05;2;Drwinia;gmina wiejska"',
      'bad.csv, line 11: column STAN_NA: expected the same state date on every row (2026-01-01, as on the first row), found "2025-01-01"',
    ]);
  });

  it('says when the file is another register', () => {
    const simc =
      'WOJ;POW;GMI;RODZ_GMI;RM;MZ;NAZWA;SYM;SYMPOD;STAN_NA\n02;01;01;1;96;1;Bolesławiec;0935989;0935989;2026-01-01';
    expect(problemsOf(simc)[0]).toMatch(/line 1: expected the TERC header .*SIMC localities file/);
  });

  it('rejects units whose parent is missing', () => {
    const orphan = [
      HEADER,
      '12;;;;MAŁOPOLSKIE;województwo;2026-01-01',
      '12;61;01;1;Kraków;gmina miejska;2026-01-01',
    ].join('\n');
    expect(problemsOf(orphan)).toEqual([
      'bad.csv: expected a consistent register, found "1261011 (Kraków) belongs to 1261, which the register does not list"',
    ]);
  });

  it('rejects an empty file and a file with only a header', () => {
    expect(problemsOf('')[0]).toMatch(/line 1: expected the TERC header/);
    expect(problemsOf(HEADER)).toEqual([
      'bad.csv, line 2: expected at least one unit row after the header, found "(no rows)"',
    ]);
  });

  it('stops after 50 problems and says there are more', () => {
    const many = [HEADER, ...Array.from({ length: 80 }, () => 'XX;;;;A;województwo;2026-01-01')].join('\n');
    const lines = problemsOf(many);
    expect(lines).toHaveLength(51);
    expect(lines.at(-1)).toMatch(/more problems not shown/);
  });
});
