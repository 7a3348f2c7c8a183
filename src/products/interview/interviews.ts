import { and, asc, desc, eq, isNotNull, sql } from 'drizzle-orm';
import { pgErrorCode, UNIQUE_VIOLATION } from '../../core/db/database.js';
import type { ProductContext } from '../../core/product.js';
import type { Db } from '../../core/db/database.js';
import { uuidv7 } from '../../core/db/ids.js';
import { inTransaction } from '../../core/db/transaction.js';
import { AppError } from '../../core/http/errors.js';
import { interviewQuestionTask } from './ai-tasks.js';
import { records, sessions } from './schema.js';
import type {
  AnswerMode,
  AnswerResult,
  EmotionSummary,
  Evaluation,
  InterviewRecord,
  InterviewSession,
  OverallEvaluation,
  SessionEvent,
  SessionStatus,
  TaskStatus,
} from './contract.js';
import { interviewSettings } from './environment.js';

export type SessionRow = typeof sessions.$inferSelect;
export type RecordRow = typeof records.$inferSelect;

export const EVALUATE_JOB = 'interview.evaluate';
export const EVALUATION_RETRIES = 3;

export const interviewChannel = (sessionId: string) => `interview:${sessionId}`;
export const sessionNotFound = () => new AppError('interview.session_not_found', 404, 'interview session not found');

export async function ownSession(core: ProductContext, userId: string, id: string): Promise<SessionRow> {
  const [row] = await core.db
    .select()
    .from(sessions)
    .where(and(eq(sessions.id, id), eq(sessions.userId, userId)));
  if (!row) throw sessionNotFound();
  return row;
}

export function recordView(r: RecordRow): InterviewRecord {
  return {
    id: r.id,
    order: r.order,
    parentOrder: r.parentOrder,
    questionText: r.questionText,
    answerText: r.answerText,
    answerMode: r.answerMode as AnswerMode | null,
    answerDurationSeconds: r.answerDurationSeconds,
    timeToAnswerMs: r.timeToAnswerMs,
    wordsPerMinute: r.wordsPerMinute,
    voiceLatency: r.voiceLatency ?? null,
    evaluation: (r.evaluation as Evaluation | null) ?? null,
    evaluationStatus: r.evaluationStatus as TaskStatus | null,
    rubricVersion: r.rubricVersion,
    evaluationProvider: r.evaluationProvider,
    evaluationModel: r.evaluationModel,
    emotionSummary: (r.emotionSummary as EmotionSummary | null) ?? null,
    emotionStatus: r.emotionStatus as TaskStatus | null,
    answeredAt: r.answeredAt?.toISOString() ?? null,
    createdAt: r.createdAt.toISOString(),
  };
}

export function sessionView(core: ProductContext, s: SessionRow): InterviewSession {
  return {
    id: s.id,
    userName: core.crypt.openOptional(sessions.userName, s.id, s.userName),
    position: s.position,
    status: s.status as SessionStatus,
    questionCount: s.questionCount,
    overallScore: s.overallScore,
    overallEvaluation: (s.overallEvaluation as OverallEvaluation | null) ?? null,
    emotionSummary: (s.emotionSummary as EmotionSummary | null) ?? null,
    completedAt: s.completedAt?.toISOString() ?? null,
    createdAt: s.createdAt.toISOString(),
  };
}

/**
 * A session as its `interview:<id>` events carry it: the view without the candidate's name, which is encrypted at rest
 * and must not be copied into stored events (a client reads it from GET /v1/interview/sessions/:id).
 */
export function sessionEventView(core: ProductContext, s: SessionRow): SessionEvent {
  const { userName: _name, ...view } = sessionView(core, s);
  return view;
}

export function assertSessionOpen(session: Pick<SessionRow, 'status'>) {
  if (session.status === 'completed' || session.status === 'abandoned')
    throw new AppError('interview.session_closed', 409, `the session is ${session.status}`);
}

