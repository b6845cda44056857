/**
 * `/deklaracja-dostepnosci` (issue 16, point 8): the accessibility statement in the form the Polish law
 * prescribes (ustawa z 4 kwietnia 2019 r. o dostępności cyfrowej stron internetowych i aplikacji mobilnych
 * podmiotów publicznych, art. 10; the statement's parts follow the template of its implementing rules):
 * the body and the site, dates, status of compliance, what is not accessible, how the statement was made
 * (with the dates of the last automated axe check and the last manual check), feedback and contact, the
 * request-and-complaint procedure, and the mobile apps. Dates are named constants below, kept current
 * when a check is run again.
 */
import type { Lang } from '../../format.js';
import { html } from '../../html.js';
import { page } from '../../layout.js';
import type { PageContext } from '../../page-error.js';
import { operatorOf } from './operator.js';

/** The portal's first public version and its last significant change (this issue's rework). */
export const PUBLISHED_ON = '2026-11-29';
export const UPDATED_ON = '2026-11-30';
/**
 * The last automated check: axe-core (WCAG 2.1 A and AA rules) on every page kind, in Polish and English,
 * at 390 and 1280 px, in Chromium (test/portal.e2e.test.ts, run by CI on every change).
 */
export const LAST_AXE_CHECK = '2026-11-30';
/** The last manual check: screenshots at 390 and 1280 px read by a person, keyboard path, text spacing. */
export const LAST_MANUAL_CHECK = '2026-11-30';

