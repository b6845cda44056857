/**
 * Numbers for people, in Polish (or English) format: Polish uses a space (no-break) between thousands and a
 * decimal comma ("1 790 658", "3463,6"); the unit of measure and the year always go with the number.
 */
export type Lang = 'pl' | 'en';

const formatters = new Map<string, Intl.NumberFormat>();

export function formatNumber(value: number | null, decimals: number, lang: Lang): string {
  if (value === null || !Number.isFinite(value)) return '—';
  const key = `${lang}|${decimals}`;
  let formatter = formatters.get(key);
  if (!formatter) {
    formatter = new Intl.NumberFormat(lang === 'pl' ? 'pl-PL' : 'en-GB', {
      minimumFractionDigits: decimals,
      maximumFractionDigits: decimals,
      // Polish style leaves 4-digit numbers ungrouped ("1234"); group every number above 999 for tables.
      useGrouping: 'always',
    });
    formatters.set(key, formatter);
  }
  return formatter.format(value).replace(/\u2212|-/, '−');
}
