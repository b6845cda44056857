/**
 * The catalogue's units of measure in English (issue 16, point 5): the catalogue writes them in Polish
 * only ("zł na mieszkańca"), so English pages translate them here, as "<counted thing> per <base>". A unit
 * not in these lists stays as written (and a test lists the catalogue's units, so a new one is noticed).
 */
const THINGS: Readonly<Record<string, string>> = {
  zł: 'PLN',
  osoby: 'persons',
  km: 'km',
  mieszkania: 'dwellings',
  zdarzenia: 'incidents',
  woluminy: 'volumes',
  uczniowie: 'pupils',
  uczestnicy: 'participants',
  rodziny: 'families',
  porady: 'consultations',
  organizacje: 'organisations',
  miejsca: 'places',
  imprezy: 'events',
  dzieci: 'children',
  czytelnicy: 'readers',
  gospodarstwa: 'households',
  kg: 'kg',
  'm³': 'm³',
  'm²': 'm²',
  '%': '%',
  'pkt proc.': 'percentage points',
  placówki: 'outlets',
  wypadki: 'accidents',
  ha: 'ha',
  decyzje: 'decisions',
  pozwolenia: 'permits',
  zgłoszenia: 'notifications',
  wnioski: 'requests',
};

const BASES: Readonly<Record<string, string>> = {
  mieszkańca: 'resident',
  '1000 mieszkańców': '1,000 residents',
  '10 tys. mieszkańców': '10,000 residents',
  'km²': 'km²',
  '100 km²': '100 km²',
  ucznia: 'pupil',
  zdarzenie: 'incident',
  uczestnika: 'participant',
  osobę: 'person',
  mieszkanie: 'dwelling',
  dziecko: 'child',
  beneficjenta: 'beneficiary',
  czytelnika: 'reader',
  imprezę: 'event',
  aptekę: 'pharmacy',
  '100': '100',
  korzystającego: 'user',
  '1000 dzieci w wieku 0–4': '1,000 children aged 0–4',
  '1000 dzieci': '1,000 children',
  '100 miejsc': '100 places',
  'ucznia szkoły podstawowej': 'primary school pupil',
  'oddział szkoły podstawowej': 'primary school class',
  'mieszkańca w wieku 7–14 lat': 'resident aged 7–14',
  'etat nauczyciela': 'teacher FTE',
  'dziecko w wychowaniu przedszkolnym': 'child in pre-school education',
  'dziecko w wieku 3–6 lat': 'child aged 3–6',
  'ucznia liceum': 'general secondary pupil',
  'oddział liceum': 'general secondary class',
  'ucznia technikum': 'technical school pupil',
  'ucznia szkoły branżowej': 'vocational school pupil',
  '100 mieszkańców w wieku 15–19 lat': '100 residents aged 15–19',
  'dziecko w żłobku': 'child in a nursery',
  'dziecko w wieku do 3 lat': 'child under 3',
  'mieszkańca w wieku 65+ lat': 'resident aged 65+',
  'mieszkańca w wieku 0–17 lat': 'resident aged 0–17',
  bezrobotnego: 'unemployed person',
  'dziecko w rodzinnej pieczy zastępczej': 'child in family foster care',
  'wychowanka placówki': 'child in an institution',
  '10 tys. mieszkańców w wieku 0–17 lat': '10,000 residents aged 0–17',
  'mieszkańca DPS': 'care-home resident',
  '1000 mieszkańców w wieku 65+ lat': '1,000 residents aged 65+',
  wypożyczenie: 'loan',
  'uczestnika imprez': 'event participant',
  'km drogi gminnej o nawierzchni twardej': 'km of hard-surfaced gmina road',
  'km drogi powiatowej o nawierzchni twardej': 'km of hard-surfaced powiat road',
  'ha gruntów gminy': 'ha of municipal land',
  'ha objęty planem': 'ha covered by a plan',
  'pozwolenie na budowę': 'building permit',
};

/** "zł na mieszkańca" → "PLN per resident"; null when a part is not known. */
export function measureUnitInEnglish(unit: string): string | null {
  const at = unit.indexOf(' na ');
  const thing = THINGS[at < 0 ? unit : unit.slice(0, at)];
  if (thing === undefined) return null;
  if (at < 0) return thing;
  const base = BASES[unit.slice(at + 4)];
  return base === undefined ? null : `${thing} per ${base}`;
}
