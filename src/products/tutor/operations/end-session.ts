import { and, eq, sql } from 'drizzle-orm';
import type { ProductContext } from '../../../core/product.js';
import { inTransaction } from '../../../core/db/transaction.js';
import { AppError } from '../../../core/http/errors.js';
import { tutorSettings } from '../environment.js';
import { addToDay, dateIn, sessionView, statisticsView } from '../statistics.js';
import { dailyStatistics, learningSessions } from '../schema.js';
import { sessionCompletedEvent } from '../webhooks.js';
import type { EndedSession, EndSessionBody } from '../contract.js';

const sessionEnded = () => new AppError('tutor.session_ended', 409, 'the session has already ended');

/**
 * Ends a session and adds it to its day's statistics in the same transaction (see addToDay): concurrent ends
 * for one student and day queue on the day's row and none is lost.
 */
export async function endSession(core: ProductContext, studentId: string, sessionId: string, input: EndSessionBody): Promise<EndedSession> {
  assertResponseMeasures(input);
  const { timeZone } = core.settings(tutorSettings);
  return inTransaction(core.db, async (tx) => {
    const now = core.clock.now();
    const [current] = await tx
      .select()
      .from(learningSessions)
      .where(and(eq(learningSessions.id, sessionId), eq(learningSessions.studentId, studentId)));
    if (!current) throw new AppError('tutor.session_not_found', 404, 'learning session not found');
    if (current.endedAt) throw sessionEnded();
    const duration = input.duration ?? Math.max(0, (now.getTime() - current.startedAt.getTime()) / 1000);
    if (input.speakingDuration > duration) {
      throw new AppError('validation', 400, 'speakingDuration cannot exceed duration', {
        errors: [{ field: 'speakingDuration', message: `must be at most ${duration}` }],
      });
    }
    const [ended] = await tx
      .update(learningSessions)
      .set({
        endedAt: now,
        duration,
        speakingDuration: input.speakingDuration,
        recordingTime: input.recordingTime ?? null,
        paceRatio: input.paceRatio ?? null,
        responseLatency: input.responseLatency ?? null,
        responseQuality: input.responseQuality ?? null,
        chatTurns: input.chatTurns ?? 0,
        practiceCount: input.practiceCount ?? 0,
      })
      .where(and(eq(learningSessions.id, sessionId), sql`${learningSessions.endedAt} IS NULL`))
      .returning();
    // A concurrent end of the same session won the row after it was read.
    if (!ended) throw sessionEnded();
    await addToDay(tx, sessionId, now, timeZone);
    await core.webhooks.emit(tx, sessionCompletedEvent, {
      sessionId,
      studentId,
      sessionType: ended.sessionType,
      startedAt: ended.startedAt.toISOString(),
      endedAt: now.toISOString(),
      durationSeconds: duration,
      speakingSeconds: input.speakingDuration,
      chatTurns: ended.chatTurns,
      practiceCount: ended.practiceCount,
    });
    const [day] = await tx
      .select()
      .from(dailyStatistics)
      .where(and(eq(dailyStatistics.studentId, studentId), eq(dailyStatistics.date, dateIn(ended.startedAt, timeZone))));
    return { session: sessionView(ended), statistics: statisticsView(day!) };
  });
}

/** A response's latency and quality are measured together, or not at all. */
function assertResponseMeasures(input: EndSessionBody): void {
  if ((input.responseLatency === undefined) === (input.responseQuality === undefined)) return;
  throw new AppError('validation', 400, 'responseLatency and responseQuality come together', {
    errors: [
      {
        field: input.responseLatency === undefined ? 'responseLatency' : 'responseQuality',
        message: 'is required with the other response measure',
      },
    ],
  });
}
