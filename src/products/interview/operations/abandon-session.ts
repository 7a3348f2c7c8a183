import { and, eq } from 'drizzle-orm';
import type { ProductContext } from '../../../core/product.js';
import { inTransaction } from '../../../core/db/transaction.js';
import { AppError } from '../../../core/http/errors.js';
import type { InterviewSession, SessionAbandonedEvent } from '../contract.js';
import { interviewChannel, sessionNotFound, sessionView } from '../interviews.js';
import { sessions } from '../schema.js';

/** Stops a session without finishing it; the row lock keeps a completion that lands meanwhile from being overwritten. */
export async function abandonSession(core: ProductContext, userId: string, sessionId: string): Promise<InterviewSession> {
  return inTransaction(core.db, async (tx, afterCommit) => {
    const [session] = await tx
      .select({ status: sessions.status })
      .from(sessions)
      .where(and(eq(sessions.id, sessionId), eq(sessions.userId, userId)))
      .for('update');
    if (!session) throw sessionNotFound();
    if (session.status === 'completed') throw new AppError('interview.session_closed', 409, 'the session is completed');
    const [row] = await tx
      .update(sessions)
      .set({ status: 'abandoned', updatedAt: core.clock.now() })
      .where(eq(sessions.id, sessionId))
      .returning();
    const event: SessionAbandonedEvent = { sessionId };
    await core.realtime.publish(interviewChannel(sessionId), 'session.abandoned', event, { tx, afterCommit });
    return sessionView(core, row!);
  });
}
