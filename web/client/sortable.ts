/**
 * Sortable tables (`table[data-sortable]`): each column header (`th[scope=col]` in thead) becomes a button
 * that sorts the body's rows by that column, ascending first, then descending; `aria-sort` on the header
 * says the order and a polite live region announces it. A cell's `data-sort` attribute, when present, is the
 * key; otherwise its text, read as a number when every filled cell of the column starts with one (Polish
 * style too: no-break or narrow spaces between thousands, decimal comma, "−" minus), else compared as Polish
 * text. Empty cells and "—" (no data) always go last, whatever the direction.
 */
import { announce, liveRegion, pageLang } from './dom.js';

const TEXT = {
  pl: {
    ascending: 'rosnąco',
    descending: 'malejąco',
    sorted: (column: string, order: string) => `Posortowano według kolumny „${column}”, ${order}.`,
  },
  en: {
    ascending: 'ascending',
    descending: 'descending',
    sorted: (column: string, order: string) => `Sorted by “${column}”, ${order}.`,
  },
} as const;

const MISSING = new Set(['', '—', '–', '-', '−', '…', 'n/a', 'b.d.']);

/** Thousands separators the portal writes: no-break space, narrow no-break space, thin space. */
const NUMBER = /^[+\-−]?\d{1,3}(?:[\u00a0\u202f\u2009]\d{3})+(?:[.,]\d+)?|^[+\-−]?\d+(?:[.,]\d+)?/;

/**
 * The number a cell's text starts with ("1 234,5 osób" → 1234.5, "−3,2" → −3.2, "3 z 20" → 3), or null.
 * Ordinary spaces are not taken as thousands separators: "12 2019" is 12 (a value and a year), not 122019.
 */
export function parseNumber(text: string): number | null {
  const match = NUMBER.exec(text.trim());
  if (!match) return null;
  const plain = match[0]
    .replace(/[\u00a0\u202f\u2009]/g, '')
    .replace('−', '-')
    .replace(',', '.');
  const value = Number(plain);
  return Number.isFinite(value) ? value : null;
}

interface Key {
  readonly missing: boolean;
  readonly number: number | null;
  readonly text: string;
}

const collator = new Intl.Collator('pl', { numeric: true, sensitivity: 'base' });

export function initSortableTables(root: ParentNode = document): void {
  for (const table of root.querySelectorAll<HTMLTableElement>('table[data-sortable]')) enhance(table);
}

/**
 * The cell of `row` in column `column` (colspans counted), or null when a cell spanning several columns
 * covers it (a row's "no data, because…" note): such a row has no value of its own there and goes last.
 */
function cellAt(row: HTMLTableRowElement, column: number): HTMLTableCellElement | null {
  let at = 0;
  for (const cell of row.cells) {
    if (at === column) return cell.colSpan > 1 && cell.dataset.sort === undefined ? null : cell;
    at += cell.colSpan;
    if (at > column) return null;
  }
  return null;
}

function keyOf(cell: HTMLTableCellElement | null): Key {
  if (!cell) return { missing: true, number: null, text: '' };
  // Only ASCII white space is collapsed: no-break spaces are the thousands separators of Polish numbers.
  const raw = cell.dataset.sort ?? (cell.textContent ?? '').replace(/[ \t\n\r\f]+/g, ' ').trim();
  return { missing: MISSING.has(raw.toLowerCase()), number: parseNumber(raw), text: raw };
}

function enhance(table: HTMLTableElement): void {
  if (table.dataset.sortableReady !== undefined) return;
  table.dataset.sortableReady = '';
  const body = table.tBodies[0];
  const headRow = table.tHead?.rows[table.tHead.rows.length - 1];
  if (!body || !headRow) return;
  const lang = pageLang();
  const text = TEXT[lang];
  const status = liveRegion(table.closest('.table-wrap') ?? table);
  const headers: HTMLTableCellElement[] = [];

  let column = 0;
  for (const th of headRow.cells) {
    const index = column;
    column += th.colSpan;
    if (th.tagName !== 'TH' || th.getAttribute('scope') !== 'col' || th.hasAttribute('data-no-sort'))
      continue;
    const label = (th.textContent ?? '').replace(/\s+/g, ' ').trim();
    const button = document.createElement('button');
    button.type = 'button';
    button.className = 'sort';
    button.append(...th.childNodes);
    const arrow = document.createElement('span');
    arrow.className = 'sort-arrow';
    arrow.setAttribute('aria-hidden', 'true');
    arrow.textContent = '↕';
    button.append(' ', arrow);
    th.append(button);
    headers.push(th);
    button.addEventListener('click', () => {
      const order = th.getAttribute('aria-sort') === 'ascending' ? 'descending' : 'ascending';
      sortRows(body, index, order);
      for (const other of headers) {
        const otherArrow = other.querySelector('.sort-arrow');
        if (other === th) {
          other.setAttribute('aria-sort', order);
          if (otherArrow) otherArrow.textContent = order === 'ascending' ? '▲' : '▼';
        } else {
          other.removeAttribute('aria-sort');
          if (otherArrow) otherArrow.textContent = '↕';
        }
      }
      announce(status, text.sorted(label, text[order]));
    });
  }
}

function sortRows(body: HTMLTableSectionElement, column: number, order: 'ascending' | 'descending'): void {
  const rows = [...body.rows].map((row, index) => ({ row, index, key: keyOf(cellAt(row, column)) }));
  const numeric = rows.every(({ key }) => key.missing || key.number !== null);
  const sign = order === 'ascending' ? 1 : -1;
  rows.sort((a, b) => {
    if (a.key.missing !== b.key.missing) return a.key.missing ? 1 : -1;
    if (a.key.missing) return a.index - b.index;
    const by = numeric
      ? (a.key.number as number) - (b.key.number as number)
      : collator.compare(a.key.text, b.key.text);
    return by !== 0 ? sign * by : a.index - b.index;
  });
  body.append(...rows.map(({ row }) => row));
}
