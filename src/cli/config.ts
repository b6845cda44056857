import { resolve } from 'node:path';

/** Settings read from the environment (README, "Configuration"). */
export interface Config {
  readonly port: number;
  readonly host: string;
  readonly databaseUrl: string | undefined;
  readonly dataDir: string;
  readonly logLevel: string;
  /** Ingest the bundled official data on first start (SMUP_LOAD_BUNDLE=0 starts with an empty database). */
  readonly loadBundle: boolean;
  /** Requests per minute one client (IP) may make to the API; 0 turns the limit off. */
  readonly rateLimit: number;
}

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'];

export function readConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const port = Number(env.PORT ?? 3000);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new Error(`PORT must be a whole number from 0 to 65535, got "${env.PORT}"`);
  }
  const logLevel = env.SMUP_LOG_LEVEL ?? 'info';
  if (!LOG_LEVELS.includes(logLevel)) {
    throw new Error(`SMUP_LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')}, got "${logLevel}"`);
  }
  const rateLimit = Number(env.SMUP_RATE_LIMIT ?? 1200);
  if (!Number.isInteger(rateLimit) || rateLimit < 0) {
    throw new Error(
      `SMUP_RATE_LIMIT must be a whole number of requests per minute (0: no limit), got "${env.SMUP_RATE_LIMIT}"`,
    );
  }
  return {
    port,
    host: env.HOST ?? '127.0.0.1',
    databaseUrl: env.DATABASE_URL || undefined,
    dataDir: resolve(env.SMUP_DATA_DIR ?? '.smup'),
    logLevel,
    loadBundle: env.SMUP_LOAD_BUNDLE !== '0',
    rateLimit,
  };
}
