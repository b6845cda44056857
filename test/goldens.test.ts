/**
 * Golden files of what SMUP renders (test/golden.ts): SVG charts of the portal and the reports, and the
 * data downloads (CSV both ways, XLSX read back as text, JSON-stat) of one fixed table with a flagged and a
 * missing value. Inputs are literals here, so a golden changes only when the rendering does.
 */
import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { describe, it } from 'vitest';
import { toCsv } from '../src/api/formats/csv.js';
import type { DataTable } from '../src/api/formats/data-table.js';
import { toJsonStat } from '../src/api/formats/jsonstat.js';
import { toXlsx } from '../src/api/formats/xlsx.js';
import { comparedCellStats, compareRowStats } from '../src/domain/benchmark/compare-stats.js';
import { barChart, trendChart } from '../src/web/charts/bars.js';
import { histogram, histogramBins } from '../src/web/charts/histogram.js';
import { choropleth, mapLegend, projectLayer, quantileClasses } from '../src/web/charts/map.js';
import { readBoundaryLayer } from '../src/sources/geo/boundary-reader.js';
import { toWebTopology } from '../src/sources/geo/web-topology.js';
import { formatNumber } from '../src/web/format.js';
import { expectGolden, xlsxAsText } from './golden.js';

const names = { labelledBy: 'chart-title', describedBy: 'chart-table' };

/** Real values: population on 31 XII 2019 (BDL export) of four cities, and a unit with no value. */
const TABLE: DataTable = {
  title: 'Ludność (31 XII), 2019',
  release: 7,
  url: '/api/v1/indicators/kontekst.ludnosc/data?year=2019&level=gmina',
  series: [
    {
      id: 'kontekst.ludnosc',
      name: { pl: 'Ludność (31 XII)', en: 'Population (31 Dec)' },
      measureUnit: 'osoby',
      definition: 'Liczba mieszkańców na 31 grudnia',
      citation: 'Źródło: GUS, Bank Danych Lokalnych; obliczenia własne SMUP',
      licence: 'SMUP: CC BY 4.0; GUS: dane publiczne GUS, ponowne wykorzystanie z podaniem źródła',
      decimals: 0,
    },
  ],
  rows: [
    {
      unitCode: '1465011',
      unitName: 'Warszawa',
      series: 'kontekst.ludnosc',
      year: 2019,
      value: 1_790_658,
      flag: null,
      reason: null,
    },
    {
      unitCode: '1261011',
      unitName: 'Kraków',
      series: 'kontekst.ludnosc',
      year: 2019,
      value: 779_115,
      flag: null,
      reason: null,
    },
    {
      unitCode: '1061011',
      unitName: 'Łódź',
      series: 'kontekst.ludnosc',
      year: 2019,
      value: 679_941,
      flag: { id: 3, symbol: '*' },
      reason: null,
    },
    {
      unitCode: '1207132',
      unitName: 'Gmina "nowa"; utworzona 2022',
      series: 'kontekst.ludnosc',
      year: 2019,
      value: null,
      flag: null,
      reason: 'not-in-release',
    },
  ],
  flags: [{ id: 3, symbol: '*', pl: 'dane niepełne', en: 'incomplete data' }],
};

/**
 * The same four cells as GET /compare downloads them (issue 16, point 3): with the compared units' median
 * and ranks from the domain's rule. Population is a context indicator (neutral): a median of the three
 * values (779 115, the middle one; Łódź's incomplete-data flag does not leave it out), no ranks.
 */
const gminy = TABLE.rows.map((r) => ({ code: r.unitCode, level: 'gmina' }));
const populationStats = compareRowStats(
  gminy,
  (code) => TABLE.rows.find((r) => r.unitCode === code),
  'neutral',
);
const COMPARED: DataTable = {
  ...TABLE,
  title: 'Porównanie: Warszawa, Kraków, Łódź, Gmina "nowa"; utworzona 2022 — SMUP, wydanie 7',
  url: '/api/v1/compare?units=1465011,1261011,1061011,1207132&indicators=kontekst.ludnosc&years=2019&emptyYears=omit',
  standing: 'compared',
  rows: TABLE.rows.map((row) => {
    const stats = comparedCellStats(populationStats, row.unitCode);
    return {
      ...row,
      standing: { median: stats.comparedMedian, rank: stats.comparedRank, count: stats.comparedCount },
    };
  }),
};

/**
 * Population density 2024, persons per km², of the 16 województwa: GUS BDL export
 * LUDN_2425_CTAB_20250611231708_area_population_density_2024.csv (../shared/data/bdl-exports); Podlaskie
 * left without a value to draw the no-data hatch.
 */
