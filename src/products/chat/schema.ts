import { sql } from 'drizzle-orm';
import {
  boolean,
  check,
  date,
  foreignKey,
  index,
  integer,
  jsonb,
  pgSchema,
  primaryKey,
  smallint,
  text,
  timestamp,
  uuid,
  varchar,
} from 'drizzle-orm/pg-core';
import { users } from '../../core/identity/schema.js';

export const chatSchema = pgSchema('chat');

export const EMOTIONS = ['neutral', 'happy', 'sad', 'angry', 'surprised', 'relaxed'] as const;
export type Emotion = (typeof EMOTIONS)[number];

export const personas = chatSchema.table(
  'chatbot_personas',
  {
    id: varchar('id', { length: 50 }).primaryKey(),
    name: varchar('name', { length: 100 }).notNull(),
    description: text('description').notNull(),
    systemPrompt: text('system_prompt').notNull(),
    avatarModel: varchar('avatar_model', { length: 200 }),
    greeting: text('greeting'),
    isActive: boolean('is_active').notNull().default(true),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [check('chatbot_personas_id_slug', sql`${t.id} ~ '^[a-z0-9][a-z0-9-]{1,49}$'`)],
);

export const preferences = chatSchema.table(
  'user_preferences',
  {
    userId: uuid('user_id')
      .primaryKey()
      .references(() => users.id, { onDelete: 'cascade' }),
    preferredPersona: varchar('preferred_persona', { length: 50 }).references(() => personas.id, { onDelete: 'set null' }),
    avatarCustomization: jsonb('avatar_customization').notNull().default({}),
    voiceEnabled: boolean('voice_enabled').notNull().default(false),
    theme: varchar('theme', { length: 20 }).notNull().default('light'),
    language: varchar('language', { length: 35 }).notNull().default('en'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [check('user_preferences_theme', sql`${t.theme} IN ('light', 'dark')`)],
);

export const conversations = chatSchema.table(
  'conversations',
  {
    id: uuid('id').primaryKey(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    personaId: varchar('persona_id', { length: 50 })
      .notNull()
      .references(() => personas.id),
    title: varchar('title', { length: 200 }),
    messageCount: integer('message_count').notNull().default(0),
    /** The newest message of the branch shown by default; new messages continue from it. */
    lastMessageId: uuid('last_message_id'),
    archivedAt: timestamp('archived_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('conversations_user_updated_idx')
      .on(t.userId, t.updatedAt.desc(), t.id.desc())
      .where(sql`${t.archivedAt} IS NULL`),
    index('conversations_user_archived_idx')
      .on(t.userId, t.archivedAt.desc(), t.id.desc())
      .where(sql`${t.archivedAt} IS NOT NULL`),
    index('conversations_inactive_idx')
      .on(t.updatedAt)
      .where(sql`${t.archivedAt} IS NULL`),
    check('conversations_message_count', sql`${t.messageCount} >= 0`),
  ],
);

export const messages = chatSchema.table(
  'messages',
  {
    id: uuid('id').primaryKey(),
    conversationId: uuid('conversation_id')
      .notNull()
      .references(() => conversations.id, { onDelete: 'cascade' }),
    /** The message this one answers or follows; siblings under one parent are branches. */
    parentId: uuid('parent_id'),
    role: varchar('role', { length: 20 }).notNull(),
    content: text('content').notNull(),
    emotion: varchar('emotion', { length: 20 }),
    tokensUsed: integer('tokens_used'),
    /** On the branch shown by default. */
    active: boolean('active').notNull().default(true),
    /** The stream was stopped by the user or cut off before the reply was complete. */
    unfinished: boolean('unfinished').notNull().default(false),
    provider: varchar('provider', { length: 40 }),
    model: varchar('model', { length: 100 }),
    latencyMs: integer('latency_ms'),
    feedback: smallint('feedback'),
    feedbackComment: text('feedback_comment'),
    feedbackAt: timestamp('feedback_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('messages_conversation_created_idx').on(t.conversationId, t.createdAt, t.id),
    index('messages_parent_idx').on(t.parentId),
    foreignKey({ columns: [t.parentId], foreignColumns: [t.id], name: 'messages_parent_fk' }).onDelete('cascade'),
    check('messages_role', sql`${t.role} IN ('user', 'assistant')`),
    check(
      'messages_emotion',
      sql`${t.emotion} IS NULL OR (${t.role} = 'assistant' AND ${t.emotion} IN ('neutral', 'happy', 'sad', 'angry', 'surprised', 'relaxed'))`,
    ),
    check('messages_feedback', sql`${t.feedback} IS NULL OR ${t.feedback} IN (-1, 1)`),
  ],
);

/** Tokens per user per UTC day, for cost tracking and the daily limit. */
export const dailyTokenUsage = chatSchema.table(
  'daily_token_usage',
  {
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    day: date('day', { mode: 'string' }).notNull(),
    promptTokens: integer('prompt_tokens').notNull().default(0),
    completionTokens: integer('completion_tokens').notNull().default(0),
    replies: integer('replies').notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.userId, t.day] })],
);
