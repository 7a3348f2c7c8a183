import { sql } from 'drizzle-orm';
import {
  boolean,
  check,
  date,
  doublePrecision,
  index,
  integer,
  jsonb,
  numeric,
  pgSchema,
  primaryKey,
  real,
  smallint,
  text,
  timestamp,
  uniqueIndex,
  uuid,
  varchar,
  type AnyPgColumn,
} from 'drizzle-orm/pg-core';
import type { TurnLatency } from '../../core/voice/conversation.js';
import { users } from '../../core/identity/schema.js';
import { encryptedText } from '../../core/db/encrypted-column.js';
import { Difficulty, JobStatus, MessageType, ProfileRole, RequestStatus, RoomName, SentenceStatus, SessionType } from './contract.js';

export const tutorSchema = pgSchema('tutor');

/** A CHECK that the column holds one of the contract's literals, so the API and the database name the same values. */
const oneOf = (column: AnyPgColumn, union: { anyOf: { const: string }[] }) =>
  sql`${column} IN (${sql.raw(union.anyOf.map((literal) => `'${literal.const}'`).join(', '))})`;

/** The seed's Users: one profile per user; for tutors the capacity counter is kept beside its limit under a CHECK. */
export const profiles = tutorSchema.table(
  'profiles',
  {
    userId: uuid('user_id')
      .primaryKey()
      .references(() => users.id, { onDelete: 'cascade' }),
    role: varchar('role', { length: 10 }).$type<ProfileRole>().notNull(),
    name: encryptedText('name').notNull(),
    isAccepting: boolean('is_accepting').notNull().default(false),
    maxStudents: integer('max_students').notNull().default(0),
    /** Active links; approval raises it in the same transaction, so it can never pass max_students. */
    activeStudents: integer('active_students').notNull().default(0),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('profiles_role_created_idx').on(t.role, t.createdAt, t.userId),
    check('profiles_role', oneOf(t.role, ProfileRole)),
    check('profiles_max_students', sql`${t.maxStudents} BETWEEN 0 AND 500`),
    check('profiles_capacity', sql`${t.activeStudents} >= 0 AND ${t.activeStudents} <= ${t.maxStudents}`),
  ],
);

