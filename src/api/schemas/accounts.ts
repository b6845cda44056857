/** Schemas of accounts (issue 18): the signed-in user, sign-in, and the admin's user records. */
import { Type } from '@sinclair/typebox';
import { ROLES, USER_STATUSES } from '../../domain/accounts/roles.js';
import { IsoDate, Nullable, SafeText, StringEnum } from './common.js';

export const RoleSchema = StringEnum(ROLES, {
  description: 'admin | steward (opiekun danych) | jst_editor (redaktor JST) | user',
});
export const StatusSchema = StringEnum(USER_STATUSES, { description: 'active | disabled | pending' });

export const Teryt = Type.String({
  pattern: '^(\\d{2}|\\d{4}|\\d{7})$',
  description: 'Kod TERYT / TERYT code',
});

export const User = Type.Object({
  id: Type.Integer(),
  email: Type.String(),
  displayName: Type.String(),
  role: RoleSchema,
  units: Type.Array(Type.String(), { description: 'Jednostki redaktora JST / units of a JST editor' }),
  status: StatusSchema,
});

export const SessionAnswer = Type.Object({
  user: Nullable(User),
  csrfToken: Type.String({
    description:
      'Token CSRF do nagłówka x-csrf-token każdego żądania zmieniającego stan / the token for the x-csrf-token header of every state-changing request',
  }),
});

/** An address, spaces around it allowed (trimmed later); no control characters (NUL answered 500). */
export const Email = Type.String({
  minLength: 3,
  maxLength: 254,
  pattern: '^\\s*[^\\s@\\u0000-\\u001F\\u007F-\\u009F]+@[^\\s@\\u0000-\\u001F\\u007F-\\u009F]+\\s*$',
});
export const Password = Type.String({ minLength: 1, maxLength: 200 });

export const LoginBody = Type.Object({ email: Email, password: Password }, { additionalProperties: false });

export const LogoutEverywhereAnswer = Type.Object({
  revoked: Type.Integer({ description: 'Zakończone sesje / sessions ended' }),
});

export const StoredUser = Type.Composite([
  User,
  Type.Object({ createdAt: Type.String(), updatedAt: Type.String() }),
]);

export const NewUserBody = Type.Object(
  {
    email: Email,
    displayName: SafeText({ minLength: 1, maxLength: 100, description: 'Nazwa wyświetlana / display name' }),
    role: RoleSchema,
    units: Type.Optional(Type.Array(Teryt, { maxItems: 500 })),
    password: Type.Optional(Password),
  },
  { additionalProperties: false },
);

export const UserChangeBody = Type.Object(
  {
    displayName: Type.Optional(
      SafeText({ minLength: 1, maxLength: 100, description: 'Nazwa wyświetlana / display name' }),
    ),
    role: Type.Optional(RoleSchema),
    units: Type.Optional(Type.Array(Teryt, { maxItems: 500 })),
    status: Type.Optional(StatusSchema),
  },
  { additionalProperties: false },
);

export const UserIdParams = Type.Object({ id: Type.Integer({ minimum: 1, maximum: 2_147_483_647 }) });

export const UserListQuery = Type.Object(
  {
    role: Type.Optional(RoleSchema),
    status: Type.Optional(StatusSchema),
    q: Type.Optional(
      SafeText({ maxLength: 100, description: 'Fragment e-maila lub nazwy / part of e-mail or name' }),
    ),
    page: Type.Optional(Type.Integer({ minimum: 1, maximum: 100_000, default: 1 })),
    pageSize: Type.Optional(Type.Integer({ minimum: 1, maximum: 500, default: 50 })),
  },
  { additionalProperties: false },
);

export const UserList = Type.Object({
  total: Type.Integer(),
  page: Type.Integer(),
  pageSize: Type.Integer(),
  items: Type.Array(StoredUser),
});

export const LinkToken = Type.String({
  minLength: 1,
  maxLength: 100,
  description: 'Token z linku / the token of the link',
});

export const PasswordChangeBody = Type.Object(
  { currentPassword: Password, newPassword: Password },
  { additionalProperties: false },
);
export const PasswordChangeAnswer = Type.Object({
  otherSessionsEnded: Type.Integer({ description: 'Zakończone inne sesje / other sessions ended' }),
});
export const ResetRequestBody = Type.Object({ email: Email }, { additionalProperties: false });
export const Accepted = Type.Object({
  message: Type.Object({ pl: Type.String(), en: Type.String() }),
});
export const PasswordByLinkBody = Type.Object(
  { token: LinkToken, password: Password },
  { additionalProperties: false },
);
export const SignUpBody = Type.Object(
  {
    email: Email,
    displayName: SafeText({ minLength: 1, maxLength: 100, description: 'Nazwa wyświetlana / display name' }),
    password: Password,
  },
  { additionalProperties: false },
);
export const ConfirmBody = Type.Object({ token: LinkToken }, { additionalProperties: false });
export const UserAnswer = Type.Object({ user: User });
export const NewUserAnswer = Type.Composite([
  StoredUser,
  Type.Object({
    invitation: Type.Optional(
      Type.String({
        description: 'Ścieżka linku zaproszenia (raz, 7 dni) / the invitation link’s path (once, 7 days)',
      }),
    ),
  }),
]);
export const LinkAnswer = Type.Object({
  path: Type.String({ description: 'Ścieżka jednorazowego linku / the single-use link’s path' }),
});

export const AuditQuery = Type.Object(
  {
    actor: Type.Optional(SafeText({ maxLength: 254, description: 'Kto (e-mail lub cli:…) / who' })),
    action: Type.Optional(
      Type.String({
        maxLength: 80,
        pattern: '^[a-z_.-]+$',
        description: 'Np. user.update / e.g. user.update',
      }),
    ),
    targetType: Type.Optional(Type.String({ maxLength: 40, pattern: '^[a-z_]+$' })),
    targetId: Type.Optional(
      SafeText({ maxLength: 100, description: 'Identyfikator obiektu / the target’s id' }),
    ),
    from: Type.Optional(IsoDate('Od dnia (włącznie) / from this day (inclusive)')),
    to: Type.Optional(IsoDate('Do dnia (wyłącznie) / up to this day (exclusive)')),
    format: Type.Optional(StringEnum(['json', 'csv'] as const, { default: 'json' })),
    page: Type.Optional(Type.Integer({ minimum: 1, maximum: 100_000, default: 1 })),
    pageSize: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000, default: 100 })),
  },
  { additionalProperties: false },
);

export const AuditRecordSchema = Type.Object({
  id: Type.Integer(),
  at: Type.String(),
  actorId: Nullable(Type.Integer()),
  actor: Type.String(),
  action: Type.String(),
  targetType: Type.String(),
  targetId: Nullable(Type.String()),
  before: Type.Unknown(),
  after: Type.Unknown(),
  requestId: Nullable(Type.String()),
  ip: Nullable(Type.String()),
});

export const AuditList = Type.Object({
  total: Type.Integer(),
  page: Type.Integer(),
  pageSize: Type.Integer(),
  items: Type.Array(AuditRecordSchema),
});
