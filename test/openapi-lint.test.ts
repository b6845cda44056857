/**
 * The served OpenAPI document passes Redocly's recommended rules (issue 14): every operation has an
 * operationId, a summary, a success response and declared parameters; no problem is tolerated, warnings
 * included, so a new route cannot slip in undocumented. The document does not depend on data, so an empty
 * database serves.
 */
import { createConfig, lintFromString } from '@redocly/openapi-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { buildServer } from '../src/server.js';
import { openPglite } from '../src/store/pglite-database.js';
import type { Database } from '../src/store/database.js';
import { migrate } from '../src/store/migrate.js';

describe('OpenAPI document', () => {
  let db: Database;
  let app: FastifyInstance;
  beforeAll(async () => {
    db = await openPglite(null);
    await migrate(db);
    app = await buildServer({ db, version: 'test', logLevel: 'silent' });
  });
  afterAll(async () => {
    await app?.close();
    await db?.close();
  });

  it("passes Redocly's recommended rules with no error and no warning", async () => {
    const source = (await app.inject('/api/v1/openapi.json')).body;
    const config = await createConfig({ extends: ['recommended'] });
    const problems = await lintFromString({ source, absoluteRef: 'openapi.json', config });
    const described = problems.map(
      (p) => `${p.severity} ${p.ruleId}: ${p.message} at ${p.location.map((l) => l.pointer).join(', ')}`,
    );
    expect(described).toEqual([]);
  });
});
