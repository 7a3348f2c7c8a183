import { Type } from 'typebox';
import { Timestamp, Uuid } from '../../core/http/schemas.js';
import { defineWebhookEvent } from '../../core/webhooks/catalog.js';

/** Every answer is evaluated and the overall score is set; the candidate's name, answers and emotions stay in Talkbase. */
export const interviewCompletedEvent = defineWebhookEvent({
  type: 'interview.session.completed',
  summary: 'A mock interview is complete: every answer evaluated, the overall score set',
  payload: Type.Object(
    {
      sessionId: Uuid,
      userId: Uuid,
      position: Type.String(),
      questionCount: Type.Integer({ minimum: 1 }),
      answeredCount: Type.Integer({ minimum: 0, description: 'Answers evaluated, follow-up questions included' }),
      overallScore: Type.Integer({ minimum: 0, maximum: 100 }),
      startedAt: Timestamp,
      completedAt: Timestamp,
    },
    { additionalProperties: false },
  ),
});

export const interviewWebhookEvents = [interviewCompletedEvent];
