import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { sharedFile, TERC_2026 } from '../../../test/shared-data.js';
import { FileFormatError } from '../files/file-problem.js';
import { readTercFile } from './terc-reader.js';
import { parseSnapshot, readBundledSnapshot, serializeSnapshot } from './units-snapshot.js';

describe('bundled units snapshot', () => {
  it('holds exactly the units of the official TERC file it names, with its provenance', () => {
    const bundled = readBundledSnapshot();
    const official = readTercFile(readFileSync(sharedFile(TERC_2026)), 'TERC_Urzedowy_2026-01-01.csv');
    expect(bundled.provenance).toMatchObject({
      stateDate: '2026-01-01',
      sourceFile: 'TERC_Urzedowy_2026-01-01.csv',
      generatedBy: 'scripts/build-units-snapshot.ts',
    });
    expect(bundled.records).toEqual(official.records);
  });

  it('reads back what it writes', () => {
    const bundled = readBundledSnapshot();
    const again = parseSnapshot(serializeSnapshot(bundled), 'again.json');
    expect(again.records).toEqual(bundled.records);
  });

  it('rejects a file that is not a snapshot, or a row that is not a unit', () => {
    expect(() => parseSnapshot('{"rows": []}', 'x.json')).toThrow(FileFormatError);
    const badRow = JSON.stringify({
      format: 'smup-units-snapshot/1',
      provenance: { stateDate: '2026-01-01' },
      rows: [['12', 'kraj', 'wojewodztwo', 'X', 'województwo', '']],
    });
    expect(() => parseSnapshot(badRow, 'x.json')).toThrow(/row 1: \[code, level, kind/);
  });
});
