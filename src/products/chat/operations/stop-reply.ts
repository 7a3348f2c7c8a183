import type { ProductContext } from '../../../core/product.js';
import { ownConversation } from '../conversations.js';
import type { ReplyStreams } from '../reply-streams.js';
import type { StopResult } from '../contract.js';

/** Stops the replies being written in the user's conversation, on whichever instance writes them. */
export async function stopReply(core: ProductContext, streams: ReplyStreams, userId: string, conversationId: string): Promise<StopResult> {
  await ownConversation(core, userId, conversationId);
  return { stopped: await streams.stop(conversationId) };
}
