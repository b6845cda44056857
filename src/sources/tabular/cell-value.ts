/**
 * One cell of a table → a value, a flagged missing value, nothing, or a reason to refuse the file.
 *
 * Empty means "no value": no observation is made (never 0). GUS's printed symbols (the legend of every
 * GUS yearbook and of BDL tables: "Znaki umowne") become a missing value (null) with the BDL attrId flag
 * that carries the same meaning, and a note keeping the symbol, because BDL lumps several of them into
 * one attrId. From shared/data/bdl-api-samples/samples_raw_attributes.json:
 *   attrId 4  name ". lub 0", symbol "x": "Brak informacji, konieczność zachowania tajemnicy statystycznej
 *             lub wypełnienie pozycji jest niemożliwe albo niecelowe"      → '.', 'x', '#'
 *   attrId 15 name "-": "brak informacji z powodu zmiany poziomu prezentacji, zmian wprowadzonych do
 *             wykazu jednostek terytorialnych lub modyfikacji listy cech" → '-', '–', '—'
 * In printed tables '—' means "zjawisko nie wystąpiło" (the phenomenon did not occur); in BDL exports a
 * '-' is attrId 15. BDL has no attrId for "did not occur", so both readings are stored as a missing value
 * with flag 15 and the note says which symbol the file had; a mapping whose source means a true zero by
 * '-' maps it otherwise (its `symbols` field), never silently.
 */
import { parseDecimal, type DecimalSeparator } from '../../domain/number-format.js';

export interface CellSymbol {
  readonly flag: number;
  readonly note: string;
}

export const GUS_SYMBOLS: ReadonlyMap<string, CellSymbol> = new Map([
  ['-', { flag: 15, note: 'symbol "-": zjawisko nie wystąpiło lub brak informacji (GUS)' }],
  ['–', { flag: 15, note: 'symbol "–": zjawisko nie wystąpiło lub brak informacji (GUS)' }],
  ['—', { flag: 15, note: 'symbol "—": zjawisko nie wystąpiło lub brak informacji (GUS)' }],
  ['.', { flag: 4, note: 'symbol ".": brak informacji lub brak danych wiarygodnych (GUS)' }],
  ['x', { flag: 4, note: 'symbol "x": wypełnienie pozycji niemożliwe lub niecelowe (GUS)' }],
  ['X', { flag: 4, note: 'symbol "X": wypełnienie pozycji niemożliwe lub niecelowe (GUS)' }],
  ['#', { flag: 4, note: 'symbol "#": tajemnica statystyczna (GUS)' }],
]);

/** The default symbols with a mapping's own ones (symbol → attrId) on top. */
export function symbolTable(
  overrides: Readonly<Record<string, number>> = {},
): ReadonlyMap<string, CellSymbol> {
  const table = new Map(GUS_SYMBOLS);
  for (const [symbol, flag] of Object.entries(overrides)) {
    table.set(symbol, { flag, note: `symbol "${symbol}" (attrId ${flag}, as the mapping defines it)` });
  }
  return table;
}

export type CellValue =
  | { readonly kind: 'empty' }
  | { readonly kind: 'value'; readonly value: number }
  | { readonly kind: 'symbol'; readonly flag: number; readonly note: string }
  | { readonly kind: 'error'; readonly expected: string };

/** A cell as the grid gives it: text from CSV, a number or text from XLSX, null when empty. */
export function readCell(
  cell: string | number | null,
  decimal: DecimalSeparator,
  symbols: ReadonlyMap<string, CellSymbol>,
): CellValue {
  if (cell === null) return { kind: 'empty' };
  if (typeof cell === 'number') {
    return Number.isFinite(cell)
      ? { kind: 'value', value: cell }
      : { kind: 'error', expected: 'a finite number' };
  }
  const text = cell.trim();
  if (text === '') return { kind: 'empty' };
  const symbol = symbols.get(text);
  if (symbol) return { kind: 'symbol', ...symbol };
  const parsed = parseDecimal(text, decimal);
  if (parsed.ok) return { kind: 'value', value: parsed.value };
  return {
    kind: 'error',
    expected: `${parsed.reason}, an empty cell or a symbol (${[...symbols.keys()].join(' ')})`,
  };
}