const DENSITY_2024 = new Map<string, number | null>([
  ['02', 143.8],
  ['04', 110.4],
  ['06', 79.5],
  ['08', 69.3],
  ['10', 128.8],
  ['12', 225.8],
  ['14', 154.9],
  ['16', 98.8],
  ['18', 115.6],
  ['20', null],
  ['22', 120.7],
  ['24', 347.9],
  ['26', 98.9],
  ['28', 55.8],
  ['30', 116.7],
  ['32', 70.8],
]);

describe('goldens', () => {
  it('bar chart (SVG)', () => {
    const bars = TABLE.rows.map((r) => ({
      label: r.unitName,
      value: r.value,
      text: r.value === null ? 'brak danych' : `${formatNumber(r.value, 0, 'pl')} osób`,
    }));
    expectGolden('bar-chart.svg', barChart(bars, names).text);
  });

  it('trend chart (SVG)', () => {
    const lines = [
      {
        label: 'Kraków',
        points: [2015, 2016, 2017, 2018, 2019].map((year, i) => ({ year, value: 761_873 + i * 4_310 })),
      },
      {
        label: 'Łódź',
        points: [2015, 2016, 2017, 2018, 2019].map((year, i) => ({
          year,
          value: i === 2 ? null : 700_982 - i * 5_260,
        })),
      },
    ];
    const svg = trendChart(lines, names, (v, d) => formatNumber(v, d, 'pl')).text;
    expectGolden('trend-chart.svg', svg);
  });

  it('histogram with a median and a marked unit (SVG)', () => {
    const values = Array.from({ length: 60 }, (_, i) => 2_000 + ((i * 37) % 50) * 61.5);
    const svg = histogram({
      bins: histogramBins(values, 12),
      lang: 'pl',
      decimals: 0,
      measureUnit: 'zł na mieszkańca',
      median: 3_476,
      marker: { label: 'Kraków', value: 4_920 },
      label: 'Rozkład dochodów własnych na mieszkańca',
      medianLabel: 'mediana',
    }).text;
    expectGolden('histogram.svg', svg);
  });

  it('choropleth map of the województwa with its legend (SVG), from the bundled boundaries', () => {
    const file = 'data/geo/wojewodztwa-2022.geojson.gz';
    const text = gunzipSync(readFileSync(new URL(`../${file}`, import.meta.url))).toString('utf-8');
    const layer = readBoundaryLayer(text, file, { level: 'wojewodztwo' });
    const geometry = projectLayer(toWebTopology([layer]), 'wojewodztwo', 360);
    const values = [...DENSITY_2024.values()].filter((v): v is number => v !== null);
    const classes = quantileClasses(values);
    const map = choropleth({
      geometry,
      values: DENSITY_2024,
      classes,
      lang: 'pl',
      decimals: 1,
      measureUnit: 'osoby na km²',
      highlight: '12',
      label: 'Gęstość zaludnienia województw w 2024 r.',
      standalone: true,
    }).text;
    const legend = mapLegend(classes, 1, 'pl', 1, 'osoby na km²').text;
    expectGolden('map-wojewodztwa.svg', map);
    expectGolden('map-legend.html', `${legend}\n`);
  });

  it('CSV, machine and Polish Excel', () => {
    expectGolden('table.csv', toCsv(TABLE, { separator: ',', decimalComma: false }));
    // What `sep=semicolon` sends: TERYT codes as Excel text formulas.
    expectGolden(
      'table-excel-pl.csv',
      toCsv(TABLE, { separator: ';', decimalComma: true, terytAsExcelText: true }),
    );
    expectGolden('table-en.csv', toCsv(TABLE, { separator: ',', decimalComma: false, lang: 'en' }));
    expectGolden(
      'compare-excel-pl.csv',
      toCsv(COMPARED, { separator: ';', decimalComma: true, terytAsExcelText: true }),
    );
  });

  it('XLSX, read back as text', async () => {
    expectGolden('table.xlsx.txt', await xlsxAsText(await toXlsx(TABLE)));
    expectGolden('table-en.xlsx.txt', await xlsxAsText(await toXlsx(TABLE, 'en')));
    expectGolden('compare.xlsx.txt', await xlsxAsText(await toXlsx(COMPARED)));
  });

  it('JSON-stat 2.0', () => {
    expectGolden('table.jsonstat.json', `${JSON.stringify(toJsonStat(TABLE), null, 2)}\n`);
  });
});
