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
