/**
 * Sources' names, citations and licences in English (issue 16, point 5). The catalogue and the mappings
 * write them in Polish only ("Źródło: GUS, Bank Danych Lokalnych"); English pages and files translate the
 * phrases below. Institutions keep their Polish name beside the English one, as citations must let a reader
 * find the source. A text with a phrase not listed here stays Polish: `sourceTextInEnglish` then answers
 * null, and a page marks the original `lang="pl"` rather than pass Polish off as English.
 */
const PHRASES: ReadonlyArray<readonly [RegExp, string]> = [
  [
    /Obliczenia własne SMUP na podstawie danych źródłowych \(zob\. źródła zmiennych wskaźnika\)/g,
    'Computed by SMUP from the source data (see the sources of the indicator’s variables)',
  ],
  [/Obliczenia własne SMUP na podstawie:/g, 'Computed by SMUP from:'],
  [/obliczenia własne na podstawie wyników szkół/g, 'computed from the results of schools'],
  [/obliczenia własne SMUP/g, 'computed by SMUP'],
  [/obliczenia własne/g, 'own computation'],
  [/Źródło:/g, 'Source:'],
  [/Główny Urząd Statystyczny/g, 'Statistics Poland (Główny Urząd Statystyczny)'],
  [/GUS, Bank Danych Lokalnych/g, 'Statistics Poland (GUS), Local Data Bank (Bank Danych Lokalnych)'],
  [/— eksport z portalu \(CSV\)/g, '— portal export (CSV)'],
  [
    /Centralna Komisja Egzaminacyjna — wyniki egzaminu ósmoklasisty według szkół/g,
    'Central Examination Board (Centralna Komisja Egzaminacyjna) — eighth-grade exam results by school',
  ],
  [
    /Główny Urząd Geodezji i Kartografii, Wykaz powierzchni jednostek podziału terytorialnego kraju/g,
    'Head Office of Geodesy and Cartography (Główny Urząd Geodezji i Kartografii), register of the areas of territorial units',
  ],
  [
    /GUGiK — wykaz powierzchni jednostek podziału terytorialnego kraju/g,
    'GUGiK (Head Office of Geodesy and Cartography) — register of the areas of territorial units',
  ],
  [
    /Ministerstwo Rodziny, Pracy i Polityki Społecznej — rejestr żłobków/g,
    'Ministry of Family, Labour and Social Policy (Ministerstwo Rodziny, Pracy i Polityki Społecznej) — register of nurseries',
  ],
  [/MRiPS, rejestr żłobków/g, 'MRiPS (Ministry of Family, Labour and Social Policy), register of nurseries'],
  [
    /Państwowa Straż Pożarna — zdarzenia według gmin/g,
    'State Fire Service (Państwowa Straż Pożarna) — incidents by gmina',
  ],
  [
    /Komenda Główna Państwowej Straży Pożarnej/g,
    'National Headquarters of the State Fire Service (Komenda Główna Państwowej Straży Pożarnej)',
  ],
  [
    /dane publiczne GUS, ponowne wykorzystanie z podaniem źródła/g,
    'public data of Statistics Poland, free to reuse with attribution',
  ],
  [
    /dane publiczne \(PRG\), ponowne wykorzystanie z podaniem źródła/g,
    'public data (national boundary register, PRG), free to reuse with attribution',
  ],
  [
    /informacja publiczna, ponowne wykorzystanie z podaniem źródła/g,
    'public information, free to reuse with attribution',
  ],
  [/informacja publiczna/g, 'public information'],
  [/\(stan na (\d{1,2}) ([IVX]+) (\d{4})\)/g, '(as of $1 $2 $3)'],
];

const ROMAN_MONTHS: Readonly<Record<string, string>> = {
  I: 'January',
  II: 'February',
  III: 'March',
  IV: 'April',
  V: 'May',
  VI: 'June',
  VII: 'July',
  VIII: 'August',
  IX: 'September',
  X: 'October',
  XI: 'November',
  XII: 'December',
};

/** Words a translated text may keep: the Polish names of institutions, in brackets beside the English. */
const KEPT_NAMES =
  /\((Główny Urząd Statystyczny|Bank Danych Lokalnych|Centralna Komisja Egzaminacyjna|Główny Urząd Geodezji i Kartografii|Ministerstwo Rodziny, Pracy i Polityki Społecznej|Państwowa Straż Pożarna|Komenda Główna Państwowej Straży Pożarnej)\)/g;

const POLISH_LEFT = /[ąćęłńóśźżĄĆĘŁŃÓŚŹŻ]|\b(na|podstawie|dane|oraz|według|rejestr|wyniki|stan)\b/;

/** The text in English, or null when a part of it is not known (then show the Polish, marked as such). */
export function sourceTextInEnglish(text: string): string | null {
  let out = text;
  for (const [pattern, english] of PHRASES) out = out.replace(pattern, english);
  out = out.replace(
    /\(as of (\d{1,2}) ([IVX]+) (\d{4})\)/g,
    (whole, day: string, month: string, year: string) =>
      ROMAN_MONTHS[month] ? `(as of ${day} ${ROMAN_MONTHS[month]} ${year})` : whole,
  );
  return POLISH_LEFT.test(out.replace(KEPT_NAMES, '')) ? null : out;
}
