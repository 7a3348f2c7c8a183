import { and, desc, eq } from 'drizzle-orm';
import type { ProductContext } from '../../../core/product.js';
import { AppError } from '../../../core/http/errors.js';
import { messageInConversation, ownMessage, type MessageRow } from '../conversations.js';
import { messages } from '../schema.js';
import { assertWithinDailyLimit } from '../usage.js';
import type { PendingReply } from './pending-reply.js';

/** Writes the latest reply again; the old one stays as another branch once the new one is stored. */
export async function regenerateReply(core: ProductContext, userId: string, messageId: string): Promise<PendingReply> {
  const { message } = await ownMessage(core, userId, messageId);
  if (message.role !== 'assistant' || !message.parentId) throw new AppError('chat.not_a_reply', 409, 'only a reply can be regenerated');
  await assertLatest(core, message);
  await assertWithinDailyLimit(core, userId);
  const userMessage = await messageInConversation(core, message.conversationId, message.parentId);
  return { userId, userMessage, replaces: message };
}

async function assertLatest(core: ProductContext, message: MessageRow): Promise<void> {
  const [latest] = await core.db
    .select({ id: messages.id })
    .from(messages)
    .where(and(eq(messages.conversationId, message.conversationId), eq(messages.active, true)))
    .orderBy(desc(messages.createdAt), desc(messages.id))
    .limit(1);
  if (!message.active || latest?.id !== message.id) throw new AppError('chat.not_latest', 409, 'only the latest reply can be regenerated');
}
