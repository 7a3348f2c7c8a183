import type { ProductContext } from '../../core/product.js';
import { ownedRowChannelKind } from '../../core/realtime/channels.js';
import type { TransactionScope } from '../../core/realtime/realtime.js';
import { conversations } from './schema.js';
import type { ConversationEvents } from './contract.js';

export const conversationChannel = (conversationId: string) => `conversation:${conversationId}`;

/** Stored, sequenced events a client can replay after a reconnect. */
export function publishConversationEvent<E extends 'message.created' | 'message.completed' | 'message.failed'>(
  core: ProductContext,
  conversationId: string,
  event: E,
  data: ConversationEvents[E],
  scope?: TransactionScope,
) {
  return core.realtime.publish(conversationChannel(conversationId), event, data, scope);
}

/** Token deltas are not stored: the completed message is. */
export function publishDelta(core: ProductContext, conversationId: string, data: ConversationEvents['message.delta']) {
  return core.realtime.publishEphemeral(conversationChannel(conversationId), 'message.delta', data);
}

/** `conversation:<id>` is for the conversation's owner only. */
export const conversationChannelKind = ownedRowChannelKind('conversation', conversations.id, conversations.userId);
