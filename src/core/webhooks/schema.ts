import { index, primaryKey, text, timestamp } from 'drizzle-orm/pg-core';
import { coreSchema } from '../db/core-schema.js';

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
