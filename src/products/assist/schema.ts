import { sql } from 'drizzle-orm';
import {
  boolean,
  check,
  date,
  index,
  integer,
  jsonb,
  pgSchema,
  real,
  text,
  timestamp,
  uniqueIndex,
  uuid,
  varchar,
} from 'drizzle-orm/pg-core';
import { users } from '../../core/identity/schema.js';
import { encryptedText } from '../../core/db/encrypted-column.js';

export const assistSchema = pgSchema('assist');

export const ROOM_STATUSES = ['waiting', 'active', 'ended'] as const;
export type RoomStatus = (typeof ROOM_STATUSES)[number];
export const SPEAKER_ROLES = ['agent', 'customer'] as const;
export type SpeakerRole = (typeof SPEAKER_ROLES)[number];
export const FEEDBACK = ['accepted', 'dismissed'] as const;

export const customers = assistSchema.table(
  'customers',
  {
    id: uuid('id').primaryKey(),
    customerName: encryptedText('customer_name').notNull(),
    phoneNumber: encryptedText('phone_number'),
    /** Blind index of the normalized phone number: lookups without decrypting every row. */
    phoneBlindIndex: text('phone_bidx'),
    /** Age, gender, residence and plan describe the person: encrypted (the age as the text of a whole number). */
    age: encryptedText('age'),
    gender: encryptedText('gender'),
    residence: encryptedText('residence'),
    membershipGrade: varchar('membership_grade', { length: 40 }),
    currentPlan: encryptedText('current_plan'),
    monthlyFee: integer('monthly_fee'),
    contractStatus: varchar('contract_status', { length: 40 }),
    bundleInfo: varchar('bundle_info', { length: 200 }),
    dataAllowance: varchar('data_allowance', { length: 100 }),
    subscriptionDate: date('subscription_date'),
    /** A digest of past consultations (newest last), appended when a room ends. */
    consultationHistory: jsonb('consultation_history').notNull().default([]),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('customers_phone_bidx_idx').on(t.phoneBlindIndex),
    check('customers_monthly_fee', sql`${t.monthlyFee} IS NULL OR ${t.monthlyFee} >= 0`),
  ],
);

