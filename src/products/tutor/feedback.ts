import { and, desc, eq, lt, or } from 'drizzle-orm';
import type { ProductContext } from '../../core/product.js';
import type { Db } from '../../core/db/database.js';
import { uuidv7 } from '../../core/db/ids.js';
import { inTransaction } from '../../core/db/transaction.js';
import { AppError } from '../../core/http/errors.js';
import { userChannel } from '../../core/realtime/channels.js';
import { feedbackMessages, learningSessions } from './schema.js';
import { isActiveTutorOf } from './matching.js';
import type { Feedback, FeedbackBody, MessageType } from './contract.js';

type FeedbackRow = typeof feedbackMessages.$inferSelect;

export function feedbackView(f: FeedbackRow): Feedback {
  return {
    feedbackId: f.id,
    tutorId: f.tutorId,
    studentId: f.studentId,
    message: f.message,
    messageType: f.messageType as MessageType,
    audioFileId: f.audioFileId,
    sessionId: f.sessionId,
    websocketSent: f.websocketSent,
    timestamp: f.createdAt.toISOString(),
  };
}

/**
 * A tutor's feedback to a linked student. Audio feedback is the tutor's recording, or else the text spoken by TTS. When the student
 * has an open connection it goes out live on `user:<id>` (`websocket_sent`); otherwise it becomes a
 * notification the student finds later.
 */
export async function sendFeedback(
  core: ProductContext,
  tutorId: string,
  input: Omit<FeedbackBody, 'messageType'> & { messageType: MessageType; recordedFileId?: string },
) {
  if (!(await isActiveTutorOf(core, tutorId, input.studentId))) throw new AppError('tutor.student_not_found', 404, 'student not found');
  if (input.sessionId) {
    const [s] = await core.db
      .select({ id: learningSessions.id })
      .from(learningSessions)
      .where(and(eq(learningSessions.id, input.sessionId), eq(learningSessions.studentId, input.studentId)));
    if (!s)
      throw new AppError('validation', 400, 'the session is not one of this student’s', {
        errors: [{ field: 'sessionId', message: 'is not a session of the student' }],
      });
  }
  let audioFileId: string | null = input.recordedFileId ?? null;
  if (input.messageType === 'audio' && !audioFileId) {
    const speech = await core.ai.speak(input.message, { format: 'wav', userId: tutorId, promptVersion: 'tutor.feedback-audio@1' });
    const file = await core.files.store({
      ownerId: tutorId,
      product: 'tutor',
      purpose: 'feedback-audio',
      body: speech.audio,
      contentType: speech.contentType,
      originalName: 'feedback.wav',
    });
    audioFileId = file.id;
  }
  const live = (await core.realtime.onlineUsers([input.studentId])).has(input.studentId);
  return inTransaction(core.db, async (tx, afterCommit) => {
    const [row] = await tx
      .insert(feedbackMessages)
      .values({
        id: uuidv7(),
        tutorId,
        studentId: input.studentId,
        message: input.message,
        messageType: input.messageType,
        audioFileId,
        sessionId: input.sessionId ?? null,
        websocketSent: live,
        createdAt: core.clock.now(),
      })
      .returning();
    const view = feedbackView(row!);
    if (live) await core.realtime.publish(userChannel(input.studentId), 'tutor.feedback', view, { tx, afterCommit });
    else
      await core.notify(
        {
          userId: input.studentId,
          type: 'feedback',
          title: 'New feedback from your tutor',
          message: input.message.slice(0, 200),
          data: { feedbackId: row!.id },
        },
        { tx, afterCommit },
      );
    return row!;
  });
}

/** The seed's composite key tutor#student: one thread, newest first. */
export function feedbackThreadQuery(db: Db, tutorId: string, studentId: string, limit: number, after?: { at: Date; id: string } | null) {
  return db
    .select()
    .from(feedbackMessages)
    .where(
      and(
        eq(feedbackMessages.tutorId, tutorId),
        eq(feedbackMessages.studentId, studentId),
        after
          ? or(lt(feedbackMessages.createdAt, after.at), and(eq(feedbackMessages.createdAt, after.at), lt(feedbackMessages.id, after.id)))
          : undefined,
      ),
    )
    .orderBy(desc(feedbackMessages.createdAt), desc(feedbackMessages.id))
    .limit(limit);
}

/** The seed's student_email-timestamp-index: everything a student received, newest first. */
export function studentFeedbackQuery(db: Db, studentId: string, limit: number, after?: { at: Date; id: string } | null) {
  return db
    .select()
    .from(feedbackMessages)
    .where(
      and(
        eq(feedbackMessages.studentId, studentId),
        after
          ? or(lt(feedbackMessages.createdAt, after.at), and(eq(feedbackMessages.createdAt, after.at), lt(feedbackMessages.id, after.id)))
          : undefined,
      ),
    )
    .orderBy(desc(feedbackMessages.createdAt), desc(feedbackMessages.id))
    .limit(limit);
}
