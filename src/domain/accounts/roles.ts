/**
 * The roles of issue 18 and what each may do. One table, read by the API's guard (api/auth/guard.ts), the
 * admin pages and the README, so that the rights are stated once.
 */
export const ROLES = ['admin', 'steward', 'jst_editor', 'user'] as const;
export type Role = (typeof ROLES)[number];

export const USER_STATUSES = ['active', 'disabled', 'pending'] as const;
export type UserStatus = (typeof USER_STATUSES)[number];

export const ROLE_LABELS: Readonly<Record<Role, { readonly pl: string; readonly en: string }>> = {
  admin: { pl: 'administrator', en: 'administrator' },
  steward: { pl: 'opiekun danych', en: 'data steward' },
  jst_editor: { pl: 'redaktor JST', en: 'JST editor' },
  user: { pl: 'użytkownik zarejestrowany', en: 'registered user' },
};

export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (ROLES as readonly string[]).includes(value);
}

/** A TERYT code of a unit a JST editor may be bound to: 2 (voivodeship), 4 (county) or 7 (gmina) digits. */
export const TERYT_CODE = /^(\d{2}|\d{4}|\d{7})$/;

/** The signed-in person as every layer sees it (never the password hash). */
export interface AccountUser {
  readonly id: number;
  readonly email: string;
  readonly displayName: string;
  readonly role: Role;
  /** TERYT codes a JST editor is bound to; empty for every other role. */
  readonly units: string[];
  readonly status: UserStatus;
}
