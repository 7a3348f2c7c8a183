import { sql } from 'drizzle-orm';
import { boolean, check, index, integer, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { coreSchema } from '../db/core-schema.js';
import { encryptedText } from '../db/encrypted-column.js';
import { users } from '../identity/schema.js';

/**
 * Inbound webhook ids already processed, per endpoint. The row is written in the same transaction
 * as the handler's effect, so a webhook id has an effect at most once.
 */
export const webhookReceipts = coreSchema.table(
  'webhook_receipts',
  {
    endpoint: text('endpoint').notNull(),
    webhookId: text('webhook_id').notNull(),
    receivedAt: timestamp('received_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.endpoint, t.webhookId] }), index('webhook_receipts_received_at_idx').on(t.receivedAt)],
);

/** Where outbound webhooks go: registered by an admin, with the event types it receives and its signing secret. */
export const webhookEndpoints = coreSchema.table(
  'webhook_endpoints',
  {
    id: uuid('id').primaryKey(),
    url: text('url').notNull(),
    description: text('description'),
    /** Catalog event types, or `*` for every event. */
    eventTypes: text('event_types').array().notNull(),
    /** The `whsec_…` signing secret, shown once when it is made. */
    secret: encryptedText('secret').notNull(),
    enabled: boolean('enabled').notNull().default(true),
    disabledAt: timestamp('disabled_at', { withTimezone: true }),
    disabledReason: text('disabled_reason'),
    /** The first failed attempt since the last one that succeeded; null while deliveries succeed. */
    failingSince: timestamp('failing_since', { withTimezone: true }),
    createdBy: uuid('created_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    index('webhook_endpoints_created_idx').on(t.createdAt.desc(), t.id.desc()),
    check('webhook_endpoints_url', sql`${t.url} ~ '^https?://'`),
    check('webhook_endpoints_event_types', sql`cardinality(${t.eventTypes}) > 0`),
  ],
);

/** One event for one endpoint: the body sent on every attempt (sealed), its state and the next attempt's time. */
export const webhookDeliveries = coreSchema.table(
  'webhook_deliveries',
  {
    id: uuid('id').primaryKey(),
    endpointId: uuid('endpoint_id')
      .notNull()
      .references(() => webhookEndpoints.id, { onDelete: 'cascade' }),
    /** The `webhook-id` header: one per event, the same on every attempt, so receivers can drop repeats. */
    messageId: text('message_id').notNull(),
    eventType: text('event_type').notNull(),
    /** The exact JSON body sent (it may hold a summary of what someone said, so it is encrypted). */
    payload: encryptedText('payload').notNull(),
    status: text('status').notNull().default('pending'),
    attempts: integer('attempts').notNull().default(0),
    nextAttemptAt: timestamp('next_attempt_at', { withTimezone: true }),
    lastStatusCode: integer('last_status_code'),
    lastError: text('last_error'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    deliveredAt: timestamp('delivered_at', { withTimezone: true }),
  },
  (t) => [
    uniqueIndex('webhook_deliveries_endpoint_message_key').on(t.endpointId, t.messageId),
    index('webhook_deliveries_endpoint_created_idx').on(t.endpointId, t.createdAt.desc(), t.id.desc()),
    index('webhook_deliveries_created_at_idx').on(t.createdAt),
    check('webhook_deliveries_status', sql`${t.status} IN ('pending', 'delivered', 'failed')`),
  ],
);

/** The delivery log: every attempt with the receiver's status code, the time it took and what went wrong. */
export const webhookAttempts = coreSchema.table(
  'webhook_delivery_attempts',
  {
    id: uuid('id').primaryKey(),
    deliveryId: uuid('delivery_id')
      .notNull()
      .references(() => webhookDeliveries.id, { onDelete: 'cascade' }),
    attempt: integer('attempt').notNull(),
    /** `automatic` (the first try and its retries) or `manual` (an admin's redelivery). */
    trigger: text('trigger').notNull(),
    statusCode: integer('status_code'),
    latencyMs: integer('latency_ms').notNull(),
    error: text('error'),
    attemptedAt: timestamp('attempted_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    uniqueIndex('webhook_delivery_attempts_delivery_attempt_key').on(t.deliveryId, t.attempt),
    check('webhook_delivery_attempts_trigger', sql`${t.trigger} IN ('automatic', 'manual')`),
  ],
);
