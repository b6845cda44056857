/**
 * The columns of a table's set (DataTable.standing), one list for the CSV and the XLSX writers, so both files
 * carry what the page beside the download shows (issue 16, point 3): for the compared units (the compare
 * page's table) the median, the rank and its n; for a unit's reference set (the unit page's table) also the
 * set's name, quartiles and the position in words. The writers insert them after the unit of measure.
 */
import { POSITION_WORDS } from '../../domain/benchmark/statistics.js';
import type { DataTable, DataTableStanding } from './data-table.js';

type Lang = 'pl' | 'en';
type Words = { readonly pl: string; readonly en: string };
export type StandingKind = NonNullable<DataTable['standing']>;

/** How a writer puts a number: rounded as the pages show it, or at full precision (text or number). */
export interface StandingNumbers<T> {
  shown(value: number | null | undefined): T;
  full(value: number | null | undefined): T;
}

export interface StandingColumn {
  readonly key: string;
  /** The CSV's header (snake case, no diacritics) and the XLSX's. */
  readonly csv: Words;
  readonly xlsx: Words;
  readonly width: number;
  /** A rounded number: the XLSX cell gets the indicator's number format. */
  readonly rounded?: true;
  /** Text (a name, words): the CSV neutralises it against formula injection (domain/csv-cell.ts). */
  readonly text?: true;
  cell<T>(
    standing: DataTableStanding | null | undefined,
    numbers: StandingNumbers<T>,
    lang: Lang,
  ): T | string | number | null;
}

const median = (what: 'compared' | 'set'): StandingColumn[] => {
  const of = what === 'compared' ? { pl: 'porownywanych', en: 'compared' } : { pl: 'zbioru', en: 'set' };
  const ofWords =
    what === 'compared' ? { pl: 'porównywanych', en: 'the compared' } : { pl: 'zbioru', en: 'the set' };
  return [
    {
      key: 'median',
      csv: { pl: `mediana_${of.pl}`, en: `median_of_${of.en}` },
      xlsx: { pl: `mediana ${ofWords.pl}`, en: `median of ${ofWords.en}` },
      width: 14,
      rounded: true,
      cell: (s, n) => n.shown(s?.median),
    },
    {
      key: 'medianFull',
      csv: { pl: `mediana_${of.pl}_pelna`, en: `median_of_${of.en}_full` },
      xlsx: {
        pl: `mediana ${ofWords.pl} (pełna dokładność)`,
        en: `median of ${ofWords.en} (full precision)`,
      },
      width: 20,
      cell: (s, n) => n.full(s?.median),
    },
  ];
};

export const STANDING_COLUMNS: Readonly<Record<StandingKind, readonly StandingColumn[]>> = {
  compared: [
    ...median('compared'),
    {
      key: 'rank',
      csv: { pl: 'miejsce_wsrod_porownywanych', en: 'rank_among_compared' },
      xlsx: { pl: 'miejsce wśród porównywanych', en: 'rank among the compared' },
      width: 10,
      cell: (s) => s?.rank ?? null,
    },
    {
      key: 'count',
      csv: { pl: 'liczba_porownywanych_z_wartoscia', en: 'compared_with_value' },
      xlsx: { pl: 'porównywane z wartością', en: 'compared units with a value' },
      width: 10,
      cell: (s) => s?.count ?? null,
    },
  ],
  set: [
    {
      key: 'set',
      csv: { pl: 'zbior_odniesienia', en: 'reference_set' },
      xlsx: { pl: 'zbiór odniesienia', en: 'reference set' },
      width: 30,
      text: true,
      cell: (s, _n, lang) => s?.set?.[lang] ?? '',
    },
    ...median('set'),
    {
      key: 'q1',
      csv: { pl: 'kwartyl_dolny', en: 'lower_quartile' },
      xlsx: { pl: 'kwartyl dolny (Q1)', en: 'lower quartile (Q1)' },
      width: 14,
      rounded: true,
      cell: (s, n) => n.shown(s?.q1),
    },
    {
      key: 'q3',
      csv: { pl: 'kwartyl_gorny', en: 'upper_quartile' },
      xlsx: { pl: 'kwartyl górny (Q3)', en: 'upper quartile (Q3)' },
      width: 14,
      rounded: true,
      cell: (s, n) => n.shown(s?.q3),
    },
    {
      key: 'rank',
      csv: { pl: 'miejsce_w_zbiorze', en: 'rank_in_set' },
      xlsx: { pl: 'miejsce w zbiorze', en: 'rank in the set' },
      width: 10,
      cell: (s) => s?.rank ?? null,
    },
    {
      key: 'count',
      csv: { pl: 'z_ilu', en: 'ranked_count' },
      xlsx: { pl: 'z ilu', en: 'of how many' },
      width: 8,
      cell: (s) => s?.count ?? null,
    },
    {
      key: 'position',
      csv: { pl: 'pozycja', en: 'position' },
      xlsx: { pl: 'pozycja', en: 'position' },
      width: 20,
      text: true,
      cell: (s, _n, lang) => (s?.position ? POSITION_WORDS[s.position][lang] : ''),
    },
  ],
};

/** What the metadata sheet says of the set's columns. */
export const STANDING_NOTES: Readonly<Record<StandingKind, Words>> = {
  compared: {
    pl: 'mediana wartości porównywanych jednostek w danym wskaźniku i roku oraz miejsce jednostki wśród nich (1 = najlepsza według kierunku wskaźnika); brak dla wskaźników neutralnych (miejsca), gdy wartość ma mniej niż 2 jednostki lub jednostki są różnych szczebli; wartości podejrzane pominięte',
    en: 'the median of the compared units’ values in the indicator and year, and the unit’s rank among them (1 = best by the indicator’s direction); none for neutral indicators (rank), when fewer than 2 units have a value or the units are of different levels; suspect values left out',
  },
  set: {
    pl: 'zbiór odniesienia jednostki (jak na jej stronie) w roku, z którym strona ją porównuje (w pozostałych latach puste): mediana, kwartyle, miejsce (1 = najlepsze według kierunku wskaźnika) z ilu wartości i pozycja słowami; wartości podejrzane pominięte',
    en: 'the unit’s reference set (as on its page) in the year the page compares (empty in the other years): median, quartiles, rank (1 = best by the indicator’s direction) of how many values, and the position in words; suspect values left out',
  },
};
