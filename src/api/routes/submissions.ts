/**
 * Data the JST supply themselves (issue 18, point 4) over HTTP: a JST editor's variables and template, the
 * submission of values (JSON, or a filled CSV/XLSX template as the request body), the submissions, and a
 * data steward's accept or reject. Rights: a JST editor only for the units they are bound to (and only their
 * own submissions); stewards and administrators review every unit; anyone else 403; no session 401. Every
 * state change is audited in its own transaction (pipeline/jst-submissions.ts).
 */
// Over 400 lines: the JST submission endpoints with their OpenAPI texts and rights, one plugin; the checks and the workflow are in domain/ and pipeline/.
import type { FastifyPluginAsyncTypebox, TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Catalog } from '../../domain/catalog/schema.js';
import type { CompiledRule } from '../../domain/plausibility/check.js';
import type { SubmissionProblem, SubmittedEntry } from '../../domain/submissions/check-entries.js';
import { jstVariables, variablesOfUnit } from '../../domain/submissions/jst-variables.js';
import {
  acceptSubmission,
  FIRST_YEAR,
  lastYear,
  rejectSubmission,
  REVIEWER_ROLES,
  submitValues,
  SubmissionError,
  type Person,
} from '../../pipeline/jst-submissions.js';
import { FileFormatError } from '../../sources/files/file-problem.js';
import {
  readFilledTemplate,
  templateCsv,
  templateFileName,
  templateXlsx,
} from '../../sources/jst/template.js';
import type { Database } from '../../store/database.js';
import { getSubmission, listSubmissions, type Submission } from '../../store/submissions-store.js';
import { unitsAt } from '../../store/units-store.js';
import {
  auditActor,
  requireCurrentUser,
  requireRole,
  requireUnitEditor,
  type AccountUser,
} from '../auth/guard.js';
import { ApiProblem } from '../problem.js';
import {
  FileQuery,
  JstVariableList,
  ReasonBody,
  SubmissionBody,
  SubmissionList,
  SubmissionListQuery,
  SubmissionParams,
  SubmissionSchema,
  TemplateQuery,
  TerytParams,
} from '../schemas/submissions.js';

const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const FILE_LIMIT = 2 * 2 ** 20;

const person = (user: AccountUser): Person => ({
  id: user.id,
  displayName: user.displayName,
  role: user.role,
  units: user.units,
});

/** A refused submission as problem+json, with every problem listed (`problems`). */
function sendRefusal(
  reply: FastifyReply,
  request: FastifyRequest,
  error: SubmissionError | FileFormatError,
): FastifyReply {
  const refusal =
    error instanceof SubmissionError
      ? error
      : new SubmissionError(
          422,
          'file-invalid',
          {
            pl: `Pliku ${error.file} nie da się odczytać jako szablonu.`,
            en: `${error.file} cannot be read as the template.`,
          },
          error.problems.map((p): SubmissionProblem => ({
            line: p.line,
            variableId: null,
            field: 'file',
            severity: 'error',
            message: {
              pl: `oczekiwano: ${p.expected}${p.found === null ? '' : `; jest: ${p.found}`}`,
              en: `expected ${p.expected}${p.found === null ? '' : `, found ${p.found}`}`,
            },
          })),
        );
  return reply
    .code(refusal.status)
    .type('application/problem+json')
    .send({
      type: `urn:smup:problem:${refusal.code}`,
      title: refusal.status === 422 ? 'Unprocessable Content' : refusal.status === 409 ? 'Conflict' : 'Error',
      status: refusal.status,
      detail: refusal.messages.en,
      instance: request.url,
      code: refusal.code,
      message: refusal.messages,
      problems: refusal.problems,
    });
}

export interface SubmissionRoutesOptions {
  readonly db: Database;
  readonly catalog: Catalog;
  readonly rules: readonly CompiledRule[];
}

