/**
 * Users and roles for administrators (issue 18, point 5), under /api/v1/admin/users. Admin only; every
 * change is in the audit log (accounts/).
 */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { createUser, existingUser } from '../../accounts/accounts.js';
import { changeUser } from '../../accounts/admin.js';
import { adminResetLink, mailInvitation } from '../../accounts/links.js';
import { listUsers } from '../../store/users-store.js';
import { type AccountRoutesOptions, neverCached, SESSION_SECURITY } from '../auth/account-routes.js';
import { asProblem } from '../auth/account-problem.js';
import { auditActor, requireRole } from '../auth/guard.js';
import {
  LinkAnswer,
  NewUserAnswer,
  NewUserBody,
  StoredUser,
  UserChangeBody,
  UserIdParams,
  UserList,
  UserListQuery,
} from '../schemas/accounts.js';

// Over 80 lines: a Fastify plugin: its body is the registrations of its routes (schema, then a handler each).
export const adminUserRoutes: FastifyPluginAsyncTypebox<AccountRoutesOptions> = async (
  app,
  { db, hashing, mailer },
) => {
  neverCached(app);
  const adminOnly = requireRole('admin');

  app.get(
    '/admin/users',
    {
      preHandler: adminOnly,
      schema: {
        summary: 'Użytkownicy / users (admin)',
        tags: ['admin'],
        security: SESSION_SECURITY,
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
          'Bez hasła konto czeka na zaproszenie (status pending): odpowiedź podaje ścieżkę linku (raz, 7 dni), wysłanego też e-mailem, gdy skonfigurowano SMTP. / Without a password the account waits for an invitation: the answer gives the link’s path (once, 7 days), also e-mailed where SMTP is configured.',
        tags: ['admin'],
        security: SESSION_SECURITY,
        body: NewUserBody,
        response: { 201: NewUserAnswer },
      },
    },
    async (request, reply) => {
      const { email, displayName, role, units = [], password } = request.body;
      const actor = await auditActor(request);
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
          actor,
          hashing,
        ),
      );
      if (password) return reply.code(201).send(user);
      const invitation = await asProblem(adminResetLink(db, user.id, actor));
      if (mailer) {
        try {
          await mailInvitation(mailer, user.email, invitation);
        } catch (error) {
          // The account and its link stand; the administrator can hand the link over another way.
          request.log.error({ err: error }, 'invitation e-mail failed');
        }
      }
      return reply.code(201).send({ ...user, invitation });
    },
  );

  app.get(
    '/admin/users/:id',
    {
      preHandler: adminOnly,
      schema: {
        summary: 'Użytkownik / a user (admin)',
        tags: ['admin'],
        security: SESSION_SECURITY,
        params: UserIdParams,
        response: { 200: StoredUser },
      },
    },
    async (request) => {
      return asProblem(existingUser(db, request.params.id));
    },
  );

  app.post(
    '/admin/users/:id/link',
    {
      preHandler: adminOnly,
      schema: {
        summary:
          'Jednorazowy link: zaproszenie lub nowe hasło / a single-use invitation or reset link (admin)',
        description:
          'Dla konta pending: zaproszenie (7 dni), dla innych: nowe hasło (1 h); poprzednie linki tego rodzaju przestają działać. / Pending account: an invitation (7 days); others: a reset link (1 hour); earlier links of the kind stop working.',
        tags: ['admin'],
        security: SESSION_SECURITY,
        params: UserIdParams,
        response: { 201: LinkAnswer },
      },
    },
    async (request, reply) => {
      const path = await asProblem(adminResetLink(db, request.params.id, await auditActor(request)));
      return reply.code(201).send({ path });
    },
  );

  app.patch(
    '/admin/users/:id',
    {
      preHandler: adminOnly,
      schema: {
        summary: 'Zmień rolę, jednostki, status lub nazwę / change a user (admin)',
        tags: ['admin'],
        security: SESSION_SECURITY,
        params: UserIdParams,
        body: UserChangeBody,
        response: { 200: StoredUser },
      },
    },
    async (request) => asProblem(changeUser(db, request.params.id, request.body, await auditActor(request))),
  );
};
