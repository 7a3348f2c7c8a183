import type { ProductContext } from '../../../core/product.js';
import { conversationView, rolePlayMessages, storeTurn } from '../conversations.js';
import type { TakenTurn } from '../contract.js';

/** One turn: the student speaks, the AI answers in its role through core.ai.chat; turn and count saved together. */
export async function takeTurn(core: ProductContext, studentId: string, conversationId: string, text: string): Promise<TakenTurn> {
  const messages = await rolePlayMessages(core, studentId, conversationId, text);
  const reply = await core.ai.chat({ messages, userId: studentId, promptVersion: 'tutor.conversation@1', maxTokens: 300 }).result;
  const { conversation, turn } = await storeTurn(core, conversationId, text, reply.text.trim() || '…');
  return { conversation: conversationView(conversation), turn };
}