/** The first question still waiting for an answer. */
export async function openQuestion(db: Db, sessionId: string): Promise<RecordRow | undefined> {
  const [open] = await db
    .select()
    .from(records)
    .where(and(eq(records.sessionId, sessionId), sql`${records.answerText} IS NULL`))
    .orderBy(asc(records.order))
    .limit(1);
  return open;
}

/** The session's question `order`, which must have an answer. */
export async function answeredRecord(core: ProductContext, sessionId: string, order: number): Promise<RecordRow> {
  const [record] = await core.db
    .select()
    .from(records)
    .where(and(eq(records.sessionId, sessionId), eq(records.order, order)));
  if (!record) throw new AppError('interview.record_not_found', 404, `no question ${order} in this session`);
  if (record.answerText === null) throw new AppError('interview.not_answered', 409, 'the question has no answer yet');
  return record;
}

export async function generateQuestion(
  core: ProductContext,
  userId: string,
  position: string,
  previous: { question: string; answer?: string | null }[],
) {
  const result = await core.ai.chat({ ...interviewQuestionTask.request({ position, previous }), userId }).result;
  const question = (result.json as { question?: string } | undefined)?.question?.trim();
  if (!question) throw new AppError('ai.invalid_output', 502, 'the engine gave no question');
  return { question, provider: result.provider, model: result.model };
}

export async function sessionRecords(core: ProductContext, sessionId: string) {
  return core.db.select().from(records).where(eq(records.sessionId, sessionId)).orderBy(asc(records.order));
}

const wordCount = (text: string) => text.split(/\s+/).filter(Boolean).length;

export interface AnswerInput {
  /** The question answered: an answer always names it, so a repeated request cannot answer the next one. */
  order: number;
  text: string;
  mode: AnswerMode;
  durationSeconds?: number;
}

/** Why `order` cannot be answered now: it is answered already, nothing is open, or another question is waiting. */
async function refuseAnswer(tx: Db, sessionId: string, open: RecordRow | undefined, order: number): Promise<never> {
  const [target] = await tx
    .select({ answered: isNotNull(records.answerText) })
    .from(records)
    .where(and(eq(records.sessionId, sessionId), eq(records.order, order)));
  if (target?.answered)
    throw new AppError('interview.already_answered', 409, `question ${order} is answered already`, {
      errors: [{ field: 'order', message: 'is answered already' }],
    });
  if (!open) throw new AppError('interview.no_open_question', 409, 'every question is answered; ask for the next one');
  throw new AppError('interview.wrong_question', 409, `question ${open.order} is the one waiting for an answer`, {
    errors: [{ field: 'order', message: `must be ${open.order}` }],
  });
}

/** Stores the answer and enqueues its evaluation in the same transaction, so an answer is never kept without the work that evaluates it. */
async function recordAnswer(core: ProductContext, userId: string, sessionId: string, input: AnswerInput) {
  return inTransaction(core.db, async (tx, afterCommit) => {
    const [session] = await tx
      .select()
      .from(sessions)
      .where(and(eq(sessions.id, sessionId), eq(sessions.userId, userId)))
      .for('update');
    if (!session) throw sessionNotFound();
    assertSessionOpen(session);
    const open = await openQuestion(tx, sessionId);
    if (!open || input.order !== open.order) return refuseAnswer(tx, sessionId, open, input.order);
    const now = core.clock.now();
    const words = wordCount(input.text);
    const [record] = await tx
      .update(records)
      .set({
        answerText: input.text,
        answerMode: input.mode,
        answerDurationSeconds: input.durationSeconds ?? null,
        timeToAnswerMs: Math.max(0, now.getTime() - open.createdAt.getTime()),
        wordsPerMinute: input.durationSeconds ? Math.round((words / input.durationSeconds) * 600) / 10 : null,
        answeredAt: now,
        evaluationStatus: 'pending',
        emotionStatus: core.settings(interviewSettings).emotionAnalysis ? 'pending' : 'skipped',
      })
      .where(eq(records.id, open.id))
      .returning();
    await tx.update(sessions).set({ status: 'in_progress', updatedAt: now }).where(eq(sessions.id, sessionId));
    await core.jobs.send(
      EVALUATE_JOB,
      { recordId: open.id },
      { tx, idempotencyKey: `evaluate:${open.id}:${now.getTime()}`, retryLimit: EVALUATION_RETRIES },
    );
    await core.realtime.publish(interviewChannel(sessionId), 'answer.received', recordView(record!), { tx, afterCommit });
    return { session, record: record! };
  });
}

