/**
 * `/metodologia` (issue 16, point 8): how SMUP builds comparison sets, what the dimensions and flags mean,
 * where the data come from, how releases work and how to read a chart — in words, for anyone. The numbers
 * it quotes (group thresholds, k, the variables of similarity) are those of domain/benchmark and
 * config/comparison-groups.yaml; the flags are listed from domain/observations/flags.ts itself.
 */
import { FLAGS } from '../../../domain/observations/flags.js';
import type { Lang } from '../../format.js';
import { html } from '../../html.js';
import { page, withLang } from '../../layout.js';
import type { PageContext } from '../../page-error.js';
import { DIMENSION_LABELS } from '../indicator-text.js';

const TEXT = {
  pl: {
    title: 'Metodologia',
    lead: 'Jak SMUP porównuje jednostki samorządu terytorialnego: skąd są dane, z kim porównujemy, jak liczymy i jak czytać wyniki.',
    setsH: 'Zbiory porównawcze',
    sets: [
      [
        'Grupa porównawcza (domyślna)',
        'jednostki tego samego rodzaju i podobnej wielkości: województwa razem; miasta na prawach powiatu w trzech klasach ludności (poniżej 100 tys., 100–150 tys., od 150 tys.); gminy miejskie, miejsko-wiejskie i wiejskie osobno, każde w klasach ludności. Klasy liczące w danym roku mniej niż 15 jednostek łączy się z sąsiednią, tak by grupa miała co najmniej 15 członków.',
      ],
      ['Sąsiedzi', 'jednostki tego samego szczebla, które mają wspólną granicę (granice PRG, GUGiK).'],
      [
        'Najbardziej podobne',
        '15 jednostek najbliższych pod względem liczby ludności i gęstości zaludnienia (w skali logarytmicznej), udziału ludności w wieku poprodukcyjnym, dochodów własnych na mieszkańca i urbanizacji — zmienne standaryzowane, odległość euklidesowa.',
      ],
      ['Województwo', 'wszystkie jednostki tego samego szczebla w województwie.'],
      ['Cała Polska', 'wszystkie jednostki tego samego szczebla w kraju.'],
      ['Własny zbiór', 'jednostki wybrane na stronie „Porównaj” i zapisane pod własnym adresem.'],
    ],
    statsH: 'Mediana, kwartyle, miejsce i pozycja',
    stats: [
      'Mediana i kwartyle (Q1, Q3) są liczone z wartości członków zbioru (kwantyle typu 7, jak w Excelu PERCENTYL.PRZEDZIAŁ.ZAMK).',
      'Miejsce: 1 = najlepsze według kierunku wskaźnika (np. przy bezrobociu — najniższe); równe wartości dzielą miejsce.',
      'Pozycja: „najlepsze 25%” (poza Q3 po dobrej stronie), „środkowe 50%” (między Q1 i Q3), „najsłabsze 25%”. Kolor zawsze idzie w parze z tekstem.',
      'Wskaźniki kontekstowe (demografia, urbanizacja) nie są oceniane: opisują jednostkę, a nie jakość jej usług.',
      'Wartość podejrzana (łamiąca regułę wiarygodności) jest pokazywana, ale nie wchodzi do statystyk, miejsc ani klas mapy.',
    ],
    dimsH: 'Cztery wymiary usług',
    dims: 'Każdy wskaźnik mierzy jeden wymiar usługi; piąty, „kontekst”, opisuje samą jednostkę.',
    flagsH: 'Oznaczenia (flagi) wartości',
    flags:
      'Symbole GUS przy liczbach; każda tabela ma pod sobą objaśnienie oznaczeń, które w niej występują.',
    sourcesH: 'Źródła danych',
    sources: [
      'GUS, Bank Danych Lokalnych (BDL): ludność, powierzchnia, dochody i wydatki budżetów, bezrobocie i inne zmienne — przez API BDL lub eksporty z portalu BDL.',
      'GUS, rejestr TERYT: lista i podział jednostek (kody, nazwy, rodzaje) na dzień stanu rejestru.',
      'CKE: wyniki egzaminu ósmoklasisty według gmin.',
      'GUGiK, Państwowy Rejestr Granic: granice jednostek (mapy, sąsiedztwo).',
      'MRiPS, rejestr żłobków; PSP: zdarzenia — pliki urzędowe, wczytane tak, jak je opublikowano.',
    ],
    releasesH: 'Wydania danych',
    releases:
      'Dane są publikowane w ponumerowanych wydaniach. Każde wydanie zawiera wszystkie wartości, które wczytano i policzono do danej chwili; poprzednie wydania pozostają dostępne w API, więc każdą liczbę można odtworzyć. Numer wydania jest w podpisie każdej tabeli i w każdym pliku do pobrania. Brak wartości ma zawsze nazwaną przyczynę (np. „brak danych w tym wydaniu”, „tajemnica statystyczna”).',
    readH: 'Jak czytać wykresy',
    read: [
      'Mapa: jednostki w pięciu klasach o podobnej liczebności (kwantyle); kreskowanie = brak danych. Te same liczby są w tabeli rankingu.',
      'Rozkład (histogram): ile jednostek zbioru ma wartość w danym przedziale; linia przerywana to mediana, wyróżniony słupek — wybrana jednostka.',
      'Szereg czasowy: wartość jednostki na tle mediany i przedziału Q1–Q3 jej zbioru w kolejnych latach; kropkowana linia to Polska.',
      'Pasek „Na tle zbioru”: szara linia to zakres zbioru, prostokąt — środkowe 50% (Q1–Q3), kreska — mediana, kropka — jednostka.',
    ],
  },
  en: {
    title: 'Methodology',
    lead: 'How SMUP compares local governments: where the data come from, who a unit is compared with, how it is computed and how to read the results.',
    setsH: 'Comparison sets',
    sets: [
      [
        'Comparison group (default)',
        'units of the same kind and similar size: the voivodeships together; cities with powiat rights in three population classes (under 100k, 100–150k, 150k and more); urban, urban-rural and rural gminas separately, each in population classes. Classes with fewer than 15 units in a year are merged with a neighbouring class, so that a group has at least 15 members.',
      ],
      ['Neighbours', 'units of the same level that share a border (PRG boundaries, GUGiK).'],
      [
        'Most similar',
        'the 15 nearest units by population and population density (on a log scale), share of post-working-age population, own revenue per resident and urbanisation — standardised variables, Euclidean distance.',
      ],
      ['Voivodeship', 'every unit of the same level in the voivodeship.'],
      ['All of Poland', 'every unit of the same level in the country.'],
      ['Your own set', 'units chosen on the “Compare” page and saved under an address of their own.'],
    ],
    statsH: 'Median, quartiles, rank and position',
    stats: [
      "The median and quartiles (Q1, Q3) are computed from the set members' values (type 7 quantiles, as Excel's PERCENTILE.INC).",
      'Rank: 1 = best by the indicator’s direction (e.g. for unemployment, the lowest); equal values share a rank.',
      'Position: “best 25%” (beyond Q3 on the good side), “middle 50%” (between Q1 and Q3), “weakest 25%”. Colour always comes with text.',
      'Context indicators (demography, urbanisation) are not rated: they describe the unit, not the quality of its services.',
      'A suspect value (breaking a plausibility rule) is shown but left out of statistics, ranks and map classes.',
    ],
    dimsH: 'Four dimensions of services',
    dims: 'Each indicator measures one dimension of a service; a fifth, “context”, describes the unit itself.',
    flagsH: 'Marks (flags) of values',
    flags: 'Statistics Poland’s symbols next to numbers; every table explains, under it, the marks it uses.',
    sourcesH: 'Data sources',
    sources: [
      'Statistics Poland, Local Data Bank (BDL): population, area, budget revenue and spending, unemployment and other variables — through the BDL API or exports of the BDL portal.',
      'Statistics Poland, TERYT register: the list and division of units (codes, names, kinds) as of the register’s date.',
      'CKE (Central Examination Board): eighth-grade exam results by gmina.',
      'GUGiK, State Register of Borders: unit boundaries (maps, neighbours).',
      'Ministry of Family (MRiPS), nursery register; State Fire Service: incidents — official files, loaded as published.',
    ],
    releasesH: 'Data releases',
    releases:
      'Data are published in numbered releases. Each release holds every value loaded and computed up to then; earlier releases stay available in the API, so every number can be reproduced. The release number is in the caption of every table and in every download. A missing value always has a named reason (e.g. “no data in this release”, “statistical confidentiality”).',
    readH: 'How to read the charts',
    read: [
      'Map: units in five classes of similar size (quantiles); hatching = no data. The same numbers are in the ranking table.',
      'Distribution (histogram): how many units of the set have a value in each range; the dashed line is the median, the highlighted bar the chosen unit.',
      'Time series: the unit’s value against its set’s median and Q1–Q3 band over the years; the dotted line is Poland.',
      '“Within the set” bar: the grey line is the set’s range, the box the middle 50% (Q1–Q3), the tick the median, the dot the unit.',
    ],
  },
} as const;

