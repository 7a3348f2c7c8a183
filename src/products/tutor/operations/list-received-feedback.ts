import type { ProductContext } from '../../../core/product.js';
import { feedbackView, studentFeedbackQuery } from '../feedback.js';
import type { Feedback } from '../contract.js';

/** Everything the student received, newest first. */
export async function listReceivedFeedback(core: ProductContext, studentId: string, limit = 50): Promise<Feedback[]> {
  return (await studentFeedbackQuery(core.db, studentId, limit)).map(feedbackView);
}