/** Stores the answer, then, unless this was the last question, asks the next one. */
export async function answerQuestion(core: ProductContext, userId: string, sessionId: string, input: AnswerInput): Promise<AnswerResult> {
  const answered = await recordAnswer(core, userId, sessionId, input);
  const all = await sessionRecords(core, sessionId);
  const mainQuestions = all.filter((r) => r.parentOrder === null).length;
  const next = mainQuestions < answered.session.questionCount ? await addQuestion(core, userId, answered.session, all) : null;
  return { record: recordView(answered.record), next: next ? recordView(next) : null };
}

/** Asks the next question (or a follow-up to `followUpTo`), taking earlier questions and answers into account. */
export async function addQuestion(core: ProductContext, userId: string, session: SessionRow, existing?: RecordRow[], followUpTo?: number) {
  const all = existing ?? (await sessionRecords(core, session.id));
  if (all.some((r) => r.answerText === null)) throw new AppError('interview.question_open', 409, 'answer the current question first');
  const previous = all.map((r) => ({ question: r.questionText, answer: r.answerText }));
  if (followUpTo !== undefined && !all.some((r) => r.order === followUpTo)) {
    throw new AppError('validation', 400, `there is no question ${followUpTo}`, {
      errors: [{ field: 'followUpTo', message: 'is not a question of this session' }],
    });
  }
  const asked = await generateQuestion(
    core,
    userId,
    followUpTo !== undefined
      ? `${session.position} (follow-up on: ${all.find((r) => r.order === followUpTo)!.questionText})`
      : session.position,
    previous,
  );
  try {
    return await inTransaction(core.db, async (tx, afterCommit) => {
      // The session row is the lock: two requests for a next question run one after the other, and the second sees the first's.
      const [locked] = await tx.select({ status: sessions.status }).from(sessions).where(eq(sessions.id, session.id)).for('update');
      if (!locked || locked.status === 'completed' || locked.status === 'abandoned')
        throw new AppError('interview.session_closed', 409, `the session is ${locked?.status ?? 'gone'}`);
      const [pending] = await tx
        .select({ order: records.order })
        .from(records)
        .where(and(eq(records.sessionId, session.id), sql`${records.answerText} IS NULL`))
        .limit(1);
      if (pending) throw new AppError('interview.question_open', 409, `answer question ${pending.order} first`);
      const [last] = await tx
        .select({ order: records.order })
        .from(records)
        .where(eq(records.sessionId, session.id))
        .orderBy(desc(records.order))
        .limit(1);
      const [record] = await tx
        .insert(records)
        .values({
          id: uuidv7(),
          sessionId: session.id,
          order: (last?.order ?? 0) + 1,
          parentOrder: followUpTo ?? null,
          questionText: asked.question,
          questionProvider: asked.provider,
          questionModel: asked.model,
          createdAt: core.clock.now(),
        })
        .returning();
      await core.realtime.publish(interviewChannel(session.id), 'question.asked', recordView(record!), { tx, afterCommit });
      return record!;
    });
  } catch (err) {
    if (pgErrorCode(err) === UNIQUE_VIOLATION) throw new AppError('interview.question_open', 409, 'another question was just asked');
    throw err;
  }
}
