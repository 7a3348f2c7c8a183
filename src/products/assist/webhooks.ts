import { Type } from 'typebox';
import { Nullable, Timestamp, Uuid } from '../../core/http/schemas.js';
import { defineWebhookEvent } from '../../core/webhooks/catalog.js';

/**
 * A consultation ended. `summary` is the one piece of free text any event carries, because a CRM receiving the
 * consultation needs it: it is the assistant's summary of what was said and can mention the customer's own details,
 * so only endpoints allowed to hold consultation records should take this event. Names and transcripts stay in Talkbase.
 */
export const roomEndedEvent = defineWebhookEvent({
  type: 'assist.room.ended',
  summary: 'A consultation room ended, with the consultation’s summary',
  payload: Type.Object(
    {
      roomId: Uuid,
      sessionId: Uuid,
      agentId: Uuid,
      customerId: Nullable(Uuid),
      consultationType: Type.String(),
      channel: Type.Union([Type.Literal('voice'), Type.Literal('chat'), Type.Literal('video')]),
      startedAt: Timestamp,
      endedAt: Timestamp,
      durationSeconds: Type.Integer({ minimum: 0 }),
      turns: Type.Integer({ minimum: 0, description: 'Final transcript segments kept with the consultation' }),
      summary: Nullable(Type.String()),
    },
    { additionalProperties: false },
  ),
});

export const assistWebhookEvents = [roomEndedEvent];
