import type { FastifyPluginAsync } from 'fastify';
import type { Database } from '../../store/database.js';
import { liveReleaseId } from '../../store/releases-store.js';
import { listSnapshots } from '../../store/units-store.js';

/** Liveness and readiness in one: 200 when the database answers, 503 (with the reason) when it does not. */
export const healthRoutes: FastifyPluginAsync<{ db: Database; version: string; startedAt: number }> = async (
  app,
  { db, version, startedAt },
) => {
  app.get(
    '/health',
    {
      schema: {
        summary: 'Stan usługi / liveness and readiness: 503 while the database is down',
      },
    },
    async (_request, reply) => {
      const uptimeSeconds = Math.round((Date.now() - startedAt) / 1000);
      try {
        const snapshots = await listSnapshots(db);
        const [units] = await db.query<{ gminy: number; powiaty: number; wojewodztwa: number }>(
          `SELECT count(*) FILTER (WHERE level = 'gmina')::int AS gminy,
                count(*) FILTER (WHERE level = 'powiat')::int AS powiaty,
                count(*) FILTER (WHERE level = 'wojewodztwo')::int AS wojewodztwa
         FROM unit_version WHERE valid_to IS NULL`,
        );
        return {
          status: 'ok',
          service: 'smup',
          version,
          uptimeSeconds,
          database: { kind: db.kind, status: 'ok' },
          register: { stateDate: snapshots.at(-1)?.stateDate ?? null, snapshots: snapshots.length, units },
          release: { live: await liveReleaseId(db) },
        };
      } catch (error) {
        app.log.error({ err: error }, 'health check failed');
        return reply.status(503).send({
          status: 'error',
          service: 'smup',
          version,
          uptimeSeconds,
          database: { kind: db.kind, status: 'error', detail: (error as Error).message },
        });
      }
    },
  );
};
