/**
 * What a newcomer does: start the server and ask it over real HTTP, on embedded PGlite in a folder and on the
 * PostgreSQL server. Also: a second start on the same folder reuses the data, and a second process on a
 * folder in use is refused with a clear message.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createPostgresDatabase } from './databases.js';
import { startServer, type ServerProcess } from './server-process.js';

async function newcomerChecks(server: ServerProcess): Promise<void> {
  const health = await fetch(`${server.url}/api/v1/health`);
  expect(health.status).toBe(200);
  expect(await health.json()).toMatchObject({ status: 'ok' });
  const gminy = (await (await fetch(`${server.url}/api/v1/units?level=gmina`)).json()) as { total: number };
  expect(gminy.total).toBe(2479);
  const krakow = (await (await fetch(`${server.url}/api/v1/units/1261011`)).json()) as Record<
    string,
    unknown
  >;
  expect(krakow).toMatchObject({
    name: 'Kraków',
    kind: 'miejska',
    powiat: { code: '1261' },
    wojewodztwo: { code: '12' },
  });
  // The bundled release, with the catalogue computed on it (issue 8): Warszawa's population in 2019.
  const population = (await (
    await fetch(`${server.url}/api/v1/indicators/kontekst.ludnosc/data?year=2019&level=gmina`)
  ).json()) as { items: Array<{ unit: { code: string }; value: number | null }> };
  expect(population.items.find((i) => i.unit.code === '1465011')?.value).toBe(1_790_658);
}

// A first start loads the bundled data and computes the catalogue: up to a minute or two on a busy CI.
const FIRST_START_MS = 300_000;

describe('smup serve over HTTP', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'smup-e2e-'));
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it(
    'starts as `npm start` does (the built program) on embedded PGlite, loading the register on first start',
    { timeout: FIRST_START_MS + 60_000 },
    async () => {
      const server = await startServer({ SMUP_DATA_DIR: dataDir }, { timeoutMs: FIRST_START_MS });
      try {
        expect(server.output()).toMatch(/bundled units register loaded/);
        await newcomerChecks(server);
        // PGlite takes one process per folder: a second server on the same folder is refused, clearly.
        await expect(startServer({ SMUP_DATA_DIR: dataDir })).rejects.toThrow(/in use by process \d+/);
      } finally {
        expect(await server.stop()).toBe(0);
      }
    },
  );

  it('starts again on the same folder without reloading anything', async () => {
    const server = await startServer({ SMUP_DATA_DIR: dataDir });
    try {
      expect(server.output()).not.toMatch(/bundled units register loaded|database migrated/);
      await newcomerChecks(server);
    } finally {
      await server.stop();
    }
  });

  it(
    'starts on the PostgreSQL server given by DATABASE_URL',
    { timeout: FIRST_START_MS + 60_000 },
    async () => {
      const database = await createPostgresDatabase();
      try {
        const server = await startServer({ DATABASE_URL: database.url }, { timeoutMs: FIRST_START_MS });
        try {
          expect(server.output()).toMatch(/"database":"postgres /);
          await newcomerChecks(server);
        } finally {
          await server.stop();
        }
      } finally {
        await database.drop();
      }
    },
  );

  it('refuses to start with a clear message when PostgreSQL cannot be reached', async () => {
    await expect(startServer({ DATABASE_URL: 'postgres://nobody:secret@127.0.0.1:1/none' })).rejects.toThrow(
      /cannot connect to PostgreSQL at postgres:\/\/nobody:\*\*\*@127\.0\.0\.1:1\/none/,
    );
  });
});
