import { buildServer, type StartupState } from '../../server.js';
import { warmUpPortal } from '../../web/warm-up.js';
import { ContextSeeds } from '../../pipeline/benchmark-context-cache.js';
import { ensureUnitsRegister } from '../../pipeline/bundled-register.js';
import { ensureBundledRelease } from '../../pipeline/bundled-release.js';
import { migrate } from '../../store/migrate.js';
import { loadCatalog } from '../../sources/catalog/load-catalog.js';
import { openDatabase } from '../../store/open-database.js';
import type { Command } from 'commander';
import type { CliContext } from '../cli-context.js';
import type { Config } from '../config.js';
import { smtpMailer } from '../../accounts/mailer.js';
import { VERSION } from '../context.js';
import { limitHeapGrowth } from '../heap-growth.js';

/**
 * Starts the server: opens the database, applies migrations, loads the bundled units register on first
 * start, then listens. Stops cleanly on SIGINT/SIGTERM (PGlite must be closed to flush its files).
 */
// Over 80 lines: start-up steps in order (open, migrate, register, listen, load, signals), sharing the server and database.
export async function serve(config: Config): Promise<void> {
  const started = performance.now();
  limitHeapGrowth();
  const db = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  // The server listens before the first start loads its data, so health answers throughout (503
  // "starting" with the phase, startup-gate.ts); the data steps yield between their chunks.
  const startup: StartupState = { phase: 'database' };
  // The first start's release is built in memory; its cells are handed to the benchmark context, so the
  // warm-up does not read them back from the database.
  const contextSeeds = new ContextSeeds();
  // Read once, for the server and the first start's compute: each read parses the catalogue's YAML anew.
  const catalog = loadCatalog();
  const app = await buildServer({
    db,
    catalog,
    contextSeeds,
    version: VERSION,
    logLevel: config.logLevel,
    rateLimit: config.rateLimit,
    pageRateLimit: config.pageRateLimit,
    trustProxy: config.trustProxy,
    setsPerHour: config.setsPerHour,
    setExpiryDays: config.setExpiryDays,
    accounts: {
      cookieSecure: config.cookieSecure,
      sessionTtlSeconds: config.sessionDays * 86_400,
      mailer: config.smtp ? smtpMailer(config.smtp) : null,
    },
    startup,
  });
  try {
    const applied = await migrate(db);
    if (applied.length > 0) app.log.info({ applied }, 'database migrated');
    await app.listen({ port: config.port, host: config.host });
    app.log.info({ listeningMs: Math.round(performance.now() - started) }, 'listening; loading data');
    startup.phase = 'units register';
    const loaded = await ensureUnitsRegister(db);
    if (loaded)
      app.log.info(
        { stateDate: loaded.stateDate, units: loaded.unitsByLevel },
        'bundled units register loaded',
      );
    if (config.loadBundle) {
      startup.phase = 'bundled release';
      const bundle = await ensureBundledRelease(db, {
        catalog,
        onEvent: (event) => {
          if (event.kind === 'job-start') startup.step = event.job;
          if (event.kind === 'job-merged')
            app.log.info({ job: event.job, ...event.stats }, 'bundled data ingested');
          if (event.kind === 'draft') startup.step = 'writing the release';
        },
        // Rows a reader left out (nursery register rows matching no gmina): said, never silently dropped.
        onNotice: (notice) =>
          app.log.warn({ entry: notice.entry, unmatchedRows: notice.unmatched.length }, notice.message),
      });
      if (bundle?.cells) contextSeeds.offer(bundle.releaseId, bundle.cells);
      if (bundle?.published)
        app.log.info(
          { release: bundle.releaseId, ms: Math.round(performance.now() - started) },
          'bundled release published',
        );
    }
    startup.phase = null;
  } catch (error) {
    await app.close().catch(() => undefined);
    await db.close();
    throw error;
  }
  // Ready is logged when the server truly answers: after its data is there AND it has answered its first
  // pages (the warm-up loads the release's benchmark context and the map). Before, "ready" came at listen,
  // 7.6 s after start, while real readiness took 20-30 s (issue 14). Health answers throughout.
  const dataLoaded = Math.round(performance.now() - started);
  app.log.info({ dataMs: dataLoaded, port: config.port }, 'data loaded; warming up');
  // The warm-up loads the context (taking the seed); if it did not, the seed's cells are let go anyway.
  warmUpPortal(app)
    .finally(() => contextSeeds.clear())
    .then(
      (warm) =>
        app.log.info(
          {
            database: `${db.kind} ${db.location}`,
            startupMs: Math.round(performance.now() - started),
            dataMs: dataLoaded,
            warmUp: warm,
            rssMiB: Math.round(process.memoryUsage().rss / 2 ** 20),
          },
          `SMUP ${VERSION} ready`,
        ),
      (error: unknown) => {
        app.log.warn({ err: error }, 'portal warm-up failed');
        app.log.info({ startupMs: Math.round(performance.now() - started) }, `SMUP ${VERSION} ready`);
      },
    );

  let stopping = false;
  const stop = async (signal: string): Promise<void> => {
    if (stopping) return;
    stopping = true;
    app.log.info({ signal }, 'stopping');
    await app.close();
    await db.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
  // The command lasts as long as the server (stop() exits): main.ts ends a finished command's process.
  await new Promise<never>(() => undefined);
}

export function registerServeCommand(program: Command, { config }: CliContext): void {
  program
    .command('serve')
    .description('start the HTTP server (env PORT, default 3000; HOST, default 127.0.0.1)')
    .option('-p, --port <port>', 'port to listen on (overrides PORT)')
    .action(async (options: { port?: string }) => serve(config(options.port ? { PORT: options.port } : {})));
}
