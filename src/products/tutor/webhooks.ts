import { defineWebhookEvent } from '../../core/webhooks/catalog.js';
import { SessionCompletedPayload, StudentLinkedPayload } from './contract.js';

/** A learning session ended and counted into the student's day; what was said stays in Talkbase. */
export const sessionCompletedEvent = defineWebhookEvent({
  type: 'tutor.session.completed',
  summary: 'A student’s practice or conversation session ended and was added to the day’s statistics',
  payload: SessionCompletedPayload,
});

export const studentLinkedEvent = defineWebhookEvent({
  type: 'tutor.student.linked',
  summary: 'A tutor approved a student’s request: the student is now theirs',
  payload: StudentLinkedPayload,
});

export const tutorWebhookEvents = [sessionCompletedEvent, studentLinkedEvent];
