/**
 * Words of the saved-work pages (issue 18, point 2), Polish first, and the one description of an item's
 * settings that the list, the edit page and the shared page all show.
 */
import type { Static } from '@sinclair/typebox';
import { SAVED_KIND_LABELS, type SavedKind } from '../../domain/accounts/saved-items.js';
import type { SavedItem } from '../../api/schemas/saved.js';
import type { Lang } from '../format.js';
import { html, type Html } from '../html.js';
import { LEVEL_LABELS } from './compare-text.js';
import { AGAINST_OPTIONS } from './unit-text.js';

type Text = { readonly pl: string; readonly en: string };
export type Settings = Static<typeof SavedItem>['settings'];

export const SAVED_TEXT = {
  title: { pl: 'Moje zestawienia', en: 'My saved items' },
  lead: {
    pl: 'Zapisane zestawy jednostek, porównania i ustawienia raportów. Każde możesz otworzyć, zmienić, usunąć albo udostępnić linkiem tylko do odczytu.',
    en: 'Your saved sets of units, comparisons and report settings. Open, change, delete or share each by a read-only link.',
  },
  none: {
    pl: 'Nic jeszcze nie zapisano. Przycisk „Zapisz” jest na stronach jednostek, w formularzu raportu i na stronie porównania.',
    en: 'Nothing saved yet. The Save button is on unit pages, in the report form and on the compare page.',
  },
  count: { pl: 'Zapisane pozycje', en: 'Saved items' },
  kind: { pl: 'Rodzaj', en: 'Kind' },
  updated: { pl: 'Zmieniono', en: 'Changed' },
  open: { pl: 'Otwórz', en: 'Open' },
  data: { pl: 'Dane (API)', en: 'Data (API)' },
  download: { pl: 'Pobierz raport', en: 'Download the report' },
  edit: { pl: 'Zmień nazwę lub ustawienia', en: 'Rename or edit' },
  remove: { pl: 'Usuń…', en: 'Delete…' },
  removeLead: {
    pl: 'Pozycja zniknie z Twoich zestawień. Tego nie można cofnąć.',
    en: 'The item goes from your saved items. This cannot be undone.',
  },
  removeSharedLead: {
    pl: 'Pozycja zniknie z Twoich zestawień, a jej link tylko do odczytu przestanie działać. Tego nie można cofnąć.',
    en: 'The item goes from your saved items and its read-only link stops working. This cannot be undone.',
  },
  removeSubmit: { pl: 'Tak, usuń', en: 'Yes, delete' },
  removeCancel: { pl: 'Nie usuwaj, wróć do listy', en: 'Keep it, back to the list' },
  share: { pl: 'Udostępnij link', en: 'Share a link' },
  shareLink: { pl: 'Link tylko do odczytu', en: 'Read-only link' },
  shareHint: {
    pl: 'Każdy, kto ma ten link, zobaczy tę pozycję (bez możliwości zmiany), dopóki nie cofniesz udostępnienia.',
    en: 'Anyone with this link sees this item (without changing it) until you revoke the link.',
  },
  copy: { pl: 'Kopiuj link', en: 'Copy the link' },
  unshare: { pl: 'Cofnij udostępnienie', en: 'Revoke the link' },
  name: { pl: 'Nazwa', en: 'Name' },
  units: { pl: 'Jednostki (kody TERYT)', en: 'Units (TERYT codes)' },
  unitsHint: {
    pl: 'Kody oddzielone przecinkami lub spacjami.',
    en: 'Codes separated by commas or spaces.',
  },
  unit: { pl: 'Jednostka (kod TERYT)', en: 'Unit (TERYT code)' },
  indicators: { pl: 'Wskaźniki', en: 'Indicators' },
  indicatorsHint: {
    pl: 'Bez zaznaczenia: wszystkie wskaźniki z danymi (jak na stronie porównania). Zaznacz kilka z klawiszem Ctrl.',
    en: 'None chosen: every indicator with data (as the compare page does). Choose several with Ctrl.',
  },
  allIndicators: { pl: 'wszystkie z danymi', en: 'every one with data' },
  years: { pl: 'Lata', en: 'Years' },
  yearsHint: {
    pl: 'Rok (2019) lub zakres (2015-2019); puste: najnowszy.',
    en: 'A year (2019) or a range (2015-2019); empty: the latest.',
  },
  latest: { pl: 'najnowszy z danymi', en: 'latest with data' },
  set: { pl: 'Zbiór odniesienia', en: 'Reference set' },
  year: { pl: 'Rok', en: 'Year' },
  areas: { pl: 'Obszary', en: 'Areas' },
  allAreas: { pl: 'wszystkie obszary', en: 'all areas' },
  format: { pl: 'Format', en: 'Format' },
  lang: { pl: 'Język raportu', en: 'Report language' },
  level: { pl: 'Szczebel', en: 'Level' },
  submitEdit: { pl: 'Zapisz zmiany', en: 'Save the changes' },
  saveButton: { pl: 'Zapisz', en: 'Save' },
  back: { pl: 'Wróć do listy', en: 'Back to the list' },
  saved: { pl: 'Zapisano.', en: 'Saved.' },
  changed: { pl: 'Zapisano zmiany.', en: 'The changes are saved.' },
  deleted: { pl: 'Usunięto.', en: 'Deleted.' },
  shared: {
    pl: 'Udostępniono: link jest przy pozycji.',
    en: 'Shared: the link is next to the item.',
  },
  unshared: {
    pl: 'Cofnięto udostępnienie: dawny link już nie działa.',
    en: 'The link is revoked: it no longer works.',
  },
  sharedLead: {
    pl: 'Pozycja udostępniona linkiem, tylko do odczytu. Otwórz ją, aby zobaczyć aktualne dane.',
    en: 'An item shared by a link, read-only. Open it to see the current data.',
  },
  confirmTitle: { pl: 'Zapisz ustawienia raportu', en: 'Save the report settings' },
  confirmLead: {
    pl: 'Te ustawienia raportu trafią do Twoich zestawień pod podaną nazwą.',
    en: 'These report settings go to your saved items under the name you give.',
  },
  cancel: { pl: 'Wróć bez zapisywania', en: 'Go back without saving' },
  errorTitle: { pl: 'Nie udało się', en: 'It did not work' },
  backToPage: { pl: 'Wróć do poprzedniej strony', en: 'Back to the page' },
} as const satisfies Record<string, Text>;

