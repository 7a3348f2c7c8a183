import { eq } from 'drizzle-orm';
import type { Core } from '../../../core/context.js';
import { AppError } from '../../../core/http/errors.js';
import type { InterviewSession, SessionAbandonedEvent } from '../contract.js';
import { interviewChannel, ownSession, sessionView } from '../interviews.js';
import { sessions } from '../schema.js';

/** Stops a session without finishing it. */
export async function abandonSession(core: Core, userId: string, sessionId: string): Promise<InterviewSession> {
  const session = await ownSession(core, userId, sessionId);
  if (session.status === 'completed') throw new AppError('interview.session_closed', 409, 'the session is completed');
  const [row] = await core.db
    .update(sessions)
    .set({ status: 'abandoned', updatedAt: core.clock.now() })
    .where(eq(sessions.id, sessionId))
    .returning();
  const event: SessionAbandonedEvent = { sessionId };
  await core.realtime.publish(interviewChannel(sessionId), 'session.abandoned', event);
  return sessionView(core, row!);
}
