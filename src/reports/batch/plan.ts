/**
 * A report batch: every unit of a level (or every gmina or powiat of one województwo), in one or more formats,
 * against one published release. Its id is a hash of everything that makes its files, so running the same
 * command again finds the same batch (and its files, and its jobs in the queue) and continues it.
 */
import { createHash } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { releaseFor } from '../../api/routes/data.js';
import type { Database } from '../../store/database.js';
import type { ReportFormat } from '../model.js';
import { reportFileNameOf } from '../render.js';

export const BATCH_LEVELS = ['wojewodztwo', 'powiat', 'gmina'] as const;
export type BatchLevel = (typeof BATCH_LEVELS)[number];

/** What makes a batch's files; a job carries it whole, so a worker needs nothing else. */
export interface BatchParams {
  readonly level: BatchLevel;
  /** Two digits; null: the whole country. */
  readonly voivodeship: string | null;
  readonly year: number | null;
  readonly against: string;
  readonly areas: string | null;
  readonly formats: readonly ReportFormat[];
  readonly lang: 'pl' | 'en';
  /** The release every report of the batch is built from, pinned when the batch starts. */
  readonly release: number;
  /** Absolute folder of the files (shared by every worker: one machine, or a shared disk). */
  readonly out: string;
}

/** What the user asks for; the release is the one published when the batch starts. */
export type BatchRequest = Omit<BatchParams, 'release'>;

export interface BatchUnit {
  readonly code: string;
  readonly name: string;
}

export interface Batch {
  readonly id: string;
  readonly params: BatchParams;
  readonly units: readonly BatchUnit[];
}

/** Bad input for the whole batch: the CLI prints the message and writes no file. */
export class BatchInputError extends Error {}

export function batchId(params: BatchParams): string {
  const stable = { ...params, formats: [...params.formats].sort() };
  const text = JSON.stringify(Object.entries(stable).sort(([a], [b]) => a.localeCompare(b)));
  return createHash('sha256').update(text).digest('hex').slice(0, 16);
}

export function batchFileName(params: BatchParams, code: string, format: ReportFormat): string {
  return reportFileNameOf(code, params.year, params.against, params.lang, format);
}

const say = (lang: 'pl' | 'en', pl: string, en: string) => (lang === 'pl' ? pl : en);

interface Answer<T> {
  status: number;
  body: T;
}
const get = async <T>(app: FastifyInstance, url: string): Promise<Answer<T>> => {
  const response = await app.inject(url);
  return { status: response.statusCode, body: response.json() as T };
};
interface ProblemBody {
  code?: string;
  message?: { pl: string; en: string };
}

/**
 * The units of the batch, read from the API in-process; an unknown level or województwo, an empty set of
 * units, or report options every unit would refuse (a bad area, set or year) end here with a message.
 */
export async function planBatch(app: FastifyInstance, db: Database, request: BatchRequest): Promise<Batch> {
  const { lang } = request;
  const params: BatchParams = { ...request, release: await releaseFor(db, undefined) };
  if (!(BATCH_LEVELS as readonly string[]).includes(params.level))
    throw new BatchInputError(
      say(
        lang,
        `Nieznany poziom „${params.level}”; batch obejmuje poziomy: ${BATCH_LEVELS.join(', ')}.`,
        `Unknown level "${params.level}"; a batch covers the levels ${BATCH_LEVELS.join(', ')}.`,
      ),
    );
  if (params.voivodeship !== null) {
    const unit = /^\d{2}$/.test(params.voivodeship)
      ? await get<{ level?: string }>(app, `/api/v1/units/${params.voivodeship}`)
      : null;
    if (unit?.status !== 200 || unit.body.level !== 'wojewodztwo')
      throw new BatchInputError(
        say(
          lang,
          `Nie ma województwa ${params.voivodeship} (kod TERYT województwa to 2 cyfry, np. 12).`,
          `There is no województwo ${params.voivodeship} (its TERYT code is 2 digits, e.g. 12).`,
        ),
      );
  }
  const units = await listUnits(app, params);
  if (units.length === 0)
    throw new BatchInputError(
      say(
        lang,
        `Brak jednostek poziomu ${params.level}${params.voivodeship ? ` w województwie ${params.voivodeship}` : ''}: nie ma czego tworzyć.`,
        `No units of level ${params.level}${params.voivodeship ? ` in województwo ${params.voivodeship}` : ''}: nothing to build.`,
      ),
    );
  await checkOptions(app, params, units[0]!.code);
  return { id: batchId(params), params, units };
}

async function listUnits(app: FastifyInstance, params: BatchParams): Promise<BatchUnit[]> {
  const units: BatchUnit[] = [];
  for (let page = 1; ; page++) {
    const query = new URLSearchParams({ level: params.level, pageSize: '500', page: String(page) });
    if (params.voivodeship !== null && params.level !== 'wojewodztwo')
      query.set('parent', params.voivodeship);
    const { body } = await get<{ items: BatchUnit[]; total: number }>(app, `/api/v1/units?${query}`);
    units.push(...body.items.map(({ code, name }) => ({ code, name })));
    if (body.items.length === 0 || units.length >= body.total) break;
  }
  return params.level === 'wojewodztwo' && params.voivodeship !== null
    ? units.filter((u) => u.code === params.voivodeship)
    : units;
}

/** The query every report of the batch is asked with (the release pinned). */
export function reportQuery(params: BatchParams, format: ReportFormat): URLSearchParams {
  const query = new URLSearchParams({
    against: params.against,
    format,
    lang: params.lang,
    release: String(params.release),
  });
  if (params.year !== null) query.set('year', String(params.year));
  if (params.areas !== null) query.set('areas', params.areas);
  return query;
}

/** Problems that would refuse every unit alike (not one unit's missing year or empty neighbourhood). */
const BATCH_WIDE = new Set(['area-not-found', 'release-not-found']);

/** Asks the first unit's diagnosis (cheap, no document) so a bad area or option stops the batch at once. */
async function checkOptions(app: FastifyInstance, params: BatchParams, code: string): Promise<void> {
  const query = reportQuery(params, 'json');
  query.delete('format');
  const answer = await get<ProblemBody>(app, `/api/v1/units/${code}/diagnosis?${query}`);
  if (answer.status === 400 || BATCH_WIDE.has(answer.body.code ?? ''))
    throw new BatchInputError(answer.body.message?.[params.lang] ?? `HTTP ${answer.status}`);
}
