import { and, eq } from 'drizzle-orm';
import type { ProductContext } from '../../../core/product.js';
import { conversationNotFound, conversationView } from '../conversations.js';
import { conversations } from '../schema.js';
import type { Conversation } from '../contract.js';

export async function renameConversation(core: ProductContext, userId: string, id: string, title: string): Promise<Conversation> {
  const [row] = await core.db
    .update(conversations)
    .set({ title })
    .where(and(eq(conversations.id, id), eq(conversations.userId, userId)))
    .returning();
  if (!row) throw conversationNotFound();
  return conversationView(row);
}
