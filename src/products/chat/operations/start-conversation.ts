import type { Core } from '../../../core/context.js';
import { conversationView, createConversation } from '../conversations.js';
import type { Conversation, StartConversationBody } from '../contract.js';

export async function startConversation(core: Core, userId: string, input: StartConversationBody): Promise<Conversation> {
  return conversationView(await createConversation(core, userId, input));
}