export const tutorRequests = tutorSchema.table(
  'tutor_requests',
  {
    id: uuid('id').primaryKey(),
    studentId: uuid('student_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    tutorId: uuid('tutor_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    status: varchar('status', { length: 10 }).$type<RequestStatus>().notNull().default('PENDING'),
    message: text('message'),
    processedAt: timestamp('processed_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    index('tutor_requests_student_created_idx').on(t.studentId, t.createdAt.desc(), t.id.desc()),
    /** The seed's `tutor_email#status` + created_at index. */
    index('tutor_requests_tutor_status_created_idx').on(t.tutorId, t.status, t.createdAt.desc(), t.id.desc()),
    uniqueIndex('tutor_requests_one_pending_per_pair')
      .on(t.studentId, t.tutorId)
      .where(sql`${t.status} = 'PENDING'`),
    index('tutor_requests_processed_idx')
      .on(t.processedAt)
      .where(sql`${t.processedAt} IS NOT NULL`),
    check('tutor_requests_status', oneOf(t.status, RequestStatus)),
    check('tutor_requests_processed', sql`(${t.status} = 'PENDING') = (${t.processedAt} IS NULL)`),
    check('tutor_requests_not_self', sql`${t.studentId} <> ${t.tutorId}`),
  ],
);

export const tutorStudents = tutorSchema.table(
  'tutor_students',
  {
    tutorId: uuid('tutor_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    studentId: uuid('student_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    status: varchar('status', { length: 10 }).notNull().default('active'),
    requestId: uuid('request_id'),
    /** Where the student is right now: practice, ai-conversation, or nowhere (NULL). */
    room: varchar('room', { length: 20 }).$type<RoomName>(),
    assignedAt: timestamp('assigned_at', { withTimezone: true }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.tutorId, t.studentId] }),
    index('tutor_students_student_idx').on(t.studentId),
    check('tutor_students_status', sql`${t.status} IN ('active', 'inactive')`),
    check('tutor_students_room', sql`${t.room} IS NULL OR ${oneOf(t.room, RoomName)}`),
  ],
);

export const learningSessions = tutorSchema.table(
  'learning_sessions',
  {
    id: uuid('id').primaryKey(),
    studentId: uuid('student_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    /** The seed's timestamp: when the session started; its date in TUTOR_TIME_ZONE is the statistics day. */
    startedAt: timestamp('started_at', { withTimezone: true }).notNull(),
    sessionType: varchar('session_type', { length: 15 }).$type<SessionType>().notNull(),
    endedAt: timestamp('ended_at', { withTimezone: true }),
    /** Seconds. */
    duration: doublePrecision('duration'),
    speakingDuration: doublePrecision('speaking_duration'),
    recordingTime: doublePrecision('recording_time'),
    paceRatio: doublePrecision('pace_ratio'),
    responseLatency: doublePrecision('response_latency'),
    responseQuality: doublePrecision('response_quality'),
    chatTurns: integer('chat_turns').notNull().default(0),
    practiceCount: integer('practice_count').notNull().default(0),
  },
  (t) => [
    index('learning_sessions_student_started_idx').on(t.studentId, t.startedAt.desc(), t.id.desc()),
    index('learning_sessions_started_idx').on(t.startedAt),
    check('learning_sessions_type', oneOf(t.sessionType, SessionType)),
    check(
      'learning_sessions_durations',
      sql`(${t.duration} IS NULL OR ${t.duration} >= 0) AND (${t.speakingDuration} IS NULL OR ${t.speakingDuration} >= 0)`,
    ),
  ],
);

/**
 * The seed's DailyStatistics. Sums sit beside the averages so every session end can add to them
 * atomically (the seed's `UpdateExpression ADD`) and the averages stay exact means of the sums.
 */
export const dailyStatistics = tutorSchema.table(
  'daily_statistics',
  {
    studentId: uuid('student_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    date: date('date', { mode: 'string' }).notNull(),
    sessionsCount: integer('sessions_count').notNull().default(0),
    practiceCount: integer('practice_count').notNull().default(0),
    chatTurnsCount: integer('chat_turns_count').notNull().default(0),
    paceRatioCount: integer('pace_ratio_count').notNull().default(0),
    responseCount: integer('response_count').notNull().default(0),
    totalRecordingTime: numeric('total_recording_time').notNull().default('0'),
    totalSpeakingTime: numeric('total_speaking_time').notNull().default('0'),
    sumNetSpeakingDensity: numeric('sum_net_speaking_density').notNull().default('0'),
    sumPaceRatio: numeric('sum_pace_ratio').notNull().default('0'),
    sumResponseLatency: numeric('sum_response_latency').notNull().default('0'),
    sumResponseQuality: numeric('sum_response_quality').notNull().default('0'),
    avgNetSpeakingDensity: doublePrecision('avg_net_speaking_density'),
    avgPaceRatio: doublePrecision('avg_pace_ratio'),
    avgResponseLatency: doublePrecision('avg_response_latency'),
    avgResponseQuality: doublePrecision('avg_response_quality'),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.studentId, t.date] }), index('daily_statistics_date_idx').on(t.date)],
);

/** What each nightly roll-up found when it recomputed a day from the sessions. */
export const statisticsRollups = tutorSchema.table('statistics_rollups', {
  date: date('date', { mode: 'string' }).primaryKey(),
  studentsChecked: integer('students_checked').notNull(),
  differences: jsonb('differences').notNull().default([]),
  ranAt: timestamp('ran_at', { withTimezone: true }).notNull(),
});

export const aiConversations = tutorSchema.table(
  'ai_conversations',
  {
    /** The seed's conversation_id. */
    id: uuid('id').primaryKey(),
    studentId: uuid('student_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    difficulty: varchar('difficulty', { length: 1 }).$type<Difficulty>().notNull(),
    role: varchar('role', { length: 100 }).notNull(),
    situation: text('situation').notNull(),
    topic: varchar('topic', { length: 200 }),
    turnCount: integer('turn_count').notNull().default(0),
    /** The sentence the AI recommends the student to try next. */
    message: text('message'),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    index('ai_conversations_student_created_idx').on(t.studentId, t.createdAt.desc(), t.id.desc()),
    index('ai_conversations_created_idx').on(t.createdAt),
    check('ai_conversations_difficulty', oneOf(t.difficulty, Difficulty)),
    check('ai_conversations_turn_count', sql`${t.turnCount} >= 0`),
  ],
);

export const aiConversationTurns = tutorSchema.table(
  'ai_conversation_turns',
  {
    conversationId: uuid('conversation_id')
      .notNull()
      .references(() => aiConversations.id, { onDelete: 'cascade' }),
    turn: smallint('turn').notNull(),
    studentText: text('student_text').notNull(),
    aiText: text('ai_text').notNull(),
    /** A spoken reply the student talked over: `aiText` holds what was heard before it stopped. */
    interrupted: boolean('interrupted').notNull().default(false),
    /** A live voice turn's stages, see docs/voice.md. */
    latency: jsonb('latency').$type<TurnLatency>(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.conversationId, t.turn] })],
);

