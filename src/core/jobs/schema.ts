import { index, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { coreSchema } from '../db/core-schema.js';

/**
 * Idempotency keys of sent jobs: a second send with the same key on the same queue creates no job.
 * The row and the job are written in one transaction, so neither exists without the other.
 */
export const jobKeys = coreSchema.table(
  'job_keys',
  {
    queue: text('queue').notNull(),
    key: text('key').notNull(),
    jobId: uuid('job_id').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.queue, t.key] }), index('job_keys_created_at_idx').on(t.createdAt)],
);