export const sayS = (lang: Lang, key: keyof typeof SAVED_TEXT): string => SAVED_TEXT[key][lang];

export const FORMAT_LABELS: Readonly<Record<string, Text>> = {
  pdf: { pl: 'PDF', en: 'PDF' },
  docx: { pl: 'DOCX (Word)', en: 'DOCX (Word)' },
  pptx: { pl: 'PPTX (prezentacja)', en: 'PPTX (presentation)' },
  xlsx: { pl: 'XLSX (arkusz)', en: 'XLSX (workbook)' },
};

export const LANG_LABELS: Readonly<Record<string, Text>> = {
  pl: { pl: 'polski', en: 'Polish' },
  en: { pl: 'angielski', en: 'English' },
};

/** The name of a reference set as the unit page's form says it (`set:ID`: a saved set). */
export function againstLabel(lang: Lang, against: string): string {
  const option = AGAINST_OPTIONS.find(([id]) => id === against);
  if (option) return option[1][lang];
  return lang === 'pl' ? `zapisany zestaw ${against.slice(4)}` : `saved set ${against.slice(4)}`;
}

export const kindLabel = (lang: Lang, kind: SavedKind): string => SAVED_KIND_LABELS[kind][lang];

/** `2026-01-05T10:00:00Z` → `05.01.2026` (Polish) or `2026-01-05` (English). */
export function dateText(lang: Lang, iso: string): string {
  const [y = '', m = '', d = ''] = iso.slice(0, 10).split('-');
  return lang === 'pl' ? `${d}.${m}.${y}` : `${y}-${m}-${d}`;
}

/** Names of the catalogue's indicators and areas, for describing settings in words. */
export interface CatalogueNames {
  readonly indicators: ReadonlyMap<string, Text>;
  readonly areas: ReadonlyMap<string, Text>;
}

/** An item's settings in words: a definition list (units as codes; the item's links name them). */
export function describeSettings(lang: Lang, kind: SavedKind, s: Settings, names: CatalogueNames): Html {
  const row = (term: keyof typeof SAVED_TEXT, value: string) =>
    html`<div>
      <dt>${sayS(lang, term)}</dt>
      <dd>${value}</dd>
    </div>`;
  const list = (ids: readonly string[] | undefined, map: ReadonlyMap<string, Text>, none: string) =>
    ids && ids.length > 0 ? ids.map((id) => map.get(id)?.[lang] ?? id).join('; ') : none;
  switch (kind) {
    case 'set':
      return html`<dl class="facts saved-settings">
        ${row('units', (s.units ?? []).join(', '))}
        ${row('level', LEVEL_LABELS[s.level ?? '']?.[lang] ?? s.level ?? '')}
      </dl>`;
    case 'compare':
      return html`<dl class="facts saved-settings">
        ${row('units', (s.units ?? []).join(', '))}
        ${row('indicators', list(s.indicators, names.indicators, sayS(lang, 'allIndicators')))}
        ${row('years', s.years ?? sayS(lang, 'latest'))}
      </dl>`;
    case 'report':
      return html`<dl class="facts saved-settings">
        ${row('unit', s.unit ?? '')} ${row('set', againstLabel(lang, s.against ?? 'group'))}
        ${row('year', s.year ? String(s.year) : sayS(lang, 'latest'))}
        ${row('areas', list(s.areas, names.areas, sayS(lang, 'allAreas')))}
        ${row('format', FORMAT_LABELS[s.format ?? 'pdf']?.[lang] ?? '')}
        ${row('lang', LANG_LABELS[s.lang ?? 'pl']?.[lang] ?? '')}
      </dl>`;
  }
}
