/**
 * `GET /api/v1/units/{teryt}/report`: a unit's report as PDF, DOCX, PPTX, XLSX or JSON (issue 15). Registered
 * by the composition root (src/server.ts) under /api/v1, since reports use the portal's charts and api/
 * imports neither. Bad input is a problem answer before any document is made (api/diagnosis.ts); without
 * Chromium the PDF answers 503 and the other formats still work.
 */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type, type Static } from '@sinclair/typebox';
import type { FastifyReply } from 'fastify';
import { loadCatalog } from '../sources/catalog/load-catalog.js';
import { parseAreas } from '../api/diagnosis.js';
import { clientOf } from '../api/plugins/client-limits.js';
import { markRelease } from '../api/plugins/release-caching.js';
import { ApiProblem } from '../api/problem.js';
import { releaseFor } from '../api/routes/data.js';
import { StringEnum } from '../api/schemas/common.js';
import { DiagnosisQuery } from '../api/schemas/diagnosis.js';
import { UnitCodeParams } from '../api/schemas/profile.js';
import { UNIT_CODE_SOURCE } from '../domain/units/teryt-code.js';
import { catalogueFacts } from '../domain/report/catalogue-facts.js';
import type { Catalog } from '../domain/catalog/schema.js';
import type { Database } from '../store/database.js';
import { ReportBuilds } from './builds.js';
import { loadReport } from './load.js';
import { loadCompareReport, MAX_COMPARED_UNITS, parseUnits } from './compare.js';
import type { ReportFormat, ReportModel } from './model.js';
import { PdfPrinter } from './render-pdf.js';
import { CONTENT_TYPES, renderReport, reportFileName } from './render.js';

export const ReportQuery = Type.Object(
  {
    ...DiagnosisQuery.properties,
    format: Type.Optional(
      StringEnum(['pdf', 'docx', 'pptx', 'xlsx', 'json'] as const, {
        default: 'pdf',
        description:
          'pdf (tagged, A4), docx (editable), pptx (presentation), xlsx (numbers), json (the report model).',
      }),
    ),
  },
  { additionalProperties: false },
);

export const CompareReportQuery = Type.Object(
  {
    units: Type.String({
      pattern: `^${UNIT_CODE_SOURCE}(,${UNIT_CODE_SOURCE}){1,${MAX_COMPARED_UNITS - 1}}$`,
      maxLength: 100,
      description: `Jednostki (kody TERYT) po przecinku / TERYT codes, comma-separated, 2 to ${MAX_COMPARED_UNITS}.`,
      examples: ['1219053,1261011'],
    }),
    ...ReportQuery.properties,
  },
  { additionalProperties: false },
);

export interface ReportRoutesOptions {
  readonly db: Database;
  readonly catalog?: Catalog;
  /** Reports built at once (default 2: the machines have 2 cores). */
  readonly concurrency?: number;
  readonly printer?: PdfPrinter;
}

const binary = (description: string) => ({ schema: { type: 'string', format: 'binary', description } });

// Over 80 lines: a Fastify plugin: its body is the registrations of its routes (schema, then a handler each).
export const reportRoutes: FastifyPluginAsyncTypebox<ReportRoutesOptions> = async (app, options) => {
  const facts = catalogueFacts(options.catalog ?? loadCatalog().catalog);
  const printer = options.printer ?? new PdfPrinter();
  const builds = new ReportBuilds<{ body: Buffer; fileName: string; release: number }>(
    options.concurrency ?? 2,
  );
  app.addHook('onClose', async () => printer.close());

  const responses = {
    200: {
      description: 'The report; Content-Disposition names the file.',
      content: {
        'application/pdf': binary('PDF/UA-style tagged PDF, A4'),
        [CONTENT_TYPES.docx]: binary('Word document'),
        [CONTENT_TYPES.pptx]: binary('PowerPoint presentation'),
        [CONTENT_TYPES.xlsx]: binary('Excel workbook'),
        'application/json': { schema: { type: 'object', additionalProperties: true } },
      },
    },
    503: { description: 'Chromium is not installed: no PDF (the other formats work).' },
  };

  /** Checks the format, joins or starts the build, answers with the file. */
  const answer = async (
    reply: FastifyReply,
    query: Static<typeof ReportQuery>,
    subject: string,
    load: (release: number) => Promise<ReportModel>,
  ) => {
    const format: ReportFormat = query.format ?? 'pdf';
    if (format === 'pdf' && !printer.available()) {
      throw new ApiProblem(
        503,
        'pdf-unavailable',
        {
          pl: `Serwer nie ma przeglądarki Chromium (${printer.executablePath}, ustawienie SMUP_CHROMIUM), więc nie tworzy PDF. Formaty docx, pptx, xlsx i json działają.`,
          en: `The server has no Chromium (${printer.executablePath}, setting SMUP_CHROMIUM), so it makes no PDF. The docx, pptx, xlsx and json formats work.`,
        },
        'format',
      );
    }
    const release = await releaseFor(options.db, query.release);
    const key = `${release}|${subject}|${JSON.stringify(Object.entries({ ...query, format }).sort())}`;
    const report = await builds.build(key, async () => {
      const model = await load(release);
      const body = await renderReport(model, format, printer);
      return { body, fileName: reportFileName(model, format), release: model.release };
    });
    markRelease(reply, report.release);
    reply
      .type(CONTENT_TYPES[format])
      .header(
        'content-disposition',
        `${format === 'json' ? 'inline' : 'attachment'}; filename="${report.fileName}"`,
      );
    return reply.send(report.body);
  };

  app.get(
    '/units/:teryt/report',
    {
      schema: {
        operationId: 'getUnitReport',
        summary: 'Raport jednostki / a unit’s report: PDF, DOCX, PPTX, XLSX or JSON',
        description:
          'Title page, summary of the diagnosis, one section per area (table: value, set median, Q1–Q3, rank, position, 5-year trend; charts), methodology and sources. The PDF is tagged (structure, language, alternative texts). A request for a report being built waits for that build.',
        tags: ['reports'],
        params: UnitCodeParams,
        querystring: ReportQuery,
        response: responses,
      },
    },
    async (request, reply) => {
      const query = request.query;
      return answer(reply, query, request.params.teryt, (release) =>
        loadReport(app, facts, {
          teryt: request.params.teryt,
          year: query.year,
          against: query.against,
          areas: parseAreas(query.areas),
          lang: query.lang,
          release,
          client: clientOf(request),
        }),
      );
    },
  );

  app.get(
    '/compare/report',
    {
      schema: {
        operationId: 'getCompareReport',
        summary: 'Raport porównawczy / several units side by side: PDF, DOCX, PPTX, XLSX or JSON',
        description: `The report of 2 to ${MAX_COMPARED_UNITS} units of one level, each against its own reference set: one table row per indicator and unit, each unit's diagnosis in the summary.`,
        tags: ['reports'],
        querystring: CompareReportQuery,
        response: responses,
      },
    },
    async (request, reply) => {
      const { units, ...query } = request.query;
      const codes = parseUnits(units);
      return answer(reply, query, codes.join(','), (release) =>
        loadCompareReport(app, facts, codes, {
          year: query.year,
          against: query.against,
          areas: parseAreas(query.areas),
          lang: query.lang,
          release,
          client: clientOf(request),
        }),
      );
    },
  );
};
