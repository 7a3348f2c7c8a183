import { defineWebhookEvent } from '../../core/webhooks/catalog.js';
import { CallEndedPayload, TrainingCompletedPayload, TrainingFailedPayload } from './contract.js';

/** A call reached ENDED, whatever ended it; the persona's name and the words said stay in Talkbase. */
export const callEndedEvent = defineWebhookEvent({
  type: 'calls.call.ended',
  summary: 'A call ended (hung up, timed out, lost its connection, or its persona was deleted)',
  payload: CallEndedPayload,
});

export const trainingCompletedEvent = defineWebhookEvent({
  type: 'calls.voice.training_completed',
  summary: 'A persona’s voice finished training: calls to it can connect',
  payload: TrainingCompletedPayload,
});

export const trainingFailedEvent = defineWebhookEvent({
  type: 'calls.voice.training_failed',
  summary: 'A persona’s voice training failed; the user can start it again',
  payload: TrainingFailedPayload,
});

export const callsWebhookEvents = [callEndedEvent, trainingCompletedEvent, trainingFailedEvent];
