/**
 * Password hashing: argon2id (RFC 9106) through @node-rs/argon2 (a prebuilt native binary, no compiler
 * needed). Production parameters are OWASP's recommendation for argon2id (19 MiB, 2 passes, 1 lane: about
 * 25 ms a hash on one core here); tests pass cheaper ones through the same option so that a suite creating
 * dozens of users stays fast. The parameters are stored in each hash, so verifying an old hash works after
 * they change. The library (a native binary) is loaded on the first hash or check, not with the server.
 */
const argon2 = () => import('@node-rs/argon2');

/** Algorithm.Argon2id of @node-rs/argon2 (an ambient const enum, which isolated modules cannot read). */
const ARGON2ID = 2;

export interface PasswordHashing {
  /** KiB of memory per hash. */
  readonly memoryCost: number;
  /** Passes over the memory. */
  readonly timeCost: number;
  readonly parallelism: number;
}

export const PRODUCTION_HASHING: PasswordHashing = { memoryCost: 19_456, timeCost: 2, parallelism: 1 };

export const MIN_PASSWORD_LENGTH = 10;
export const MAX_PASSWORD_LENGTH = 200;

export async function hashPassword(
  password: string,
  params: PasswordHashing = PRODUCTION_HASHING,
): Promise<string> {
  return (await argon2()).hash(password, { algorithm: ARGON2ID, ...params });
}

/** True when `password` matches `stored`; false (never an exception) for a malformed stored hash. */
export async function verifyPassword(stored: string, password: string): Promise<boolean> {
  try {
    const { verify } = await argon2();
    return await verify(stored, password);
  } catch {
    return false;
  }
}

/** Why a new password is refused, in Polish and English; null when it is acceptable. */
export function passwordProblem(password: string): { pl: string; en: string } | null {
  const length = [...password].length;
  if (length < MIN_PASSWORD_LENGTH) {
    return {
      pl: `Hasło musi mieć co najmniej ${MIN_PASSWORD_LENGTH} znaków (ma ${length}).`,
      en: `The password must have at least ${MIN_PASSWORD_LENGTH} characters (it has ${length}).`,
    };
  }
  if (length > MAX_PASSWORD_LENGTH) {
    return {
      pl: `Hasło może mieć co najwyżej ${MAX_PASSWORD_LENGTH} znaków.`,
      en: `The password may have at most ${MAX_PASSWORD_LENGTH} characters.`,
    };
  }
  return null;
}
