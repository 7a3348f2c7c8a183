import { sql } from 'drizzle-orm';
import { check, index, integer, real, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { coreSchema } from '../db/core-schema.js';
import { users } from '../identity/schema.js';

/** One row per AI call: who, which provider and model, which prompt version, how long, how much. */
export const aiCalls = coreSchema.table(
  'ai_calls',
  {
    id: uuid('id').primaryKey(),
    // Usage outlives an erased account for cost accounting, but no longer points at anyone.
    userId: uuid('user_id').references(() => users.id, { onDelete: 'set null' }),
    capability: text('capability').notNull(),
    provider: text('provider').notNull(),
    model: text('model').notNull(),
    promptVersion: text('prompt_version'),
    latencyMs: integer('latency_ms').notNull(),
    promptTokens: integer('prompt_tokens').notNull().default(0),
    completionTokens: integer('completion_tokens').notNull().default(0),
    audioSeconds: real('audio_seconds').notNull().default(0),
    characters: integer('characters').notNull().default(0),
    status: text('status').notNull(),
    errorCode: text('error_code'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    index('ai_calls_created_idx').on(t.createdAt),
    index('ai_calls_user_created_idx').on(t.userId, t.createdAt),
    check('ai_calls_status', sql`${t.status} IN ('ok', 'error')`),
    check('ai_calls_capability', sql`${t.capability} IN ('chat', 'embed', 'transcribe', 'speak', 'voice')`),
  ],
);
