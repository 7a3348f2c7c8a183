import type { ProductContext } from '../../../core/product.js';
import { conversationView, createConversation } from '../conversations.js';
import type { Conversation, StartConversationBody } from '../contract.js';

export async function startConversation(core: ProductContext, userId: string, input: StartConversationBody): Promise<Conversation> {
  return conversationView(await createConversation(core, userId, input));
}
