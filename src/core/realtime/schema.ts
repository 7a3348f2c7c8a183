import { bigint, index, jsonb, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { coreSchema } from '../db/core-schema.js';
import { users } from '../identity/schema.js';

/** The last sequence number given out per channel; its row lock serializes publishers of one channel. */
export const channelHeads = coreSchema.table('channel_heads', {
  channel: text('channel').primaryKey(),
  seq: bigint('seq', { mode: 'number' }).notNull(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

/** Stored channel events, replayed by sequence number to clients that reconnect. */
export const channelEvents = coreSchema.table(
  'channel_events',
  {
    channel: text('channel').notNull(),
    seq: bigint('seq', { mode: 'number' }).notNull(),
    event: text('event').notNull(),
    data: jsonb('data').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.channel, t.seq] }), index('channel_events_created_at_idx').on(t.createdAt)],
);

/** Open WebSocket connections (the seed's WebSocketConnections); a row outlives its process only until `expires_at`. */
export const realtimeConnections = coreSchema.table(
  'realtime_connections',
  {
    id: uuid('id').primaryKey(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    instanceId: text('instance_id').notNull(),
    connectedAt: timestamp('connected_at', { withTimezone: true }).notNull(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    index('realtime_connections_user_idx').on(t.userId),
    index('realtime_connections_expires_at_idx').on(t.expiresAt),
    index('realtime_connections_instance_idx').on(t.instanceId),
  ],
);

/** Which connection is subscribed to which channel: the presence of a channel. */
export const presence = coreSchema.table(
  'presence',
  {
    channel: text('channel').notNull(),
    connectionId: uuid('connection_id')
      .notNull()
      .references(() => realtimeConnections.id, { onDelete: 'cascade' }),
    userId: uuid('user_id').notNull(),
    joinedAt: timestamp('joined_at', { withTimezone: true }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.channel, t.connectionId] }), index('presence_connection_idx').on(t.connectionId)],
);
