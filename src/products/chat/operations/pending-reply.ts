import type { MessageRow } from '../conversations.js';

/** A stored user message waiting for the persona's reply, and the reply it replaces when regenerating. */
export interface PendingReply {
  userId: string;
  userMessage: MessageRow;
  replaces?: MessageRow;
}
