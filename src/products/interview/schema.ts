import { sql } from 'drizzle-orm';
import { check, index, integer, jsonb, pgSchema, real, text, timestamp, uniqueIndex, uuid, varchar } from 'drizzle-orm/pg-core';
import { users } from '../../core/identity/schema.js';
import type { TurnLatency } from '../../core/voice/conversation.js';
import { encryptedText } from '../../core/db/encrypted-column.js';

export const interviewSchema = pgSchema('interview');

export const SESSION_STATUSES = ['started', 'in_progress', 'completed', 'abandoned'] as const;
export type SessionStatus = (typeof SESSION_STATUSES)[number];
export const TASK_STATUSES = ['pending', 'done', 'failed', 'skipped'] as const;

export const sessions = interviewSchema.table(
  'interview_sessions',
  {
    id: uuid('id').primaryKey(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    /** The candidate's name when the session started (a personal field). */
    userName: encryptedText('user_name'),
    position: varchar('position', { length: 100 }).notNull(),
    status: varchar('status', { length: 20 }).notNull().default('started'),
    questionCount: integer('question_count').notNull(),
    emotionSummary: jsonb('emotion_summary'),
    overallEvaluation: jsonb('overall_evaluation'),
    overallScore: integer('overall_score'),
    completedAt: timestamp('completed_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('interview_sessions_user_created_idx').on(t.userId, t.createdAt.desc(), t.id.desc()),
    index('interview_sessions_user_position_idx').on(t.userId, t.position, t.completedAt),
    check('interview_sessions_status', sql`${t.status} IN ('started', 'in_progress', 'completed', 'abandoned')`),
    check('interview_sessions_question_count', sql`${t.questionCount} BETWEEN 1 AND 30`),
    check('interview_sessions_overall_score', sql`${t.overallScore} IS NULL OR ${t.overallScore} BETWEEN 0 AND 100`),
  ],
);

export const records = interviewSchema.table(
  'interview_records',
  {
    id: uuid('id').primaryKey(),
    sessionId: uuid('session_id')
      .notNull()
      .references(() => sessions.id, { onDelete: 'cascade' }),
    order: integer('order').notNull(),
    /** The question this one follows up on. */
    parentOrder: integer('parent_order'),
    questionText: text('question_text').notNull(),
    questionProvider: varchar('question_provider', { length: 40 }),
    questionModel: varchar('question_model', { length: 100 }),
    answerText: text('answer_text'),
    answerMode: varchar('answer_mode', { length: 10 }),
    /** Spoken answers: the audio length, the time from question to answer, and the speaking rate. */
    answerDurationSeconds: real('answer_duration_seconds'),
    timeToAnswerMs: integer('time_to_answer_ms'),
    wordsPerMinute: real('words_per_minute'),
    /** A spoken answer's stages up to the next question's first audio, see docs/voice.md. */
    voiceLatency: jsonb('voice_latency').$type<TurnLatency>(),
    evaluation: jsonb('evaluation'),
    evaluationStatus: varchar('evaluation_status', { length: 10 }),
    evaluationError: text('evaluation_error'),
    rubricVersion: varchar('rubric_version', { length: 40 }),
    evaluationProvider: varchar('evaluation_provider', { length: 40 }),
    evaluationModel: varchar('evaluation_model', { length: 100 }),
    emotionSummary: jsonb('emotion_summary'),
    emotionStatus: varchar('emotion_status', { length: 10 }),
    answeredAt: timestamp('answered_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('interview_records_session_order_key').on(t.sessionId, t.order),
    check('interview_records_order', sql`${t.order} >= 1`),
    check('interview_records_answer_mode', sql`${t.answerMode} IS NULL OR ${t.answerMode} IN ('text', 'audio')`),
    check(
      'interview_records_evaluation_status',
      sql`${t.evaluationStatus} IS NULL OR ${t.evaluationStatus} IN ('pending', 'done', 'failed', 'skipped')`,
    ),
    check(
      'interview_records_emotion_status',
      sql`${t.emotionStatus} IS NULL OR ${t.emotionStatus} IN ('pending', 'done', 'failed', 'skipped')`,
    ),
  ],
);