export const feedbackMessages = tutorSchema.table(
  'feedback_messages',
  {
    /** The seed's feedback_id. */
    id: uuid('id').primaryKey(),
    tutorId: uuid('tutor_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    studentId: uuid('student_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    message: text('message').notNull(),
    messageType: varchar('message_type', { length: 5 }).$type<MessageType>().notNull(),
    /** A core.files id: the TTS of the message. */
    audioFileId: uuid('audio_file_id'),
    sessionId: uuid('session_id').references(() => learningSessions.id, { onDelete: 'set null' }),
    websocketSent: boolean('websocket_sent').notNull().default(false),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    /** The seed's composite key tutor#student + timestamp. */
    index('feedback_messages_pair_created_idx').on(t.tutorId, t.studentId, t.createdAt.desc(), t.id.desc()),
    index('feedback_messages_student_created_idx').on(t.studentId, t.createdAt.desc(), t.id.desc()),
    index('feedback_messages_created_idx').on(t.createdAt),
    check('feedback_messages_type', oneOf(t.messageType, MessageType)),
    check('feedback_messages_audio', sql`${t.messageType} = 'text' OR ${t.audioFileId} IS NOT NULL`),
  ],
);

/** The seed's AsyncJobStatus: what clients poll by job id; core.jobs does the work. */
export const asyncJobs = tutorSchema.table(
  'async_jobs',
  {
    id: uuid('id').primaryKey(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    kind: varchar('kind', { length: 20 }).notNull(),
    status: varchar('status', { length: 10 }).$type<JobStatus>().notNull().default('PENDING'),
    /** A core.files id; the API gives it out as a signed URL. */
    audioFileId: uuid('audio_file_id'),
    error: text('error'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('async_jobs_created_idx').on(t.createdAt), check('async_jobs_status', oneOf(t.status, JobStatus))],
);

export const sentenceAudio = tutorSchema.table(
  'sentence_audio',
  {
    /** A client-made UUID for the practice session. */
    sessionId: uuid('session_id').notNull(),
    sentenceIndex: smallint('sentence_index').notNull(),
    studentId: uuid('student_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    english: text('english').notNull(),
    korean: text('korean'),
    voiceId: varchar('voice_id', { length: 100 }),
    status: varchar('status', { length: 10 }).$type<SentenceStatus>().notNull().default('PENDING'),
    audioFileId: uuid('audio_file_id'),
    durationMs: integer('duration_ms'),
    jobId: uuid('job_id'),
    error: text('error'),
    requestAt: timestamp('request_at', { withTimezone: true }).notNull(),
    completedAt: timestamp('completed_at', { withTimezone: true }),
  },
  (t) => [
    primaryKey({ columns: [t.sessionId, t.sentenceIndex] }),
    index('sentence_audio_request_idx').on(t.requestAt),
    check('sentence_audio_index', sql`${t.sentenceIndex} >= 0`),
    check('sentence_audio_status', oneOf(t.status, SentenceStatus)),
  ],
);

export const pronunciationResults = tutorSchema.table(
  'pronunciation_results',
  {
    id: uuid('id').primaryKey(),
    studentId: uuid('student_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    sentenceId: varchar('sentence_id', { length: 100 }),
    originalText: text('original_text').notNull(),
    transcribedText: text('transcribed_text').notNull(),
    overallScore: smallint('overall_score').notNull(),
    wordAccuracy: real('word_accuracy').notNull(),
    completenessScore: real('completeness_score').notNull(),
    grade: varchar('grade', { length: 2 }).notNull(),
    missedWords: text('missed_words').array().notNull(),
    extraWords: text('extra_words').array().notNull(),
    feedback: text('feedback').notNull(),
    audioDurationMs: integer('audio_duration_ms'),
    /** The student's recording (a core.files id); it goes with the result. */
    recordingFileId: uuid('recording_file_id'),
  },
  (t) => [
    index('pronunciation_results_student_created_idx').on(t.studentId, t.createdAt.desc(), t.id.desc()),
    index('pronunciation_results_created_idx').on(t.createdAt),
    check('pronunciation_results_score', sql`${t.overallScore} BETWEEN 0 AND 100`),
  ],
);
