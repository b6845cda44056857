/**
 * The catalogue and its computed values: areas → services → indicators with full metadata, and an
 * indicator's values for every unit of a level in a year. A value is never invented: a unit without one
 * gets `value: null` and the reason; an indicator whose inputs the release lacks says which, and the
 * command that would load them.
 */
// Over 400 lines: the indicator catalogue endpoints and their data endpoint, with their OpenAPI texts.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { Catalog, CatalogVariable } from '../../domain/catalog/schema.js';
import { storedVariableId } from '../../domain/catalog/schema.js';
import { CODE_LENGTH, jstLevelOfLength } from '../../domain/units/teryt-code.js';
import type { CatalogIndicator } from '../../domain/catalog/indicators.js';
import { loadingHint, type LoadingHint } from '../../domain/catalog/loading-hint.js';
import type { BenchmarkService } from '../../pipeline/benchmarking.js';
import { INDICATOR_PREFIX } from '../../pipeline/compute.js';
import type { Database } from '../../store/database.js';
import { releaseCoverage, type CoverageRow } from '../../store/release-coverage-store.js';
import { liveReleaseId } from '../../store/releases-store.js';
import { currentUnitsCached } from '../../store/current-units-cache.js';
import type { Coverage } from '../../domain/benchmark/coverage.js';
import { indicatorColumns, indicatorItems, unitsOfLevel } from '../indicator-items.js';
import { citedIndicator, contextLookup, indicatorRows, tableRow } from '../indicator-values.js';
import { pageRange, parseYears } from '../list-params.js';
import { negotiateFormat } from '../formats/data-table.js';
import { indicatorTable } from '../formats/indicator-table.js';
import { indicatorDataJson } from '../formats/indicator-items-json.js';
import { sendDownload, sendJsonBytes } from '../formats/send.js';
import { markRelease } from '../plugins/release-caching.js';
import { ApiProblem } from '../problem.js';
import { indicatorRef } from '../resolve-ids.js';
import {
  AreaList,
  IndicatorData,
  IndicatorDataQuery,
  IndicatorDetail,
  IndicatorList,
  IndicatorListQuery,
  IndicatorParams,
} from '../schemas/indicators.js';
import { releaseFor } from './data.js';

/** The years of an indicator-data request: exactly one of `year` and `years` (a range). */
function yearsOf(year: number | undefined, years: string | undefined): number[] {
  if (year !== undefined && years !== undefined) {
    throw new ApiProblem(
      400,
      'invalid-parameter',
      { pl: 'Podaj `year` albo `years`, nie oba.', en: 'Give either `year` or `years`, not both.' },
      'years',
    );
  }
  if (year !== undefined) return [year];
  if (years !== undefined) return parseYears(years);
  throw new ApiProblem(
    400,
    'invalid-parameter',
    {
      pl: "Parametr 'year': jest wymagany (albo zakres 'years', np. 2015-2019).",
      en: "Parameter 'year': is required (or a 'years' range, e.g. 2015-2019).",
    },
    'year',
  );
}

export interface IndicatorRoutesOptions {
  readonly db: Database;
  readonly catalog: Catalog;
  readonly indicators: readonly CatalogIndicator[];
  /** The benchmarking service, whose in-memory context of the live release serves the data endpoint. */
  readonly benchmark: BenchmarkService;
}

