/**
 * The set-up of the suites that try the admin pages and endpoints by role: one account per staff role
 * (`<role>@example.org`, the JST editor bound to the given units), a server on the suite's database, and a
 * signed-in browser per role plus an anonymous one.
 */
import type { FastifyInstance } from 'fastify';
import { createUser } from '../src/accounts/accounts.js';
import { buildServer } from '../src/server.js';
import { loadCatalog } from '../src/sources/catalog/load-catalog.js';
import type { Database } from '../src/store/database.js';
import { browsersByRole, TEST_HASHING, type Browser } from './accounts-client.js';

export const STAFF_PASSWORD = 'correct horse battery staple 18';
const ROLES = ['admin', 'steward', 'jst_editor', 'user'] as const;

export async function staffSuite(
  db: Database,
  { jstUnits }: { jstUnits: readonly string[] },
): Promise<{ app: FastifyInstance; browsers: Map<string, Browser> }> {
  for (const role of ROLES) {
    await createUser(
      db,
      {
        email: `${role}@example.org`,
        displayName: `${role} Testowy`,
        role,
        ...(role === 'jst_editor' ? { units: [...jstUnits] } : {}),
        password: STAFF_PASSWORD,
      },
      { actorId: null, actor: 'cli:test' },
      TEST_HASHING,
    );
  }
  // Publishing computes the indicators first, as `smup publish` does; none here (the pipeline's own tests
  // cover compute), only the plausibility rules, so each publish is quick.
  const app = await buildServer({
    db,
    version: 'test',
    logLevel: 'silent',
    catalog: { ...loadCatalog(), indicators: [] },
    accounts: { hashing: TEST_HASHING },
  });
  const browsers = await browsersByRole(app, ROLES, { password: STAFF_PASSWORD, domain: 'example.org' });
  return { app, browsers };
}
