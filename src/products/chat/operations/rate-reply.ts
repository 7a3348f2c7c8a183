import type { ProductContext } from '../../../core/product.js';
import { AppError } from '../../../core/http/errors.js';
import { messageView, ownMessage, setFeedback } from '../conversations.js';
import type { FeedbackRating, Message } from '../contract.js';

/** Thumbs up or down on a reply in the user's conversation; a null rating clears it. */
export async function rateReply(
  core: ProductContext,
  userId: string,
  messageId: string,
  rating: FeedbackRating | null,
  comment: string | null,
): Promise<Message> {
  const { message } = await ownMessage(core, userId, messageId);
  if (message.role !== 'assistant') {
    throw new AppError('validation', 400, 'feedback is for replies', { errors: [{ field: 'id', message: 'is not a reply' }] });
  }
  return messageView(await setFeedback(core, message.id, rating, comment));
}
