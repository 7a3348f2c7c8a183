import type { ProductContext } from '../../../core/product.js';
import { ownConversation } from '../conversations.js';
import { pendingUserMessage } from '../replies.js';
import { assertWithinDailyLimit } from '../usage.js';
import type { PendingReply } from './pending-reply.js';

/** Answers again a message of the user's whose reply failed. */
export async function retryReply(core: ProductContext, userId: string, conversationId: string, messageId: string): Promise<PendingReply> {
  await ownConversation(core, userId, conversationId);
  const userMessage = await pendingUserMessage(core, conversationId, messageId);
  await assertWithinDailyLimit(core, userId);
  return { userId, userMessage };
}
