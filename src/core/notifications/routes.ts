import { Type } from 'typebox';
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { Core } from '../context.js';
import { decodeTimeCursor, DEFAULT_PAGE_SIZE, PageQuery, toPage } from '../http/pagination.js';
import { errorResponses, IdParams, Strict, Timestamp, Uuid } from '../http/schemas.js';
import { requireUser } from '../identity/access.js';
import { countUnread, listNotifications, markAllNotificationsRead, markNotificationRead, type Notification } from './notifications.js';

/** A notification as clients see it (also in the account export). */
export const notificationFields = {
  id: Uuid,
  type: Type.String(),
  title: Type.String(),
  message: Type.String(),
  data: Type.Record(Type.String(), Type.Unknown()),
  isRead: Type.Boolean(),
  channelsSent: Type.Array(Type.String(), {
    description: 'How it was delivered: in_app (stored, listed here), websocket (pushed on user:<id> to a connection of the user on it)',
  }),
  createdAt: Timestamp,
  readAt: Type.Union([Timestamp, Type.Null()]),
};
const NotificationSchema = Type.Object(notificationFields, { $id: 'Notification' });
const NotificationRef = Type.Unsafe<Notification>({ $ref: 'Notification#' });

export function notificationRoutes(core: Core) {
  return async function register(root: FastifyInstance) {
    root.addSchema(NotificationSchema);
    const app = root.withTypeProvider<TypeBoxTypeProvider>();
    const tags = ['notifications'];

    app.get(
      '/v1/notifications',
      {
        schema: {
          tags,
          summary: 'My notifications, newest first; live ones arrive as notification.created on user:<my id>',
          querystring: Strict({ ...PageQuery, unread: Type.Optional(Type.Boolean({ description: 'Only unread ones' })) }),
          response: {
            200: Type.Object({
              items: Type.Array(NotificationRef),
              nextCursor: Type.Union([Type.String(), Type.Null()]),
              unreadCount: Type.Integer(),
            }),
            ...errorResponses(400),
          },
        },
      },
      async (request) => {
        const user = requireUser(request);
        const limit = request.query.limit ?? DEFAULT_PAGE_SIZE;
        const key = decodeTimeCursor(request.query.cursor);
        const after = key && { createdAt: key.at, id: key.id };
        const [rows, unreadCount] = await Promise.all([
          listNotifications(core, user.id, { unreadOnly: request.query.unread === true, limit, after }),
          countUnread(core, user.id),
        ]);
        return {
          ...toPage(
            rows,
            limit,
            (n) => [n.createdAt, n.id],
            (n) => n,
          ),
          unreadCount,
        };
      },
    );

    app.post(
      '/v1/notifications/:id/read',
      {
        schema: {
          tags,
          summary: 'Mark one of my notifications read',
          params: IdParams,
          response: { 200: NotificationRef, ...errorResponses(400, 404) },
        },
      },
      async (request) => markNotificationRead(core, requireUser(request).id, request.params.id),
    );

    app.post(
      '/v1/notifications/read-all',
      {
        schema: {
          tags,
          summary: 'Mark all my notifications read',
          response: { 200: Type.Object({ updated: Type.Integer({ description: 'How many were unread' }) }) },
        },
      },
      async (request) => ({ updated: await markAllNotificationsRead(core, requireUser(request).id) }),
    );
  };
}
