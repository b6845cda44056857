/**
 * `/jak-korzystac` (issue 16, point 8): a short guide for first-time users, as the five journeys the issue
 * was tested on — each a few steps with a working example link.
 */
import type { Lang } from '../../format.js';
import { html } from '../../html.js';
import { page, withLang } from '../../layout.js';
import type { PageContext } from '../../page-error.js';

interface Journey {
  readonly id: string;
  readonly title: string;
  readonly steps: readonly string[];
  readonly example: readonly [label: string, url: string];
}

const INCOME = 'administracja_finanse.dochody_wlasne_na_mieszkanca';
const UNEMPLOYMENT = 'pomoc_spoleczna.bezrobotni_udzial_w_produkcyjnym';

const TEXT: Record<
  Lang,
  { title: string; lead: string; basics: readonly string[]; journeys: readonly Journey[] }
> = {
  pl: {
    title: 'Jak korzystać z SMUP',
    lead: 'Pięć typowych sposobów korzystania z serwisu. Każdy widok ma swój adres: można go zapisać, wysłać albo wkleić do dokumentu.',
    basics: [
      'Na stronie głównej wpisz nazwę gminy, powiatu lub województwa (polskie litery nie są potrzebne). Wyniki podają rodzaj jednostki, powiat, województwo i liczbę mieszkańców.',
      'Strona jednostki ma dwa widoki: podstawowy (mocne i słabe strony, tylko wskaźniki z danymi) i zaawansowany (wszystko, z przyczynami braków).',
      'Pod każdą tabelą są objaśnienia oznaczeń; przycisk „Pobierz” zapisuje dane w CSV lub XLSX.',
    ],
    journeys: [
      {
        id: 'skarbnik',
        title: 'Skarbnik przed sesją rady',
        steps: [
          'Otwórz stronę swojej gminy i zostaw porównanie z grupą porównawczą (gminy tego samego rodzaju i wielkości).',
          'W części „Administracja i finanse JST” sprawdź dochody własne na mieszkańca: wartość, medianę grupy i miejsce.',
          'Otwórz wskaźnik, aby zobaczyć szereg czasowy na tle grupy; pobierz tabelę (CSV/XLSX) do materiałów na sesję.',
        ],
        example: ['Dochody własne Krakowa na tle grupy', `/wskaznik/${INCOME}?jst=1261011`],
      },
      {
        id: 'dziennikarz',
        title: 'Dziennikarz układa ranking województwa',
        steps: [
          'Otwórz wskaźnik (np. bezrobocie) i wybierz województwo w polu „Ranking: województwo”.',
          'Ranking, mapa i rozkład pokazują wtedy tylko gminy tego województwa; ranking ma po 100 wierszy na stronie.',
          'Pobierz ranking jako CSV lub XLSX; w tekście podaj rok, źródło i numer wydania z podpisu tabeli.',
        ],
        example: ['Bezrobocie w gminach Małopolski', `/wskaznik/${UNEMPLOYMENT}?woj=12`],
      },
      {
        id: 'mieszkaniec',
        title: 'Mieszkanka małej gminy wiejskiej',
        steps: [
          'Wyszukaj swoją gminę; przy takich samych nazwach pomogą powiat, województwo i liczba mieszkańców.',
          'Na stronie gminy przeczytaj „Mocne i słabe strony”: wskaźniki, w których gmina jest wśród najlepszych lub najsłabszych 25% podobnych gmin.',
          'Porównaj z sąsiadami, wybierając „sąsiedzi” w polu „Porównaj z”.',
        ],
        example: ['Wyszukiwanie „Dąbrowa”', '/?q=D%C4%85browa'],
      },
      {
        id: 'badacz',
        title: 'Badacz porównuje miasta',
        steps: [
          'Otwórz „Porównaj”, dodaj do 10 miast i wybierz wskaźniki oraz lata.',
          'Tabela, wykresy słupkowe i trendy pokazują te same liczby; na telefonie każdy wskaźnik jest osobną kartą.',
          'Przełącz stronę jednostki na widok zaawansowany, aby zobaczyć reguły grup, wzory i przyczyny braków; pełne dane są w API.',
        ],
        example: ['Kraków, Łódź, Wrocław i Warszawa', '/porownaj?jst=1261011,1061011,0264011,1465011'],
      },
      {
        id: 'powiat',
        title: 'Urzędnik powiatu',
        steps: [
          'Otwórz stronę powiatu: wskaźniki powiatowe są porównane z powiatami tego samego rodzaju i wielkości.',
          'Na dole strony są gminy powiatu; każdą można otworzyć i porównać z jej grupą.',
          'Na stronie wskaźnika wybierz szczebel „powiaty”, aby zobaczyć ranking i mapę wszystkich powiatów.',
        ],
        example: ['Powiat krakowski', '/jst/1206'],
      },
    ],
  },
  en: {
    title: 'How to use SMUP',
    lead: 'Five typical ways of using the site. Every view has its own address: save it, send it or paste it into a document.',
    basics: [
      'On the home page, type the name of a gmina, powiat or voivodeship (Polish letters are not needed). The results give the kind of unit, its powiat, voivodeship and population.',
      'A unit’s page has two views: basic (strong and weak points, only indicators with data) and advanced (everything, with the reasons for gaps).',
      'Under every table the marks are explained; “Download” saves the data as CSV or XLSX.',
    ],
    journeys: [
      {
        id: 'skarbnik',
        title: 'A treasurer preparing for the council',
        steps: [
          'Open your gmina’s page and keep the comparison with its comparison group (gminas of the same kind and size).',
          'Under “Administration and local government finance”, check own revenue per resident: the value, the group’s median and the rank.',
          'Open the indicator to see its time series against the group; download the table (CSV/XLSX) for the council papers.',
        ],
        example: ['Kraków’s own revenue against its group', `/en/wskaznik/${INCOME}?jst=1261011`],
      },
      {
        id: 'dziennikarz',
        title: 'A journalist ranking a voivodeship',
        steps: [
          'Open an indicator (e.g. unemployment) and choose a voivodeship in “Ranking: voivodeship”.',
          'The ranking, map and distribution then show only that voivodeship’s gminas; the ranking shows 100 rows a page.',
          'Download the ranking as CSV or XLSX; quote the year, source and release number from the table’s caption.',
        ],
        example: ['Unemployment in the gminas of Małopolska', `/en/wskaznik/${UNEMPLOYMENT}?woj=12`],
      },
      {
        id: 'mieszkaniec',
        title: 'A resident of a small rural gmina',
        steps: [
          'Search for your gmina; where names repeat, the powiat, voivodeship and population tell them apart.',
          'On the gmina’s page read “Strong and weak points”: indicators where the gmina is among the best or weakest 25% of similar gminas.',
          'Compare with the neighbours by choosing “neighbours” in “Compare with”.',
        ],
        example: ['Searching “Dąbrowa”', '/en?q=D%C4%85browa'],
      },
      {
        id: 'badacz',
        title: 'A researcher comparing cities',
        steps: [
          'Open “Compare”, add up to 10 cities and choose indicators and years.',
          'The table, bar charts and trends show the same numbers; on a phone each indicator is a card of its own.',
          'Switch a unit’s page to the advanced view for group rules, formulas and reasons for gaps; the full data are in the API.',
        ],
        example: ['Kraków, Łódź, Wrocław and Warsaw', '/en/porownaj?jst=1261011,1061011,0264011,1465011'],
      },
      {
        id: 'powiat',
        title: 'A powiat official',
        steps: [
          'Open the powiat’s page: its indicators are compared with powiats of the same kind and size.',
          'At the bottom of the page are the powiat’s gminas; open any of them and compare it with its group.',
          'On an indicator’s page choose the level “powiaty” to see the ranking and map of every powiat.',
        ],
        example: ['Kraków county (powiat krakowski)', '/en/jst/1206'],
      },
    ],
  },
};

export function guidePage({ lang, url }: PageContext): Promise<string> {
  const x = TEXT[lang];
  const body = html`<h1>${x.title}</h1>
    <p class="lead">${x.lead}</p>
    <ul>
      ${x.basics.map((b) => html`<li>${b}</li>`)}
    </ul>
    ${x.journeys.map(
      (j) =>
        html`<section aria-labelledby="droga-${j.id}">
          <h2 id="droga-${j.id}">${j.title}</h2>
          <ol>
            ${j.steps.map((s) => html`<li>${s}</li>`)}
          </ol>
          <p>${lang === 'pl' ? 'Przykład' : 'Example'}: <a href="${j.example[1]}">${j.example[0]}</a></p>
        </section>`,
    )}
    <p>
      <a href="${withLang('/metodologia', lang)}">${lang === 'pl' ? 'Metodologia' : 'Methodology'}</a> ·
      <a href="${withLang('/deklaracja-dostepnosci', lang)}"
        >${lang === 'pl' ? 'Deklaracja dostępności' : 'Accessibility statement'}</a
      >
    </p>`;
  return Promise.resolve(page({ lang, title: x.title, url, body }));
}