const TEXT = {
  pl: {
    title: 'Deklaracja dostępności',
    intro: (name: string) =>
      `${name} zobowiązuje się zapewnić dostępność swojej strony internetowej zgodnie z ustawą z dnia 4 kwietnia 2019 r. o dostępności cyfrowej stron internetowych i aplikacji mobilnych podmiotów publicznych. Oświadczenie w sprawie dostępności ma zastosowanie do strony internetowej SMUP — System Monitorowania Usług Publicznych.`,
    noOperator: 'Podmiot prowadzący tę instalację SMUP',
    datesH: 'Daty',
    published: 'Data publikacji strony internetowej',
    updated: 'Data ostatniej istotnej aktualizacji',
    statusH: 'Status pod względem zgodności z ustawą',
    status:
      'Strona internetowa jest częściowo zgodna z ustawą o dostępności cyfrowej stron internetowych i aplikacji mobilnych podmiotów publicznych z powodu niezgodności wymienionych poniżej.',
    gapsH: 'Treści niedostępne',
    gaps: [
      'Mapy (kartogramy) przekazują wartości kolorem; te same liczby są zawsze w tabeli rankingu pod mapą, a legenda jest tekstem.',
      'Pliki do pobrania (CSV, XLSX) są danymi tabelarycznymi bez dodatkowych opisów dostępności poza nagłówkami kolumn i arkuszem metadanych.',
      'Nazwy niektórych zmiennych źródłowych pochodzą wprost z rejestrów GUS i mogą zawierać skróty urzędowe.',
    ],
    preparedH: 'Przygotowanie deklaracji w sprawie dostępności',
    prepared: (date: string) =>
      `Deklarację sporządzono dnia ${date}. Deklarację sporządzono na podstawie samooceny przeprowadzonej przez podmiot publiczny.`,
    axe: (date: string) =>
      `Data ostatniego testu automatycznego: ${date} (axe-core, reguły WCAG 2.1 A i AA, wszystkie rodzaje stron po polsku i angielsku, przy szerokości 390 i 1280 px, przeglądarka Chromium; test jest uruchamiany przy każdej zmianie kodu).`,
    manual: (date: string) =>
      `Data ostatniego przeglądu ręcznego: ${date} (zrzuty ekranu przy 390 i 1280 px: czytelność tabel bez przewijania w bok, obsługa klawiaturą, objaśnienia oznaczeń).`,
    contactH: 'Informacje zwrotne i dane kontaktowe',
    contact: (who: string | null, contact: string | null) =>
      contact
        ? `W przypadku problemów z dostępnością strony internetowej prosimy o kontakt: ${contact}${who ? ` (${who})` : ''}. Tą samą drogą można składać wnioski o udostępnienie informacji niedostępnej oraz składać skargi na brak zapewnienia dostępności.`
        : 'Podmiot prowadzący tę instalację nie podał jeszcze danych kontaktowych (ustawienia SMUP_OPERATOR i SMUP_CONTACT). Zgłoszenia dotyczące samego oprogramowania SMUP można składać w jego publicznym repozytorium kodu.',
    procedureH: 'Procedura wnioskowo-skargowa',
    procedure: [
      'Każdy ma prawo wystąpić z żądaniem zapewnienia dostępności cyfrowej strony internetowej lub jej elementu. Można także zażądać udostępnienia informacji za pomocą alternatywnego sposobu dostępu, na przykład przez odczytanie niedostępnego cyfrowo dokumentu, opisanie zawartości filmu bez audiodeskrypcji itp.',
      'Żądanie powinno zawierać dane osoby zgłaszającej żądanie, wskazanie, o którą stronę internetową chodzi, oraz sposób kontaktu. Jeżeli osoba żądająca zgłasza potrzebę otrzymania informacji za pomocą alternatywnego sposobu dostępu, powinna także określić dogodny dla niej sposób przedstawienia tej informacji.',
      'Podmiot publiczny powinien zrealizować żądanie niezwłocznie, nie później niż w ciągu 7 dni od dnia wystąpienia z żądaniem. Jeżeli dotrzymanie tego terminu nie jest możliwe, podmiot publiczny niezwłocznie informuje o tym wnoszącego żądanie, kiedy realizacja żądania będzie możliwa, przy czym termin ten nie może być dłuższy niż 2 miesiące od dnia wystąpienia z żądaniem.',
      'Jeżeli zapewnienie dostępności cyfrowej nie jest możliwe, podmiot publiczny może zaproponować alternatywny sposób dostępu do informacji. W przypadku, gdy podmiot publiczny odmówi realizacji żądania zapewnienia dostępności lub alternatywnego sposobu dostępu do informacji, wnoszący żądanie może złożyć skargę w sprawie zapewnienia dostępności cyfrowej strony internetowej lub jej elementu.',
      'Po wyczerpaniu wskazanej wyżej procedury można także złożyć wniosek do Rzecznika Praw Obywatelskich.',
    ],
    otherH: 'Dostępność architektoniczna i aplikacje mobilne',
    other:
      'SMUP jest serwisem internetowym i nie ma aplikacji mobilnej; strona działa w przeglądarce telefonu od 360 px szerokości. Informacje o dostępności architektonicznej siedziby podaje podmiot prowadzący tę instalację.',
  },
  en: {
    title: 'Accessibility statement',
    intro: (name: string) =>
      `${name} is committed to making its website accessible in accordance with the Polish Act of 4 April 2019 on the digital accessibility of websites and mobile applications of public bodies. This statement applies to the website SMUP — Public Services Monitoring System.`,
    noOperator: 'The body running this installation of SMUP',
    datesH: 'Dates',
    published: 'Date the website was published',
    updated: 'Date of the last significant update',
    statusH: 'Compliance status',
    status:
      'This website is partially compliant with the Act on the digital accessibility of websites and mobile applications of public bodies, due to the non-compliances listed below.',
    gapsH: 'Non-accessible content',
    gaps: [
      'Maps (choropleths) convey values by colour; the same numbers are always in the ranking table under the map, and the legend is text.',
      'Downloads (CSV, XLSX) are tabular data without accessibility descriptions beyond column headers and a metadata sheet.',
      'Some source variable names come straight from Statistics Poland’s registers and may contain official abbreviations.',
    ],
    preparedH: 'Preparation of this statement',
    prepared: (date: string) =>
      `This statement was prepared on ${date}, based on a self-assessment by the public body.`,
    axe: (date: string) =>
      `Date of the last automated check: ${date} (axe-core, WCAG 2.1 A and AA rules, every page kind in Polish and English, at 390 and 1280 px wide, in Chromium; the check runs on every change of the code).`,
    manual: (date: string) =>
      `Date of the last manual check: ${date} (screenshots at 390 and 1280 px: tables readable without sideways scrolling, keyboard use, explanations of marks).`,
    contactH: 'Feedback and contact',
    contact: (who: string | null, contact: string | null) =>
      contact
        ? `If you have a problem with the accessibility of this website, please contact: ${contact}${who ? ` (${who})` : ''}. Requests for inaccessible information and complaints about missing accessibility go the same way.`
        : 'The body running this installation has not yet given its contact details (settings SMUP_OPERATOR and SMUP_CONTACT). Issues with the SMUP software itself can be reported in its public code repository.',
    procedureH: 'Requests and complaints',
    procedure: [
      'Everyone has the right to request the digital accessibility of a website or any part of it, or to request the information by an alternative means of access, such as reading out a digitally inaccessible document or describing a film without audio description.',
      'A request should contain the requester’s details, the website concerned and a way of contact. If the requester needs the information by an alternative means of access, they should also say which means suits them.',
      'The public body should fulfil the request without delay, within 7 days of it being made. If that is not possible, it informs the requester without delay when it will be possible, within 2 months of the request at most.',
      'If digital accessibility cannot be ensured, the public body may offer an alternative means of access to the information. If the public body refuses the request for accessibility or for an alternative means of access, the requester may file a complaint about the accessibility of the website or its part.',
      'After this procedure, a request may also be filed with the Commissioner for Human Rights (Rzecznik Praw Obywatelskich).',
    ],
    otherH: 'Physical accessibility and mobile apps',
    other:
      'SMUP is a website and has no mobile app; the site works in a phone’s browser from 360 px wide. The body running this installation gives the physical accessibility of its premises.',
  },
} as const;

