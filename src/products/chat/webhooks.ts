import { Type } from 'typebox';
import { Nullable, Timestamp, Uuid } from '../../core/http/schemas.js';
import { defineWebhookEvent } from '../../core/webhooks/catalog.js';

/** A persona's reply is stored; its text stays in Talkbase (read it with GET /v1/chat/conversations/{id}/messages). */
export const replyCompletedEvent = defineWebhookEvent({
  type: 'chat.reply.completed',
  summary: 'A persona finished its reply to the user’s message (the stream ended or was stopped)',
  payload: Type.Object(
    {
      conversationId: Uuid,
      messageId: Uuid,
      replyToMessageId: Uuid,
      userId: Uuid,
      personaId: Type.String(),
      unfinished: Type.Boolean({ description: 'The stream was stopped or cut off before the reply was complete' }),
      emotion: Nullable(Type.String()),
      tokensUsed: Type.Integer({ minimum: 0 }),
      provider: Type.String(),
      model: Type.String(),
      latencyMs: Type.Integer({ minimum: 0 }),
      createdAt: Timestamp,
    },
    { additionalProperties: false },
  ),
});

export const chatWebhookEvents = [replyCompletedEvent];
