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
  /** Portal pages per minute one client may view; 0 turns the limit off. */
  readonly pageRateLimit: number;
  /** Fastify's trustProxy: false, true, a hop count or a comma list of proxy addresses/CIDRs. */
  readonly trustProxy: boolean | number | string;
  /** Saved sets one client may add per hour; 0 turns the quota off. */
  readonly setsPerHour: number;
  /** Days after which a saved set nobody opened is deleted; 0 keeps them forever. */
  readonly setExpiryDays: number;
  /** When session cookies are Secure: auto (HTTPS or NODE_ENV=production), always or never. */
  readonly cookieSecure: 'auto' | 'always' | 'never';
  /** Days a session lasts from sign-in. */
  readonly sessionDays: number;
  /** SMTP for reset links, invitations and sign-up (SMUP_SMTP_URL, SMUP_SMTP_FROM, SMUP_PUBLIC_URL); null: none. */
  readonly smtp: { url: string; from: string; publicUrl: string } | null;
}

/** A whole number ≥ 0 from the environment, or its default; anything else stops the start with a message. */
function count(env: NodeJS.ProcessEnv, name: string, fallback: number, meaning: string): number {
  const text = env[name];
  if (text === undefined || text === '') return fallback;
  const value = Number(text);
  if (!/^\d+$/.test(text) || !Number.isSafeInteger(value)) {
    throw new Error(`${name} must be a whole number of ${meaning}, got "${text}"`);
  }
  return value;
}

/**
 * SMUP_TRUST_PROXY: unset or `false` — the client is the socket's address (no proxy); `true` — trust every
 * X-Forwarded-For hop (only when the server is reachable through the proxy alone); a number — that many
 * proxy hops; otherwise a comma list of proxy addresses or CIDRs (`127.0.0.1,10.0.0.0/8`, `loopback`).
 */
export function parseTrustProxy(text: string | undefined): boolean | number | string {
  const value = (text ?? '').trim();
  if (value === '' || value === 'false' || value === '0') return false;
  if (value === 'true') return true;
  if (/^\d+$/.test(value)) return Number(value);
  if (!/^[0-9A-Za-z.:/,_ -]+$/.test(value)) {
    throw new Error(
      `SMUP_TRUST_PROXY must be false, true, a number of proxy hops or a comma list of addresses/CIDRs, got "${value}"`,
    );
  }
  return value;
}

/** SMUP_COOKIE_SECURE: auto (default), always or never (api/auth/cookies.ts says what auto means). */
function cookieSecurity(text: string | undefined): 'auto' | 'always' | 'never' {
  const value = (text ?? '').trim() || 'auto';
  if (value === 'auto' || value === 'always' || value === 'never') return value;
  throw new Error(`SMUP_COOKIE_SECURE must be auto, always or never, got "${value}"`);
}

/**
 * SMUP_SMTP_URL (smtp://user:pass@host:587, smtps://…) turns on e-mailed links and sign-up; it needs
 * SMUP_PUBLIC_URL, the site's address the links point at (never taken from a request's Host header).
 */
function smtpSettings(env: NodeJS.ProcessEnv): { url: string; from: string; publicUrl: string } | null {
  const url = (env.SMUP_SMTP_URL ?? '').trim();
  if (url === '') return null;
  if (!/^smtps?:\/\//.test(url)) throw new Error('SMUP_SMTP_URL must start with smtp:// or smtps://');
  const publicUrl = (env.SMUP_PUBLIC_URL ?? '').trim();
  if (!/^https?:\/\/[^\s/]+/.test(publicUrl)) {
    throw new Error(
      'SMUP_SMTP_URL needs SMUP_PUBLIC_URL, the address people open the site at (e.g. https://smup.example.gov.pl)',
    );
  }
  return { url, from: (env.SMUP_SMTP_FROM ?? '').trim() || 'SMUP <no-reply@localhost>', publicUrl };
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
    pageRateLimit: count(env, 'SMUP_PAGE_RATE_LIMIT', 300, 'page views per minute (0: no limit)'),
    trustProxy: parseTrustProxy(env.SMUP_TRUST_PROXY),
    setsPerHour: count(env, 'SMUP_SET_QUOTA', 20, 'saved sets per hour (0: no quota)'),
    setExpiryDays: count(env, 'SMUP_SET_EXPIRY_DAYS', 90, 'days (0: never)'),
    cookieSecure: cookieSecurity(env.SMUP_COOKIE_SECURE),
    sessionDays: Math.max(1, count(env, 'SMUP_SESSION_DAYS', 14, 'days a session lasts')),
    smtp: smtpSettings(env),
  };
}
