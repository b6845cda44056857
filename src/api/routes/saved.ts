/**
 * Saved work (issue 18, point 2) under /api/v1/me/saved: a signed-in user's named sets, comparisons and
 * report settings — list, save, read, rename or edit, delete, share by a read-only link and revoke it.
 * Any role; no session: 401; another user's item: 404 (not 403: nobody learns which ids exist). Every
 * change is audited (accounts/saved-work.ts); the CSRF token is checked before any of this
 * (api/auth/install.ts). `/api/v1/shared/{token}` is the link's read-only JSON, for anyone who has it.
 */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import {
  changeSavedItem,
  createSavedItem,
  getOwnSavedItem,
  removeSavedItem,
  setSharing,
  type StoredSavedItem,
} from '../../accounts/saved-work.js';
import {
  MAX_SAVED_ITEMS,
  savedItemLinks,
  type KnownIds,
  type SavedContent,
} from '../../domain/accounts/saved-items.js';
import type { Database } from '../../store/database.js';
import { listSavedItems, sharedSavedItem } from '../../store/saved-items-store.js';
import { neverCached, SESSION_SECURITY } from '../auth/account-routes.js';
import { asProblem } from '../auth/account-problem.js';
import { auditActor, requireCurrentUser, requireUser } from '../auth/guard.js';
import { ApiProblem } from '../problem.js';
import {
  SavedItem,
  SavedItemBody,
  SavedItemChange,
  SavedItemParams,
  SavedList,
  SavedListQuery,
  SharedItem,
  ShareTokenParams,
} from '../schemas/saved.js';

export interface SavedRoutesOptions {
  readonly db: Database;
  /** The catalogue's indicator and area ids: settings may name only these. */
  readonly known: KnownIds;
}

const linksOf = (item: StoredSavedItem) =>
  savedItemLinks({ kind: item.kind, settings: item.settings } as unknown as SavedContent);

/** An item as its owner reads it. */
export function savedItemJson(item: StoredSavedItem) {
  return {
    id: item.id,
    kind: item.kind,
    name: item.name,
    settings: item.settings,
    links: linksOf(item),
    share:
      item.shareToken === null
        ? null
        : {
            token: item.shareToken,
            url: `/udostepnione/${item.shareToken}`,
            api: `/api/v1/shared/${item.shareToken}`,
            sharedAt: item.sharedAt ?? '',
          },
    createdAt: item.createdAt,
    updatedAt: item.updatedAt,
  };
}

// Over 80 lines: a Fastify plugin: its body is the registrations of its routes (schema, then a handler each).
export const savedRoutes: FastifyPluginAsyncTypebox<SavedRoutesOptions> = async (app, { db, known }) => {
  neverCached(app);
  const tags = ['account'];
  const security = SESSION_SECURITY;
  const signedIn = requireUser();

  app.get(
    '/me/saved',
    {
      preHandler: signedIn,
      schema: {
        operationId: 'listSavedItems',
        summary: 'Moje zestawienia / my saved sets, comparisons and report settings',
        tags,
        security,
        querystring: SavedListQuery,
        response: { 200: SavedList },
      },
    },
    async (request) => {
      const user = await requireCurrentUser(request);
      const rows = await listSavedItems(db, user.id, request.query.kind ?? null);
      return { total: rows.length, limit: MAX_SAVED_ITEMS, items: rows.map(savedItemJson) };
    },
  );

  app.post(
    '/me/saved',
    {
      preHandler: signedIn,
      schema: {
        operationId: 'createSavedItem',
        summary: 'Zapisz / save a set, a comparison or report settings under my account',
        description: `At most ${MAX_SAVED_ITEMS} items per account (409 limit-exceeded beyond).`,
        tags,
        security,
        body: SavedItemBody,
        response: { 201: SavedItem },
      },
    },
    async (request, reply) => {
      const user = await requireCurrentUser(request);
      const item = await asProblem(
        createSavedItem(db, user.id, request.body, await auditActor(request), known),
      );
      return reply.code(201).send(savedItemJson(item));
    },
  );

  app.get(
    '/me/saved/:id',
    {
      preHandler: signedIn,
      schema: {
        operationId: 'getSavedItem',
        summary: 'Zapisana pozycja / one of my saved items',
        tags,
        security,
        params: SavedItemParams,
        response: { 200: SavedItem },
      },
    },
    async (request) => {
      const user = await requireCurrentUser(request);
      return savedItemJson(await asProblem(getOwnSavedItem(db, user.id, request.params.id)));
    },
  );

  app.patch(
    '/me/saved/:id',
    {
      preHandler: signedIn,
      schema: {
        operationId: 'changeSavedItem',
        summary: 'Zmień nazwę lub ustawienia / rename or edit a saved item (its kind stays)',
        tags,
        security,
        params: SavedItemParams,
        body: SavedItemChange,
        response: { 200: SavedItem },
      },
    },
    async (request) => {
      const user = await requireCurrentUser(request);
      const item = await asProblem(
        changeSavedItem(db, user.id, request.params.id, request.body, await auditActor(request), known),
      );
      return savedItemJson(item);
    },
  );

  app.delete(
    '/me/saved/:id',
    {
      preHandler: signedIn,
      schema: {
        operationId: 'deleteSavedItem',
        summary: 'Usuń / delete a saved item (its share link stops working)',
        tags,
        security,
        params: SavedItemParams,
        response: { 204: { type: 'null', description: 'Usunięto / deleted' } },
      },
    },
    async (request, reply) => {
      const user = await requireCurrentUser(request);
      await asProblem(removeSavedItem(db, user.id, request.params.id, await auditActor(request)));
      return reply.code(204).send();
    },
  );

  for (const shared of [true, false]) {
    const route = {
      preHandler: signedIn,
      schema: {
        operationId: shared ? 'shareSavedItem' : 'revokeSavedItemShare',
        summary: shared
          ? 'Udostępnij / share a saved item by a read-only link (a shared item keeps its link)'
          : 'Cofnij udostępnienie / revoke the share link (it answers 404 from then on)',
        tags,
        security,
        params: SavedItemParams,
        response: { 200: SavedItem },
      },
    };
    const handler = async (
      request: Parameters<typeof requireCurrentUser>[0] & { params: { id: number } },
    ) => {
      const user = await requireCurrentUser(request);
      const item = await asProblem(
        setSharing(db, user.id, request.params.id, shared, await auditActor(request)),
      );
      return savedItemJson(item);
    };
    if (shared) app.post('/me/saved/:id/share', route, handler);
    else app.delete('/me/saved/:id/share', route, handler);
  }

  app.get(
    '/shared/:token',
    {
      schema: {
        operationId: 'getSharedItem',
        summary: 'Udostępniona pozycja / a saved item shared by a link: read-only, for anyone with the link',
        tags,
        params: ShareTokenParams,
        response: { 200: SharedItem },
      },
    },
    async (request, reply) => {
      const item = await sharedSavedItem(db, request.params.token);
      if (!item) {
        throw new ApiProblem(404, 'share-not-found', {
          pl: 'Ten link nie prowadzi do żadnej udostępnionej pozycji (mógł zostać wycofany).',
          en: 'This link leads to no shared item (it may have been revoked).',
        });
      }
      // The link is the secret: not for search engines.
      reply.header('x-robots-tag', 'noindex');
      return {
        kind: item.kind,
        name: item.name,
        settings: item.settings,
        links: linksOf(item),
        sharedAt: item.sharedAt ?? '',
        updatedAt: item.updatedAt,
      };
    },
  );
};
