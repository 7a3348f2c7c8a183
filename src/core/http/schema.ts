import { index, integer, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { coreSchema } from '../db/core-schema.js';
import { users } from '../identity/schema.js';

/**
 * Idempotency keys of write requests (the `Idempotency-Key` header), per account. The row is written in the same
 * transaction as the request's first write, so a key is taken exactly when that write committed; the answer is
 * stored once it is sent (`status` null until then) and replayed to a retry with the same key.
 */
export const idempotencyKeys = coreSchema.table(
  'idempotency_keys',
  {
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    key: text('key').notNull(),
    requestHash: text('request_hash').notNull(),
    status: integer('status'),
    contentType: text('content_type'),
    body: text('body'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.key] }), index('idempotency_keys_created_at_idx').on(t.createdAt)],
);
