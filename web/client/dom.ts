/** Small helpers shared by the browser modules: the page's language and polite live regions. */

export type Lang = 'pl' | 'en';

/** The page's language from `<html lang>`: English pages live under `/en`. */
export const pageLang = (): Lang =>
  document.documentElement.lang.toLowerCase().startsWith('en') ? 'en' : 'pl';

/** A portal URL in the page's language (`/jst/1261011` → `/en/jst/1261011` on English pages). */
export const localUrl = (url: string, lang: Lang = pageLang()): string => (lang === 'en' ? `/en${url}` : url);

/**
 * A visually hidden polite live region placed right after `anchor` (so it stays inside the same landmark):
 * screen readers announce what is written into it without moving focus.
 */
export function liveRegion(anchor: Element): HTMLElement {
  const region = document.createElement('p');
  region.className = 'visually-hidden';
  region.setAttribute('role', 'status');
  region.setAttribute('aria-live', 'polite');
  anchor.after(region);
  return region;
}

/** Write a message to a live region; the same text twice is still announced (cleared first). */
export function announce(region: HTMLElement, message: string): void {
  if (region.textContent === message) region.textContent = '';
  window.setTimeout(() => {
    region.textContent = message;
  }, 50);
}

/** Text for matching without case and Polish letters: "Łódź" → "lodz" (ł does not decompose under NFD). */
export const fold = (text: string): string =>
  text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/ł/g, 'l')
    .replace(/Ł/g, 'L')
    .toLowerCase();

/** A whole number for people in the page's language ("2 477" in Polish, "2,477" in English). */
export const formatCount = (n: number, lang: Lang = pageLang()): string =>
  new Intl.NumberFormat(lang === 'pl' ? 'pl-PL' : 'en-GB', {
    useGrouping: 'always',
  } as Intl.NumberFormatOptions).format(n);
