import { describe, expect, it } from 'vitest';
import { hashPassword, passwordProblem, PRODUCTION_HASHING, verifyPassword } from './passwords.js';

describe('password hashing', () => {
  it('hashes with argon2id and the production parameters (19 MiB, 2 passes, 1 lane), and verifies', async () => {
    const hash = await hashPassword('correct horse battery', PRODUCTION_HASHING);
    expect(hash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    expect(await verifyPassword(hash, 'correct horse battery')).toBe(true);
    expect(await verifyPassword(hash, 'correct horse batterY')).toBe(false);
    // Two hashes of one password differ (random salt).
    expect(await hashPassword('correct horse battery', PRODUCTION_HASHING)).not.toBe(hash);
  });

  it('answers false, not an exception, for a malformed stored hash', async () => {
    expect(await verifyPassword('not a hash', 'x')).toBe(false);
  });

  it('refuses passwords under 10 or over 200 characters, counting characters not bytes', () => {
    expect(passwordProblem('krótkie')?.en).toMatch(/at least 10/);
    expect(passwordProblem('żółć'.repeat(3))).toBeNull();
    expect(passwordProblem('x'.repeat(201))?.en).toMatch(/at most 200/);
  });
});
