import { and, eq } from 'drizzle-orm';
import type { ProductContext } from '../../../core/product.js';
import { conversationNotFound } from '../conversations.js';
import { conversations } from '../schema.js';

/** Deletes the user's conversation; its messages go with it (foreign key cascade). */
export async function deleteConversation(core: ProductContext, userId: string, id: string): Promise<void> {
  const deleted = await core.db
    .delete(conversations)
    .where(and(eq(conversations.id, id), eq(conversations.userId, userId)))
    .returning({ id: conversations.id });
  if (!deleted.length) throw conversationNotFound();
}
