/**
 * The flags used in a table, explained in words next to it (issue 16, point 6): a tooltip (`<abbr title>`)
 * is never shown on a phone, so every table that shows a flag symbol is followed by a line listing each
 * symbol it uses with its meaning. A table without flags gets nothing.
 */
import type { Lang } from './format.js';
import { html, type Html } from './html.js';

export interface ShownFlag {
  readonly id: number;
  readonly symbol: string;
  readonly label: { readonly pl: string; readonly en: string };
}

/** The distinct flags among `flags` (nulls skipped), in order of first appearance. */
export function flagsUsed(flags: Iterable<ShownFlag | null | undefined>): ShownFlag[] {
  const seen = new Map<number, ShownFlag>();
  for (const flag of flags) if (flag && !seen.has(flag.id)) seen.set(flag.id, flag);
  return [...seen.values()];
}

/** A flag's mark in a cell: the symbol, with its meaning as a tooltip and for screen readers. */
export function flagMark(flag: ShownFlag | null | undefined, lang: Lang): Html | '' {
  if (!flag) return '';
  // A flag without a printed symbol (GUS's "value" has none) still needs a visible mark.
  const symbol = flag.symbol || '*';
  return html` <abbr class="flag" title="${flag.label[lang]}">${symbol}</abbr>`;
}

export function flagLegend(flags: Iterable<ShownFlag | null | undefined>, lang: Lang): Html | '' {
  const used = flagsUsed(flags);
  if (used.length === 0) return '';
  return html`<p class="flag-legend">
    <span class="flag-legend-title">${lang === 'pl' ? 'Oznaczenia w tabeli' : 'Marks in the table'}:</span>
    ${used.map(
      (f, i) =>
        html`${i > 0 ? '; ' : ''}<span class="flag-item"
            ><strong class="flag">${f.symbol || '*'}</strong> — ${f.label[lang]}</span
          >`,
    )}
  </p>`;
}
