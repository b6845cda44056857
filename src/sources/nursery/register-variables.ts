/**
 * What the nursery register's numbers are, said once: the source as it is cited and the three variables
 * per gmina, with the register's state date in their names (a 2025 value here is "as of 8 July 2025",
 * not a year average nor 31 December) and the coverage caveats in their metadata.
 *
 * What it stores, as catalog/variables.yaml names it (this file is the `mapping` of those variables: the
 * register has no mapping of mappings/):
 *   source  id: mrips-rejestr-zlobkow
 *   variables  id: zlobki-liczba (żłobki), id: zlobki-miejsca (places), id: zlobki-dzieci (children)
 */
import { makeVariableId, type DataSource, type VariableMeta } from '../../domain/observations/observation.js';

export const NURSERY_SOURCE_ID = 'mrips-rejestr-zlobkow';

/** State of the scrape in ../shared/data/childcare (rejestr-zlobkow-MRiPS-2025-07-08.csv). */
export const DEFAULT_STATE_DATE = '2025-07-08';

export const NURSERY_CODES = {
  count: 'zlobki-liczba',
  places: 'zlobki-miejsca',
  children: 'zlobki-dzieci',
} as const;
export type NurseryMeasure = keyof typeof NURSERY_CODES;

const ROMAN_MONTHS = ['I', 'II', 'III', 'IV', 'V', 'VI', 'VII', 'VIII', 'IX', 'X', 'XI', 'XII'];
const ENGLISH_MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

/** "2025-07-08" → "8 VII 2025" and "8 July 2025", as Polish statistics write state dates. */
export function stateDateWords(stateDate: string): { pl: string; en: string } {
  const [year = '', month = '', day = ''] = stateDate.split('-');
  const m = Number(month) - 1;
  return {
    pl: `${Number(day)} ${ROMAN_MONTHS[m] ?? month} ${year}`,
    en: `${Number(day)} ${ENGLISH_MONTHS[m] ?? month} ${year}`,
  };
}

export function nurserySource(stateDate: string): DataSource {
  return {
    id: NURSERY_SOURCE_ID,
    name: 'Ministerstwo Rodziny, Pracy i Polityki Społecznej — rejestr żłobków',
    citation: `Źródło: MRiPS, rejestr żłobków (stan na ${stateDateWords(stateDate).pl}); obliczenia własne`,
    licence: 'informacja publiczna',
    url: 'https://rejestrzlobkow.mrips.gov.pl',
  };
}

const TITLES: Record<NurseryMeasure, { pl: string; en: string; unit: string }> = {
  count: { pl: 'żłobki w rejestrze MRiPS', en: 'nurseries (żłobki) in the MRiPS register', unit: 'żłobek' },
  places: {
    pl: 'miejsca w żłobkach (rejestr MRiPS)',
    en: 'places in nurseries (MRiPS register)',
    unit: 'miejsce',
  },
  children: {
    pl: 'dzieci zapisane do żłobków (rejestr MRiPS)',
    en: 'children enrolled in nurseries (MRiPS register)',
    unit: 'dziecko',
  },
};

export function nurseryVariables(stateDate: string, file: string): VariableMeta[] {
  const when = stateDateWords(stateDate);
  return (Object.keys(NURSERY_CODES) as NurseryMeasure[]).map((measure) => ({
    id: makeVariableId(NURSERY_SOURCE_ID, NURSERY_CODES[measure]),
    sourceId: NURSERY_SOURCE_ID,
    sourceCode: NURSERY_CODES[measure],
    name: `${TITLES[measure].pl}, stan na ${when.pl}`,
    nameEn: `${TITLES[measure].en}, as of ${when.en}`,
    subjectPath: 'Opieka nad dziećmi do lat 3 > Żłobki (rejestr MRiPS)',
    measureUnit: TITLES[measure].unit,
    levels: ['gmina'],
    metadata: {
      file,
      stateDate,
      year: Number(stateDate.slice(0, 4)),
      yearMeaning:
        `the register as of ${stateDate}, filed under year ${stateDate.slice(0, 4)}; ` +
        'not a year-end state nor a year average',
      coverage:
        'żłobki (and their branches) only, register type ZK: ' +
        'kluby dziecięce and dzienni opiekunowie are not in the register file',
      completeness:
        'not proven: one scrape of the register (10 records a page, with resume logic); ' +
        'GUS counts about 5,100 nurseries for 2025, so pages may be missing. ' +
        'A real but possibly partial snapshot, not an official total (../shared/data/README.md, childcare/).',
      emptyMeansNoRow:
        'values only for gminy with at least one matched żłobek; ' +
        'a gmina without a row has no observation (not 0)',
      join:
        'no TERYT code in the register: joined by województwo, powiat and gmina names to TERC ' +
        '(src/sources/nursery/README.md); delegatury and dzielnice count for their city; ' +
        'a town and the rural gmina of the same name are told apart by the locality (noted on the value); ' +
        'rows that match nothing are left out and listed by the reader',
    },
  }));
}