// Over 80 lines: a Fastify plugin: its body is the registrations of its routes (schema, then a handler each).
export const indicatorRoutes: FastifyPluginAsyncTypebox<IndicatorRoutesOptions> = async (
  app,
  { db, catalog, indicators, benchmark },
) => {
  const byId = new Map(indicators.map((i) => [i.id, i]));
  const variablesByStoredId = new Map<string, CatalogVariable>(
    catalog.variables.map((v) => [storedVariableId(v), v]),
  );

  // Published releases never change, so what each holds is computed once per release.
  const coverageCache = new Map<number, Promise<Map<string, CoverageRow[]>>>();
  const inputPresence = new Map<number, Promise<Set<string>>>();
  const coverage = (release: number) => {
    let cached = coverageCache.get(release);
    if (!cached) {
      cached = releaseCoverage(
        db,
        release,
        indicators.map((i) => INDICATOR_PREFIX + i.id),
      ).then((rows) => {
        const map = new Map<string, CoverageRow[]>();
        for (const row of rows) {
          const id = row.variableId.slice(INDICATOR_PREFIX.length);
          map.set(id, [...(map.get(id) ?? []), row]);
        }
        return map;
      });
      cached.catch(() => coverageCache.delete(release));
      coverageCache.set(release, cached);
    }
    return cached;
  };
  const inputsPresent = (release: number) => {
    let cached = inputPresence.get(release);
    if (!cached) {
      const all = [...new Set(indicators.flatMap((i) => i.inputs))];
      cached = releaseCoverage(db, release, all).then((rows) => new Set(rows.map((r) => r.variableId)));
      cached.catch(() => inputPresence.delete(release));
      inputPresence.set(release, cached);
    }
    return cached;
  };

  const missingInputs = async (indicator: CatalogIndicator, release: number): Promise<LoadingHint[]> => {
    const present = await inputsPresent(release);
    return indicator.inputs
      .filter((id) => !present.has(id))
      .map((id) => {
        const variable = variablesByStoredId.get(id);
        return variable
          ? loadingHint(variable, id)
          : {
              variable: id,
              name: id,
              verified: false,
              command: null,
              message: { pl: `Brak zmiennej ${id} w tym wydaniu.`, en: `The release has no variable ${id}.` },
            };
      });
  };

  const noDataMessage = (hints: readonly LoadingHint[]) => {
    if (hints.length === 0) {
      return {
        pl: 'Brak danych w tym wydaniu dla tego roku lub szczebla.',
        en: 'No data in this release for this year or level.',
      };
    }
    const commands = hints.map((h) => h.command).filter((c): c is string => c !== null);
    return {
      pl:
        `Brak danych w tym wydaniu: brakuje zmiennych ${hints.map((h) => h.variable).join(', ')}` +
        (commands.length > 0 ? `; uruchom ${commands.map((c) => `\`${c}\``).join(', ')}.` : '.'),
      en:
        `No data in this release: the variables ${hints.map((h) => h.variable).join(', ')} are missing` +
        (commands.length > 0 ? `; run ${commands.map((c) => `\`${c}\``).join(', ')}.` : '.'),
    };
  };

  const indicatorOr404 = (id: string): CatalogIndicator => {
    const indicator = byId.get(id);
    if (!indicator) {
      throw new ApiProblem(
        404,
        'indicator-not-found',
        { pl: `Nie ma wskaźnika ${id}.`, en: `There is no indicator ${id}.` },
        'id',
      );
    }
    return indicator;
  };

  app.get(
    '/areas',
    {
      schema: {
        summary: 'Obszary usług / service areas with their services and indicator ids',
        tags: ['catalogue'],
        response: { 200: AreaList },
      },
    },
    async () => ({
      total: catalog.areas.length,
      items: catalog.areas.map((area) => ({
        id: area.id,
        order: area.order,
        name: area.name,
        description: area.description ?? null,
        smup: area.beyondSmup !== true,
        formerIds: area.formerIds ?? [],
        services: area.services.map((service) => ({
          id: service.id,
          name: service.name,
          indicators: service.indicators.map((i) => i.id),
        })),
      })),
    }),
  );

  app.get(
    '/indicators',
    {
      schema: {
        summary: 'Katalog wskaźników / the indicator catalogue, with what the release holds of each',
        tags: ['catalogue'],
        querystring: IndicatorListQuery,
        response: { 200: IndicatorList },
      },
    },
    async (request) => {
      const { dimension, level, available } = request.query;
      // An area id from before the areas were merged names the area it went into (catalogue formerIds).
      const area =
        request.query.area === undefined
          ? undefined
          : (catalog.areas.find((a) => a.formerIds?.includes(request.query.area as string))?.id ??
            request.query.area);
      if (area !== undefined && !catalog.areas.some((a) => a.id === area)) {
        throw new ApiProblem(
          400,
          'unknown-area',
          {
            pl: `Nie ma obszaru ${area}; dostępne: ${catalog.areas.map((a) => a.id).join(', ')}.`,
            en: `There is no area ${area}; known: ${catalog.areas.map((a) => a.id).join(', ')}.`,
          },
          'area',
        );
      }
      const release =
        request.query.release !== undefined
          ? await releaseFor(db, request.query.release)
          : await liveReleaseId(db);
      const held = release === null ? new Map<string, CoverageRow[]>() : await coverage(release);
      const items = indicators
        .filter((i) => area === undefined || i.areaId === area)
        .filter((i) => dimension === undefined || i.dimension === dimension)
        .filter((i) => level === undefined || i.levels.includes(level))
        .map((i) => {
          const rows = (held.get(i.id) ?? []).filter((r) => r.values > 0);
          return {
            id: i.id,
            name: i.definition.name,
            area: i.areaId,
            service: i.serviceId,
            measureUnit: i.definition.measureUnit,
            decimals: i.definition.decimals ?? 1,
            dimension: i.dimension,
            direction: i.direction,
            levels: [...i.levels],
            available: rows.length > 0,
            years: [...new Set(rows.map((r) => r.year))],
          };
        })
        .filter((i) => available === undefined || i.available === available);
      return { release, total: items.length, items };
    },
  );

  app.get(
    '/indicators/:id',
    {
      schema: {
        summary: 'Wskaźnik / one indicator: definition, formula, sources, inputs and what the release holds',
        tags: ['catalogue'],
        params: IndicatorParams,
        response: { 200: IndicatorDetail },
      },
    },
    async (request) => {
      const indicator = indicatorOr404(request.params.id);
      const area = catalog.areas.find((a) => a.id === indicator.areaId);
      const service = area?.services.find((s) => s.id === indicator.serviceId);
      const release = await liveReleaseId(db);
      const rows = release === null ? [] : ((await coverage(release)).get(indicator.id) ?? []);
      const hints = release === null ? [] : await missingInputs(indicator, release);
      const available = rows.some((r) => r.values > 0);
      const d = indicator.definition;
      return {
        id: indicator.id,
        name: d.name,
        definition: d.definition,
        formula: d.formula,
        measureUnit: d.measureUnit,
        decimals: d.decimals ?? 1,
        dimension: d.dimension,
        direction: d.direction,
        levels: [...d.levels],
        area: { id: indicator.areaId, name: area?.name ?? { pl: indicator.areaId, en: indicator.areaId } },
        service: {
          id: indicator.serviceId,
          name: service?.name ?? { pl: indicator.serviceId, en: indicator.serviceId },
        },
        sources: d.sources.map((id) => {
          const source = catalog.config.sources[id];
          return {
            id,
            name: source?.name ?? id,
            citation: source?.citation ?? id,
            licence: source?.licence ?? '',
            url: source?.url ?? null,
          };
        }),
        notes: { pl: d.notes.pl, en: d.notes.en ?? null },
        inputs: indicator.inputs.map((id) => {
          const variable = variablesByStoredId.get(id);
          return {
            id,
            name: variable?.name ?? id,
            source: variable?.source ?? id.split(':')[0] ?? id,
            sourceCode: variable?.sourceCode ?? id.split(':').slice(1).join(':'),
            measureUnit: variable?.measureUnit ?? null,
            verified: variable?.confirmation.verified ?? false,
            confirmation: variable ? { ...variable.confirmation } : {},
            evidence: variable?.evidence
              ? {
                  verdict: variable.evidence.verdict,
                  verdictText: variable.evidence.verdictText,
                  found: variable.evidence.found,
                  competingId: variable.evidence.competingId ?? null,
                }
              : null,
          };
        }),
        availability: {
          release,
          available,
          years: rows.map((r) => ({
            year: r.year,
            level: jstLevelOfLength(r.codeLength) ?? String(r.codeLength),
            values: r.values,
            missing: r.missing,
          })),
          message:
            release === null
              ? { pl: 'Nie opublikowano jeszcze żadnych danych.', en: 'No data has been published yet.' }
              : available
                ? null
                : noDataMessage(hints),
          missingInputs: hints,
        },
      };
    },
  );

  // Over 80 lines: the route handler: input checks, one read, then the answer's shape in order; split with the route's next change (issue 19).
  app.get(
    '/indicators/:id/data',
    {
      schema: {
        summary: 'Dane wskaźnika / an indicator for every unit of a level in a year or a range of years',
        description: [
          'Wartość wskaźnika (albo brak z przyczyną) dla każdej jednostki szczebla w roku `year` lub w zakresie',
          '`years=2015-2019` (do 30 lat). JSON jest stronicowany (rok, potem kod TERYT); csv, xlsx i jsonstat',
          'zawierają całość.',
          '',
          'The indicator’s value (or null with the reason) for every unit of the level in `year` or in a range',
          '`years=2015-2019` (up to 30 years). JSON is paged (year, then TERYT code); csv, xlsx and jsonstat',
          'carry the whole table.',
        ].join('\n'),
        tags: ['data'],
        params: IndicatorParams,
        querystring: IndicatorDataQuery,
        response: { 200: IndicatorData },
      },
    },
    async (request, reply) => {
      const indicator = indicatorOr404(request.params.id);
      const format = negotiateFormat(request.query.format, request.headers.accept);
      const { level, page = 1, pageSize = 5000 } = request.query;
      const years = yearsOf(request.query.year, request.query.years);
      if (!indicator.levels.includes(level)) {
        throw new ApiProblem(
          400,
          'level-not-supported',
          {
            pl: `Wskaźnik ${indicator.id} jest publikowany tylko dla szczebli: ${indicator.levels.join(', ')}.`,
            en: `The indicator ${indicator.id} is published only for: ${indicator.levels.join(', ')}.`,
          },
          'level',
        );
      }
      const release = await releaseFor(db, request.query.release);
      const [units, context] = await Promise.all([currentUnitsCached(db), benchmark.cheapContext(release)]);
      // The live release's values are in memory (the benchmarking context); an old release's, from the database.
      const stored = context
        ? contextLookup(context)
        : await indicatorRows(db, release, {
            indicators: [indicator],
            years,
            unitCodeLength: CODE_LENGTH[level],
          });
      // Stable order: year, then TERYT code, so one indicator-year is one contiguous block of pages.
      const columns = indicatorColumns(stored, indicator.id, unitsOfLevel(units, level), years);
      const hints = columns.available ? [] : await missingInputs(indicator, release);
      markRelease(reply, release);
      const { citation, licence } = citedIndicator(catalog, indicator);
      const name = `${indicator.id}-${level}-${request.query.years ?? years[0]}-r${release}`;
      if (format !== 'json') {
        const table = indicatorTable({
          indicators: [{ indicator, citation, licence }],
          release,
          url: request.url,
          lang: request.query.lang,
          rows: indicatorItems(columns).map((item) => tableRow(item.unit, indicator.id, item.year, item)),
        });
        await sendDownload(reply, format, request.query, name, table);
        return;
      }
      const { from, to, ...paging } = pageRange(columns.total, { page, pageSize, url: request.url });
      const answer = {
        indicator: indicatorRef(indicator, citation, licence),
        release,
        year: request.query.year ?? null,
        years,
        level,
        total: columns.total,
        values: columns.values,
        coverage: years.map((year, y) => {
          const c = columns.coverage[y] as Coverage;
          return { year, ...c, voivodeships: [...c.voivodeships] };
        }),
        available: columns.available,
        message: columns.available ? null : noDataMessage(hints),
        missingInputs: hints,
        ...paging,
      };
      // The items as bytes between the brackets of the rest as the route's serializer writes it
      // (formats/indicator-items-json.ts); through the serializer only if the schema stops ending with them.
      const head = reply.serializeInput({ ...answer, items: [] }, '200');
      const json = typeof head === 'string' ? indicatorDataJson(head, columns, from, to) : null;
      if (json) {
        await sendJsonBytes(reply, json);
        return;
      }
      return { ...answer, items: indicatorItems(columns, from, to) };
    },
  );
};
