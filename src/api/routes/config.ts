/**
 * `GET /api/v1/config`: what a client needs to know before it asks (PxWebApi's /config is the precedent,
 * CONVENTIONS.md "Data API"): languages, data formats and how to choose them, the limits of one request,
 * the rate limit, and how to cite each source — in Polish and English.
 */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import type { Catalog } from '../../domain/catalog/schema.js';
import { CONTENT_TYPES, FORMATS } from '../formats/data-table.js';
import { DATA_LIMITS } from '../list-params.js';
import { Label, MAX_DATA_PAGE_SIZE, MAX_PAGE_SIZE, Nullable } from '../schemas/common.js';

const ApiConfig = Type.Object({
  languages: Type.Array(Type.String()),
  formats: Type.Array(Type.Object({ id: Type.String(), mediaType: Type.String(), description: Label })),
  limits: Type.Object({
    units: Type.Integer({ description: 'Units in one comparison.' }),
    indicators: Type.Integer({ description: 'Indicators in one comparison or unit query.' }),
    years: Type.Integer({ description: 'Years in one `years=` range.' }),
    pageSize: Type.Integer({ description: 'Items per page of lists (units, variables).' }),
    dataPageSize: Type.Integer({ description: 'Items per page of JSON data answers.' }),
    requestsPerMinute: Nullable(Type.Integer({ description: 'Per client (IP); null: no limit.' })),
  }),
  sources: Type.Array(
    Type.Object({
      id: Type.String(),
      name: Type.String(),
      citation: Type.String(),
      licence: Type.String(),
      url: Nullable(Type.String()),
    }),
  ),
  citation: Label,
  structure: Nullable(
    Type.Object(
      {
        population: Type.String(),
        density: Type.String(),
        share_post_working_age: Type.String(),
        revenue_per_resident: Type.String(),
      },
      {
        description:
          'Which indicators describe a unit (catalog/config.yaml): comparison groups by population, similarity by all four.',
      },
    ),
  ),
});

const FORMAT_LABELS: Record<(typeof FORMATS)[number], { pl: string; en: string }> = {
  json: { pl: 'JSON (płaskie wiersze, stronicowane)', en: 'JSON (flat rows, paged)' },
  csv: {
    pl: 'CSV UTF-8 z BOM; sep=semicolon i decimal=comma dla polskiego Excela',
    en: 'CSV, UTF-8 with BOM; sep=semicolon and decimal=comma for Polish Excel',
  },
  xlsx: { pl: 'XLSX z arkuszem metadanych', en: 'XLSX with a metadata sheet' },
  jsonstat: { pl: 'JSON-stat 2.0 (flagi w status)', en: 'JSON-stat 2.0 (flags as status)' },
};

export const configRoutes: FastifyPluginAsyncTypebox<{ catalog: Catalog; rateLimit: number }> = async (
  app,
  { catalog, rateLimit },
) => {
  app.get(
    '/config',
    {
      schema: {
        summary: 'Konfiguracja API / languages, formats, limits and how to cite each source',
        tags: ['releases'],
        response: { 200: ApiConfig },
      },
    },
    async () => ({
      languages: ['pl', 'en'],
      formats: FORMATS.map((id) => ({
        id,
        mediaType: id === 'json' ? 'application/json' : (CONTENT_TYPES[id].split(';')[0] ?? ''),
        description: FORMAT_LABELS[id],
      })),
      limits: {
        ...DATA_LIMITS,
        pageSize: MAX_PAGE_SIZE,
        dataPageSize: MAX_DATA_PAGE_SIZE,
        requestsPerMinute: rateLimit > 0 ? rateLimit : null,
      },
      sources: Object.entries(catalog.config.sources).map(([id, s]) => ({
        id,
        name: s.name,
        citation: s.citation,
        licence: s.licence,
        url: s.url ?? null,
      })),
      citation: {
        pl: 'Wskaźniki: obliczenia własne SMUP na podstawie danych źródeł (pole citation każdej odpowiedzi); podaj wydanie (release).',
        en: 'Indicators: SMUP’s own computation on the sources’ data (each answer’s citation field); cite the release.',
      },
      structure: catalog.config.structure ?? null,
    }),
  );
};