export const agents = assistSchema.table(
  'agents',
  {
    id: uuid('id').primaryKey(),
    agentCode: varchar('agent_code', { length: 40 }).notNull(),
    agentName: varchar('agent_name', { length: 100 }).notNull(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('agents_agent_code_key').on(t.agentCode), uniqueIndex('agents_user_key').on(t.userId)],
);

export const rooms = assistSchema.table(
  'rooms',
  {
    id: uuid('id').primaryKey(),
    roomName: varchar('room_name', { length: 200 }).notNull(),
    status: varchar('status', { length: 10 }).notNull().default('waiting'),
    metadata: jsonb('metadata').notNull().default({}),
    customerId: uuid('customer_id').references(() => customers.id, { onDelete: 'set null' }),
    agentId: uuid('agent_id')
      .notNull()
      .references(() => agents.id, { onDelete: 'cascade' }),
    /** Handed by the agent to the customer; joining as a customer needs it. */
    joinCode: varchar('join_code', { length: 64 }).notNull(),
    /** How many transcript segments are final; each final gets the next number as its final_index. */
    finalCount: integer('final_count').notNull().default(0),
    lastAssistedAt: timestamp('last_assisted_at', { withTimezone: true }),
    /** Set when the last peer leaves, cleared when one joins: an empty room ends after the configured time. */
    emptySince: timestamp('empty_since', { withTimezone: true }),
    startedAt: timestamp('started_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    endedAt: timestamp('ended_at', { withTimezone: true }),
  },
  (t) => [
    index('rooms_agent_created_idx').on(t.agentId, t.createdAt.desc()),
    index('rooms_open_empty_idx')
      .on(t.emptySince)
      .where(sql`${t.status} <> 'ended'`),
    check('rooms_status', sql`${t.status} IN ('waiting', 'active', 'ended')`),
  ],
);

export const peers = assistSchema.table(
  'peers',
  {
    id: uuid('id').primaryKey(),
    roomId: uuid('room_id')
      .notNull()
      .references(() => rooms.id, { onDelete: 'cascade' }),
    peerId: varchar('peer_id', { length: 64 }).notNull(),
    userId: uuid('user_id').references(() => users.id, { onDelete: 'set null' }),
    role: varchar('role', { length: 10 }).notNull(),
    nickname: varchar('nickname', { length: 100 }).notNull(),
    joinedAt: timestamp('joined_at', { withTimezone: true }).notNull().defaultNow(),
    leftAt: timestamp('left_at', { withTimezone: true }),
    /** `connection_lost` when the peer's last connection to the room dropped; NULL when it left through the API or the room ended. */
    leftReason: varchar('left_reason', { length: 20 }),
  },
  (t) => [
    // A peer may leave and rejoin (a new row), but is in the room at most once at a time.
    uniqueIndex('peers_room_peer_present_key')
      .on(t.roomId, t.peerId)
      .where(sql`${t.leftAt} IS NULL`),
    index('peers_room_user_idx').on(t.roomId, t.userId),
    check('peers_role', sql`${t.role} IN ('agent', 'customer')`),
    check('peers_left_reason', sql`${t.leftReason} IS NULL OR (${t.leftReason} = 'connection_lost' AND ${t.leftAt} IS NOT NULL)`),
  ],
);

export const transcripts = assistSchema.table(
  'transcripts',
  {
    id: uuid('id').primaryKey(),
    roomId: uuid('room_id')
      .notNull()
      .references(() => rooms.id, { onDelete: 'cascade' }),
    /** Chosen by the source (client STT, external STT, the server's transcriber); partials are upserts on it. */
    segmentId: varchar('segment_id', { length: 100 }).notNull(),
    peerId: varchar('peer_id', { length: 64 }).notNull(),
    nickname: varchar('nickname', { length: 100 }).notNull(),
    speakerRole: varchar('speaker_role', { length: 10 }).notNull(),
    text: text('text').notNull(),
    startMs: integer('start_ms').notNull(),
    endMs: integer('end_ms').notNull(),
    confidence: real('confidence'),
    timestamp: timestamp('timestamp', { withTimezone: true }).notNull(),
    source: varchar('source', { length: 40 }).notNull(),
    isFinal: boolean('is_final').notNull().default(false),
    /** 1, 2, 3 … in the order segments became final; null while partial. */
    finalIndex: integer('final_index'),
    /** How many times a partial replaced the text. */
    revision: integer('revision').notNull().default(0),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('transcripts_room_segment_key').on(t.roomId, t.segmentId),
    uniqueIndex('transcripts_room_final_key').on(t.roomId, t.finalIndex),
    check('transcripts_offsets', sql`${t.startMs} >= 0 AND ${t.endMs} >= ${t.startMs}`),
    check('transcripts_speaker_role', sql`${t.speakerRole} IN ('agent', 'customer')`),
    check('transcripts_final_index', sql`(${t.isFinal} AND ${t.finalIndex} IS NOT NULL) OR (NOT ${t.isFinal} AND ${t.finalIndex} IS NULL)`),
  ],
);

export const agentSummaries = assistSchema.table(
  'agent_summaries',
  {
    id: uuid('id').primaryKey(),
    roomId: uuid('room_id')
      .notNull()
      .references(() => rooms.id, { onDelete: 'cascade' }),
    summaryText: text('summary_text').notNull(),
    keyPoints: jsonb('key_points').notNull().default([]),
    /** The finals this summary adds: final_index in (from_index, last_summarized_index]. */
    fromIndex: integer('from_index').notNull(),
    lastSummarizedIndex: integer('last_summarized_index').notNull(),
    processingTimeMs: integer('processing_time_ms').notNull(),
    modelVersion: varchar('model_version', { length: 200 }).notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('agent_summaries_room_last_key').on(t.roomId, t.lastSummarizedIndex),
    check('agent_summaries_range', sql`${t.fromIndex} >= 0 AND ${t.lastSummarizedIndex} > ${t.fromIndex}`),
  ],
);

export const consultationSessions = assistSchema.table(
  'consultation_sessions',
  {
    id: uuid('id').primaryKey(),
    roomId: uuid('room_id').references(() => rooms.id, { onDelete: 'set null' }),
    customerId: uuid('customer_id').references(() => customers.id, { onDelete: 'cascade' }),
    agentId: uuid('agent_id').references(() => agents.id, { onDelete: 'set null' }),
    agentName: varchar('agent_name', { length: 100 }),
    startedAt: timestamp('started_at', { withTimezone: true }).notNull(),
    endedAt: timestamp('ended_at', { withTimezone: true }).notNull(),
    durationSeconds: integer('duration_seconds').notNull(),
    status: varchar('status', { length: 20 }).notNull().default('completed'),
    channel: varchar('channel', { length: 20 }).notNull().default('voice'),
    finalSummary: text('final_summary'),
    consultationType: varchar('consultation_type', { length: 100 }),
    metadata: jsonb('metadata').notNull().default({}),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('consultation_sessions_room_key').on(t.roomId),
    index('consultation_sessions_customer_idx').on(t.customerId, t.startedAt.desc()),
    check('consultation_sessions_duration', sql`${t.durationSeconds} >= 0`),
    check('consultation_sessions_channel', sql`${t.channel} IN ('voice', 'chat', 'video')`),
  ],
);

export const consultationTranscripts = assistSchema.table(
  'consultation_transcripts',
  {
    id: uuid('id').primaryKey(),
    sessionId: uuid('session_id')
      .notNull()
      .references(() => consultationSessions.id, { onDelete: 'cascade' }),
    turnIndex: integer('turn_index').notNull(),
    speakerType: varchar('speaker_type', { length: 10 }).notNull(),
    speakerName: varchar('speaker_name', { length: 100 }),
    text: text('text').notNull(),
    timestamp: timestamp('timestamp', { withTimezone: true }).notNull(),
    confidence: real('confidence'),
    isFinal: boolean('is_final').notNull().default(true),
    source: varchar('source', { length: 40 }).notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('consultation_transcripts_turn_key').on(t.sessionId, t.turnIndex),
    check('consultation_transcripts_speaker', sql`${t.speakerType} IN ('agent', 'customer')`),
  ],
);

/** Every AI result of the assistant; live results belong to the room, and to the session once the room ends. */
export const agentResults = assistSchema.table(
  'consultation_agent_results',
  {
    id: uuid('id').primaryKey(),
    roomId: uuid('room_id').references(() => rooms.id, { onDelete: 'set null' }),
    sessionId: uuid('session_id').references(() => consultationSessions.id, { onDelete: 'cascade' }),
    /** The finals the result was computed from, as `<from>-<to>` final indexes. */
    turnId: varchar('turn_id', { length: 40 }).notNull(),
    resultType: varchar('result_type', { length: 20 }).notNull(),
    resultData: jsonb('result_data').notNull(),
    processingTimeMs: integer('processing_time_ms').notNull(),
    modelVersion: varchar('model_version', { length: 200 }).notNull(),
    feedback: varchar('feedback', { length: 10 }),
    feedbackAt: timestamp('feedback_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('agent_results_room_idx').on(t.roomId, t.createdAt),
    index('agent_results_session_idx').on(t.sessionId),
    index('agent_results_model_feedback_idx').on(t.resultType, t.modelVersion, t.feedback),
    check('agent_results_type', sql`${t.resultType} IN ('summary', 'final_summary', 'intent', 'sentiment', 'recommendation')`),
    check('agent_results_feedback', sql`${t.feedback} IS NULL OR ${t.feedback} IN ('accepted', 'dismissed')`),
  ],
);

export const consultationHistory = assistSchema.table(
  'consultation_history',
  {
    id: uuid('id').primaryKey(),
    customerId: uuid('customer_id')
      .notNull()
      .references(() => customers.id, { onDelete: 'cascade' }),
    sessionId: uuid('session_id').references(() => consultationSessions.id, { onDelete: 'set null' }),
    consultationDate: date('consultation_date').notNull(),
    consultationType: varchar('consultation_type', { length: 100 }).notNull(),
    detail: jsonb('detail').notNull().default({}),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('consultation_history_customer_date_idx').on(t.customerId, t.consultationDate.desc())],
);
