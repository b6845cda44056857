/**
 * A published release of real data for API tests: the BDL portal exports of population, area and revenues
 * of every gmina 2010–2019 (shared/data/bdl-exports) ingested as `smup ingest table` does, with the
 * catalogue's hand-written indicators and one measure family (TEST_RELEASE_FAMILY) computed on them, and a server on it (Fastify inject). Built once per run and database
 * kind (13-20 s on PostgreSQL or PGlite in a two-worker run), then copied for each suite (test/release-cache.ts).
 */
import { readFileSync } from 'node:fs';
import type { FastifyInstance } from 'fastify';
import { buildServer } from '../src/server.js';
import { ensureUnitsRegister } from '../src/pipeline/bundled-register.js';
import { buildFirstRelease } from '../src/pipeline/first-release.js';
import type { IngestJobSpec } from '../src/pipeline/ingest.js';
import { parseMapping, prepareTableJob } from '../src/pipeline/table-ingest.js';
import type { CatalogIndicator } from '../src/domain/catalog/indicators.js';
import { loadCatalog } from '../src/sources/catalog/load-catalog.js';
import { migrate } from '../src/store/migrate.js';
import type { DatabaseKind, TestDatabase } from './databases.js';
import { openCachedDatabase, WAIT_LIMIT_MS } from './release-cache.js';
import { repoRoot, sharedFile } from './shared-data.js';

export const REAL_FILES = [
  [
    'bdl-exports/ludnosc-ekonomiczne-grupy-wieku-gminy-2010-2019.csv',
    'ludnosc-ekonomiczne-grupy-wieku-gminy',
  ],
  ['bdl-exports/powierzchnia-gmin-2010-2019.cp1250.csv', 'powierzchnia-gmin'],
  ['bdl-exports/dochody-gmin-wybrane-kategorie-2010-2019.csv', 'dochody-gmin-wybrane-kategorie'],
] as const;

/**
 * A lean set of indicators on the real files: population, density and four revenue indicators. Suites that
 * need only these share one build of it (reports, plausibility) instead of each computing its own subset.
 */
export const FINANCE_INDICATORS = [
  'kontekst.ludnosc',
  'kontekst.gestosc_zaludnienia',
  'administracja_finanse.dochody_na_mieszkanca',
  'administracja_finanse.dochody_wlasne_na_mieszkanca',
  'administracja_finanse.udzial_podatkow_lokalnych',
  'administracja_finanse.udzial_dochodow_wlasnych',
] as const;

/**
 * The one measure family the shared test release computes besides the hand-written indicators: the local
 * tax on property, whose revenues are in the real revenue export, so its per-resident, share and change
 * variants get values for every gmina. The other families are expanded and validated (catalogue tests) but
 * not computed here: all 499 indicators took the PGlite build from 93 s to 290 s and every suite on it
 * slower, for no rule that one family does not already exercise.
 */
export const TEST_RELEASE_FAMILY = 'podatki.nieruchomosci_dochody';

/** The indicators of the shared test release: every hand-written one plus TEST_RELEASE_FAMILY's. */
export function testReleaseIndicators(catalog: ReturnType<typeof loadCatalog>): CatalogIndicator[] {
  return catalog.indicators.filter(
    (i) => !i.definition.family || i.definition.family.id === TEST_RELEASE_FAMILY,
  );
}

/**
 * The time limit of a suite's hook that opens a real release (600 s). The hook may first wait for another
 * worker to build it (up to release-cache's WAIT_LIMIT_MS), then copy it; on a slow CI machine the PGlite
 * build alone took 172-177 s, and one run failed at the 180 s the hooks had. A limit here only catches a
 * hang, which the watchdog reporter names anyway; it is not a measure of speed (bench/ is).
 */
export const RELEASE_HOOK_MS = WAIT_LIMIT_MS + 2 * 60_000;

export interface RealRelease {
  readonly test: TestDatabase;
  readonly app: FastifyInstance;
  readonly catalog: ReturnType<typeof loadCatalog>;
  get(url: string): Promise<{ status: number; body: Record<string, unknown> }>;
  close(): Promise<void>;
}

export async function openRealRelease(
  kind: DatabaseKind,
  files: ReadonlyArray<readonly [string, string]> = REAL_FILES,
  /** Only these indicators are computed (default: testReleaseIndicators); a lean release for a focused test. */
  indicatorIds?: readonly string[],
): Promise<RealRelease> {
  const catalog = loadCatalog();
  const key = JSON.stringify({
    release: 'real-bdl-exports',
    files,
    indicatorIds: indicatorIds ?? `test-release:${TEST_RELEASE_FAMILY}`,
  });
  const test = await openCachedDatabase(kind, key, async ({ db }) => {
    await migrate(db);
    await ensureUnitsRegister(db);
    async function* jobs(): AsyncGenerator<IngestJobSpec> {
      for (const [file, mapping] of files) {
        const { job } = await prepareTableJob(db, {
          bytes: readFileSync(sharedFile(file)),
          fileName: file.split('/').at(-1) as string,
          mapping: parseMapping(readFileSync(`${repoRoot}/mappings/${mapping}.yaml`, 'utf-8'), mapping),
        });
        yield job;
      }
    }
    const indicators = indicatorIds
      ? catalog.indicators.filter((i) => indicatorIds.includes(i.id))
      : testReleaseIndicators(catalog);
    // The first start's path (ingests, check, sums and indicators merged in memory, written once): the same
    // release `smup ingest table` then `smup compute --publish` give (bench/first-start.ts compares the
    // checksums), in a test run 49 s instead of 88 s on PGlite in memory and 14 s instead of 37 s on PostgreSQL.
    await buildFirstRelease(db, jobs(), {
      description: 'test: BDL exports',
      indicators,
      rules: catalog.rules,
    });
  });
  const db = test.db;
  const app = await buildServer({ db, version: 'test', logLevel: 'silent', catalog });
  return {
    test,
    app,
    catalog,
    async get(url) {
      const response = await app.inject(url);
      return { status: response.statusCode, body: response.json() as Record<string, unknown> };
    },
    async close() {
      await app.close();
      await test.drop();
    },
  };
}
