import type { ProductContext } from '../../../core/product.js';
import { uuidv7 } from '../../../core/db/ids.js';
import { conversationView } from '../conversations.js';
import { aiConversations } from '../schema.js';
import type { Conversation, StartConversationBody } from '../contract.js';

/** A role play: the AI's role, the situation and the difficulty. */
export async function startConversation(core: ProductContext, studentId: string, input: StartConversationBody): Promise<Conversation> {
  const now = core.clock.now();
  const [row] = await core.db
    .insert(aiConversations)
    .values({
      id: uuidv7(),
      studentId,
      createdAt: now,
      updatedAt: now,
      difficulty: input.difficulty,
      role: input.role,
      situation: input.situation,
      topic: input.topic ?? null,
    })
    .returning();
  return conversationView(row!);
}
