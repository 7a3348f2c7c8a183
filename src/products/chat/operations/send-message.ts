import type { ProductContext } from '../../../core/product.js';
import { storeUserMessage } from '../conversations.js';
import { assertWithinDailyLimit } from '../usage.js';
import type { PendingReply } from './pending-reply.js';

/** Stores the user's message in their conversation (the transaction that checks it is theirs); the reply follows. */
export async function sendMessage(core: ProductContext, userId: string, conversationId: string, content: string): Promise<PendingReply> {
  await assertWithinDailyLimit(core, userId);
  return { userId, userMessage: await storeUserMessage(core, userId, conversationId, content) };
}
