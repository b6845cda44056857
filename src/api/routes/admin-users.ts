/**
 * Users and roles for administrators (issue 18, point 5), under /api/v1/admin/users. Admin only; every
 * change is in the audit log (accounts/).
 */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { createUser } from '../../accounts/accounts.js';
import { changeUser } from '../../accounts/admin.js';
import type { PasswordHashing } from '../../accounts/passwords.js';
import type { Database } from '../../store/database.js';
import { getUser, listUsers } from '../../store/users-store.js';
import { ApiProblem } from '../problem.js';
import { asProblem } from '../auth/account-problem.js';
import { auditActor, requireRole } from '../auth/guard.js';
import {
  NewUserBody,
  StoredUser,
  UserChangeBody,
  UserIdParams,
  UserList,
  UserListQuery,
} from '../schemas/accounts.js';

export interface AdminUsersOptions {
  readonly db: Database;
  readonly hashing?: PasswordHashing | undefined;
}

const SECURITY = [{ sessionCookie: [] }];

export const adminUserRoutes: FastifyPluginAsyncTypebox<AdminUsersOptions> = async (app, { db, hashing }) => {
  app.addHook('onSend', async (_request, reply, payload) => {
    reply.header('cache-control', 'no-store');
    return payload;
  });
  const adminOnly = requireRole('admin');

  app.get(
    '/admin/users',
    {
      preHandler: adminOnly,
      schema: {
        summary: 'Użytkownicy / users (admin)',
        tags: ['admin'],
        security: SECURITY,
        querystring: UserListQuery,
        response: { 200: UserList },
      },
    },
    async (request) => {
      const { role, status, q, page = 1, pageSize = 50 } = request.query;
      const { total, items } = await listUsers(db, {
        role,
        status,
        q,
        limit: pageSize,
        offset: (page - 1) * pageSize,
      });
      return { total, page, pageSize, items };
    },
  );

  app.post(
    '/admin/users',
    {
      preHandler: adminOnly,
      schema: {
        summary: 'Dodaj użytkownika / add a user (admin)',
        description:
          'Bez hasła konto czeka na zaproszenie (status pending). / Without a password the account waits for an invitation (status pending).',
        tags: ['admin'],
        security: SECURITY,
        body: NewUserBody,
        response: { 201: StoredUser },
      },
    },
    async (request, reply) => {
      const { email, displayName, role, units = [], password } = request.body;
      const user = await asProblem(
        createUser(
          db,
          {
            email,
            displayName,
            role,
            units,
            password: password ?? null,
            status: password ? 'active' : 'pending',
          },
          await auditActor(request),
          hashing,
        ),
      );
      return reply.code(201).send(user);
    },
  );

  app.get(
    '/admin/users/:id',
    {
      preHandler: adminOnly,
      schema: {
        summary: 'Użytkownik / a user (admin)',
        tags: ['admin'],
        security: SECURITY,
        params: UserIdParams,
        response: { 200: StoredUser },
      },
    },
    async (request) => {
      const user = await getUser(db, request.params.id);
      if (!user) {
        throw new ApiProblem(
          404,
          'user-not-found',
          {
            pl: `Nie ma użytkownika o numerze ${request.params.id}.`,
            en: `There is no user with id ${request.params.id}.`,
          },
          'id',
        );
      }
      return user;
    },
  );

  app.patch(
    '/admin/users/:id',
    {
      preHandler: adminOnly,
      schema: {
        summary: 'Zmień rolę, jednostki, status lub nazwę / change a user (admin)',
        tags: ['admin'],
        security: SECURITY,
        params: UserIdParams,
        body: UserChangeBody,
        response: { 200: StoredUser },
      },
    },
    async (request) => asProblem(changeUser(db, request.params.id, request.body, await auditActor(request))),
  );
};
