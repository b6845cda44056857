/** The number formatting lives in domain/number-words.ts (the report diagnosis uses it too). */
export { countOf, formatNumber, formOf, type CountForms, type Lang } from '../domain/number-words.js';

export const UNITS_WORD = {
  pl: { one: 'jednostka', few: 'jednostki', many: 'jednostek' },
  en: { one: 'unit', other: 'units' },
};
