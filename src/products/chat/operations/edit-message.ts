import type { ProductContext } from '../../../core/product.js';
import { AppError } from '../../../core/http/errors.js';
import { ownMessage, storeUserMessage } from '../conversations.js';
import { assertWithinDailyLimit } from '../usage.js';
import type { PendingReply } from './pending-reply.js';

/** Edits one of the user's messages into a new branch; a new reply follows. */
export async function editMessage(core: ProductContext, userId: string, messageId: string, content: string): Promise<PendingReply> {
  const { message } = await ownMessage(core, userId, messageId);
  if (message.role !== 'user') throw new AppError('chat.not_user_message', 409, 'only your own messages can be edited');
  if (!message.active) throw new AppError('chat.inactive_branch', 409, 'switch to this branch before editing it');
  await assertWithinDailyLimit(core, userId);
  const edited = await storeUserMessage(core, userId, message.conversationId, content, { replacing: message });
  return { userId, userMessage: edited };
}
