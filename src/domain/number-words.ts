/**
 * Numbers for people, in Polish (or English) format: Polish uses a space (no-break) between thousands and a
 * decimal comma ("1 790 658", "3463,6"); the unit of measure and the year always go with the number. Pure
 * (Intl only), so both the portal (web/format.ts re-exports it) and the report diagnosis (domain/report) use
 * one formatter.
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

const pluralRules = { pl: new Intl.PluralRules('pl-PL'), en: new Intl.PluralRules('en-GB') };

/** Word forms of a counted noun: Polish has three (1 gmina, 2 gminy, 5 gmin), English two. */
export interface CountForms {
  readonly pl: { readonly one: string; readonly few: string; readonly many: string };
  readonly en: { readonly one: string; readonly other: string };
}

/** The form of a noun after the number n ("jednostki" after 22, "jednostek" after 25). */
export function formOf(n: number, lang: Lang, forms: CountForms): string {
  const rule = pluralRules[lang].select(n);
  if (lang === 'en') return rule === 'one' ? forms.en.one : forms.en.other;
  return rule === 'one' ? forms.pl.one : rule === 'few' ? forms.pl.few : forms.pl.many;
}

/** "1 jednostka", "3 jednostki", "5 jednostek", "22 jednostki": Polish has three forms, English two. */
export function countOf(n: number, lang: Lang, forms: CountForms): string {
  return `${formatNumber(n, 0, lang)} ${formOf(n, lang, forms)}`;
}
