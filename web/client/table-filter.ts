/**
 * Table filters (`input[data-filter-table="<table id>"]`): as the user types, rows of the table's body whose
 * text does not contain the input (ignoring case and Polish letters: "lodz" finds "Łódź") are hidden, and
 * the count of shown rows is written to the element named by `data-filter-count` (or to a polite live region
 * made after the field).
 */
import { announce, fold, formatCount, liveRegion, pageLang } from './dom.js';

const TEXT = {
  pl: { shown: (shown: string, all: string) => `Widoczne wiersze: ${shown} z ${all}.` },
  en: { shown: (shown: string, all: string) => `Showing ${shown} of ${all} rows.` },
} as const;

export function initTableFilters(root: ParentNode = document): void {
  for (const input of root.querySelectorAll<HTMLInputElement>('input[data-filter-table]')) enhance(input);
}

function enhance(input: HTMLInputElement): void {
  const table = document.getElementById(input.dataset.filterTable ?? '');
  if (!(table instanceof HTMLTableElement) || !table.tBodies[0]) return;
  const body = table.tBodies[0];
  const lang = pageLang();
  const countId = input.dataset.filterCount;
  const counter = (countId ? document.getElementById(countId) : null) ?? liveRegion(input);
  if (!counter.hasAttribute('aria-live') && counter.getAttribute('role') !== 'status') {
    counter.setAttribute('aria-live', 'polite');
  }
  // Folded row texts, made once: a table of every gmina has ~2,500 rows.
  const texts = new WeakMap<HTMLTableRowElement, string>();
  const textOf = (row: HTMLTableRowElement): string => {
    let folded = texts.get(row);
    if (folded === undefined) {
      folded = fold((row.textContent ?? '').replace(/\s+/g, ' '));
      texts.set(row, folded);
    }
    return folded;
  };
  let timer: number | undefined;
  const apply = (): void => {
    const query = fold(input.value.trim().replace(/\s+/g, ' '));
    let shown = 0;
    const rows = [...body.rows];
    for (const row of rows) {
      const match = query === '' || textOf(row).includes(query);
      row.hidden = !match;
      if (match) shown += 1;
    }
    const message = TEXT[lang].shown(formatCount(shown, lang), formatCount(rows.length, lang));
    if (counter.getAttribute('role') === 'status' || counter.hasAttribute('aria-live'))
      announce(counter, message);
    else counter.textContent = message;
  };
  input.addEventListener('input', () => {
    window.clearTimeout(timer);
    timer = window.setTimeout(apply, 120);
  });
  // A value kept by the browser's form restore is applied at once.
  if (input.value.trim() !== '') apply();
}
