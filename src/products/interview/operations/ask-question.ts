import type { ProductContext } from '../../../core/product.js';
import type { AskQuestionBody, InterviewRecord } from '../contract.js';
import { addQuestion, assertSessionOpen, ownSession, recordView } from '../interviews.js';

/** The next question now (after a failed attempt), or a follow-up to an earlier one. */
export async function askQuestion(
  core: ProductContext,
  userId: string,
  sessionId: string,
  body: AskQuestionBody,
): Promise<InterviewRecord> {
  const session = await ownSession(core, userId, sessionId);
  assertSessionOpen(session);
  return recordView(await addQuestion(core, session.userId, session, undefined, body.followUpTo));
}
