/**
 * While the first start loads its data (the register, the bundled release: issue 14), the server already
 * listens: health answers at once, 503 with what it is doing and Retry-After, and every other URL answers
 * 503 with Retry-After (problem+json from the API, the portal's error page elsewhere) instead of pages of a
 * database that has no release yet. When `startup.phase` becomes null the gate opens.
 */
import type { FastifyInstance } from 'fastify';
import { problemSender, type HtmlErrorPage } from '../problem.js';

export interface StartupState {
  /** What the start is doing (e.g. "bundled release"), or null once the data is there. */
  phase: string | null;
  /** Progress of the phase in words, e.g. "compute of 105 indicators". */
  step?: string;
}

const RETRY_AFTER_SECONDS = 5;

export function installStartupGate(
  app: FastifyInstance,
  { startup, version, htmlPage }: { startup: StartupState; version: string; htmlPage?: HtmlErrorPage },
): void {
  const startedAt = Date.now();
  const send = problemSender(htmlPage);
  app.addHook('onRequest', async (request, reply) => {
    if (startup.phase === null) return;
    reply.header('retry-after', String(RETRY_AFTER_SECONDS));
    const path = request.url.split('?', 1)[0] ?? '';
    if (path === '/api/v1/health') {
      return reply.status(503).send({
        status: 'starting',
        service: 'smup',
        version,
        uptimeSeconds: Math.round((Date.now() - startedAt) / 1000),
        startup: { phase: startup.phase, step: startup.step ?? null },
      });
    }
    return send(reply, request, {
      status: 503,
      code: 'starting',
      messages: {
        pl: `SMUP uruchamia się (${startup.phase}); spróbuj ponownie za ${RETRY_AFTER_SECONDS} s.`,
        en: `SMUP is starting (${startup.phase}); retry in ${RETRY_AFTER_SECONDS} s.`,
      },
    });
  });
}
