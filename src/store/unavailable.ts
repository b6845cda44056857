/**
 * Errors that mean "the database cannot answer now" (a PostgreSQL restart, a refused or dropped connection,
 * a server still starting or shutting down) rather than "this query is wrong". The server answers them with
 * 503 and Retry-After instead of 500 (issue 14: a PostgreSQL restart gave clients 3 × 500), and a read-only
 * query that met one is retried once on a fresh connection.
 */

/** SQLSTATE classes 08 (connection exception) and 57P (operator intervention: shutdown, cannot connect now). */
const UNAVAILABLE_SQLSTATE = /^(08|57P0[1-3])/;
/** Node's socket errors, and node-postgres's own messages for a connection it lost or could not open. */
const UNAVAILABLE_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'EPIPE',
  'ETIMEDOUT',
  'ENOTFOUND',
  'EAI_AGAIN',
]);
const UNAVAILABLE_MESSAGES = [
  'Connection terminated',
  'connection error',
  'timeout exceeded when trying to connect',
  'Cannot use a pool after calling end',
  'database is closed',
  'PGlite is closed',
];

export function isDatabaseUnavailable(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const { code, message } = error as { code?: unknown; message?: unknown };
  if (typeof code === 'string' && (UNAVAILABLE_SQLSTATE.test(code) || UNAVAILABLE_CODES.has(code)))
    return true;
  if (error instanceof AggregateError) return error.errors.some(isDatabaseUnavailable);
  return typeof message === 'string' && UNAVAILABLE_MESSAGES.some((m) => message.includes(m));
}

/** Seconds a client is told to wait (Retry-After) while the database is unavailable: a restart's length. */
export const DATABASE_RETRY_AFTER_SECONDS = 5;
