import { Type } from 'typebox';
import { Nullable, Timestamp, Uuid } from '../../core/http/schemas.js';
import { defineWebhookEvent } from '../../core/webhooks/catalog.js';
import { EndedReason } from './contract.js';

/** A call reached ENDED, whatever ended it; the persona's name and the words said stay in Talkbase. */
export const callEndedEvent = defineWebhookEvent({
  type: 'calls.call.ended',
  summary: 'A call ended (hung up, timed out, lost its connection, or its persona was deleted)',
  payload: Type.Object(
    {
      callId: Uuid,
      personaId: Uuid,
      userId: Uuid,
      endedReason: EndedReason,
      startedAt: Nullable(Timestamp),
      endedAt: Timestamp,
      durationSeconds: Type.Integer({ minimum: 0, description: '0 when the call never connected' }),
    },
    { additionalProperties: false },
  ),
});

export const trainingCompletedEvent = defineWebhookEvent({
  type: 'calls.voice.training_completed',
  summary: 'A persona’s voice finished training: calls to it can connect',
  payload: Type.Object(
    { personaId: Uuid, userId: Uuid, trainingJobId: Type.String(), trainedVoiceId: Nullable(Type.String()), completedAt: Timestamp },
    { additionalProperties: false },
  ),
});

export const trainingFailedEvent = defineWebhookEvent({
  type: 'calls.voice.training_failed',
  summary: 'A persona’s voice training failed; the user can start it again',
  payload: Type.Object(
    { personaId: Uuid, userId: Uuid, trainingJobId: Type.String(), error: Type.String(), failedAt: Timestamp },
    { additionalProperties: false },
  ),
});

export const callsWebhookEvents = [callEndedEvent, trainingCompletedEvent, trainingFailedEvent];
