import { Type } from 'typebox';
import { Timestamp, Uuid } from '../../core/http/schemas.js';
import { defineWebhookEvent } from '../../core/webhooks/catalog.js';

/** A learning session ended and counted into the student's day; what was said stays in Talkbase. */
export const sessionCompletedEvent = defineWebhookEvent({
  type: 'tutor.session.completed',
  summary: 'A student’s practice or conversation session ended and was added to the day’s statistics',
  payload: Type.Object(
    {
      sessionId: Uuid,
      studentId: Uuid,
      sessionType: Type.Union([Type.Literal('practice'), Type.Literal('conversation')]),
      startedAt: Timestamp,
      endedAt: Timestamp,
      durationSeconds: Type.Number({ minimum: 0 }),
      speakingSeconds: Type.Number({ minimum: 0 }),
      chatTurns: Type.Integer({ minimum: 0 }),
      practiceCount: Type.Integer({ minimum: 0 }),
    },
    { additionalProperties: false },
  ),
});

export const studentLinkedEvent = defineWebhookEvent({
  type: 'tutor.student.linked',
  summary: 'A tutor approved a student’s request: the student is now theirs',
  payload: Type.Object({ requestId: Uuid, tutorId: Uuid, studentId: Uuid, linkedAt: Timestamp }, { additionalProperties: false }),
});

export const tutorWebhookEvents = [sessionCompletedEvent, studentLinkedEvent];
