import type { FastifyPluginAsync } from 'fastify';
import type { Database } from '../../store/database.js';
import { healthFacts } from '../../store/health-store.js';

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
        const facts = await healthFacts(db);
        return {
          status: 'ok',
          service: 'smup',
          version,
          uptimeSeconds,
          database: { kind: db.kind, status: 'ok' },
          register: facts.register,
          release: { live: facts.liveRelease },
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
