import Fastify from 'fastify';
import { describe, expect, it } from 'vitest';
import { installStartupGate, type StartupState } from './startup-gate.js';

describe('startup gate', () => {
  it('answers health with 503 "starting" and its phase, other URLs 503 with Retry-After, until ready', async () => {
    const startup: StartupState = { phase: 'bundled release', step: 'compute of 105 indicators' };
    const app = Fastify();
    installStartupGate(app, { startup, version: 'test' });
    app.get('/api/v1/health', async () => ({ status: 'ok' }));
    app.get('/api/v1/units', async () => ({ items: [] }));
    try {
      const health = await app.inject('/api/v1/health');
      expect(health.statusCode).toBe(503);
      expect(health.headers['retry-after']).toBe('5');
      expect(health.json()).toMatchObject({
        status: 'starting',
        startup: { phase: 'bundled release', step: 'compute of 105 indicators' },
      });
      const units = await app.inject('/api/v1/units?level=gmina');
      expect(units.statusCode).toBe(503);
      expect(units.headers['content-type']).toMatch(/application\/problem\+json/);
      expect(units.json()).toMatchObject({ code: 'starting' });

      startup.phase = null;
      expect((await app.inject('/api/v1/health')).json()).toEqual({ status: 'ok' });
      expect((await app.inject('/api/v1/units')).statusCode).toBe(200);
    } finally {
      await app.close();
    }
  });
});
