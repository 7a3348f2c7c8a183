import type { FastifyRequest } from 'fastify';
import type { ProductContext } from '../../../core/product.js';
import { assertStudentSession, assertTutorOf, deliverFeedback } from '../feedback.js';
import { AUDIO_UPLOAD_KINDS, type Feedback, type RecordedFeedbackQuery } from '../contract.js';

/** The tutor's own recording as feedback to a linked student; the recording is only received once the tutor may send it. */
export async function sendRecordedFeedback(
  core: ProductContext,
  request: FastifyRequest,
  tutorId: string,
  input: RecordedFeedbackQuery,
): Promise<Feedback> {
  await assertTutorOf(core, tutorId, input.studentId);
  const file = await core.files.receive(request, { product: 'tutor', purpose: 'feedback-audio', accept: AUDIO_UPLOAD_KINDS });
  try {
    await assertStudentSession(core, input.studentId, input.sessionId);
    return await deliverFeedback(core, tutorId, { ...input, messageType: 'audio', audioFileId: file.id });
  } catch (err) {
    await core.files.deleteNow([file.id]);
    throw err;
  }
}
