import { and, asc, eq, sql } from 'drizzle-orm';
import type { ProductContext } from '../../core/product.js';
import { inTransaction } from '../../core/db/transaction.js';
import { emotionTask } from '../../core/ai/tasks.js';
import { answerEvaluationTask } from './ai-tasks.js';
import { records, sessions } from './schema.js';
import type { EmotionSummary, Evaluation, EvaluationFailedEvent, OverallEvaluation } from './contract.js';
import { assertEmotionSummary, assertEvaluation } from './evaluation-checks.js';
import { EVALUATION_RETRIES, interviewChannel, recordView, sessionEventView, type RecordRow } from './interviews.js';
import { interviewCompletedEvent } from './webhooks.js';
import { interviewSettings } from './environment.js';

/** The background job: evaluate the answer and analyse its emotion, then complete the session when all is done. */
export async function evaluateRecord(core: ProductContext, recordId: string, attempt: number) {
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
      const task = answerEvaluationTask.request({ position: session.position, question: record.questionText, answer: record.answerText! });
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
      if (core.settings(interviewSettings).emotionAnalysis) {
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
      } satisfies EvaluationFailedEvent);
    throw err;
  }
  await completeIfDone(core, session.id);
}

/** Mean score, strongest and weakest answer, and the strengths and improvements named most often. */
function overallEvaluation(all: RecordRow[]): OverallEvaluation {
  const scored = all.map((r) => ({ r, e: r.evaluation as Evaluation }));
  const score = Math.round(scored.reduce((s, x) => s + x.e.score, 0) / scored.length);
  const byScore = [...scored].sort((a, b) => b.e.score - a.e.score || a.r.order - b.r.order);
  const pick = (x: (typeof scored)[number] | undefined) => (x ? { order: x.r.order, question: x.r.questionText, score: x.e.score } : null);
  const tally = (key: 'strengths' | 'improvements') => {
    const counts = new Map<string, number>();
    for (const x of scored) for (const s of x.e[key]) counts.set(s, (counts.get(s) ?? 0) + 1);
    return [...counts]
      .sort((a, b) => b[1] - a[1])
      .slice(0, 5)
      .map(([s]) => s);
  };
  return {
    score,
    strongest: pick(byScore[0]),
    weakest: pick(byScore[byScore.length - 1]),
    strengths: tally('strengths'),
    improvements: tally('improvements'),
    rubricVersion: all[0]?.rubricVersion ?? null,
  };
}

/** The answers' emotion scores averaged, or null when no answer was analysed. */
function overallEmotion(all: RecordRow[]): EmotionSummary | null {
  const emotions = all.map((r) => r.emotionSummary as EmotionSummary | null).filter((e): e is EmotionSummary => !!e);
  if (!emotions.length) return null;
  const sums = new Map<string, number>();
  for (const e of emotions) for (const [k, v] of Object.entries(e.emotion_scores)) sums.set(k, (sums.get(k) ?? 0) + v);
  const scores = Object.fromEntries([...sums].map(([k, v]) => [k, Math.round((v / emotions.length) * 1000) / 1000]));
  const dominant = [...sums].sort((a, b) => b[1] - a[1])[0]![0];
  return assertEmotionSummary({ dominant_emotion: dominant, emotion_scores: scores });
}

/**
 * Completes the session once every question is answered and evaluated: mean score, strongest and weakest, emotions.
 * With `rescore`, a session already completed gets its overall evaluation computed again (an evaluation was edited).
 */
export async function completeIfDone(core: ProductContext, sessionId: string, options: { rescore?: boolean } = {}) {
  await inTransaction(core.db, async (tx, afterCommit) => {
    const [session] = await tx.select().from(sessions).where(eq(sessions.id, sessionId)).for('update');
    if (!session || (session.status === 'completed' && !options.rescore)) return;
    const all = await tx.select().from(records).where(eq(records.sessionId, sessionId)).orderBy(asc(records.order));
    const main = all.filter((r) => r.parentOrder === null);
    if (main.length < session.questionCount) return;
    if (all.some((r) => r.answerText === null || r.evaluationStatus !== 'done' || r.emotionStatus === 'pending')) return;
    const overall = overallEvaluation(all);
    const now = core.clock.now();
    const rescored = session.status === 'completed';
    const [done] = await tx
      .update(sessions)
      .set({
        status: 'completed',
        overallScore: overall.score,
        overallEvaluation: overall,
        emotionSummary: overallEmotion(all),
        completedAt: session.completedAt ?? now,
        updatedAt: now,
      })
      .where(eq(sessions.id, sessionId))
      .returning();
    if (!rescored)
      await core.webhooks.emit(tx, interviewCompletedEvent, {
        sessionId,
        userId: done!.userId,
        position: done!.position,
        questionCount: done!.questionCount,
        answeredCount: all.length,
        overallScore: overall.score,
        startedAt: done!.createdAt.toISOString(),
        completedAt: done!.completedAt!.toISOString(),
      });
    const event = rescored ? 'session.rescored' : 'session.completed';
    await core.realtime.publish(interviewChannel(sessionId), event, sessionEventView(core, done!), { tx, afterCommit });
  });
}
