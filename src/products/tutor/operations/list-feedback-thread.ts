import type { ProductContext } from '../../../core/product.js';
import type { AuthUser } from '../../../core/identity/access.js';
import { feedbackThreadQuery, feedbackView } from '../feedback.js';
import { assertCanViewStudent } from '../matching.js';
import type { Feedback } from '../contract.js';

/** The viewer's feedback thread with a student, newest first. */
export async function listFeedbackThread(core: ProductContext, viewer: AuthUser, studentId: string, limit = 50): Promise<Feedback[]> {
  await assertCanViewStudent(core, viewer, studentId);
  return (await feedbackThreadQuery(core.db, viewer.id, studentId, limit)).map(feedbackView);
}
