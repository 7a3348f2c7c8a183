import { and, desc, eq, type SQL } from 'drizzle-orm';
import { afterKey } from '../../core/http/pagination.js';
import type { ProductContext } from '../../core/product.js';
import type { Db } from '../../core/db/database.js';
import { uuidv7 } from '../../core/db/ids.js';
import { inTransaction } from '../../core/db/transaction.js';
import { AppError } from '../../core/http/errors.js';
import { userChannel } from '../../core/realtime/channels.js';
import { feedbackMessages, learningSessions } from './schema.js';
import { findProfile, isActiveTutorOf, studentNotFound } from './matching.js';
import type { Feedback, MessageType } from './contract.js';

type FeedbackRow = typeof feedbackMessages.$inferSelect;

export function feedbackView(f: FeedbackRow): Feedback {
  return {
    feedbackId: f.id,
    tutorId: f.tutorId,
    studentId: f.studentId,
    message: f.message,
    messageType: f.messageType,
    audioFileId: f.audioFileId,
    sessionId: f.sessionId,
    websocketSent: f.websocketSent,
    timestamp: f.createdAt.toISOString(),
  };
}

/** Feedback goes from a tutor to a student they tutor now; to anyone else the student does not exist. */
export async function assertTutorOf(core: ProductContext, userId: string, studentId: string): Promise<void> {
  const profile = await findProfile(core, userId);
  if (profile?.role !== 'tutor') throw new AppError('tutor.profile_required', 409, 'this needs a tutor profile (PUT /v1/tutor/profile)');
  if (!(await isActiveTutorOf(core, userId, studentId))) throw studentNotFound();
}

/** Feedback about a session must be about one of the student's. */
export async function assertStudentSession(core: ProductContext, studentId: string, sessionId: string | undefined): Promise<void> {
  if (!sessionId) return;
  const [session] = await core.db
    .select({ id: learningSessions.id })
    .from(learningSessions)
    .where(and(eq(learningSessions.id, sessionId), eq(learningSessions.studentId, studentId)));
  if (!session)
    throw new AppError('validation', 400, 'the session is not one of this student’s', {
      errors: [{ field: 'sessionId', message: 'is not a session of the student' }],
    });
}

export interface FeedbackDelivery {
  studentId: string;
  message: string;
  messageType: MessageType;
  sessionId?: string;
  audioFileId: string | null;
}

/**
 * Stores a tutor's feedback. When the student has an open connection it goes out live on `user:<id>`
 * (`websocket_sent`); otherwise it becomes a notification the student finds later.
 */
export async function deliverFeedback(core: ProductContext, tutorId: string, input: FeedbackDelivery): Promise<Feedback> {
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
        audioFileId: input.audioFileId,
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
          data: { feedbackId: view.feedbackId },
        },
        { tx, afterCommit },
      );
    return view;
  });
}

/** Feedback matching `where`, newest first, after the cursor. */
function newestFeedback(db: Db, where: SQL[], limit: number, after?: { at: Date; id: string } | null) {
  return db
    .select()
    .from(feedbackMessages)
    .where(and(...where, afterKey(feedbackMessages.createdAt, feedbackMessages.id, after, 'desc')))
    .orderBy(desc(feedbackMessages.createdAt), desc(feedbackMessages.id))
    .limit(limit);
}

/** The seed's composite key tutor#student: one thread, newest first. */
export function feedbackThreadQuery(db: Db, tutorId: string, studentId: string, limit: number, after?: { at: Date; id: string } | null) {
  return newestFeedback(db, [eq(feedbackMessages.tutorId, tutorId), eq(feedbackMessages.studentId, studentId)], limit, after);
}

/** The seed's student_email-timestamp-index: everything a student received, newest first. */
export function studentFeedbackQuery(db: Db, studentId: string, limit: number, after?: { at: Date; id: string } | null) {
  return newestFeedback(db, [eq(feedbackMessages.studentId, studentId)], limit, after);
}
