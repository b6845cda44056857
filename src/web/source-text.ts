/**
 * A source's name, citation or licence on a page: as written on Polish pages; on English pages in English
 * (domain/source-text-en.ts), or — when a phrase is not known — the Polish original marked `lang="pl"`, so
 * screen readers read it in Polish and the English page does not pass Polish off as English.
 */
import { sourceTextInEnglish } from '../domain/source-text-en.js';
import type { Lang } from './format.js';
import { html, type Html } from './html.js';

export function sourceText(text: string, lang: Lang): Html | string {
  if (lang === 'pl') return text;
  return sourceTextInEnglish(text) ?? html`<span lang="pl">${text}</span>`;
}

/** Text that exists in Polish only (a source variable's own name): marked as Polish on English pages. */
export function polishOnly(text: string, lang: Lang): Html | string {
  return lang === 'pl' ? text : html`<span lang="pl">${text}</span>`;
}
