/**
 * Comparison of chosen units (issue 6): `GET /compare?units=…&indicators=…&years=…` answers every cell
 * indicator × unit × year — a value, or null with the reason — in JSON (flat rows, paged), CSV, XLSX or
 * JSON-stat, each with the compared units' median and the unit's rank among them (compared-cells.ts), as the
 * portal's compare page shows them; CSV and XLSX carry them as columns. The lists are bounded
 * (list-params.ts DATA_LIMITS) so one answer stays small.
 */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { Catalog } from '../../domain/catalog/schema.js';
import type { CatalogIndicator } from '../../domain/catalog/indicators.js';
import type { Database } from '../../store/database.js';
import { negotiateFormat } from '../formats/data-table.js';
import { indicatorTable } from '../formats/indicator-table.js';
import { sendDownload } from '../formats/send.js';
import { comparedCells, standingOf } from '../compared-cells.js';
import { citedIndicator, indicatorRows, tableRow } from '../indicator-values.js';
import { DATA_LIMITS, pageOf, parseList, parseYears } from '../list-params.js';
import { markRelease } from '../plugins/release-caching.js';
import { indicatorRef, resolveIndicators, resolveUnits } from '../resolve-ids.js';
import { CompareData, CompareQuery } from '../schemas/compare.js';
import { ProblemSchema } from '../schemas/common.js';
import { releaseFor } from './data.js';

export interface CompareRoutesOptions {
  readonly db: Database;
  readonly catalog: Catalog;
  readonly indicators: readonly CatalogIndicator[];
}

// Over 80 lines: a Fastify plugin: its body is the registration of its route (a long OpenAPI description, then the handler).
export const compareRoutes: FastifyPluginAsyncTypebox<CompareRoutesOptions> = async (
  app,
  { db, catalog, indicators },
) => {
  const byId = new Map(indicators.map((i) => [i.id, i]));

  app.get(
    '/compare',
    {
      schema: {
        summary: 'Porównanie jednostek / compare chosen units on chosen indicators and years',
        description: [
          'Wartości wskaźników dla wybranych jednostek i lat: każda komórka wskaźnik × jednostka × rok, z flagą',
          `i przyczyną braku. Limity: ${DATA_LIMITS.units} jednostek, ${DATA_LIMITS.indicators} wskaźników,`,
          `${DATA_LIMITS.years} lat; przekroczenie daje 400 z nazwą limitu.`,
          '',
          'Indicator values for chosen units and years: every cell indicator × unit × year with its flag and',
          `the reason of a missing value. Limits: ${DATA_LIMITS.units} units, ${DATA_LIMITS.indicators} indicators,`,
          `${DATA_LIMITS.years} years; beyond them a 400 names the limit. Formats: json (paged), csv, xlsx, jsonstat.`,
          'Each cell also gives the median of the compared units in its indicator and year (comparedMedian), the',
          'unit’s rank among them (comparedRank, 1 = best by the indicator’s direction) and their n (comparedCount):',
          'none for a neutral indicator’s rank, fewer than 2 values or units of different levels; suspect values',
          'are left out. CSV and XLSX carry them as columns; `emptyYears=omit` answers the cells the portal shows.',
        ].join('\n'),
        tags: ['data', 'benchmark'],
        querystring: CompareQuery,
        response: { 200: CompareData, 400: ProblemSchema, 404: ProblemSchema },
      },
    },
    async (request, reply) => {
      const format = negotiateFormat(request.query.format, request.headers.accept);
      const { page = 1, pageSize = 5000 } = request.query;
      const unitCodes = parseList(request.query.units, 'units', DATA_LIMITS.units);
      const chosen = resolveIndicators(
        byId,
        parseList(request.query.indicators, 'indicators', DATA_LIMITS.indicators),
        'indicators',
      );
      const askedYears = request.query.years === undefined ? undefined : parseYears(request.query.years);
      const release = await releaseFor(db, request.query.release);
      const units = await resolveUnits(db, unitCodes, 'units');
      const stored = await indicatorRows(db, release, { indicators: chosen, unitCodes, years: askedYears });
      const years = askedYears ?? [...new Set(stored.rows.map((r) => r.year))].sort((a, b) => a - b);
      const { emptyYears } = request.query;
      const cells = comparedCells({ stored, indicators: chosen, units, years, emptyYears });
      markRelease(reply, release);
      const refs = chosen.map((indicator) => citedIndicator(catalog, indicator));
      if (format !== 'json') {
        const names = new Map(units.map((u) => [u.code, u]));
        const table = indicatorTable({
          indicators: refs,
          title: `${request.query.lang === 'en' ? 'Comparison' : 'Porównanie'}: ${units.map((u) => u.name).join(', ')}`,
          release,
          url: request.url,
          lang: request.query.lang,
          rows: cells.map((cell) => ({
            ...tableRow(
              names.get(cell.unit) ?? { code: cell.unit, name: cell.unit },
              cell.indicator,
              cell.year,
              cell,
            ),
            standing: standingOf(cell),
          })),
          standing: 'compared',
        });
        const span = years.length === 0 ? 'brak-lat' : `${years[0]}-${years.at(-1)}`;
        await sendDownload(reply, format, request.query, `porownanie-${span}-r${release}`, table);
        return;
      }
      return {
        release,
        years,
        units,
        indicators: refs.map(({ indicator, citation, licence }) =>
          indicatorRef(indicator, citation, licence),
        ),
        total: cells.length,
        values: cells.filter((c) => c.value !== null).length,
        ...pageOf(cells, { page, pageSize, url: request.url }),
      };
    },
  );
};
