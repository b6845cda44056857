import { describe, expect, it } from 'vitest';
import { formatRows } from './format-output.js';

const rows = [
  { code: '1061011', name: 'Łódź', kind: 'miejska' },
  { code: '1261011', name: 'Kraków, "stare"', kind: 'miejska' },
];

describe('formatRows', () => {
  it('aligns a text table on the longest value', () => {
    expect(formatRows(rows, 'table').split('\n').slice(0, 3)).toEqual([
      'code     name             kind',
      '-------  ---------------  -------',
      '1061011  Łódź             miejska',
    ]);
  });
  it('quotes CSV fields that need it (RFC 4180)', () => {
    expect(formatRows(rows, 'csv')).toBe(
      'code,name,kind\r\n1061011,Łódź,miejska\r\n1261011,"Kraków, ""stare""",miejska\r\n',
    );
  });
  it('writes JSON that parses back to the rows', () => {
    expect(JSON.parse(formatRows(rows, 'json'))).toEqual(rows);
  });
});
