/**
 * Reader of the official TERC register file (GUS, eTERYT: "TERC urzędowy"), e.g. TERC_Urzedowy_2026-01-01.csv.
 *
 * Columns WOJ;POW;GMI;RODZ;NAZWA;NAZWA_DOD;STAN_NA, `;`-separated, UTF-8 with a BOM in current files
 * (Windows-1250 in older ones). One row per unit:
 *   WOJ only                 → województwo        ("02;;;;DOLNOŚLĄSKIE;województwo;2026-01-01")
 *   WOJ+POW                  → powiat or miasto na prawach powiatu (NAZWA_DOD says which)
 *   WOJ+POW+GMI+RODZ         → gmina (RODZ 1, 2, 3) or part of a gmina (RODZ 4, 5, 8, 9)
 * The reader checks every row and reports every problem with its line and column; it returns nothing
 * unless the whole file is right, so an import is all or nothing.
 */
import { parse } from 'csv-parse/sync';
import { RODZ_KINDS } from '../../domain/units/teryt-code.js';
import { registerProblems } from '../../domain/units/register-history.js';
import type { UnitKind, UnitLevel, UnitRecord } from '../../domain/units/unit.js';
import { decodeText, type TextEncoding } from '../files/decode-text.js';
import { FileFormatError, ProblemList } from '../files/file-problem.js';

export const TERC_COLUMNS = ['WOJ', 'POW', 'GMI', 'RODZ', 'NAZWA', 'NAZWA_DOD', 'STAN_NA'] as const;

export interface TercFile {
  readonly stateDate: string;
  readonly records: readonly UnitRecord[];
  readonly encoding: TextEncoding;
}

interface Row {
  readonly line: number;
  readonly woj: string;
  readonly pow: string;
  readonly gmi: string;
  readonly rodz: string;
  readonly name: string;
  readonly description: string;
  readonly stateDate: string;
}

export function readTercFile(bytes: Uint8Array, file: string): TercFile {
  const { text, encoding } = decodeText(bytes);
  const problems = new ProblemList(file);

  let parsed: Array<{ record: string[]; info: { lines: number } }>;
  try {
    parsed = parse(text, {
      delimiter: ';',
      bom: true,
      info: true,
      relax_column_count: true,
      skip_empty_lines: true,
      trim: true,
    }) as unknown as Array<{ record: string[]; info: { lines: number } }>;
  } catch (error) {
    const line = (error as { lines?: number }).lines ?? null;
    throw new FileFormatError(file, [
      { file, line, column: null, expected: 'a `;`-separated CSV file', found: (error as Error).message },
    ]);
  }

  const header = parsed[0]?.record.map((cell) => cell.toUpperCase());
  if (!header || header.join(';') !== TERC_COLUMNS.join(';')) {
    throw new FileFormatError(file, [
      {
        file,
        line: 1,
        column: null,
        expected: `the TERC header ${TERC_COLUMNS.join(';')}${guessOtherRegister(header)}`,
        found: header ? header.join(';') : '(empty file)',
      },
    ]);
  }

  const rows: Row[] = [];
  for (const { record, info } of parsed.slice(1)) {
    if (problems.full) break;
    const line = info.lines;
    if (record.length !== TERC_COLUMNS.length) {
      problems.add(
        line,
        null,
        `${TERC_COLUMNS.length} columns`,
        `${record.length} column(s): ${record.join(';')}`,
      );
      continue;
    }
    const [woj = '', pow = '', gmi = '', rodz = '', name = '', description = '', stateDate = ''] = record;
    rows.push({ line, woj, pow, gmi, rodz, name, description, stateDate });
  }
  if (rows.length === 0 && problems.count === 0) {
    problems.add(2, null, 'at least one unit row after the header', '(no rows)');
  }

  const stateDate = rows[0]?.stateDate ?? '';
  const records: Array<{ line: number; record: UnitRecord }> = [];
  for (const row of rows) {
    if (problems.full) break;
    const record = toRecord(row, stateDate, problems);
    if (record) records.push({ line: row.line, record });
  }
  // Parents of dzielnice and delegatury are found only in a file whose rows are all readable.
  if (problems.count === 0) linkPartsToCities(records, problems);

  if (problems.count === 0) {
    for (const text of registerProblems(records.map((r) => r.record))) {
      problems.add(null, null, 'a consistent register', text);
    }
  }
  problems.throwIfAny();
  return { stateDate, records: records.map((r) => r.record), encoding };
}

