/**
 * The portal's ingestion URLs (issue 18, point 5), in Polish and under /en: `/admin/wczytywanie` (the runs
 * and the upload form), its multipart POST `/admin/wczytywanie/plik`, and `/admin/wczytywanie/walidacja`
 * (the plausibility findings of the draft). The file goes on to the API as the visitor (its role check and
 * audit record are the only ones); the form's CSRF token is checked by api/auth/install.ts like any other,
 * once @fastify/multipart has read the form's fields into the body (preValidation, before that preHandler).
 */
import multipart from '@fastify/multipart';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { adminPage, personal, refusal } from './admin-page.js';
import type { Lang } from './format.js';
import {
  checkPage,
  ingestPage,
  type Mappings,
  type Refused,
  type Runs,
  type Upload,
} from './pages/admin-ingest.js';
import { apiAs, sessionOf } from './session.js';

type LangOf = (request: FastifyRequest) => Lang;

/** Must match MAX_UPLOAD_BYTES of api/routes/admin-ingest.ts (web/ does not import api/ code). */
const MAX_UPLOAD_BYTES = 20 * 2 ** 20;

interface UploadedFile {
  readonly filename: string;
  readonly bytes: Buffer;
  /** Over MAX_UPLOAD_BYTES: cut at the limit by the parser, and never sent on. */
  readonly tooLarge: boolean;
}

/** A file over the limit, as the API would refuse it: the page says what the limit is. */
function tooLarge(request: FastifyRequest): Refused {
  const message = {
    pl: 'Plik jest większy niż 20 MiB, a tyle najwyżej można wczytać przez tę stronę. Nic z niego nie zapisano. Podziel go na mniejsze pliki albo wczytaj go poleceniem smup ingest table.',
    en: 'The file is larger than 20 MiB, the most this page takes. Nothing of it was stored. Split it into smaller files or ingest it with the smup ingest table command.',
  };
  return {
    type: 'about:blank',
    title: 'Content Too Large',
    status: 413,
    detail: message.en,
    instance: request.url,
    code: 'file-too-large',
    message,
    problems: [],
  };
}

/** The runs and mappings of the page (or the API's refusal to show them). */
async function pageData(request: FastifyRequest, reply: FastifyReply) {
  const [runs, mappings] = await Promise.all([
    apiAs<Runs>(request, reply, 'GET', '/api/v1/admin/ingest/runs?pageSize=100'),
    apiAs<{ items: Mappings }>(request, reply, 'GET', '/api/v1/admin/ingest/mappings'),
  ]);
  return { runs, mappings };
}

// eslint-disable-next-line no-control-regex -- control characters are exactly what is removed
const CONTROL = /[\u0000-\u001F\u007F-\u009F]/g;

/** A file name the API accepts: the last path segment, printable characters only, at most 200. */
const cleanName = (name: string): string =>
  (name.split(/[\\/]/).pop() ?? '').replace(CONTROL, '').slice(-200);

async function upload(request: FastifyRequest, reply: FastifyReply, lang: Lang) {
  const body = (request.body ?? {}) as { mapping?: unknown; file?: unknown };
  const mapping = typeof body.mapping === 'string' ? body.mapping.slice(0, 100) : '';
  const file = body.file as UploadedFile | undefined;
  if (file?.tooLarge) {
    // Not sent on; the API is still asked for the page's data, so its role check answers as for any upload.
    const { runs, mappings } = await pageData(request, reply);
    if (runs.status !== 200) return refusal(request, reply, lang, runs);
    const session = await sessionOf(request, reply);
    return personal(reply.code(413)).send(
      ingestPage(lang, session, {
        runs: runs.body,
        mappings: mappings.body.items,
        chosen: mapping,
        refused: tooLarge(request),
      }),
    );
  }
  const bytes = file?.bytes ?? Buffer.alloc(0);
  const query = new URLSearchParams({ mapping, fileName: cleanName(file?.filename ?? '') || 'plik.csv' });
  const answer = await apiAs<Upload | Refused>(
    request,
    reply,
    'POST',
    `/api/v1/admin/ingest/table?${query.toString()}`,
    undefined,
    { bytes, type: 'application/octet-stream' },
  );
  if (answer.status === 401 || answer.status === 403) return refusal(request, reply, lang, answer);
  const { runs, mappings } = await pageData(request, reply);
  if (runs.status !== 200) return refusal(request, reply, lang, runs);
  const session = await sessionOf(request, reply);
  const view = { runs: runs.body, mappings: mappings.body.items, chosen: mapping };
  if (answer.status === 201) {
    return personal(reply).send(ingestPage(lang, session, { ...view, upload: answer.body as Upload }));
  }
  // A refused file lists its problems; another refusal (no file, an unknown mapping) says why, as one.
  const refused =
    'problems' in (answer.body as object)
      ? (answer.body as Refused)
      : ({ ...(answer.body as Refused), problems: [] } satisfies Refused);
  return personal(reply.code(answer.status >= 500 ? 503 : answer.status)).send(
    ingestPage(lang, session, { ...view, refused }),
  );
}

export async function adminIngestPortalRoutes(app: FastifyInstance, langOf: LangOf): Promise<void> {
  for (const prefix of ['', '/en']) {
    app.get(`${prefix}/admin/wczytywanie`, { schema: { hide: true } }, async (request, reply) => {
      const lang = langOf(request);
      const { runs, mappings } = await pageData(request, reply);
      if (runs.status !== 200) return refusal(request, reply, lang, runs);
      const session = await sessionOf(request, reply);
      return personal(reply).send(
        ingestPage(lang, session, { runs: runs.body, mappings: mappings.body.items }),
      );
    });
    app.get(`${prefix}/admin/wczytywanie/walidacja`, { schema: { hide: true } }, async (request, reply) => {
      const lang = langOf(request);
      const session = await sessionOf(request, reply);
      return adminPage(
        request,
        reply,
        lang,
        '/api/v1/admin/ingest/check',
        (report: Parameters<typeof checkPage>[2]) => checkPage(lang, session, report),
      );
    });
  }
  // Multipart for the upload form alone: registered in a scope of its own, so no other route reads it.
  await app.register(async (scope) => {
    await scope.register(multipart, {
      attachFieldsToBody: 'keyValues',
      limits: { fileSize: MAX_UPLOAD_BYTES, files: 1, fields: 5 },
      // A file over the limit is cut there and marked, not thrown as an error (which would answer the
      // generic error page before the CSRF check): the handler answers the upload page saying the limit.
      throwFileSizeLimit: false,
      async onFile(part) {
        const bytes = await part.toBuffer();
        // Kept with its name: the API is told the file name (its extension decides CSV or XLSX).
        (part as unknown as { value: UploadedFile }).value = {
          filename: part.filename,
          bytes: part.file.truncated ? Buffer.alloc(0) : bytes,
          tooLarge: part.file.truncated,
        };
      },
    });
    for (const prefix of ['', '/en']) {
      scope.post(`${prefix}/admin/wczytywanie/plik`, { schema: { hide: true } }, async (request, reply) =>
        upload(request, reply, langOf(request)),
      );
    }
  });
}
