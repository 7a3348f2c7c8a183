import type { ProductContext } from '../../../core/product.js';
import type { AuthUser } from '../../../core/identity/access.js';
import { conversationByIdQuery, conversationNotFound, conversationTurnsQuery, conversationView, turnView } from '../conversations.js';
import { assertCanViewStudent } from '../matching.js';
import type { ConversationWithTurns } from '../contract.js';

/** A conversation with its turns, for the student, a linked tutor or an admin; to anyone else it does not exist. */
export async function getConversation(core: ProductContext, viewer: AuthUser, conversationId: string): Promise<ConversationWithTurns> {
  const [conversation] = await conversationByIdQuery(core.db, conversationId);
  if (!conversation) throw conversationNotFound();
  try {
    await assertCanViewStudent(core, viewer, conversation.studentId);
  } catch {
    throw conversationNotFound();
  }
  const turns = await conversationTurnsQuery(core.db, conversation.id);
  return { conversation: conversationView(conversation), turns: turns.map(turnView) };
}
