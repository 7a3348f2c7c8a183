import { and, desc, eq, sql } from 'drizzle-orm';
import type { Core } from '../context.js';
import { uuidv7 } from '../db/ids.js';
import { inTransaction } from '../db/transaction.js';
import { notFound } from '../http/errors.js';
import type { RetentionPolicy } from '../product.js';
import { userChannel } from '../realtime/channels.js';
import type { TransactionScope } from '../realtime/realtime.js';
import { notifications } from './schema.js';
import { afterKey } from '../http/pagination.js';

export interface Notification {
  id: string;
  type: string;
  title: string;
  message: string;
  data: Record<string, unknown>;
  isRead: boolean;
  channelsSent: string[];
  createdAt: string;
  readAt: string | null;
}

export interface NotifyInput {
  userId: string;
  /** The product's kind of notification (`order_shipped`, `feedback`, `system` …). */
  type: string;
  title: string;
  message: string;
  data?: Record<string, unknown>;
}

/** Events on `user:<id>` that keep every open client of the user in step. */
export const NOTIFICATION_EVENTS = {
  created: 'notification.created',
  read: 'notification.read',
  allRead: 'notification.all_read',
} as const;

type Row = typeof notifications.$inferSelect;

/** Written as the partial index's predicate, so the planner can use it. */
const unread = sql`NOT ${notifications.isRead}`;

function toNotification(row: Row): Notification {
  return {
    id: row.id,
    type: row.type,
    title: row.title,
    message: row.message,
    data: (row.data ?? {}) as Record<string, unknown>,
    isRead: row.isRead,
    channelsSent: row.channelsSent,
    createdAt: row.createdAt.toISOString(),
    readAt: row.readAt?.toISOString() ?? null,
  };
}

/**
 * Stores a notification and pushes it live on the user's channel (`notification.created`).
 * Inside a product's transaction pass `{ tx, afterCommit }`: both the row and the event are part
 * of it, and the push happens once it commits. `channels_sent` has `websocket` only when a connection
 * of the user was on `user:<id>` to receive it.
 */
export async function notify(core: Core, input: NotifyInput, scope?: TransactionScope): Promise<Notification> {
  const write = async ({ tx, afterCommit }: TransactionScope) => {
    const listening = (await core.realtime.presence(userChannel(input.userId), tx)).some((m) => m.userId === input.userId);
    const [row] = await tx
      .insert(notifications)
      .values({
        id: uuidv7(),
        userId: input.userId,
        type: input.type,
        title: input.title,
        message: input.message,
        data: input.data ?? {},
        channelsSent: listening ? ['in_app', 'websocket'] : ['in_app'],
        createdAt: core.clock.now(),
      })
      .returning();
    const notification = toNotification(row!);
    await core.realtime.publish(userChannel(input.userId), NOTIFICATION_EVENTS.created, notification, { tx, afterCommit });
    return notification;
  };
  return scope ? write(scope) : inTransaction(core.db, (tx, afterCommit) => write({ tx, afterCommit }));
}

export interface ListOptions {
  unreadOnly: boolean;
  limit: number;
  /** The (createdAt, id) of the last notification of the previous page. */
  after: { createdAt: Date; id: string } | null;
}

/** Newest first; `limit + 1` rows so the caller can tell whether there is a next page. */
export async function listNotifications(core: Core, userId: string, opts: ListOptions): Promise<Notification[]> {
  const rows = await core.db
    .select()
    .from(notifications)
    .where(
      and(
        eq(notifications.userId, userId),
        opts.unreadOnly ? unread : undefined,
        afterKey(notifications.createdAt, notifications.id, opts.after && { at: opts.after.createdAt, id: opts.after.id }, 'desc'),
      ),
    )
    .orderBy(desc(notifications.createdAt), desc(notifications.id))
    .limit(opts.limit + 1);
  return rows.map(toNotification);
}

export async function countUnread(core: Core, userId: string): Promise<number> {
  const [row] = await core.db
    .select({ n: sql<number>`count(*)::int` })
    .from(notifications)
    .where(and(eq(notifications.userId, userId), unread));
  return Number(row?.n ?? 0);
}

/** Marks one of the user's notifications read; another user's (or a missing) one is a 404. */
export async function markNotificationRead(core: Core, userId: string, id: string): Promise<Notification> {
  return inTransaction(core.db, async (tx, afterCommit) => {
    const now = core.clock.now();
    const [changed] = await tx
      .update(notifications)
      .set({ isRead: true, readAt: now })
      .where(and(eq(notifications.id, id), eq(notifications.userId, userId), unread))
      .returning();
    if (changed) {
      await core.realtime.publish(userChannel(userId), NOTIFICATION_EVENTS.read, { id, readAt: now.toISOString() }, { tx, afterCommit });
      return toNotification(changed);
    }
    const [existing] = await tx
      .select()
      .from(notifications)
      .where(and(eq(notifications.id, id), eq(notifications.userId, userId)));
    if (!existing) throw notFound('notification');
    return toNotification(existing);
  });
}

/** Marks every unread notification of the user read; returns how many changed. */
export async function markAllNotificationsRead(core: Core, userId: string): Promise<number> {
  return inTransaction(core.db, async (tx, afterCommit) => {
    const now = core.clock.now();
    const changed = await tx
      .update(notifications)
      .set({ isRead: true, readAt: now })
      .where(and(eq(notifications.userId, userId), unread))
      .returning({ id: notifications.id });
    if (changed.length > 0) {
      await core.realtime.publish(
        userChannel(userId),
        NOTIFICATION_EVENTS.allRead,
        { count: changed.length, readAt: now.toISOString() },
        { tx, afterCommit },
      );
    }
    return changed.length;
  });
}

/** All of the user's notifications, newest first, for the account export. */
export async function exportNotifications(core: Core, userId: string): Promise<Notification[]> {
  const rows = await core.db
    .select()
    .from(notifications)
    .where(eq(notifications.userId, userId))
    .orderBy(desc(notifications.createdAt), desc(notifications.id));
  return rows.map(toNotification);
}

/** The seeds' 90 days. */
export const notificationRetention: RetentionPolicy = {
  name: 'core.notifications',
  kind: 'ttl',
  table: notifications,
  column: 'created_at',
  days: 90,
};
