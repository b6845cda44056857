/**
 * One unit of a batch: its report in each format the batch asks for, made by the same API endpoint the
 * portal and `smup report` use (in-process), written whole (files.ts). A format whose file is already there
 * is skipped, so a batch run again builds only what is missing.
 */
import { mkdirSync } from 'node:fs';
import type { FastifyInstance } from 'fastify';
import { batchFileName, reportQuery, type BatchParams } from './plan.js';
import { isDone, removeLeftovers, writeWhole } from './files.js';

/** A job's data: the unit and everything about the batch (a worker may serve several batches). */
export interface UnitJob {
  readonly batch: string;
  readonly code: string;
  readonly params: BatchParams;
}

export interface UnitResult {
  readonly written: string[];
  readonly skipped: string[];
  /** Why this unit has no report (the API's problem message): reported, not retried. */
  readonly problem?: string;
}

/** A failure worth another try (a 5xx other than "no Chromium"); a problem answer is not one. */
export class UnitBuildError extends Error {}

export async function buildUnit(
  app: FastifyInstance,
  { code, params }: UnitJob,
  /** The job was started before (a worker died): remove temporary files any machine left for it. */
  retried = false,
): Promise<UnitResult> {
  const result = { written: [] as string[], skipped: [] as string[] };
  const names = params.formats.map((format) => batchFileName(params, code, format));
  // The folder may be new to this machine (a worker elsewhere, on a shared disk).
  mkdirSync(params.out, { recursive: true });
  if (retried) removeLeftovers(params.out, new Set(names));
  for (const [i, format] of params.formats.entries()) {
    const name = names[i]!;
    if (isDone(params.out, name)) {
      result.skipped.push(name);
      continue;
    }
    const response = await app.inject(
      `/api/v1/units/${encodeURIComponent(code)}/report?${reportQuery(params, format)}`,
    );
    if (response.statusCode !== 200) {
      const problem = safeJson(response.body);
      const message = problem?.message?.[params.lang] ?? `HTTP ${response.statusCode}`;
      if (response.statusCode >= 500 && problem?.code !== 'pdf-unavailable')
        throw new UnitBuildError(`${code} ${format}: ${message}`);
      return { ...result, problem: `${format}: ${message}` };
    }
    writeWhole(params.out, name, response.rawPayload);
    result.written.push(name);
  }
  return result;
}

function safeJson(body: string): { code?: string; message?: { pl: string; en: string } } | null {
  try {
    return JSON.parse(body) as { code?: string; message?: { pl: string; en: string } };
  } catch {
    return null;
  }
}
