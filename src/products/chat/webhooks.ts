import { defineWebhookEvent } from '../../core/webhooks/catalog.js';
import { ReplyCompletedPayload } from './contract.js';

/** A persona's reply is stored; its text stays in Talkbase (read it with GET /v1/chat/conversations/{id}/messages). */
export const replyCompletedEvent = defineWebhookEvent({
  type: 'chat.reply.completed',
  summary: 'A persona finished its reply to the user’s message (the stream ended or was stopped)',
  payload: ReplyCompletedPayload,
});

export const chatWebhookEvents = [replyCompletedEvent];
