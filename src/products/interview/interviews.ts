import { and, asc, desc, eq, isNotNull, sql } from 'drizzle-orm';
import { pgErrorCode, UNIQUE_VIOLATION } from '../../core/db/database.js';
import type { Core } from '../../core/context.js';
import type { Db } from '../../core/db/database.js';
import { uuidv7 } from '../../core/db/ids.js';
import { inTransaction } from '../../core/db/transaction.js';
import { AppError } from '../../core/http/errors.js';
import { afterCursor, toPage } from '../../core/http/pagination.js';
import { answerEvaluationTask, emotionTask, interviewQuestionTask } from '../../core/ai/tasks.js';
import { getProfile } from '../../core/identity/accounts.js';
import { records, sessions } from './schema.js';
import { assertEmotionSummary, assertEvaluation, type EmotionSummary, type Evaluation } from './shapes.js';
import { emitWebhookEvent } from '../../core/webhooks/outbound.js';
import { interviewCompletedEvent } from './webhooks.js';

export type SessionRow = typeof sessions.$inferSelect;
export type RecordRow = typeof records.$inferSelect;
type TaskStatus = 'pending' | 'done' | 'failed' | 'skipped';

export const EVALUATE_JOB = 'interview.evaluate';
export const EVALUATION_RETRIES = 3;

export const interviewChannel = (sessionId: string) => `interview:${sessionId}`;
const sessionNotFound = () => new AppError('interview.session_not_found', 404, 'interview session not found');

export async function ownSession(core: Core, userId: string, id: string): Promise<SessionRow> {
  const [row] = await core.db
    .select()
    .from(sessions)
    .where(and(eq(sessions.id, id), eq(sessions.userId, userId)));
  if (!row) throw sessionNotFound();
  return row;
}

