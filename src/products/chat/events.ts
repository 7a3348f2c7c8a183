import type { Core } from '../../core/context.js';
import { ownedRowChannelKind } from '../../core/realtime/channels.js';
import type { TransactionScope } from '../../core/realtime/realtime.js';
import { conversations } from './schema.js';

export const conversationChannel = (conversationId: string) => `conversation:${conversationId}`;

/** Stored, sequenced events a client can replay after a reconnect. */
export function publishConversationEvent(core: Core, conversationId: string, event: string, data: unknown, scope?: TransactionScope) {
  return core.realtime.publish(conversationChannel(conversationId), event, data, scope);
}

/** Token deltas are not stored: the completed message is. */
export function publishDelta(core: Core, conversationId: string, data: { messageId: string | null; delta: string }) {
  return core.realtime.publishEphemeral(conversationChannel(conversationId), 'message.delta', data);
}

/** `conversation:<id>` is for the conversation's owner only. */
export const conversationChannelKind = ownedRowChannelKind('conversation', conversations.id, conversations.userId);