/** The dimensions as catalog/README.md defines them (SMUP's and KOSTRA's). */
const DIMENSIONS = {
  ilosc: {
    pl: 'ile usługi lub wydatków przypada na mieszkańca',
    en: 'how much service or spending per resident',
  },
  jakosc: {
    pl: 'jak dobra jest usługa (np. wyniki egzaminów)',
    en: 'how good the service is (e.g. exam results)',
  },
  dostepnosc: {
    pl: 'jak łatwo z usługi skorzystać (np. miejsca w żłobkach)',
    en: 'how accessible the service is (e.g. nursery places)',
  },
  efektywnosc_kosztowa: { pl: 'koszt jednostki usługi', en: 'the cost of a unit of service' },
  kontekst: {
    pl: 'cechy samej jednostki (demografia, bezrobocie), czytane obok pozostałych i nieoceniane',
    en: 'features of the unit itself (demography, unemployment), read beside the others and not rated',
  },
} as const;

export function methodologyPage({ lang, url }: PageContext): Promise<string> {
  const x = TEXT[lang as Lang];
  const flags = [...FLAGS.values()].filter((f) => f.symbol !== '');
  const body = html`<h1>${x.title}</h1>
    <p class="lead">${x.lead}</p>
    <section aria-labelledby="zbiory-h">
      <h2 id="zbiory-h">${x.setsH}</h2>
      <dl class="info-list">
        ${x.sets.map(
          ([term, text]) =>
            html`<dt>${term}</dt>
              <dd>${text}</dd>`,
        )}
      </dl>
    </section>
    <section aria-labelledby="statystyki-h">
      <h2 id="statystyki-h">${x.statsH}</h2>
      <ul>
        ${x.stats.map((s) => html`<li>${s}</li>`)}
      </ul>
    </section>
    <section aria-labelledby="wymiary-h">
      <h2 id="wymiary-h">${x.dimsH}</h2>
      <p>${x.dims}</p>
      <ul>
        ${Object.entries(DIMENSIONS).map(
          ([d, text]) => html`<li><strong>${DIMENSION_LABELS[d]?.[lang] ?? d}</strong>: ${text[lang]}</li>`,
        )}
      </ul>
    </section>
    <section aria-labelledby="flagi-h">
      <h2 id="flagi-h">${x.flagsH}</h2>
      <p>${x.flags}</p>
      <dl class="info-list flags-list">
        ${flags.map(
          (f) =>
            html`<dt><strong class="flag">${f.symbol}</strong></dt>
              <dd>${f[lang]}</dd>`,
        )}
      </dl>
    </section>
    <section aria-labelledby="zrodla-h">
      <h2 id="zrodla-h">${x.sourcesH}</h2>
      <ul>
        ${x.sources.map((s) => html`<li>${s}</li>`)}
      </ul>
    </section>
    <section aria-labelledby="wydania-h">
      <h2 id="wydania-h">${x.releasesH}</h2>
      <p>${x.releases}</p>
    </section>
    <section aria-labelledby="wykresy-h">
      <h2 id="wykresy-h">${x.readH}</h2>
      <ul>
        ${x.read.map((s) => html`<li>${s}</li>`)}
      </ul>
    </section>
    <p>
      <a href="${withLang('/jak-korzystac', lang)}"
        >${lang === 'pl' ? 'Jak korzystać z SMUP' : 'How to use SMUP'}</a
      >
    </p>`;
  return Promise.resolve(page({ lang, title: x.title, url, body }));
}
