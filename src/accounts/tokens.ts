/**
 * Secrets handed to a browser or put in a link: 32 random bytes (256 bits) in base64url. The database keeps
 * only their SHA-256, so reading it gives no usable session, reset link or invitation.
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

export function newToken(): string {
  return randomBytes(32).toString('base64url');
}

export function tokenHash(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/** A token's shape (43 base64url characters): anything else is not looked up at all. */
export const TOKEN_PATTERN = /^[A-Za-z0-9_-]{43}$/;

/**
 * The CSRF token that goes with a cookie's secret (the session token, or the pre-session cookie before
 * signing in): a one-way function of it, so a page can carry it in a form while the secret stays in an
 * HttpOnly cookie; another site can read neither.
 */
export function csrfTokenFor(secret: string): string {
  return createHash('sha256').update(`smup-csrf\0${secret}`).digest('base64url');
}

/** Compares two strings in time that does not depend on where they differ. */
export function sameSecret(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}