export function recordView(r: RecordRow) {
  return {
    id: r.id,
    order: r.order,
    parentOrder: r.parentOrder,
    questionText: r.questionText,
    answerText: r.answerText,
    answerMode: r.answerMode as 'text' | 'audio' | null,
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

export function sessionView(core: Core, s: SessionRow) {
  return {
    id: s.id,
    userName: core.crypt.openOptional(sessions.userName, s.id, s.userName),
    position: s.position,
    status: s.status as 'started' | 'in_progress' | 'completed' | 'abandoned',
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
export function sessionEventView(core: Core, s: SessionRow) {
  const { userName: _name, ...view } = sessionView(core, s);
  return view;
}

export interface OverallEvaluation {
  score: number;
  strongest: { order: number; question: string; score: number } | null;
  weakest: { order: number; question: string; score: number } | null;
  strengths: string[];
  improvements: string[];
  rubricVersion: string | null;
}

async function askQuestion(core: Core, userId: string, position: string, previous: { question: string; answer?: string | null }[]) {
  const result = await core.ai.chat({ ...interviewQuestionTask({ position, previous }), userId }).result;
  const question = (result.json as { question?: string } | undefined)?.question?.trim();
  if (!question) throw new AppError('ai.invalid_output', 502, 'the engine gave no question');
  return { question, provider: result.provider, model: result.model };
}

export interface StartOptions {
  /** Called after the session row is written, inside the transaction (tests inject a failure here). */
  afterSessionInsert?: (tx: Db) => Promise<void> | void;
}

/** A session and its first question, written in one transaction. */
export async function startSession(
  core: Core,
  userId: string,
  input: { position: string; questionCount?: number },
  opts: StartOptions = {},
) {
  const position = input.position.trim();
  const first = await askQuestion(core, userId, position, []);
  const profile = await getProfile(core, userId);
  const id = uuidv7();
  return inTransaction(core.db, async (tx, afterCommit) => {
    const now = core.clock.now();
    const [session] = await tx
      .insert(sessions)
      .values({
        id,
        userId,
        userName: core.crypt.sealOptional(sessions.userName, id, profile.fullName ?? profile.username),
        position,
        questionCount: input.questionCount ?? core.config.interview.questionCount,
        createdAt: now,
        updatedAt: now,
      })
      .returning();
    await opts.afterSessionInsert?.(tx);
    const [record] = await tx
      .insert(records)
      .values({
        id: uuidv7(),
        sessionId: id,
        order: 1,
        questionText: first.question,
        questionProvider: first.provider,
        questionModel: first.model,
        createdAt: now,
      })
      .returning();
    await core.realtime.publish(interviewChannel(id), 'question.asked', recordView(record!), { tx, afterCommit });
    return { session: session!, record: record! };
  });
}

export async function sessionRecords(core: Core, sessionId: string) {
  return core.db.select().from(records).where(eq(records.sessionId, sessionId)).orderBy(asc(records.order));
}

export async function listSessions(core: Core, userId: string, opts: { limit: number; cursor?: string; position?: string }) {
  const conditions = [eq(sessions.userId, userId), afterCursor(opts.cursor, sessions.createdAt, sessions.id, 'desc')];
  if (opts.position) conditions.push(eq(sessions.position, opts.position));
  const rows = await core.db
    .select()
    .from(sessions)
    .where(and(...conditions))
    .orderBy(desc(sessions.createdAt), desc(sessions.id))
    .limit(opts.limit + 1);
  return toPage(
    rows,
    opts.limit,
    (s) => [s.createdAt.toISOString(), s.id],
    (s) => sessionView(core, s),
  );
}

const wordCount = (text: string) => text.split(/\s+/).filter(Boolean).length;

export interface AnswerInput {
  /** The question answered: an answer always names it, so a repeated request cannot answer the next one. */
  order: number;
  text: string;
  mode: 'text' | 'audio';
  durationSeconds?: number;
}

/**
 * Stores the answer and enqueues its evaluation in the same transaction, so an answer is never kept
 * without the work that evaluates it. Then, unless this was the last question, asks the next one.
 */
export async function answerQuestion(core: Core, userId: string, sessionId: string, input: AnswerInput) {
  const answered = await inTransaction(core.db, async (tx, afterCommit) => {
    const [session] = await tx
      .select()
      .from(sessions)
      .where(and(eq(sessions.id, sessionId), eq(sessions.userId, userId)))
      .for('update');
    if (!session) throw sessionNotFound();
    if (session.status === 'completed' || session.status === 'abandoned') {
      throw new AppError('interview.session_closed', 409, `the session is ${session.status}`);
    }
    const [open] = await tx
      .select()
      .from(records)
      .where(and(eq(records.sessionId, sessionId), sql`${records.answerText} IS NULL`))
      .orderBy(asc(records.order))
      .limit(1);
    if (!open || input.order !== open.order) {
      const [target] = await tx
        .select({ answered: isNotNull(records.answerText) })
        .from(records)
        .where(and(eq(records.sessionId, sessionId), eq(records.order, input.order)));
      if (target?.answered)
        throw new AppError('interview.already_answered', 409, `question ${input.order} is answered already`, {
          errors: [{ field: 'order', message: 'is answered already' }],
        });
      if (!open) throw new AppError('interview.no_open_question', 409, 'every question is answered; ask for the next one');
      throw new AppError('interview.wrong_question', 409, `question ${open.order} is the one waiting for an answer`, {
        errors: [{ field: 'order', message: `must be ${open.order}` }],
      });
    }
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
        emotionStatus: core.config.interview.emotionAnalysis ? 'pending' : 'skipped',
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
  const all = await sessionRecords(core, sessionId);
  const mainQuestions = all.filter((r) => r.parentOrder === null).length;
  let next: RecordRow | null = null;
  if (mainQuestions < answered.session.questionCount) next = await addQuestion(core, userId, answered.session, all);
  return { record: answered.record, next };
}

/** Asks the next question (or a follow-up to `followUpTo`), taking earlier questions and answers into account. */
export async function addQuestion(core: Core, userId: string, session: SessionRow, existing?: RecordRow[], followUpTo?: number) {
  const all = existing ?? (await sessionRecords(core, session.id));
  if (all.some((r) => r.answerText === null)) throw new AppError('interview.question_open', 409, 'answer the current question first');
  const previous = all.map((r) => ({ question: r.questionText, answer: r.answerText }));
  if (followUpTo !== undefined && !all.some((r) => r.order === followUpTo)) {
    throw new AppError('validation', 400, `there is no question ${followUpTo}`, {
      errors: [{ field: 'followUpTo', message: 'is not a question of this session' }],
    });
  }
  const asked = await askQuestion(
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

/** The background job: evaluate the answer and analyse its emotion, then complete the session when all is done. */
export async function evaluateRecord(core: Core, recordId: string, attempt: number) {
  const [row] = await core.db
    .select({ record: records, session: sessions })
    .from(records)
    .innerJoin(sessions, eq(sessions.id, records.sessionId))
    .where(eq(records.id, recordId));
  if (!row || row.record.answerText === null) return;
  const { record, session } = row;
  try {
    const patch: Partial<typeof records.$inferInsert> = {};
    if (record.evaluationStatus !== 'done') {
      const task = answerEvaluationTask({ position: session.position, question: record.questionText, answer: record.answerText! });
      const result = await core.ai.chat({ ...task, userId: session.userId }).result;
      Object.assign(patch, {
        evaluation: assertEvaluation(result.json),
        evaluationStatus: 'done',
        evaluationError: null,
        rubricVersion: task.promptVersion,
        evaluationProvider: result.provider,
        evaluationModel: result.model,
      });
    }
    if (record.emotionStatus === 'pending') {
      if (core.config.interview.emotionAnalysis) {
        const result = await core.ai.chat({ ...emotionTask(record.answerText!), userId: session.userId }).result;
        const e = result.json as { dominantEmotion: string; emotionScores: Record<string, number> };
        patch.emotionSummary = assertEmotionSummary({ dominant_emotion: e.dominantEmotion, emotion_scores: e.emotionScores });
        patch.emotionStatus = 'done';
      } else {
        patch.emotionStatus = 'skipped';
      }
    }
    await inTransaction(core.db, async (tx, afterCommit) => {
      const [updated] = await tx.update(records).set(patch).where(eq(records.id, recordId)).returning();
      await core.realtime.publish(interviewChannel(session.id), 'record.evaluated', recordView(updated!), { tx, afterCommit });
    });
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    const last = attempt > EVALUATION_RETRIES;
    await core.db
      .update(records)
      .set({ evaluationError: message.slice(0, 500), ...(last ? { evaluationStatus: 'failed' } : {}) })
      .where(and(eq(records.id, recordId), sql`${records.evaluationStatus} <> 'done'`));
    if (last)
      await core.realtime.publish(interviewChannel(session.id), 'record.evaluation_failed', {
        recordId,
        order: record.order,
        error: message.slice(0, 200),
      });
    throw err;
  }
  await completeIfDone(core, session.id);
}

/**
 * Completes the session once every question is answered and evaluated: mean score, strongest and weakest, emotions.
 * With `rescore`, a session already completed gets its overall evaluation computed again (an evaluation was edited).
 */
export async function completeIfDone(core: Core, sessionId: string, options: { rescore?: boolean } = {}) {
  await inTransaction(core.db, async (tx, afterCommit) => {
    const [session] = await tx.select().from(sessions).where(eq(sessions.id, sessionId)).for('update');
    if (!session || (session.status === 'completed' && !options.rescore)) return;
    const all = await tx.select().from(records).where(eq(records.sessionId, sessionId)).orderBy(asc(records.order));
    const main = all.filter((r) => r.parentOrder === null);
    if (main.length < session.questionCount) return;
    if (all.some((r) => r.answerText === null || r.evaluationStatus !== 'done' || r.emotionStatus === 'pending')) return;
    const scored = all.map((r) => ({ r, e: r.evaluation as Evaluation }));
    const score = Math.round(scored.reduce((s, x) => s + x.e.score, 0) / scored.length);
    const byScore = [...scored].sort((a, b) => b.e.score - a.e.score || a.r.order - b.r.order);
    const pick = (x: (typeof scored)[number] | undefined) =>
      x ? { order: x.r.order, question: x.r.questionText, score: x.e.score } : null;
    const tally = (key: 'strengths' | 'improvements') => {
      const counts = new Map<string, number>();
      for (const x of scored) for (const s of x.e[key]) counts.set(s, (counts.get(s) ?? 0) + 1);
      return [...counts]
        .sort((a, b) => b[1] - a[1])
        .slice(0, 5)
        .map(([s]) => s);
    };
    const overall: OverallEvaluation = {
      score,
      strongest: pick(byScore[0]),
      weakest: pick(byScore[byScore.length - 1]),
      strengths: tally('strengths'),
      improvements: tally('improvements'),
      rubricVersion: all[0]?.rubricVersion ?? null,
    };
    const emotions = all.map((r) => r.emotionSummary as EmotionSummary | null).filter((e): e is EmotionSummary => !!e);
    let emotionSummary: EmotionSummary | null = null;
    if (emotions.length) {
      const sums = new Map<string, number>();
      for (const e of emotions) for (const [k, v] of Object.entries(e.emotion_scores)) sums.set(k, (sums.get(k) ?? 0) + v);
      const scores = Object.fromEntries([...sums].map(([k, v]) => [k, Math.round((v / emotions.length) * 1000) / 1000]));
      const dominant = [...sums].sort((a, b) => b[1] - a[1])[0]![0];
      emotionSummary = assertEmotionSummary({ dominant_emotion: dominant, emotion_scores: scores });
    }
    const now = core.clock.now();
    const rescored = session.status === 'completed';
    const [done] = await tx
      .update(sessions)
      .set({
        status: 'completed',
        overallScore: score,
        overallEvaluation: overall,
        emotionSummary,
        completedAt: session.completedAt ?? now,
        updatedAt: now,
      })
      .where(eq(sessions.id, sessionId))
      .returning();
    if (!rescored)
      await emitWebhookEvent(core, tx, interviewCompletedEvent, {
        sessionId,
        userId: done!.userId,
        position: done!.position,
        questionCount: done!.questionCount,
        answeredCount: all.length,
        overallScore: score,
        startedAt: done!.createdAt.toISOString(),
        completedAt: done!.completedAt!.toISOString(),
      });
    await core.realtime.publish(
      interviewChannel(sessionId),
      rescored ? 'session.rescored' : 'session.completed',
      sessionEventView(core, done!),
      {
        tx,
        afterCommit,
      },
    );
  });
}

export async function retryEvaluation(core: Core, userId: string, sessionId: string, order: number) {
  await ownSession(core, userId, sessionId);
  const [record] = await core.db
    .select()
    .from(records)
    .where(and(eq(records.sessionId, sessionId), eq(records.order, order)));
  if (!record) throw new AppError('interview.record_not_found', 404, `no question ${order} in this session`);
  if (record.answerText === null) throw new AppError('interview.not_answered', 409, 'the question has no answer yet');
  if (record.evaluationStatus === 'done' && record.emotionStatus !== 'pending' && record.emotionStatus !== 'failed') {
    throw new AppError('interview.already_evaluated', 409, 'the answer is already evaluated');
  }
  const [updated] = await core.db
    .update(records)
    .set({
      evaluationStatus: record.evaluationStatus === 'done' ? 'done' : 'pending',
      evaluationError: null,
      emotionStatus: record.emotionStatus === 'failed' ? 'pending' : record.emotionStatus,
    })
    .where(eq(records.id, record.id))
    .returning();
  await core.jobs.send(EVALUATE_JOB, { recordId: record.id }, { retryLimit: EVALUATION_RETRIES });
  return updated!;
}

/** Completed sessions' scores over time, per position. */
export async function scoreTrend(core: Core, userId: string, position?: string) {
  const rows = await core.db
    .select({ id: sessions.id, position: sessions.position, score: sessions.overallScore, completedAt: sessions.completedAt })
    .from(sessions)
    .where(and(eq(sessions.userId, userId), isNotNull(sessions.completedAt), position ? eq(sessions.position, position) : undefined))
    .orderBy(asc(sessions.position), asc(sessions.completedAt))
    .limit(1000);
  const byPosition = new Map<string, { sessionId: string; score: number; completedAt: string }[]>();
  for (const r of rows) {
    const list = byPosition.get(r.position) ?? [];
    list.push({ sessionId: r.id, score: r.score ?? 0, completedAt: r.completedAt!.toISOString() });
    byPosition.set(r.position, list);
  }
  return [...byPosition].map(([p, points]) => ({
    position: p,
    points,
    average: Math.round(points.reduce((s, x) => s + x.score, 0) / points.length),
    change: points.length > 1 ? points[points.length - 1]!.score - points[0]!.score : 0,
  }));
}

export async function abandonSession(core: Core, sessionId: string) {
  const [row] = await core.db
    .update(sessions)
    .set({ status: 'abandoned', updatedAt: core.clock.now() })
    .where(eq(sessions.id, sessionId))
    .returning();
  await core.realtime.publish(interviewChannel(sessionId), 'session.abandoned', { sessionId });
  return row!;
}