// Over 80 lines: a Fastify plugin: its body is the registrations of its routes (schema, then a handler each).
export const submissionRoutes: FastifyPluginAsyncTypebox<SubmissionRoutesOptions> = async (
  app,
  { db, catalog, rules },
) => {
  const variables = jstVariables(catalog);
  const names = new Map(variables.map((v) => [v.id, v]));
  const unitNames = async (codes: readonly string[]) =>
    new Map((await unitsAt(db, [...new Set(codes)], null)).map((u) => [u.code, u.name]));
  const view = (s: Submission, unitName: string | null) => ({
    id: s.id,
    unit: { code: s.unitCode, name: unitName },
    author: s.author,
    comment: s.comment,
    origin: s.origin,
    fileName: s.fileName,
    status: s.status,
    submittedAt: s.submittedAt,
    reviewer: s.reviewer,
    reviewedAt: s.reviewedAt,
    reason: s.reason,
    release: { draft: s.draftRelease, published: s.publishedRelease },
    warnings: [...s.warnings],
    values: s.values.map((v) => ({
      variable: {
        id: v.variableId,
        name: names.get(v.variableId)?.label.pl ?? null,
        measureUnit: names.get(v.variableId)?.measureUnit ?? null,
      },
      year: v.year,
      value: v.value,
      line: v.line,
    })),
  });
  const unitOf = async (teryt: string) => {
    const [unit] = await unitsAt(db, [teryt], null);
    if (!unit) {
      throw new ApiProblem(
        404,
        'unit-not-found',
        { pl: `Nie ma jednostki ${teryt}.`, en: `There is no unit ${teryt}.` },
        'teryt',
      );
    }
    return unit;
  };
  const editorOrReviewer = requireUnitEditor(
    (r) => (r.params as { teryt?: string }).teryt,
    ['steward', 'admin'],
  );
  const editorOnly = requireUnitEditor((r) => (r.params as { teryt?: string }).teryt);
  const tags = ['jst-data'];
  const noStore = (reply: FastifyReply) => reply.header('cache-control', 'no-store');

  app.get(
    '/jst/units/:teryt/variables',
    {
      preHandler: editorOrReviewer,
      schema: {
        summary:
          'Zmienne przekazywane przez JST / the variables this unit reports itself (its JST editor, stewards)',
        tags,
        params: TerytParams,
        response: { 200: JstVariableList },
      },
    },
    async (request, reply) => {
      const unit = await unitOf(request.params.teryt);
      noStore(reply);
      return {
        unit: { code: unit.code, name: unit.name, level: unit.level },
        years: { first: FIRST_YEAR, last: lastYear() },
        variables: variablesOfUnit(variables, unit.code).map((v) => ({
          id: v.id,
          name: v.label,
          measureUnit: v.measureUnit,
          decimals: v.decimals,
        })),
      };
    },
  );

  app.get(
    '/jst/units/:teryt/template',
    {
      preHandler: editorOrReviewer,
      schema: {
        summary: 'Szablon do wypełnienia / the template of this unit (XLSX or CSV), to fill in and send back',
        tags,
        params: TerytParams,
        querystring: TemplateQuery,
      },
    },
    async (request, reply) => {
      const unit = await unitOf(request.params.teryt);
      const { format = 'xlsx', year = lastYear() - 1 } = request.query;
      const own = variablesOfUnit(variables, unit.code);
      noStore(reply).header(
        'content-disposition',
        `attachment; filename="${templateFileName(unit, year, format)}"`,
      );
      if (format === 'csv') return reply.type('text/csv; charset=utf-8').send(templateCsv(unit, year, own));
      return reply.type(XLSX_TYPE).send(await templateXlsx(unit, year, own));
    },
  );

  app.post(
    '/jst/units/:teryt/submissions',
    {
      preHandler: editorOnly,
      schema: {
        summary: 'Zgłoś wartości / submit values of this unit for review (its JST editor)',
        tags,
        params: TerytParams,
        body: SubmissionBody,
        response: { 201: SubmissionSchema },
      },
    },
    async (request, reply) => {
      const user = await requireCurrentUser(request);
      const entries: SubmittedEntry[] = request.body.values.map((v, i) => ({
        line: i + 1,
        variableId: v.variable,
        year: v.year,
        value: v.value,
      }));
      try {
        const submission = await submitValues(db, {
          actor: await auditActor(request),
          author: person(user),
          unitCode: request.params.teryt,
          comment: request.body.comment ?? '',
          origin: 'form',
          entries,
          variables,
          rules,
        });
        return reply
          .code(201)
          .send(view(submission, (await unitNames([submission.unitCode])).get(submission.unitCode) ?? null));
      } catch (error) {
        if (error instanceof SubmissionError) return sendRefusal(reply, request, error);
        throw error;
      }
    },
  );

  await app.register(async (scope) => {
    const files = scope.withTypeProvider<TypeBoxTypeProvider>();
    // A filled template is the request body itself (curl --data-binary @plik.xlsx), up to 2 MiB.
    for (const type of ['text/csv', XLSX_TYPE, 'application/octet-stream']) {
      files.addContentTypeParser(type, { parseAs: 'buffer', bodyLimit: FILE_LIMIT }, (_r, body, done) =>
        done(null, body),
      );
    }
    files.post(
      '/jst/units/:teryt/submissions/file',
      {
        preHandler: editorOnly,
        bodyLimit: FILE_LIMIT,
        schema: {
          summary: 'Zgłoś wypełniony szablon / submit a filled template (CSV or XLSX as the request body)',
          tags,
          params: TerytParams,
          querystring: FileQuery,
          response: { 201: SubmissionSchema },
        },
      },
      async (request, reply) => {
        const user = await requireCurrentUser(request);
        const body = request.body;
        if (!Buffer.isBuffer(body) || body.length === 0) {
          throw new ApiProblem(400, 'file-missing', {
            pl: 'Brak pliku: wyślij wypełniony szablon (CSV lub XLSX) jako treść żądania.',
            en: 'No file: send the filled template (CSV or XLSX) as the request body.',
          });
        }
        const xlsx = body[0] === 0x50 && body[1] === 0x4b;
        const fileName = request.query.fileName ?? (xlsx ? 'szablon.xlsx' : 'szablon.csv');
        try {
          const entries = await readFilledTemplate(body, fileName);
          const submission = await submitValues(db, {
            actor: await auditActor(request),
            author: person(user),
            unitCode: request.params.teryt,
            comment: request.query.comment ?? '',
            origin: xlsx ? 'xlsx' : 'csv',
            fileName,
            entries,
            variables,
            rules,
          });
          return reply
            .code(201)
            .send(
              view(submission, (await unitNames([submission.unitCode])).get(submission.unitCode) ?? null),
            );
        } catch (error) {
          if (error instanceof SubmissionError || error instanceof FileFormatError)
            return sendRefusal(reply, request, error);
          throw error;
        }
      },
    );
  });

  app.get(
    '/jst/submissions',
    {
      preHandler: requireRole('jst_editor', 'steward', 'admin'),
      schema: {
        summary: 'Zgłoszenia / submissions: all for stewards, one’s own for a JST editor',
        tags,
        querystring: SubmissionListQuery,
        response: { 200: SubmissionList },
      },
    },
    async (request, reply) => {
      const user = await requireCurrentUser(request);
      const { page = 1, pageSize = 50, status, unit } = request.query;
      const reviewer = REVIEWER_ROLES.includes(user.role);
      const { total, items } = await listSubmissions(db, {
        status,
        unitCodes: unit ? [unit] : undefined,
        authorId: reviewer ? undefined : user.id,
        limit: pageSize,
        offset: (page - 1) * pageSize,
      });
      const unitName = await unitNames(items.map((s) => s.unitCode));
      noStore(reply);
      return { total, page, pageSize, items: items.map((s) => view(s, unitName.get(s.unitCode) ?? null)) };
    },
  );

  const readable = async (request: FastifyRequest, id: number) => {
    const user = await requireCurrentUser(request);
    const submission = await getSubmission(db, id);
    // Someone else's submission is "not found" to a JST editor, so ids reveal nothing.
    if (!submission || (!REVIEWER_ROLES.includes(user.role) && submission.authorId !== user.id)) {
      if (submission && user.role !== 'jst_editor') {
        throw new ApiProblem(403, 'forbidden', {
          pl: 'Brak uprawnień: zgłoszenia czyta ich autor i opiekun danych.',
          en: 'Not allowed: a submission is read by its author and the data stewards.',
        });
      }
      throw new ApiProblem(
        404,
        'submission-not-found',
        { pl: `Nie ma zgłoszenia nr ${id}.`, en: `There is no submission ${id}.` },
        'id',
      );
    }
    return submission;
  };

  app.get(
    '/jst/submissions/:id',
    {
      preHandler: requireRole('jst_editor', 'steward', 'admin'),
      schema: {
        summary: 'Zgłoszenie / one submission (its author, stewards)',
        tags,
        params: SubmissionParams,
        response: { 200: SubmissionSchema },
      },
    },
    async (request, reply) => {
      const submission = await readable(request, request.params.id);
      noStore(reply);
      return view(submission, (await unitNames([submission.unitCode])).get(submission.unitCode) ?? null);
    },
  );

  const decide = async (
    request: FastifyRequest,
    reply: FastifyReply,
    act: (reviewer: Person) => Promise<Submission>,
  ) => {
    const user = await requireCurrentUser(request);
    try {
      const submission = await act(person(user));
      return reply.send(
        view(submission, (await unitNames([submission.unitCode])).get(submission.unitCode) ?? null),
      );
    } catch (error) {
      if (error instanceof SubmissionError) return sendRefusal(reply, request, error);
      throw error;
    }
  };

  app.post(
    '/jst/submissions/:id/accept',
    {
      preHandler: requireRole('steward', 'admin'),
      schema: {
        summary:
          'Przyjmij zgłoszenie / accept: its values enter the next release flagged "dane przekazane przez JST"',
        tags,
        params: SubmissionParams,
        response: { 200: SubmissionSchema },
      },
    },
    async (request, reply) =>
      decide(request, reply, async (reviewer) =>
        acceptSubmission(db, {
          actor: await auditActor(request),
          reviewer,
          id: request.params.id,
          variables,
        }),
      ),
  );

  app.post(
    '/jst/submissions/:id/reject',
    {
      preHandler: requireRole('steward', 'admin'),
      schema: {
        summary: 'Odrzuć zgłoszenie / reject with a reason (the author still reads it)',
        tags,
        params: SubmissionParams,
        body: ReasonBody,
        response: { 200: SubmissionSchema },
      },
    },
    async (request, reply) =>
      decide(request, reply, async (reviewer) =>
        rejectSubmission(db, {
          actor: await auditActor(request),
          reviewer,
          id: request.params.id,
          reason: request.body.reason,
        }),
      ),
  );
};
