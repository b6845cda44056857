/** Every string of the portal in Polish (first) and English; pages pick by `lang`. */
import { POSITION_WORDS } from '../domain/benchmark/statistics.js';
import { MISSING_REASON_WORDS } from '../domain/observations/missing-note.js';
import type { Lang } from './format.js';

const MESSAGES = {
  siteName: {
    pl: 'SMUP — System Monitorowania Usług Publicznych',
    en: 'SMUP — Public Services Monitoring System',
  },
  skip: { pl: 'Przejdź do treści', en: 'Skip to content' },
  home: { pl: 'Strona główna', en: 'Home' },
  compare: { pl: 'Porównaj', en: 'Compare' },
  api: { pl: 'API i dane', en: 'API and data' },
  otherLang: { pl: 'English', en: 'Polski' },
  searchLabel: {
    pl: 'Znajdź gminę, powiat lub województwo (nazwa lub kod TERYT)',
    en: 'Find a gmina, powiat or voivodeship (name or TERYT code)',
  },
  searchButton: { pl: 'Szukaj', en: 'Search' },
  results: { pl: 'Wyniki wyszukiwania', en: 'Search results' },
  noResults: { pl: 'Nic nie znaleziono.', en: 'Nothing found.' },
  areas: { pl: 'Obszary usług', en: 'Service areas' },
  release: { pl: 'Wydanie danych', en: 'Data release' },
  intro: {
    pl: 'Wskaźniki ilości, jakości, dostępności i kosztów usług publicznych każdej gminy, powiatu i województwa, porównane z podobnymi jednostkami.',
    en: 'Indicators of the quantity, quality, accessibility and cost of the public services of every gmina, powiat and voivodeship, compared with similar units.',
  },
  population: { pl: 'Ludność', en: 'Population' },
  group: { pl: 'Grupa porównawcza', en: 'Comparison group' },
  neighbours: { pl: 'Sąsiedzi', en: 'Neighbours' },
  against: { pl: 'Porównaj z', en: 'Compare with' },
  show: { pl: 'Pokaż', en: 'Show' },
  indicator: { pl: 'Wskaźnik', en: 'Indicator' },
  value: { pl: 'Wartość', en: 'Value' },
  year: { pl: 'Rok', en: 'Year' },
  median: { pl: 'Mediana zbioru', en: 'Median of the set' },
  quartiles: { pl: 'Kwartyle (Q1–Q3)', en: 'Quartiles (Q1–Q3)' },
  rank: { pl: 'Miejsce', en: 'Rank' },
  position: { pl: 'Pozycja', en: 'Position' },
  noData: { pl: 'brak danych', en: 'no data' },
  notInRelease: { pl: 'brak danych w tym wydaniu', en: 'no data in this release' },
  definition: { pl: 'Definicja', en: 'Definition' },
  formula: { pl: 'Wzór', en: 'Formula' },
  sources: { pl: 'Źródła', en: 'Sources' },
  ranking: { pl: 'Ranking jednostek', en: 'Ranking of units' },
  map: { pl: 'Mapa', en: 'Map' },
  mapAlt: {
    pl: 'Kartogram wartości wskaźnika; te same liczby są w tabeli rankingu poniżej.',
    en: 'Choropleth of the indicator; the same numbers are in the ranking table below.',
  },
  unit: { pl: 'Jednostka', en: 'Unit' },
  download: { pl: 'Pobierz to, co widzisz', en: 'Download what you see' },
  compareTitle: { pl: 'Porównanie jednostek', en: 'Comparison of units' },
  compareHelp: {
    pl: 'Kody TERYT jednostek (do 10), oddzielone przecinkami',
    en: 'TERYT codes of the units (up to 10), separated by commas',
  },
  notFound: { pl: 'Nie znaleziono', en: 'Not found' },
  source: { pl: 'Źródło', en: 'Source' },
  flag: { pl: 'flaga', en: 'flag' },
  permalink: { pl: 'Link do tego widoku', en: 'Link to this view' },
  filterWoj: { pl: 'Województwo (kod, np. 12)', en: 'Voivodeship (code, e.g. 12)' },
  filter: { pl: 'Filtruj', en: 'Filter' },
  level: { pl: 'Szczebel', en: 'Level' },
  searchHint: { pl: 'np. „Kraków”, „lodz”, „1261011”', en: 'e.g. “Kraków”, “lodz”, “1261011”' },
  indicatorsWithData: { pl: 'Wskaźniki z danymi w tym wydaniu', en: 'Indicators with data in this release' },
  noRelease: {
    pl: 'Nie opublikowano jeszcze żadnego wydania danych.',
    en: 'No data release has been published yet.',
  },
  mainNav: { pl: 'Główna nawigacja', en: 'Main navigation' },
  badRequest: { pl: 'Niepoprawny adres', en: 'Bad request' },
  tooManyRequests: { pl: 'Zbyt wiele zapytań', en: 'Too many requests' },
  unavailable: { pl: 'Serwis chwilowo niedostępny', en: 'Service temporarily unavailable' },
  serverError: { pl: 'Błąd serwera', en: 'Server error' },
  backHome: { pl: 'Wróć na stronę główną', en: 'Back to the home page' },
  guide: { pl: 'Jak korzystać', en: 'How to use' },
  methodology: { pl: 'Metodologia', en: 'Methodology' },
  accessibility: { pl: 'Deklaracja dostępności', en: 'Accessibility statement' },
  footer: {
    pl: 'Dane: GUS (Bank Danych Lokalnych, TERYT), CKE, GUGiK; obliczenia własne SMUP. Kod: licencja MIT.',
    en: 'Data: Statistics Poland (Local Data Bank, TERYT), CKE, GUGiK; computed by SMUP. Code: MIT licence.',
  },
} as const;

export type MessageKey = keyof typeof MESSAGES;

export function t(lang: Lang, key: MessageKey): string {
  return MESSAGES[key][lang];
}

/** A position class in words (one list with the downloads: domain/benchmark/statistics.ts). */
export const POSITION_LABELS: Readonly<Record<string, { readonly pl: string; readonly en: string }>> =
  POSITION_WORDS;

/** Why a value is missing, in words (one list with the downloads: domain/observations/missing-note.ts). */
export const REASON_LABELS = MISSING_REASON_WORDS;
