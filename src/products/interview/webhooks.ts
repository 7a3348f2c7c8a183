import { defineWebhookEvent } from '../../core/webhooks/catalog.js';
import { SessionCompletedPayload } from './contract.js';

/** Every answer is evaluated and the overall score is set; the candidate's name, answers and emotions stay in Talkbase. */
export const interviewCompletedEvent = defineWebhookEvent({
  type: 'interview.session.completed',
  summary: 'A mock interview is complete: every answer evaluated, the overall score set',
  payload: SessionCompletedPayload,
});

export const interviewWebhookEvents = [interviewCompletedEvent];