export function accessibilityPage({ lang, url }: PageContext): Promise<string> {
  const x = TEXT[lang as Lang];
  const operator = operatorOf();
  const body = html`<h1>${x.title}</h1>
    <p id="a11y-wstep">${x.intro(operator.name ?? x.noOperator)}</p>
    <section aria-labelledby="daty-h">
      <h2 id="daty-h">${x.datesH}</h2>
      <ul>
        <li>${x.published}: <span id="a11y-data-publikacja">${PUBLISHED_ON}</span></li>
        <li>${x.updated}: <span id="a11y-data-aktualizacja">${UPDATED_ON}</span></li>
      </ul>
    </section>
    <section aria-labelledby="status-h">
      <h2 id="status-h">${x.statusH}</h2>
      <p id="a11y-status">${x.status}</p>
      <h3>${x.gapsH}</h3>
      <ul>
        ${x.gaps.map((g) => html`<li>${g}</li>`)}
      </ul>
    </section>
    <section aria-labelledby="przygotowanie-h">
      <h2 id="przygotowanie-h">${x.preparedH}</h2>
      <p>${x.prepared(UPDATED_ON)}</p>
      <p id="a11y-axe">${x.axe(LAST_AXE_CHECK)}</p>
      <p id="a11y-reczny">${x.manual(LAST_MANUAL_CHECK)}</p>
    </section>
    <section aria-labelledby="kontakt-h">
      <h2 id="kontakt-h">${x.contactH}</h2>
      <p id="a11y-kontakt">${x.contact(operator.name, operator.contact)}</p>
    </section>
    <section aria-labelledby="procedura-h">
      <h2 id="procedura-h">${x.procedureH}</h2>
      ${x.procedure.map((p) => html`<p>${p}</p>`)}
    </section>
    <section aria-labelledby="inne-h">
      <h2 id="inne-h">${x.otherH}</h2>
      <p>${x.other}</p>
    </section>`;
  return Promise.resolve(page({ lang, title: x.title, url, body }));
}
