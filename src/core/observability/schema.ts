import { sql } from 'drizzle-orm';
import { check, index, jsonb, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { coreSchema } from '../db/core-schema.js';

/** Warnings and errors from the application log, scrubbed of personal values, kept 30 days. */
export const systemLogs = coreSchema.table(
  'system_logs',
  {
    id: uuid('id').primaryKey(),
    level: text('level').notNull(),
    message: text('message').notNull(),
    context: jsonb('context').$type<Record<string, unknown>>().notNull().default({}),
    requestId: text('request_id'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    check('system_logs_level', sql`${t.level} IN ('warn', 'error', 'fatal')`),
    index('system_logs_created_idx').on(t.createdAt.desc(), t.id.desc()),
    index('system_logs_level_created_idx').on(t.level, t.createdAt.desc(), t.id.desc()),
  ],
);
