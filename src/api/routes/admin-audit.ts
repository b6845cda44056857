/**
 * The audit log for administrators (issue 18, points 5 and 6): filter by who, what, target and days, newest
 * first; `format=csv` downloads the same rows (all of them up to 100 000, not one page) for a spreadsheet.
 */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { stringify } from 'csv-stringify/sync';
import { neutraliseFormula } from '../../domain/csv-cell.js';
import { listAudit, type AuditRecord } from '../../store/audit-store.js';
import type { Database } from '../../store/database.js';
import { requireRole } from '../auth/guard.js';
import { AuditList, AuditQuery } from '../schemas/accounts.js';

const CSV_LIMIT = 100_000;
const COLUMNS = [
  'id',
  'at',
  'actor',
  'actorId',
  'action',
  'targetType',
  'targetId',
  'before',
  'after',
  'requestId',
  'ip',
] as const;

function csvOf(items: readonly AuditRecord[]): string {
  const cell = (value: unknown): string =>
    value === null || value === undefined
      ? ''
      : neutraliseFormula(typeof value === 'string' ? value : JSON.stringify(value));
  const rows = items.map((record) => COLUMNS.map((column) => cell(record[column])));
  // A BOM and semicolons, as the other downloads (Excel in Polish locale opens it as columns).
  return `\uFEFF${stringify([[...COLUMNS], ...rows], { delimiter: ';', record_delimiter: 'windows' })}`;
}

export const adminAuditRoutes: FastifyPluginAsyncTypebox<{ db: Database }> = async (app, { db }) => {
  app.get(
    '/admin/audit',
    {
      preHandler: requireRole('admin'),
      schema: {
        summary: 'Dziennik audytu / the audit log (admin)',
        description:
          'Kto, co, kiedy, przed i po; najnowsze najpierw. format=csv: wszystkie pasujące wiersze (do 100 000) jako CSV. / Who, what, when, before and after, newest first; format=csv: every matching row (up to 100,000) as CSV.',
        tags: ['admin'],
        security: [{ sessionCookie: [] }],
        querystring: AuditQuery,
        response: {
          200: {
            description: 'JSON (format=json) albo CSV (format=csv) / JSON or CSV',
            content: {
              'application/json': { schema: AuditList },
              'text/csv': { schema: { type: 'string' } },
            },
          },
        },
      },
    },
    async (request, reply) => {
      const { format = 'json', page = 1, pageSize = 100, from, to, ...filter } = request.query;
      reply.header('cache-control', 'no-store');
      const range = { from, to };
      if (format === 'csv') {
        const { items } = await listAudit(db, { ...filter, ...range, limit: CSV_LIMIT, offset: 0 });
        reply.type('text/csv; charset=utf-8');
        reply.header('content-disposition', 'attachment; filename="smup-audit.csv"');
        return reply.send(csvOf(items));
      }
      const { total, items } = await listAudit(db, {
        ...filter,
        ...range,
        limit: pageSize,
        offset: (page - 1) * pageSize,
      });
      return reply.send({ total, page, pageSize, items });
    },
  );
};
