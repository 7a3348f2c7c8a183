import { sql } from 'drizzle-orm';
import { boolean, check, index, integer, jsonb, pgSchema, text, timestamp, uniqueIndex, uuid, varchar } from 'drizzle-orm/pg-core';
import type { TurnLatency } from '../../core/voice/conversation.js';
import { users } from '../../core/identity/schema.js';
import { files } from '../../core/files/schema.js';
import { encryptedText } from '../../core/db/encrypted-column.js';
import type { CallStatus, EndedReason, LearningStatus, Speaker } from './contract.js';

export const callsSchema = pgSchema('calls');

export const settings = callsSchema.table(
  'user_settings',
  {
    userId: uuid('user_id')
      .primaryKey()
      .references(() => users.id, { onDelete: 'cascade' }),
    callTimeoutSeconds: integer('call_timeout_seconds').notNull().default(300),
    notificationEnabled: boolean('notification_enabled').notNull().default(true),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [check('user_settings_call_timeout', sql`${t.callTimeoutSeconds} BETWEEN 1 AND 3600`)],
);

export const personas = callsSchema.table(
  'personas',
  {
    id: uuid('id').primaryKey(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    name: encryptedText('name').notNull(),
    phoneNumber: encryptedText('phone_number').notNull(),
    /** Blind index of the normalized phone number: lookups and the per-user uniqueness. */
    phoneBlindIndex: text('phone_bidx').notNull(),
    /** Who the person is to the caller, and what the AI should know to talk as them: personal, so encrypted. */
    relationship: encryptedText('relationship'),
    profileImageFileId: uuid('profile_image_file_id').references(() => files.id, { onDelete: 'set null' }),
    memo: encryptedText('memo'),
    learningStatus: varchar('learning_status', { length: 20 }).$type<LearningStatus>().notNull().default('NOT_STARTED'),
    lastTrainingJobId: varchar('last_training_job_id', { length: 200 }),
    lastTrainingUpdatedAt: timestamp('last_training_updated_at', { withTimezone: true }),
    trainedVoiceId: varchar('trained_voice_id', { length: 200 }),
    trainingError: text('training_error'),
    isDeleted: boolean('is_deleted').notNull().default(false),
    deletedAt: timestamp('deleted_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('personas_user_phone_live_key')
      .on(t.userId, t.phoneBlindIndex)
      .where(sql`NOT ${t.isDeleted}`),
    index('personas_user_live_idx')
      .on(t.userId, t.createdAt)
      .where(sql`NOT ${t.isDeleted}`),
    index('personas_deleted_at_idx')
      .on(t.deletedAt)
      .where(sql`${t.isDeleted}`),
    index('personas_training_job_idx').on(t.lastTrainingJobId),
    check('personas_learning_status', sql`${t.learningStatus} IN ('NOT_STARTED', 'IN_PROGRESS', 'COMPLETED', 'FAILED')`),
    check('personas_deleted_consistent', sql`${t.isDeleted} = (${t.deletedAt} IS NOT NULL)`),
  ],
);

export const voiceData = callsSchema.table(
  'voice_data',
  {
    id: uuid('id').primaryKey(),
    personaId: uuid('persona_id')
      .notNull()
      .references(() => personas.id, { onDelete: 'cascade' }),
    /** The recording in core.files (its original name is stored encrypted there). */
    fileId: uuid('file_id')
      .notNull()
      .references(() => files.id, { onDelete: 'cascade' }),
    fileSize: integer('file_size').notNull(),
    /** The engine's id of the uploaded file. */
    aiFileId: varchar('ai_file_id', { length: 200 }),
    uploadedAt: timestamp('uploaded_at', { withTimezone: true }).notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('voice_data_persona_idx').on(t.personaId, t.uploadedAt), uniqueIndex('voice_data_file_key').on(t.fileId)],
);

/** The uploader's statement that they may use this voice; training needs it. */
export const voiceConsents = callsSchema.table('voice_consents', {
  personaId: uuid('persona_id')
    .primaryKey()
    .references(() => personas.id, { onDelete: 'cascade' }),
  userId: uuid('user_id')
    .notNull()
    .references(() => users.id, { onDelete: 'cascade' }),
  /** Who gave the voice. */
  voiceOwner: encryptedText('voice_owner').notNull(),
  statement: text('statement').notNull(),
  consentedAt: timestamp('consented_at', { withTimezone: true }).notNull(),
});

export const sessions = callsSchema.table(
  'call_sessions',
  {
    id: uuid('id').primaryKey(),
    personaId: uuid('persona_id')
      .notNull()
      .references(() => personas.id, { onDelete: 'cascade' }),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    status: varchar('status', { length: 20 }).$type<CallStatus>().notNull().default('INIT'),
    dialedAt: timestamp('dialed_at', { withTimezone: true }),
    /** When the call became ACTIVE. */
    startedAt: timestamp('started_at', { withTimezone: true }),
    endedAt: timestamp('ended_at', { withTimezone: true }),
    endedReason: varchar('ended_reason', { length: 20 }).$type<EndedReason>(),
    /** Since when no connection of the owner has been on `call:<id>` (NULL while one is); an ACTIVE call ends after the grace. */
    disconnectedAt: timestamp('disconnected_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('call_sessions_one_active_per_persona')
      .on(t.personaId)
      .where(sql`${t.status} = 'ACTIVE'`),
    index('call_sessions_connecting_idx')
      .on(t.dialedAt)
      .where(sql`${t.status} = 'CONNECTING'`),
    index('call_sessions_persona_idx').on(t.personaId),
    index('call_sessions_user_created_idx').on(t.userId, t.createdAt),
    index('call_sessions_user_status_created_idx').on(t.userId, t.status, t.createdAt, t.id),
    index('call_sessions_disconnected_idx')
      .on(t.disconnectedAt)
      .where(sql`${t.status} = 'ACTIVE'`),
    check('call_sessions_status', sql`${t.status} IN ('INIT', 'CONNECTING', 'ACTIVE', 'ENDED')`),
    check(
      'call_sessions_ended_reason',
      sql`(${t.status} = 'ENDED') = (${t.endedReason} IS NOT NULL) AND (${t.endedReason} IS NULL OR ${t.endedReason} IN ('user_hangup', 'persona_hangup', 'timeout', 'error', 'cancelled', 'connection_lost'))`,
    ),
    check('call_sessions_ended_at', sql`(${t.status} = 'ENDED') = (${t.endedAt} IS NOT NULL)`),
  ],
);

export const callLogs = callsSchema.table(
  'call_logs',
  {
    id: uuid('id').primaryKey(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    personaId: uuid('persona_id')
      .notNull()
      .references(() => personas.id, { onDelete: 'cascade' }),
    callSessionId: uuid('call_session_id')
      .notNull()
      .references(() => sessions.id, { onDelete: 'cascade' }),
    /** When the call became ACTIVE, or when it was created if it never did. */
    startedAt: timestamp('started_at', { withTimezone: true }).notNull(),
    endedAt: timestamp('ended_at', { withTimezone: true }).notNull(),
    /** Computed once, when the session ended; 0 when it never became ACTIVE. */
    durationSeconds: integer('duration_seconds').notNull(),
    endedReason: varchar('ended_reason', { length: 20 }).$type<EndedReason>().notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('call_logs_user_started_idx').on(t.userId, t.startedAt.desc(), t.id.desc()),
    uniqueIndex('call_logs_session_key').on(t.callSessionId),
    index('call_logs_persona_idx').on(t.personaId),
    check('call_logs_duration', sql`${t.durationSeconds} >= 0`),
  ],
);

export const turns = callsSchema.table(
  'call_turns',
  {
    id: uuid('id').primaryKey(),
    callSessionId: uuid('call_session_id')
      .notNull()
      .references(() => sessions.id, { onDelete: 'cascade' }),
    /** Repeated from the session so the purge of a persona finds the turns' audio directly. */
    personaId: uuid('persona_id')
      .notNull()
      .references(() => personas.id, { onDelete: 'cascade' }),
    seq: integer('seq').notNull(),
    speaker: varchar('speaker', { length: 10 }).$type<Speaker>().notNull(),
    text: text('text').notNull(),
    audioFileId: uuid('audio_file_id').references(() => files.id, { onDelete: 'set null' }),
    /** Why a persona turn has no audio (`ai.speech_unavailable` …). */
    audioError: varchar('audio_error', { length: 100 }),
    sttLatencyMs: integer('stt_latency_ms'),
    modelLatencyMs: integer('model_latency_ms'),
    ttsLatencyMs: integer('tts_latency_ms'),
    /** A spoken reply the caller talked over: `text` holds what was heard before it stopped. */
    interrupted: boolean('interrupted').notNull().default(false),
    /** A live voice turn's stages (end of speech → transcript → first token → first audio), see docs/voice.md. */
    latency: jsonb('latency').$type<TurnLatency>(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('call_turns_session_seq_key').on(t.callSessionId, t.seq),
    index('call_turns_persona_idx').on(t.personaId),
    check('call_turns_speaker', sql`${t.speaker} IN ('user', 'persona')`),
  ],
);