function toRecord(row: Row, stateDate: string, problems: ProblemList): UnitRecord | null {
  const before = problems.count;
  const problem = problems.add.bind(problems);
  const twoDigits = /^\d{2}$/;
  if (!twoDigits.test(row.woj)) problem(row.line, 'WOJ', 'a 2-digit województwo code', row.woj);
  if (row.pow !== '' && !twoDigits.test(row.pow))
    problem(row.line, 'POW', 'a 2-digit powiat code or nothing', row.pow);
  if (row.gmi !== '' && !twoDigits.test(row.gmi))
    problem(row.line, 'GMI', 'a 2-digit gmina code or nothing', row.gmi);
  if (row.gmi !== '' && row.pow === '') problem(row.line, 'POW', 'a powiat code on a gmina row', row.pow);
  if (row.gmi === '' && row.rodz !== '') problem(row.line, 'RODZ', 'nothing on a row without GMI', row.rodz);
  if (row.gmi !== '' && !(row.rodz in RODZ_KINDS)) {
    problem(
      row.line,
      'RODZ',
      `one of ${Object.keys(RODZ_KINDS).join(', ')} (kind of gmina or of its part)`,
      row.rodz,
    );
  }
  if (row.name === '') problem(row.line, 'NAZWA', 'the name of the unit', row.name);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(row.stateDate) || Number.isNaN(Date.parse(row.stateDate))) {
    problem(row.line, 'STAN_NA', 'the state date as yyyy-mm-dd', row.stateDate);
  } else if (row.stateDate !== stateDate) {
    problem(
      row.line,
      'STAN_NA',
      `the same state date on every row (${stateDate}, as on the first row)`,
      row.stateDate,
    );
  }
  if (problems.count > before) return null;

  if (row.pow === '') {
    return {
      code: row.woj,
      level: 'wojewodztwo',
      kind: 'wojewodztwo',
      name: row.name,
      description: row.description,
      parentCode: null,
    };
  }
  if (row.gmi === '') {
    // NAZWA_DOD is "powiat", "miasto na prawach powiatu" or "miasto stołeczne, na prawach powiatu".
    const kind: UnitKind = /na prawach powiatu/.test(row.description)
      ? 'miasto_na_prawach_powiatu'
      : 'ziemski';
    return {
      code: row.woj + row.pow,
      level: 'powiat',
      kind,
      name: row.name,
      description: row.description,
      parentCode: row.woj,
    };
  }
  const { level, kind } = RODZ_KINDS[row.rodz] as { level: UnitLevel; kind: UnitKind };
  const stem = row.woj + row.pow + row.gmi;
  // Town (4) and rural area (5) belong to the gmina miejsko-wiejska of the same stem (RODZ 3); a dzielnica (8)
  // or delegatura (9) belongs to its city's gmina miejska, resolved in linkPartsToCities.
  const parentCode =
    level === 'gmina'
      ? row.woj + row.pow
      : kind === 'miasto' || kind === 'obszar_wiejski'
        ? `${stem}3`
        : null;
  return { code: stem + row.rodz, level, kind, name: row.name, description: row.description, parentCode };
}

/** Warszawa's dzielnice and the delegatury belong to the gmina miejska (RODZ 1) of their city's powiat. */
function linkPartsToCities(
  records: Array<{ line: number; record: UnitRecord }>,
  problems: ProblemList,
): void {
  const cityByPowiat = new Map<string, string>();
  for (const { record } of records) {
    if (record.level === 'gmina' && record.kind === 'miejska')
      cityByPowiat.set(record.code.slice(0, 4), record.code);
  }
  for (const entry of records) {
    const { record } = entry;
    if (record.kind !== 'dzielnica' && record.kind !== 'delegatura') continue;
    const city = cityByPowiat.get(record.code.slice(0, 4));
    if (!city) {
      problems.add(
        entry.line,
        'RODZ',
        `a gmina miejska (RODZ 1) in powiat ${record.code.slice(0, 4)} for this ${record.kind}`,
        record.kind,
      );
      continue;
    }
    entry.record = { ...record, parentCode: city };
  }
}

function guessOtherRegister(header: readonly string[] | undefined): string {
  if (!header) return '';
  if (header.includes('SYM') && header.includes('RM'))
    return ' (this looks like a SIMC localities file, not TERC)';
  if (header.includes('SYM_UL')) return ' (this looks like a ULIC streets file, not TERC)';
  if (header.includes('KOD')) return ' (this looks like a BDL export, not the TERC register)';
  return '';
}
