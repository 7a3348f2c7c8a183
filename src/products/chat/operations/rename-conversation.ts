import { and, eq } from 'drizzle-orm';
import type { Core } from '../../../core/context.js';
import { conversationNotFound, conversationView } from '../conversations.js';
import { conversations } from '../schema.js';
import type { Conversation } from '../contract.js';

export async function renameConversation(core: Core, userId: string, id: string, title: string): Promise<Conversation> {
  const [row] = await core.db
    .update(conversations)
    .set({ title })
    .where(and(eq(conversations.id, id), eq(conversations.userId, userId)))
    .returning();
  if (!row) throw conversationNotFound();
  return conversationView(row);
}
