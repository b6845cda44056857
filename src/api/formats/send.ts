/**
 * Sends a data answer as CSV, XLSX or JSON-stat from its DataTable (the route returns its own JSON when
 * JSON is asked for). Downloads get a file name naming the indicator, level, year and release.
 */
import type { FastifyReply } from 'fastify';
import { toCsv } from './csv.js';
import { CONTENT_TYPES, type DataFormat, type DataTable } from './data-table.js';
import { toJsonStat } from './jsonstat.js';
import { toXlsx } from './xlsx.js';

export interface FormatQuery {
  /** CSV: `semicolon` for Polish Excel (default comma). */
  readonly sep?: 'comma' | 'semicolon' | undefined;
  /** CSV: `comma` for a decimal comma (default point). */
  readonly decimal?: 'point' | 'comma' | undefined;
  /** Headers and words of CSV and XLSX (default Polish). */
  readonly lang?: 'pl' | 'en' | undefined;
}

/** The content type Fastify gives JSON it serializes; an answer sent as bytes must name it itself. */
export const JSON_CONTENT_TYPE = 'application/json; charset=utf-8';

/** Sends a JSON answer already written as bytes (formats/indicator-items-json.ts). */
export async function sendJsonBytes(reply: FastifyReply, body: Buffer): Promise<void> {
  await reply.type(JSON_CONTENT_TYPE).send(body);
}

export async function sendDownload(
  reply: FastifyReply,
  format: Exclude<DataFormat, 'json'>,
  query: FormatQuery,
  fileName: string,
  table: DataTable,
): Promise<void> {
  const name = fileName.replace(/[^A-Za-z0-9._-]+/g, '_');
  reply.type(CONTENT_TYPES[format]);
  switch (format) {
    case 'csv':
      reply.header('content-disposition', `attachment; filename="${name}.csv"`);
      await reply.send(
        toCsv(table, {
          separator: query.sep === 'semicolon' ? ';' : ',',
          decimalComma: query.decimal === 'comma',
          lang: query.lang ?? 'pl',
          terytAsExcelText: query.sep === 'semicolon',
        }),
      );
      return;
    case 'xlsx':
      reply.header('content-disposition', `attachment; filename="${name}.xlsx"`);
      await reply.send(await toXlsx(table, query.lang ?? 'pl'));
      return;
    case 'jsonstat':
      await reply.send(JSON.stringify(toJsonStat(table)));
      return;
  }
}
