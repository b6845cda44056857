/**
 * Map layers of the portal (src/web/map-layers.ts) on a real server and database: a page's reads are never
 * rate-limited as a client's, and a failed read is an error, not "no map" or "every unit has a boundary"
 * kept until a restart (issue 19). One server per database; no release is needed for boundaries.
 */
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureUnitsRegister } from '../src/pipeline/bundled-register.js';
import { buildServer } from '../src/server.js';
import { migrate } from '../src/store/migrate.js';
import { mapLayer } from '../src/web/map-layers.js';
import { DATABASE_KINDS, openTestDatabase, type TestDatabase } from './databases.js';

describe.each(DATABASE_KINDS)('portal map layers on %s', (kind) => {
  let test: TestDatabase;
  let app: FastifyInstance;

  beforeAll(async () => {
    test = await openTestDatabase(kind);
    await migrate(test.db);
    await ensureUnitsRegister(test.db);
    // One API request per minute per client: any read of the layer counted as a client's would be refused.
    app = await buildServer({ db: test.db, version: 'test', logLevel: 'silent', rateLimit: 1 });
  });
  afterAll(async () => {
    await app?.close();
    await test?.drop();
  });

  it('reads the layer in-process, however many maps are drawn', async () => {
    for (let i = 0; i < 3; i++) {
      const layer = await mapLayer(app, 'wojewodztwo');
      expect(layer?.geometry).toBeDefined();
      expect(layer?.withoutBoundary).toEqual([]); // every województwo of the register has its boundary
    }
  });

  it('has no map for a level without boundaries', async () => {
    expect(await mapLayer(app, 'kraj')).toBeNull();
  });

  it('fails, and keeps nothing, when the API cannot say which units lack a boundary', async () => {
    expect((await app.inject('/api/v1/geo/powiat')).statusCode).toBe(200); // built and kept by the route
    // The register can no longer be read: /geo/powiat/status answers 500 from now on. Both tables go, since the
    // register kept in memory (src/store/current-units-cache.ts) is checked against register_snapshot first.
    await test.db.query('ALTER TABLE unit_version RENAME TO unit_version_gone');
    await test.db.query('ALTER TABLE register_snapshot RENAME TO register_snapshot_gone');
    await expect(mapLayer(app, 'powiat')).rejects.toThrow();
    await expect(mapLayer(app, 'powiat')).rejects.toThrow(); // not cached as a layer without the list
  });
});
