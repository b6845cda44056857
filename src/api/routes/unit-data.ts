/**
 * Data by unit (issue 6): `GET /units/{teryt}/data?indicators=…&years=…` answers one unit's indicators as
 * time series — by default every indicator of the unit's level that the release holds — in JSON, CSV, XLSX
 * or JSON-stat. CSV and XLSX also carry, on each indicator's compared year, the unit's standing in its
 * reference set as the unit page shows it (unit-standing.ts).
 */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { Catalog } from '../../domain/catalog/schema.js';
import type { CatalogIndicator } from '../../domain/catalog/indicators.js';
import { INDICATOR_PREFIX } from '../../pipeline/compute.js';
import type { Database } from '../../store/database.js';
import { negotiateFormat } from '../formats/data-table.js';
import { indicatorTable } from '../formats/indicator-table.js';
import { sendDownload } from '../formats/send.js';
import { citedIndicator, indicatorCell, indicatorRows, tableRow } from '../indicator-values.js';
import { DATA_LIMITS, parseList, parseYears } from '../list-params.js';
import { markRelease } from '../plugins/release-caching.js';
import { indicatorRef, resolveIndicators, resolveUnits } from '../resolve-ids.js';
import { UnitData, UnitDataParams, UnitDataQuery } from '../schemas/compare.js';
import { ProblemSchema } from '../schemas/common.js';
import { releaseFor } from './data.js';
import type { BenchmarkService } from '../../pipeline/benchmarking.js';
import { standingKey, unitStandings } from '../unit-standing.js';

export interface UnitDataRoutesOptions {
  readonly db: Database;
  readonly catalog: Catalog;
  readonly indicators: readonly CatalogIndicator[];
  /** For the reference set's columns of the downloads (the profile's numbers, as the unit page shows). */
  readonly benchmark: BenchmarkService;
}

// Over 80 lines: a Fastify plugin: its body is the registration of its route (a long OpenAPI description, then the handler).
export const unitDataRoutes: FastifyPluginAsyncTypebox<UnitDataRoutesOptions> = async (
  app,
  { db, catalog, indicators, benchmark },
) => {
  const byId = new Map(indicators.map((i) => [i.id, i]));

  app.get(
    '/units/:teryt/data',
    {
      schema: {
        summary: 'Dane jednostki / one unit’s indicators as time series',
        description: [
          'Szeregi czasowe wskaźników jednostki: domyślnie wszystkie wskaźniki jej szczebla, które zawiera',
          `wydanie; \`indicators=\` wybiera do ${DATA_LIMITS.indicators}, \`years=\` zakres do ${DATA_LIMITS.years} lat.`,
          '',
          'One unit’s indicators as time series: by default every indicator of its level the release holds;',
          `\`indicators=\` picks up to ${DATA_LIMITS.indicators}, \`years=\` a range of up to ${DATA_LIMITS.years} years.`,
          'Formats: json, csv, xlsx, jsonstat. CSV and XLSX add, on the row of the year the unit page compares',
          '(`setYear=`, default each indicator’s latest), the reference set’s name, median, quartiles, the unit’s',
          'rank of how many values and its position (`against=`, default group): the columns of the unit page.',
        ].join('\n'),
        tags: ['data', 'units'],
        params: UnitDataParams,
        querystring: UnitDataQuery,
        response: { 200: UnitData, 400: ProblemSchema, 404: ProblemSchema },
      },
    },
    async (request, reply) => {
      const format = negotiateFormat(request.query.format, request.headers.accept);
      const asked =
        request.query.indicators === undefined
          ? null
          : resolveIndicators(
              byId,
              parseList(request.query.indicators, 'indicators', DATA_LIMITS.indicators),
              'indicators',
            );
      const askedYears = request.query.years === undefined ? undefined : parseYears(request.query.years);
      const [unit] = await resolveUnits(db, [request.params.teryt], 'teryt');
      if (!unit) throw new Error('resolveUnits returns one unit per code');
      const release = await releaseFor(db, request.query.release);
      const candidates =
        asked ?? indicators.filter((i) => (i.levels as readonly string[]).includes(unit.level));
      const stored = await indicatorRows(db, release, {
        indicators: candidates,
        unitCodes: [unit.code],
        years: askedYears,
      });
      // Without `indicators=`, only those the release holds for this unit (the catalogue lists the rest).
      const held = new Set(stored.rows.map((r) => r.variableId));
      const chosen = asked ?? candidates.filter((i) => held.has(INDICATOR_PREFIX + i.id));
      const years = askedYears ?? [...new Set(stored.rows.map((r) => r.year))].sort((a, b) => a - b);
      const series = chosen.map((indicator) => ({
        ...citedIndicator(catalog, indicator),
        cells: years.map((year) => ({ year, ...indicatorCell(stored, indicator, unit, year) })),
      }));
      markRelease(reply, release);
      if (format !== 'json') {
        const { against, setYear } = request.query;
        const standings = await unitStandings(benchmark, release, unit.code, { against, setYear });
        const table = indicatorTable({
          indicators: series,
          title: `${unit.name} (${unit.code})`,
          release,
          url: request.url,
          lang: request.query.lang,
          rows: series.flatMap((s) =>
            s.cells.map((cell) => ({
              ...tableRow(unit, s.indicator.id, cell.year, cell),
              standing: standings.get(standingKey(s.indicator.id, cell.year)) ?? null,
            })),
          ),
          standing: 'set',
        });
        await sendDownload(reply, format, request.query, `${unit.code}-r${release}`, table);
        return;
      }
      return {
        release,
        unit,
        years,
        total: series.length,
        indicators: series.map((s) => ({
          ...indicatorRef(s.indicator, s.citation, s.licence),
          series: s.cells,
        })),
      };
    },
  );
};
