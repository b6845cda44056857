/**
 * Ingestion for data stewards and administrators (issue 18, point 5), under /api/v1/admin/ingest: the runs
 * the store records (ingest jobs with their progress, `smup sync` runs), the mappings a table file may be
 * uploaded with, the plausibility findings of a release (pipeline/check.ts), and the upload itself — the
 * bytes of a CSV or XLSX file as the request body, ingested into the draft as `smup ingest table` does
 * (pipeline/table-upload.ts). A file with any wrong line is refused whole (422, every problem listed) and
 * nothing of it is stored.
 */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { CompiledRule } from '../../domain/plausibility/check.js';
import { checkRelease } from '../../pipeline/check.js';
import { listMappings, mappingById } from '../../pipeline/table-mappings.js';
import { uploadTable } from '../../pipeline/table-upload.js';
import { FileFormatError } from '../../sources/files/file-problem.js';
import type { Database } from '../../store/database.js';
import { listIngestJobs, listSyncRuns } from '../../store/ingest-runs-store.js';
import { neverCached, SESSION_SECURITY } from '../auth/account-routes.js';
import { auditActor, requireRole } from '../auth/guard.js';
import { ApiProblem } from '../problem.js';
import {
  CheckQuery,
  CheckReport,
  FileRefused,
  IngestRuns,
  IngestRunsQuery,
  MappingList,
  UploadQuery,
  UploadReport,
} from '../schemas/admin-ingest.js';

/** The largest file accepted (the biggest reviewed BDL export is a few MiB). */
export const MAX_UPLOAD_BYTES = 20 * 2 ** 20;
const MAX_LISTED = 500;

/** Body types of an upload: the file's bytes as they are. */
export const UPLOAD_TYPES = [
  'text/csv',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  'application/octet-stream',
];

export interface AdminIngestOptions {
  readonly db: Database;
  readonly rules: readonly CompiledRule[];
  /** Where the mappings live (default: the bundled mappings/). */
  readonly mappingsDir?: string | undefined;
}

// Over 80 lines: a Fastify plugin: its body is the registrations of its routes (schema, then a handler each).
export const adminIngestRoutes: FastifyPluginAsyncTypebox<AdminIngestOptions> = async (
  app,
  { db, rules, mappingsDir },
) => {
  neverCached(app);
  const stewards = requireRole('admin', 'steward');
  const common = { tags: ['admin'], security: SESSION_SECURITY };
  app.addContentTypeParser(
    UPLOAD_TYPES,
    { parseAs: 'buffer', bodyLimit: MAX_UPLOAD_BYTES },
    (_r, body, done) => done(null, body),
  );

  app.get(
    '/admin/ingest/runs',
    {
      preHandler: stewards,
      schema: {
        ...common,
        operationId: 'listIngestRuns',
        summary:
          'Przebiegi wczytywania: zadania i synchronizacje / ingest jobs and sync runs, newest first (steward, admin)',
        querystring: IngestRunsQuery,
        response: { 200: IngestRuns },
      },
    },
    async (request) => {
      const { page = 1, pageSize = 50 } = request.query;
      const [jobs, syncs] = await Promise.all([
        listIngestJobs(db, { limit: pageSize, offset: (page - 1) * pageSize }),
        listSyncRuns(db, 20),
      ]);
      return { total: jobs.total, page, pageSize, jobs: jobs.items, syncs };
    },
  );

  app.get(
    '/admin/ingest/mappings',
    {
      preHandler: stewards,
      schema: {
        ...common,
        operationId: 'listTableMappings',
        summary:
          'Mapowania plików tabelarycznych / the mappings a table file may be uploaded with (steward, admin)',
        response: { 200: MappingList },
      },
    },
    async () => ({ items: listMappings(mappingsDir) }),
  );

  app.get(
    '/admin/ingest/check',
    {
      preHandler: stewards,
      schema: {
        ...common,
        operationId: 'checkReleasePlausibility',
        summary:
          'Raport walidacji: reguły wiarygodności na wydaniu / the plausibility findings of a release, the draft by default (steward, admin)',
        querystring: CheckQuery,
        response: { 200: CheckReport },
      },
    },
    async (request) => {
      const { release, violations } = await checkRelease(db, rules, request.query.release);
      return {
        release,
        hard: violations.filter((v) => v.severity === 'hard').length,
        warning: violations.filter((v) => v.severity === 'warning').length,
        violations: violations.slice(0, MAX_LISTED),
      };
    },
  );

  app.post(
    '/admin/ingest/table',
    {
      preHandler: stewards,
      bodyLimit: MAX_UPLOAD_BYTES,
      schema: {
        ...common,
        operationId: 'uploadTableFile',
        summary:
          'Wczytaj plik CSV/XLSX do wersji roboczej / ingest a CSV or XLSX file into the draft (steward, admin)',
        description:
          'Treść żądania: bajty pliku (Content-Type text/csv, application/vnd.openxmlformats-officedocument.spreadsheetml.sheet lub application/octet-stream, do 20 MiB). Plik z jakimkolwiek błędem jest odrzucany w całości (422, każdy problem z numerem wiersza). / The body is the file’s bytes (up to 20 MiB). A file with any error is refused whole (422, each problem with its line).',
        querystring: UploadQuery,
        response: { 201: UploadReport, 422: FileRefused },
      },
    },
    async (request, reply) => {
      const { mapping: mappingId, fileName } = request.query;
      const bytes = request.body;
      if (!Buffer.isBuffer(bytes) || bytes.length === 0) {
        throw new ApiProblem(400, 'file-missing', {
          pl: 'Brak pliku: treścią żądania mają być bajty pliku CSV lub XLSX.',
          en: 'No file: the request body must be the bytes of a CSV or XLSX file.',
        });
      }
      if (!/\.(csv|xlsx)$/i.test(fileName)) {
        throw new ApiProblem(
          400,
          'file-type',
          { pl: 'Plik musi mieć rozszerzenie .csv lub .xlsx.', en: 'The file must end in .csv or .xlsx.' },
          'fileName',
        );
      }
      const mapping = mappingById(mappingId, mappingsDir);
      if (!mapping) {
        throw new ApiProblem(
          400,
          'unknown-mapping',
          { pl: `Nie ma mapowania „${mappingId}”.`, en: `There is no mapping "${mappingId}".` },
          'mapping',
        );
      }
      try {
        const report = await uploadTable(db, {
          bytes,
          fileName,
          mappingId,
          mapping,
          rules,
          actor: await auditActor(request),
        });
        return reply.code(201).send({
          ...report,
          warnings: [...report.warnings],
          check: { ...report.check, violations: [...report.check.violations] },
        });
      } catch (error) {
        if (!(error instanceof FileFormatError)) throw error;
        return reply
          .code(422)
          .type('application/problem+json; charset=utf-8')
          .send({
            type: 'urn:smup:problem:file-refused',
            title: 'Unprocessable Content',
            status: 422,
            detail: error.message,
            instance: request.url,
            code: 'file-refused',
            message: {
              pl: `Pliku ${fileName} nie wczytano: ${error.problems.length}${error.truncated ? '+' : ''} problem(ów). Nic z niego nie zapisano.`,
              en: `${fileName} was not ingested: ${error.problems.length}${error.truncated ? '+' : ''} problem(s). Nothing of it was stored.`,
            },
            problems: [...error.problems],
          });
      }
    },
  );
};
